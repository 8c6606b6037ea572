"""Production: refuses to start without SECRET_KEY, ALLOWED_HOSTS and a shared cache; HTTPS only."""

import os

from django.core.exceptions import ImproperlyConfigured

for required in ("SECRET_KEY", "ALLOWED_HOSTS"):
    if not os.environ.get(required, "").strip():
        raise ImproperlyConfigured(f"{required} must be set in the environment for production.")

if not os.environ.get("REDIS_URL", "").strip() and os.environ.get("CACHE_BACKEND", "").strip().lower() != "database":
    # Rate limits, allauth's lockout and the page cache must count across every process (gunicorn workers).
    raise ImproperlyConfigured("REDIS_URL must be set in the environment for production (or CACHE_BACKEND=database "
                               "after `manage.py createcachetable`): every process must share one cache.")

os.environ["DEBUG"] = "false"

from .base import *  # noqa: E402,F403

if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("dev-", "test-")):  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be a long random value in production.")

STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
