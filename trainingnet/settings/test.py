"""Tests: mail to the outbox, tasks run immediately, fast password hashing."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret-trainingnet")
os.environ.setdefault("ALLOWED_HOSTS", "*")
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
os.environ.setdefault("TRAININGNET_VAR_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "var", "test"))

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_AUTOREFRESH = True
PAGE_CACHE_SECONDS = int(os.environ.get("TEST_PAGE_CACHE_SECONDS", "0"))  # tests of the cache turn it on themselves

# The single sign-on test (tests/trainingnet/test_sign_on.py) runs a real OpenID Connect provider in the live server:
# django-oauth-toolkit, a dev dependency, with a signing key made for this run.
INSTALLED_APPS = [*INSTALLED_APPS, "oauth2_provider"]  # noqa: F405


def _signing_key() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": _signing_key(),
    "SCOPES": {"openid": "OpenID Connect", "profile": "Naam", "email": "E-mailadres"},
    "OAUTH2_VALIDATOR_CLASS": "tests.trainingnet.oidc_provider.MunicipalityIdentityValidator",
    "PKCE_REQUIRED": True,
}

# CI runs the task tests a second time on the RQ queue (TASKS_BACKEND=django_tasks_rq.RQBackend and REDIS_URL or
# TASKS_REDIS_URL): jobs go through Redis and RQ's job machinery, and run at once in the test process.
RQ_QUEUES["default"]["ASYNC"] = os.environ.get("TASKS_RQ_ASYNC", "false").lower() == "true"  # noqa: F405

# Mutation testing (`make mutate`) runs a few tests per mutant: a test database kept in a file (with pytest's
# --reuse-db) saves migrating a fresh one each time.
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}  # noqa: F405
