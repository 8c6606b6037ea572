"""Browser tests: Debian's Chromium driven by Playwright against Django's live server, and axe-core checks.

Without Chromium these tests skip with a message saying how to install it, except when CI=true, where a missing
browser fails the run.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]
SERIOUS = {"serious", "critical"}


def _browser_missing_reason() -> str | None:
    if not os.path.exists(CHROMIUM):
        return "Chromium not found: install it with `apt-get install -y chromium` (or set CHROMIUM_PATH)."
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright not installed: run `make setup`."
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _browser_missing_reason()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server, registry):
    """A fresh browser tab with a Dutch locale and a phone-friendly default size; base URL is the live server."""
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    tab = context.new_page()
    yield tab
    context.close()


def axe_violations(page) -> list[dict]:
    """Serious and critical WCAG violations that axe-core finds on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a",
                                                                            "wcag21aa"]}})
    return [v for v in results.response["violations"] if v.get("impact") in SERIOUS]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, "axe-core: " + "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations
    )
