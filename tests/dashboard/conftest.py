from tests.maturity.conftest import site_home  # noqa: F401
