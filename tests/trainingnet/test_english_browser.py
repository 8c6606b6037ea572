"""An English reader chooses English in the footer and meets no Dutch interface text on the pages they use most."""

import pytest

from tests.translations import data_vocabulary, page_titles, untranslated

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# The text a reader sees or hears, except inside an element marked as another language (lang="nl").
VISIBLE_TEXT = """() => {
    const english = (element) => {
        const marked = element.closest('[lang]');
        return !marked || marked.lang.toLowerCase().startsWith('en');
    };
    const texts = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const element = walker.currentNode.parentElement;
        if (!element || element.closest('script, style, template, noscript') || !english(element)) continue;
        if (walker.currentNode.textContent.trim()) texts.push(walker.currentNode.textContent);
    }
    for (const element of document.body.querySelectorAll('[alt], [title], [aria-label], [placeholder]')) {
        if (!english(element)) continue;
        for (const name of ['alt', 'title', 'aria-label', 'placeholder']) {
            if (element.getAttribute(name)) texts.push(element.getAttribute(name));
        }
    }
    return texts;
}"""


def test_an_english_reader_finds_no_dutch_on_the_pages_they_use(page, live_server, home):
    from tests.accessibility.test_templates import build_data, session_cookies

    data = build_data()
    known = data_vocabulary() | page_titles()  # the CMS page's title is in the document title, next to English
    page.goto("/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".language-switch [aria-current=true]").inner_text() == "English"
    language_cookie = next(c for c in page.context.cookies() if c["name"] == "django_language")

    visits = [
        ("home page", "/", None),
        ("course list", "/trainingen/", None),
        ("agenda", "/agenda/", None),
        ("session page", data.session.get_absolute_url(), "staff"),
        ("intake form", "/hulp-vragen/", None),
        ("profile", "/accounts/profiel/", "staff"),
    ]
    cookies = session_cookies(data.users, live_server.url)
    failures = []
    for name, path, user in visits:
        page.context.clear_cookies()
        page.context.add_cookies([language_cookie, *([cookies[user]] if user else [])])
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == "en", name
        texts = page.evaluate(VISIBLE_TEXT)
        assert len(texts) > 10, f"{name}: {texts}"
        failures += [f"{name} ({path}): {text}" for text in untranslated(texts, known)]
    assert not failures, "Dutch interface text for an English reader:\n" + "\n".join(failures)
