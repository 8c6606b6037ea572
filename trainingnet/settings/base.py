"""Settings shared by every environment. Values come from the environment only.

`dev.py` and `test.py` set development defaults in the environment before importing this module;
`production.py` refuses to start without the secrets a real deployment must provide.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "trainingnet"
VAR_DIR = Path(os.environ.get("TRAININGNET_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "trainingnet.apps.UsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    # The platform's own parts, after Wagtail's apps so that their ready() runs after Wagtail's (courses replaces
    # Wagtail's moderation mails, courses/notifications.py). Their templates are in templates/, which comes first.
    "trainingnet",
    "courses",
    "scheduling",
    "experts",
    "support_requests",
    "maturity",
    "cascade",
    "dashboard",
    "questions",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "django_tasks_rq",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django.contrib.admin",
    "django.contrib.auth",
    "rules.apps.AutodiscoverRulesConfig",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "trainingnet.middleware.DutchFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "trainingnet.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "trainingnet.security.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "trainingnet.urls"
WSGI_APPLICATION = "trainingnet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "trainingnet.context_processors.navigation",
                "trainingnet.page_cache.csrf_placeholder",
            ],
        },
    },
]

# Database: a SQLite file under var/ unless DATABASE_URL says otherwise (PostgreSQL in CI and production).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'trainingnet.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the task worker share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "trainingnet.User"
AUTHENTICATION_BACKENDS = [
    # The roles' permissions (each app's rules.py) first: answered from the roles cached on the user, no query.
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "my_trainingnet"
CSRF_FAILURE_VIEW = "trainingnet.views.csrf_failure"

# django-allauth: the email address is the login, verified before first use.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "trainingnet.forms.SignupProfileForm"
ACCOUNT_ADAPTER = "trainingnet.accounts.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Trainingnet] "
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# Behind a proxy (nginx doing TLS) set TRUSTED_PROXY_COUNT=1, so that rate limits count the visitor's address from
# X-Forwarded-For rather than the proxy's (allauth and the intake form use the same address).
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Single sign-on per municipality: allauth's OpenID Connect provider, one app per municipality's SignOn
# (trainingnet/sign_on.py). The municipality's identity provider vouches for the address it sends.
SOCIALACCOUNT_ADAPTER = "trainingnet.sign_on.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_STORE_TOKENS = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}

# Internationalisation: Dutch first, English selectable.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
# Office hours of the support desk (the first response to a non-acute request runs only inside them;
# support_requests/deadlines.py). Acute requests run around the clock.
SUPPORT_OFFICE_HOURS = os.environ.get("SUPPORT_OFFICE_HOURS", "08:30-17:00")
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands")]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Mail: SMTP settings from the environment; development prints to the console, tests use the outbox.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Trainingnet <noreply@trainingnet.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Cache: local memory on one machine, Redis when REDIS_URL is set, or the database when CACHE_BACKEND=database
# (`manage.py createcachetable`). Rate limits, allauth's lockout and the page cache live here: production refuses
# to start without a cache that all processes share.
REDIS_URL = os.environ.get("REDIS_URL", "")
DATABASE_CACHE = os.environ.get("CACHE_BACKEND", "").strip().lower() == "database"

# Background work through the Django Tasks API: the database queue (`manage.py db_worker`) by default; with
# REDIS_URL an RQ queue in Redis (django-tasks-rq), worked by as many `manage.py rqworker default` as needed.
# TASKS_BACKEND chooses explicitly (tests: immediate; the bench: dummy).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND") or (
    "django_tasks_rq.RQBackend" if REDIS_URL else "django_tasks_db.DatabaseBackend")
TASKS = {"default": {"BACKEND": TASKS_BACKEND, **({"QUEUES": ["default"]} if "rq" in TASKS_BACKEND else {})}}
RQ_QUEUES = {"default": {"URL": os.environ.get("TASKS_REDIS_URL", REDIS_URL or "redis://127.0.0.1:6379/0"),
                         "DEFAULT_TIMEOUT": 600}}
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "trainingnet_cache"}
        if DATABASE_CACHE
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "trainingnet"}
    )
}

# Sessions are kept in the database; with Redis they are read from the cache (one query less per logged-in page).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"

# Anonymous pages are cached this long (and emptied on every change): see trainingnet/page_cache.py.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))

# Search: Wagtail's database backend by default, Elasticsearch 8 when ELASTICSEARCH_URL is set.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# Pages get the same stemmed words on every backend (trainingnet/search_text.py); on Elasticsearch the `dutch` analyzer
# is the index's default analyzer on top of that.
ELASTICSEARCH_PAGES_BACKEND = {
    "BACKEND": "wagtail.search.backends.elasticsearch8",
    "URLS": [ELASTICSEARCH_URL],
    "INDEX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "trainingnet") + "_pages",
    "OPTIONS": {},
    "INDEX_SETTINGS": {"settings": {"analysis": {"analyzer": {"default": {"type": "dutch"}}}}},
}
WAGTAILSEARCH_BACKENDS = {
    "default": (
        ELASTICSEARCH_PAGES_BACKEND
        if ELASTICSEARCH_URL
        else {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "dutch"}
    )
}

WAGTAIL_SITE_NAME = "Trainingnet"
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "programmabureau@trainingnet.example")
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_URL = WAGTAILADMIN_BASE_URL
WAGTAILDOCS_EXTENSIONS = ["pdf", "pptx", "docx", "xlsx", "odp", "odt"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "courses.documents.VersionedDocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("DOCUMENT_MAX_UPLOAD_MB", "25")) * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILADMIN_LOGIN_URL = "admin_access"  # visitors go on to the login; members without access get a page
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: the CSP allows no outside images and a mail hash is not shared; Wagtail shows its own default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Content Security Policy (django-csp): no inline script or style on the public site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
