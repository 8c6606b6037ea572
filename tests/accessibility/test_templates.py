"""axe-core over every public page template.

PAGES maps each template that renders a whole page (it extends base.html, directly or through a layout) to how a
user reaches it: the URL, who is logged in, and which state of the page is shown (an empty list, a form with
validation errors, the header of a visitor or a member). `test_every_page_template_has_an_axe_check` fails, without a
browser, when a page template has no entry, so a new template cannot go unchecked; the browser test opens every
entry once, checks that the URL really rendered the template it claims, and runs axe-core on it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template.loader import get_template

# Folders under a template directory that hold pieces of pages or mails, or the Wagtail admin's own templates.
NOT_PAGES = re.compile(r"(^|/)(includes|blocks|mail)/|^wagtailusers/|^[^/]+/admin/")
EXTENDS = re.compile(r"""\{%\s*extends\s+["']([^"']+)["']""")

# allauth's own page templates (rendered in the project's templates/allauth/layouts/base.html) that this
# configuration never shows, with the reason.
ALLAUTH_NOT_SHOWN = {
    "account/password_set.html": "every account has a password (signup asks one), so allauth redirects to "
                                 "password/change/",
    "account/confirm_login_code.html": "login by code is off (ACCOUNT_LOGIN_BY_CODE_ENABLED); without a pending "
                                       "code login allauth redirects to the login page",
}
# Page templates that no GET of a URL shows, with the test that renders them instead.
NOT_REACHABLE_BY_URL = {
    "500.html": "shown only when a view fails: tests/trainingnet/test_error_pages.py renders it",
    "403_csrf.html": "shown when a form comes back without its CSRF token: tests/trainingnet/test_error_pages.py",
}
# allauth views whose template is chosen at run time rather than in template_name.
ALLAUTH_TEMPLATE_OF = {"account_email_verification_sent": "account/verification_sent.html"}

ALLAUTH_LAYOUT = "allauth/layouts/base.html"
# How a page shows validation errors (project forms and allauth's form elements).
ERROR_MARKUP = ".error, .errorlist, .form-errors, [aria-invalid=true]"


@dataclass(frozen=True)
class Visit:
    """One page in one state: `url` is a path or a function of the test data; `user` a key of data.users (None:
    a visitor); `submit` the name of a button to press with the form left empty, to show the error state."""

    templates: tuple[str, ...]
    url: str | Callable[[SimpleNamespace], str]
    user: str | None = None
    state: str = ""
    submit: str | None = None

    def path(self, data: SimpleNamespace) -> str:
        return self.url(data) if callable(self.url) else self.url

    def label(self) -> str:
        who = self.user or "visitor"
        return f"{self.templates[0]} [{who}{', ' + self.state if self.state else ''}]"


def allauth(template: str, url, user=None, state="", submit=None) -> Visit:
    return Visit((template, ALLAUTH_LAYOUT), url, user, state, submit)


def _reset_key_url(data) -> str:
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str
    from django.urls import reverse

    user = data.users["outsider"]
    return reverse("account_reset_password_from_key",
                   kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)})


PAGES: list[Visit] = [
    # Foundation: home (visitor and member headers), provinces, privacy, account.
    Visit(("trainingnet/home_page.html",), "/", state="header of a visitor"),
    Visit(("trainingnet/home_page.html",), "/", "staff", "header of a member"),
    Visit(("trainingnet/home_page.html",), "/", "coordinator", "header with Beheer"),
    Visit(("trainingnet/province_list.html",), "/provincies/"),
    Visit(("trainingnet/province_detail.html",), "/provincies/zeeland/", state="no large municipality, sessions"),
    Visit(("trainingnet/province_detail.html",), "/provincies/groningen/", state="no sessions"),
    Visit(("trainingnet/privacy.html",), "/privacy/"),
    Visit(("trainingnet/accessibility.html",), "/toegankelijkheid/"),
    Visit(("trainingnet/my_trainingnet.html",), "/mijn/", "staff", "member with bookings, requests, a scan"),
    Visit(("trainingnet/my_trainingnet.html",), "/mijn/", "booker", "nothing yet, an invitation to the leerpad"),
    Visit(("trainingnet/my_trainingnet.html",), "/mijn/", "trainer", "trainer"),
    Visit(("trainingnet/my_trainingnet.html",), "/mijn/", "expert", "expert with an invitation"),
    Visit(("trainingnet/my_trainingnet.html",), "/mijn/", "coordinator", "waiting work"),
    Visit(("trainingnet/admin_access.html",), "/admin/", "staff", "no admin access"),
    Visit(("403.html",), "/dashboard/", "staff", "refused"),
    Visit(("404.html",), "/bestaat-niet/", state="not found"),
    Visit(("account/profile.html",), "/accounts/profiel/", "staff"),
    Visit(("account/profile.html",), "/accounts/profiel/", "outsider", "membership requested"),
    Visit(("account/delete.html",), "/accounts/verwijderen/", "staff"),
    Visit(("account/delete.html",), "/accounts/verwijderen/", "staff", "errors", submit="Verwijder mijn account"),
    # allauth pages in the project's layout.
    allauth("account/login.html", "/accounts/login/"),
    allauth("account/login.html", "/accounts/login/", state="errors", submit="Inloggen"),
    allauth("account/signup.html", "/accounts/signup/"),
    allauth("account/signup.html", "/accounts/signup/", state="errors", submit="Registreren"),
    allauth("account/password_reset.html", "/accounts/password/reset/"),
    allauth("account/password_reset.html", "/accounts/password/reset/", state="errors",
            submit="Herstel mijn wachtwoord"),
    allauth("account/password_reset_done.html", "/accounts/password/reset/done/"),
    allauth("account/password_reset_from_key.html", _reset_key_url, state="valid link"),
    allauth("account/password_reset_from_key.html", "/accounts/password/reset/key/1-ongeldig/",
            state="invalid link"),
    allauth("account/password_reset_from_key_done.html", "/accounts/password/reset/key/done/"),
    allauth("account/email.html", "/accounts/email/", "staff"),
    allauth("account/email.html", "/accounts/email/", "outsider", "unverified address"),
    allauth("account/email.html", "/accounts/email/", "staff", "errors", submit="E-mail toevoegen"),
    allauth("account/password_change.html", "/accounts/password/change/", "staff"),
    allauth("account/password_change.html", "/accounts/password/change/", "staff", "errors",
            submit="Wachtwoord wijzigen"),
    allauth("account/verification_sent.html", "/accounts/confirm-email/"),
    allauth("account/email_confirm.html", lambda d: f"/accounts/confirm-email/{d.email_key}/", state="valid key"),
    allauth("account/email_confirm.html", "/accounts/confirm-email/ongeldig/", state="invalid key"),
    allauth("account/logout.html", "/accounts/logout/", "staff"),
    allauth("account/account_inactive.html", "/accounts/inactive/"),
    allauth("account/reauthenticate.html", "/accounts/reauthenticate/", "staff"),
    # Courses and knowledge base (Wagtail pages) and search.
    Visit(("courses/course_index_page.html",), "/trainingen/"),
    Visit(("courses/course_index_page.html",), "/trainingen/?vorm=online", state="no courses"),
    Visit(("courses/course_page.html",), lambda d: d.course.url, state="with sessions"),
    Visit(("courses/course_page.html",), lambda d: d.bare_course.url, state="no sessions"),
    Visit(("courses/knowledge_index_page.html",), "/kennisbank/"),
    Visit(("courses/knowledge_index_page.html",), "/kennisbank/?soort=sjabloon", state="no articles"),
    Visit(("courses/article_page.html",), lambda d: d.article.url),
    Visit(("courses/search.html",), "/zoeken/", state="no query"),
    Visit(("courses/search.html",), "/zoeken/?q=webcare", state="results"),
    Visit(("courses/search.html",), "/zoeken/?q=qwxyz", state="nothing found"),
    # Scheduler.
    Visit(("scheduling/agenda.html",), "/agenda/"),
    Visit(("scheduling/agenda.html",), "/agenda/", "staff", "member"),
    Visit(("scheduling/agenda.html",), "/agenda/?provincie=groningen", state="no sessions"),
    Visit(("scheduling/agenda.html",), "/agenda/?maand=onzin", state="filter error"),
    Visit(("scheduling/session_detail.html",), lambda d: d.session.get_absolute_url(), state="log in"),
    Visit(("scheduling/session_detail.html",), lambda d: d.session.get_absolute_url(), "booker",
          "book form"),
    Visit(("scheduling/session_detail.html",), lambda d: d.session.get_absolute_url(), "staff", "booked"),
    Visit(("scheduling/session_detail.html",), lambda d: d.session.get_absolute_url(), "trainer",
          "trainer of the session"),
    Visit(("scheduling/my_bookings.html",), "/agenda/mijn-boekingen/", "staff"),
    Visit(("scheduling/my_bookings.html",), "/agenda/mijn-boekingen/", "booker", "empty"),
    Visit(("scheduling/cancel_confirm.html",), lambda d: f"/agenda/boeking/{d.booking.pk}/annuleren/",
          "staff", "asks before cancelling"),
    Visit(("scheduling/attendees.html",), lambda d: f"/agenda/sessie/{d.past_session.pk}/deelnemers/",
          "trainer", "marking attendance, evaluations"),
    Visit(("scheduling/attendees.html",), lambda d: f"/agenda/sessie/{d.session.pk}/deelnemers/",
          "trainer", "before the day"),
    Visit(("scheduling/my_sessions.html",), "/agenda/mijn-sessies/", "trainer"),
    Visit(("scheduling/pledge_form.html",), "/agenda/toezeggen/", "trainer"),
    Visit(("scheduling/pledge_form.html",), "/agenda/toezeggen/", "trainer", "errors", submit="Toezeggen"),
    Visit(("scheduling/coverage.html",), "/agenda/dekking/", "coordinator"),
    Visit(("scheduling/fee_list.html",), lambda d: f"/agenda/vergoedingen/?maand={d.fee_month}", "coordinator",
          "fees of a month"),
    Visit(("scheduling/fee_list.html",), "/agenda/vergoedingen/?maand=2020-01", "coordinator", "no fees"),
    Visit(("scheduling/seat_offer.html",), lambda d: d.offer_accept_path, state="accept, logged out"),
    Visit(("scheduling/seat_offer.html",), lambda d: d.offer_decline_path, "booker", "decline"),
    Visit(("scheduling/seat_offer.html",), "/agenda/aanbod/ongeldig/", state="invalid link"),
    Visit(("scheduling/session_detail.html",), lambda d: d.offered_session.get_absolute_url(), "booker",
          "a seat on offer"),
    Visit(("scheduling/evaluation_form.html",), lambda d: f"/agenda/evaluatie/{d.evaluation_token}/"),
    Visit(("scheduling/evaluation_form.html",), lambda d: f"/agenda/evaluatie/{d.evaluation_token}/",
          state="errors", submit="Versturen"),
    Visit(("scheduling/evaluation_done.html",), lambda d: f"/agenda/evaluatie/{d.evaluated_token}/"),
    Visit(("scheduling/evaluation_invalid.html",), "/agenda/evaluatie/ongeldig/"),
    # Experts.
    Visit(("experts/directory.html",), "/experts/"),
    Visit(("experts/directory.html",), "/experts/", "staff", "contact details"),
    Visit(("experts/directory.html",), "/experts/?q=qwxyz", state="nothing found"),
    Visit(("experts/expert.html",), lambda d: f"/experts/{d.expert.pk}/"),
    Visit(("experts/expert.html",), lambda d: f"/experts/{d.expert.pk}/", "staff", "contact details"),
    Visit(("experts/province_overview.html",), "/experts/provincies/"),
    Visit(("experts/own_profile.html",), "/experts/mijn-profiel/", "expert"),
    Visit(("experts/no_profile.html",), "/experts/mijn-profiel/", "staff"),
    # Support requests.
    Visit(("support_requests/intake.html",), "/hulp-vragen/"),
    Visit(("support_requests/intake.html",), "/hulp-vragen/", state="errors", submit="Verstuur hulpvraag"),
    Visit(("support_requests/intake.html",), "/hulp-vragen/", "staff", "prefilled"),
    Visit(("support_requests/received.html",), lambda d: f"/hulp-vragen/ontvangen/{d.request.status_token}/"),
    Visit(("support_requests/status.html",), lambda d: d.request.get_status_url(), state="open, withdraw"),
    Visit(("support_requests/status.html",), lambda d: d.done_request.get_status_url(), state="feedback form"),
    Visit(("support_requests/my_requests.html",), "/hulp-vragen/mijn/", "staff"),
    Visit(("support_requests/my_requests.html",), "/hulp-vragen/mijn/", "booker", "empty"),
    Visit(("support_requests/detail.html",), lambda d: f"/hulp-vragen/{d.request.reference}/", "staff"),
    Visit(("support_requests/invitation.html",), lambda d: f"/hulp-vragen/verzoek/{d.accept_token}/",
          state="accept"),
    Visit(("support_requests/invitation.html",), lambda d: f"/hulp-vragen/verzoek/{d.decline_token}/",
          state="decline form"),
    Visit(("support_requests/invitation.html",), "/hulp-vragen/verzoek/ongeldig/", state="invalid link"),
    # Maturity.
    Visit(("maturity/assessment_form.html",), "/volwassenheid/", "staff"),
    Visit(("maturity/assessment_form.html",), "/volwassenheid/", "staff", "errors", submit="Bekijk de uitslag"),
    Visit(("maturity/assessment_result.html",), lambda d: f"/volwassenheid/uitslag/{d.assessment.pk}/", "staff"),
    Visit(("maturity/history.html",), "/volwassenheid/geschiedenis/", "staff"),
    Visit(("maturity/no_municipality.html",), "/volwassenheid/", "outsider"),
    # Passing a training on.
    Visit(("cascade/mine.html",), "/doorgeven/", "staff", "sessions attended"),
    Visit(("cascade/mine.html",), "/doorgeven/", "trainer", "none attended"),
    Visit(("cascade/booking.html",), lambda d: f"/doorgeven/{d.attended.pk}/", "staff", "package and forms"),
    Visit(("cascade/booking.html",), lambda d: f"/doorgeven/{d.attended.pk}/", "staff", "errors",
          submit="Vastleggen"),
    Visit(("cascade/booking.html",), lambda d: f"/doorgeven/{d.attended.pk}/", "coordinator", "package only"),
    Visit(("cascade/reach.html",), "/dashboard/doorgeven/", "coordinator"),
    Visit(("maturity/measurement_overview.html",), "/dashboard/jaarmeting/?provincie=zeeland", "coordinator",
          "a province chosen"),
    Visit(("maturity/benchmark.html",), "/netwerk/benchmark/", state="choose a province"),
    Visit(("maturity/benchmark.html",), "/netwerk/benchmark/zeeland/", state="ranking"),
    # Dashboard and network.
    Visit(("dashboard/dashboard.html",), "/dashboard/", "coordinator"),
    Visit(("dashboard/demand.html",), "/dashboard/vraag-en-aanbod/", "coordinator", "gaps beside offer"),
    Visit(("dashboard/network.html",), "/netwerk/"),
    # Vraag het netwerk (members only).
    Visit(("questions/question_list.html",), "/vraag-het-netwerk/", "staff"),
    Visit(("questions/question_list.html",), "/vraag-het-netwerk/?q=zeppelin", "expert", "nothing found"),
    Visit(("questions/question_detail.html",), lambda d: d.question.get_absolute_url(), "staff", "as the asker"),
    Visit(("questions/question_detail.html",), lambda d: d.question.get_absolute_url(), "expert", "answer form"),
    Visit(("questions/question_detail.html",), lambda d: d.question.get_absolute_url(), "coordinator",
          "moderation"),
    Visit(("questions/question_form.html",), "/vraag-het-netwerk/stellen/", "staff"),
    Visit(("questions/question_form.html",), "/vraag-het-netwerk/stellen/", "staff", "errors",
          submit="Stel de vraag"),
    Visit(("questions/mail_setting.html",), "/vraag-het-netwerk/meldingen/", "trainer"),
]


# ---------------------------------------------------------------------------------------------------------------
# Which templates are pages (fast, no browser)


def project_template_dirs() -> list[Path]:
    """templates/ and the templates/ folder of every app of this project (not of installed packages)."""
    from django.template.utils import get_app_template_dirs

    base = Path(settings.BASE_DIR).resolve()
    dirs = [Path(d).resolve() for d in settings.TEMPLATES[0]["DIRS"]]
    dirs += [Path(d).resolve() for d in get_app_template_dirs("templates")
             if Path(d).resolve().is_relative_to(base) and ".venv" not in Path(d).parts]
    return dirs


def extends_chain(name: str, source: str) -> list[str]:
    """The templates `name` extends, nearest first."""
    chain: list[str] = []
    while match := EXTENDS.search(source):
        parent = match.group(1)
        if parent == name or parent in chain:
            break  # a template that overrides the one of the same name it extends
        chain.append(parent)
        source = get_template(parent).template.source
        name = parent
    return chain


def page_templates() -> set[str]:
    pages = set()
    for directory in project_template_dirs():
        for path in directory.rglob("*.html"):
            name = path.relative_to(directory).as_posix()
            if NOT_PAGES.search(name):
                continue
            if "base.html" in extends_chain(name, path.read_text(encoding="utf-8")):
                pages.add(name)
    return pages


def allauth_page_templates() -> set[str]:
    """The template of every allauth account URL in this configuration."""
    from allauth.account import urls

    templates = set()
    for pattern in urls.urlpatterns:
        view_class = getattr(pattern.callback, "view_class", None)
        template = getattr(view_class, "template_name", None) or ALLAUTH_TEMPLATE_OF.get(pattern.name)
        assert template, f"allauth URL {pattern.name} has no known template: add it to ALLAUTH_TEMPLATE_OF"
        templates.add(template)
    return templates


def covered() -> set[str]:
    return {template for visit in PAGES for template in visit.templates}


def test_every_page_template_has_an_axe_check():
    pages = page_templates()
    assert {"trainingnet/home_page.html", ALLAUTH_LAYOUT} <= pages and "includes/header.html" not in pages
    missing = sorted(pages - covered() - set(NOT_REACHABLE_BY_URL))
    assert not missing, f"page templates without an entry in PAGES (tests/accessibility/test_templates.py): {missing}"
    missing_allauth = sorted(allauth_page_templates() - covered() - set(ALLAUTH_NOT_SHOWN))
    assert not missing_allauth, f"allauth pages without an entry in PAGES: {missing_allauth}"


# ---------------------------------------------------------------------------------------------------------------
# The pages in a browser


def build_data() -> SimpleNamespace:
    """Everything the PAGES need, created once."""
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC
    from django.utils import timezone

    from maturity.benchmark import give_consent
    from scheduling import evaluations
    from scheduling.models import Booking, Evaluation
    from support_requests import assignment
    from support_requests.models import ExpertInvitation, Status
    from tests.factories.courses import ArticlePageFactory, course, knowledge_base
    from tests.factories.experts import ExpertFactory
    from tests.factories.maturity import AssessmentFactory, MeasurementFactory
    from tests.factories.questions import AnswerFactory, QuestionFactory
    from tests.factories.scheduling import BookingFactory, PledgeFactory, SessionFactory, TrainingDayFactory
    from tests.factories.support_requests import SupportRequestFactory
    from tests.factories.trainingnet import UserFactory
    from trainingnet import membership, roles
    from trainingnet.models import Municipality, Topic

    def municipality(code):
        return Municipality.objects.get(cbs_code=code)

    topic = Topic.objects.order_by("pk").first()
    users = {
        "staff": UserFactory(roles=[roles.MUNICIPAL_STAFF], municipality=municipality("GM1714"),
                             first_name="Fenna", last_name="Sluis"),
        "booker": UserFactory(roles=[roles.MUNICIPAL_STAFF], municipality=municipality("GM0715")),
        "trainer": UserFactory(roles=[roles.TRAINER], municipality=municipality("GM0772")),
        "coordinator": UserFactory(roles=[roles.COORDINATOR]),
        "expert": UserFactory(roles=[roles.EXPERT]),
        "outsider": UserFactory(municipality=None),
    }
    webcare = course(title="Webcare voor beginners", summary="Reageren op vragen en klachten op sociale media.",
                     topics=[topic], duration="3 uur", audience="Communicatieadviseurs")
    bare = course(title="Online participatie", format="online")
    kb = knowledge_base()
    article = ArticlePageFactory(parent=kb, title="Webcare in Sluis", summary="Zo begon Sluis met webcare.")
    session = SessionFactory(course=webcare, trainer=users["trainer"])
    booking = BookingFactory(session=session, user=users["staff"])
    past_day = TrainingDayFactory(date=timezone.localdate() - datetime.timedelta(days=7))
    past = SessionFactory(course=webcare, training_day=past_day, trainer=users["trainer"])
    attended = BookingFactory(session=past, user=users["staff"], status=Booking.Status.ATTENDED)
    evaluated = BookingFactory(session=past, user=users["booker"], status=Booking.Status.ATTENDED)
    Evaluation.objects.create(booking=evaluated, session=past, overall=4, usefulness=5, will_apply=True,
                              comments="Heel bruikbaar.")
    PledgeFactory(municipality=municipality("GM0772"), trainer=users["trainer"])
    from tests.factories.cascade import PassingOnFactory, PracticeExampleFactory

    PassingOnFactory(booking=attended, departments="Communicatie, Klantcontact, Burgerzaken")
    PracticeExampleFactory(booking=attended, credit_me=True)
    from scheduling import offers
    from scheduling.models import SeatOffer, Session

    tailored = SessionFactory(course=webcare, trainer=users["trainer"], kind=Session.Kind.TAILORED,
                              municipality=municipality("GM0715"), training_day=session.training_day,
                              starts_at=session.starts_at.replace(hour=13), ends_at=session.ends_at.replace(hour=15),
                              capacity=1)
    BookingFactory(session=tailored, user=UserFactory(roles=[roles.MUNICIPAL_STAFF],
                                                      municipality=municipality("GM0715")))
    from scheduling.fees import record_fee

    record_fee(tailored, users["booker"])
    offered = BookingFactory(session=tailored, user=users["booker"], status=Booking.Status.WAITING)
    offer = SeatOffer.objects.create(booking=offered, expires_at=now_plus(hours=20))
    offer_accept_path, offer_decline_path = offers.offer_paths(offer)
    expert = ExpertFactory(user=users["expert"], name="Eva Expert", topics=[topic], levels=["acuut"])
    request = SupportRequestFactory(requester=users["staff"], municipality=municipality("GM1714"), topics=[topic])
    done = SupportRequestFactory(status=Status.DONE, assigned_expert=expert)
    asked = SupportRequestFactory(status=Status.IN_PROGRESS)
    now = timezone.now()
    invitation = ExpertInvitation.objects.create(request=asked, expert=expert, tier=1, asked_at=now,
                                                 expires_at=now + datetime.timedelta(hours=1))
    assessment = AssessmentFactory(municipality=users["staff"].municipality, user=users["staff"])
    question = QuestionFactory(asker=users["staff"], topics=[topic], title="Reageren op een storm van reacties?")
    AnswerFactory(question=question, author=users["expert"], text="Eerst één bericht bovenaan, dan per vraag.")
    question.helpful_answer = AnswerFactory(question=question, author=users["trainer"], text="Gebruik huisregels.")
    question.save()
    MeasurementFactory(municipality=users["staff"].municipality)
    give_consent(users["staff"].municipality, by=users["staff"])
    membership.request_membership(users["outsider"], municipality("GM1714"))
    unverified = EmailAddress.objects.create(user=users["outsider"], email="nieuw-adres@gemeente.example",
                                             verified=False, primary=False)
    return SimpleNamespace(
        users=users, booking=booking, course=webcare, bare_course=bare, article=article, session=session,
        past_session=past, attended=attended,
        evaluation_token=evaluations.evaluation_token(attended),
        evaluated_token=evaluations.evaluation_token(evaluated), expert=expert, request=request,
        done_request=done, accept_token=assignment.make_token(invitation, "accept"),
        decline_token=assignment.make_token(invitation, "decline"), assessment=assessment,
        email_key=EmailConfirmationHMAC(unverified).key,
        offer_accept_path=offer_accept_path, offer_decline_path=offer_decline_path, offered_session=tailored,
        fee_month=tailored.starts_at.strftime("%Y-%m"),
        question=question,
    )


def now_plus(**delta):
    from django.utils import timezone

    return timezone.now() + datetime.timedelta(**delta)


def session_cookies(users: dict, live_server_url: str) -> dict[str, dict]:
    """A logged-in session cookie per user (Django's test client logs in; the browser carries the cookie)."""
    from django.test import Client

    cookies = {}
    for key, user in users.items():
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        cookies[key] = {"name": settings.SESSION_COOKIE_NAME,
                        "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": live_server_url}
    return cookies


def open_every_page(page, data, failures: list[str]):
    """Open every entry of PAGES in `page` (logged in as its user, its form submitted for the error state), check
    that the URL rendered the templates it claims, and yield (visit, where) with the page showing that state."""
    from django.test.signals import template_rendered
    from playwright.sync_api import Error as PlaywrightError

    cookies = session_cookies(data.users, data.live_server_url)
    rendered: list[str] = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    try:
        for visit in PAGES:
            page.context.clear_cookies()
            if visit.user:
                page.context.add_cookies([cookies[visit.user]])
            url = visit.path(data)
            where = f"{visit.label()} at {url}"
            rendered.clear()
            try:
                page.goto(url)
                if visit.submit:
                    page.evaluate("document.querySelectorAll('form').forEach(f => { f.noValidate = true; })")
                    with page.expect_navigation(timeout=10_000):
                        page.get_by_role("button", name=visit.submit, exact=True).click(timeout=5_000)
            except PlaywrightError as error:
                failures.append(f"{where}: {error.message.splitlines()[0]}")
                continue
            if visit.submit and not page.locator(ERROR_MARKUP).count():
                failures.append(f"{where}: pressing {visit.submit!r} showed no validation error")
            missing = [t for t in visit.templates if t not in rendered]
            if missing:
                failures.append(f"{where}: did not render {missing} (rendered {sorted(set(rendered))})")
                continue
            yield visit, where
    finally:
        template_rendered.disconnect(record)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_page_template_passes_axe(page, live_server, home):
    from tests.browser import axe_violations

    data = build_data()
    data.live_server_url = live_server.url
    failures: list[str] = []
    for _visit, where in open_every_page(page, data, failures):
        violations = axe_violations(page)
        failures += [f"{where}: {v['id']} ({v['impact']}): {v['help']} at "
                     f"{[n['target'] for n in v['nodes']][:3]}" for v in violations]
    assert not failures, "axe-core or routing failures:\n" + "\n".join(failures)


# The widest element that sticks out on the right, to say what to fix.
WIDEST_OVERFLOW = """() => {
    const limit = document.documentElement.clientWidth;
    let worst = null;
    for (const el of document.querySelectorAll('body *')) {
        const right = el.getBoundingClientRect().right;
        if (right > limit + 1 && (!worst || right > worst.right)) {
            const cls = typeof el.className === 'string' && el.className ? el.className : '';
            const classes = cls ? '.' + cls.split(' ').join('.') : '';
            worst = {right, tag: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + classes};
        }
    }
    return {scroll: document.documentElement.scrollWidth, width: limit, worst};
}"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("width", [320, 375])
def test_no_page_scrolls_sideways_on_a_phone(page, live_server, home, width):
    """Every page template in every state of PAGES fits a phone screen: the page itself never scrolls sideways
    (a wide table may scroll inside its own box)."""
    data = build_data()
    data.live_server_url = live_server.url
    page.set_viewport_size({"width": width, "height": 800})
    failures: list[str] = []
    for _visit, where in open_every_page(page, data, failures):
        measured = page.evaluate(WIDEST_OVERFLOW)
        if measured["scroll"] > measured["width"]:
            failures.append(f"{where}: {measured['scroll']} px wide at {width} px "
                            f"(widest: {measured['worst']})")
    assert not failures, f"pages that scroll sideways at {width} px:\n" + "\n".join(failures)
