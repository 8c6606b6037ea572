"""The permission matrix: every URL the project routes × anonymous, staff of a small municipality, trainer, expert,
coordinator → the status each of them gets.

`ROUTES` is built from the URL configuration itself (`routed_patterns`). Every route of the project's own apps has an
entry in `MATRIX` by its name; the routes of the packages we mount (Wagtail's admin, Django's admin, allauth's
screens, Wagtail's page serving, documents and API) are either named in `MATRIX` too or swept by prefix in
`test_every_admin_screen_is_closed_to_non_editors`. A new URL without an entry fails
`test_every_routed_url_has_an_entry_in_the_matrix`, so nobody can add a page and forget who may open it.

Statuses: 200 (shown), 302→login (sent to the login page), 403 (refused), 404 (not found for this person:
someone else's private link or record), 405 (wrong method). "Shown" pages are also checked for contact details
that only members may see.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from scheduling import evaluations, offers
from scheduling.models import Booking, CalendarFeed, SeatOffer
from support_requests import assignment
from tests.factories.experts import ExpertFactory
from tests.factories.maturity import AssessmentFactory
from tests.factories.questions import AnswerFactory, QuestionFactory
from tests.factories.scheduling import BookingFactory, SessionFactory, TrainingDayFactory, course_page, local
from tests.factories.support_requests import SupportRequestFactory
from tests.factories.trainingnet import UserFactory
from trainingnet import roles
from trainingnet.models import Municipality, Province

pytestmark = pytest.mark.django_db

WHO = ("anonymous", "staff", "trainer", "expert", "coordinator")
LOGIN = "login"  # 302 to the login page
ADMIN_LOGIN = "admin-login"  # 302 to Wagtail's admin login


def walk(patterns, prefix: str = "", namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), f"{namespace}{pattern.name}" if pattern.name else None


def routed_patterns() -> list[tuple[str, str | None]]:
    """(route, name) of every URL the project routes, in URLconf order."""
    return list(walk(get_resolver().url_patterns))


# Routes swept by prefix: the Wagtail and Django admin (every screen needs a role with admin access).
SWEPT_PREFIXES = ("admin/", "django-admin/")


def expect(anonymous, staff, trainer, expert, coordinator) -> dict[str, object]:
    return dict(zip(WHO, (anonymous, staff, trainer, expert, coordinator), strict=True))


PUBLIC = expect(200, 200, 200, 200, 200)
MEMBERS = expect(LOGIN, 200, 200, 200, 200)
COORDINATORS = expect(LOGIN, 403, 403, 403, 200)
NOT_FOUND = expect(404, 404, 404, 404, 404)


@dataclass
class Entry:
    """How to reach one route (a path built from the test data) and what each person gets."""

    path: Callable[[dict], str]
    statuses: dict[str, object]
    method: str = "get"
    data: dict = field(default_factory=dict)
    effect: Callable[[dict, str], bool] | None = None  # for changes: did this person's request do what it should?


def fixed(path: str) -> Callable[[dict], str]:
    return lambda d: path


MATRIX: dict[str, Entry] = {
    # Foundation (trainingnet/)
    "privacy": Entry(fixed("/privacy/"), PUBLIC),
    "accessibility": Entry(fixed("/toegankelijkheid/"), PUBLIC),
    "my_trainingnet": Entry(fixed("/mijn/"), MEMBERS),
    # Where the admin sends those without access: visitors to the login, members to a Dutch page saying why.
    "admin_access": Entry(fixed("/beheer-toegang/"), expect(LOGIN, 403, 302, 403, 302)),
    "healthz": Entry(fixed("/healthz/"), PUBLIC),
    "switch_language": Entry(fixed("/taal/nl/?next=/"), expect(302, 302, 302, 302, 302)),
    "province_list": Entry(fixed("/provincies/"), PUBLIC),
    "province_detail": Entry(fixed("/provincies/zeeland/"), PUBLIC),
    "account_profile": Entry(fixed("/accounts/profiel/"), MEMBERS),
    "account_data_export": Entry(fixed("/accounts/mijn-gegevens/"), MEMBERS),
    "account_delete": Entry(fixed("/accounts/verwijderen/"), MEMBERS),
    # allauth's screens, in the project's templates
    "account_login": Entry(fixed("/accounts/login/"), expect(200, 302, 302, 302, 302)),
    "account_logout": Entry(fixed("/accounts/logout/"), expect(302, 200, 200, 200, 200)),
    "account_signup": Entry(fixed("/accounts/signup/"), expect(200, 302, 302, 302, 302)),
    "account_inactive": Entry(fixed("/accounts/inactive/"), PUBLIC),
    "account_reauthenticate": Entry(fixed("/accounts/reauthenticate/"), MEMBERS),
    "account_email": Entry(fixed("/accounts/email/"), MEMBERS),
    "account_email_verification_sent": Entry(fixed("/accounts/confirm-email/"), PUBLIC),
    "account_confirm_email": Entry(fixed("/accounts/confirm-email/ongeldige-sleutel/"), PUBLIC),
    "account_change_password": Entry(fixed("/accounts/password/change/"), MEMBERS),
    "account_set_password": Entry(fixed("/accounts/password/set/"), expect(LOGIN, 302, 302, 302, 302)),
    "account_reset_password": Entry(fixed("/accounts/password/reset/"), PUBLIC),
    "account_reset_password_done": Entry(fixed("/accounts/password/reset/done/"), PUBLIC),
    "account_reset_password_from_key": Entry(fixed("/accounts/password/reset/key/1-ongeldig/"), PUBLIC),
    "account_reset_password_from_key_done": Entry(fixed("/accounts/password/reset/key/done/"), PUBLIC),
    "account_confirm_login_code": Entry(fixed("/accounts/login/code/confirm/"), expect(LOGIN, 302, 302, 302, 302)),
    # allauth's single sign-on screens (trainingnet/sign_on.py): a municipality without an identity provider has none
    "socialaccount_login_cancelled": Entry(fixed("/accounts/3rdparty/login/cancelled/"), PUBLIC),
    "socialaccount_login_error": Entry(fixed("/accounts/3rdparty/login/error/"), expect(401, 401, 401, 401, 401)),
    "socialaccount_signup": Entry(fixed("/accounts/3rdparty/signup/"), expect(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN)),
    # allauth's old addresses of the same screens: permanent redirects
    **{f"accounts/social/{old}/": Entry(fixed(f"/accounts/social/{old}/"), expect(301, 301, 301, 301, 301))
       for old in ("connections", "login/cancelled", "login/error", "signup")},
    "socialaccount_connections": Entry(fixed("/accounts/3rdparty/"), MEMBERS),
    "openid_connect_login": Entry(fixed("/accounts/oidc/gemeente-gm1714/login/"), NOT_FOUND),
    "openid_connect_callback": Entry(fixed("/accounts/oidc/gemeente-gm1714/login/callback/"), NOT_FOUND),
    # Wagtail: pages, documents, API, its own login helpers, media
    "wagtail_serve": Entry(lambda d: d["course"].url, PUBLIC),
    # Wagtail's page-privacy login sends to allauth's, like the admin logins (one way in).
    "wagtailcore_login": Entry(fixed("/_util/login/"), expect(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN)),
    "wagtailcore_authenticate_with_password": Entry(
        lambda d: f"/_util/authenticate_with_password/999999/{d['course'].pk}/", NOT_FOUND),
    "wagtaildocs_serve": Entry(lambda d: f"/documenten/{d['document'].pk}/{d['document'].filename}", PUBLIC),
    "wagtaildocs_authenticate_with_password": Entry(fixed("/documenten/authenticate_with_password/999999/"),
                                                    NOT_FOUND),
    "wagtailapi:pages:listing": Entry(fixed("/api/v2/pages/"), PUBLIC),
    "wagtailapi:pages:detail": Entry(lambda d: f"/api/v2/pages/{d['course'].pk}/", PUBLIC),
    "wagtailapi:pages:find": Entry(lambda d: f"/api/v2/pages/find/?html_path={d['course'].url}",
                                      expect(302, 302, 302, 302, 302)),
    # Courses, search, materials
    "courses:search": Entry(fixed("/zoeken/?q=webcare"), PUBLIC),
    "courses:search_suggestions": Entry(fixed("/zoeken/suggesties/?q=webc"), PUBLIC),
    "courses:material": Entry(lambda d: f"/materialen/{d['document'].pk}/", expect(302, 302, 302, 302, 302)),
    # Scheduler
    "scheduling:agenda": Entry(fixed("/agenda/"), PUBLIC),
    "scheduling:session_detail": Entry(lambda d: f"/agenda/sessie/{d['session'].pk}/", PUBLIC),
    "scheduling:session_book": Entry(lambda d: f"/agenda/sessie/{d['session'].pk}/boeken/",
                                  expect(LOGIN, 405, 405, 405, 405)),
    "scheduling:session_attendees": Entry(lambda d: f"/agenda/sessie/{d['session'].pk}/deelnemers/",
                                       expect(LOGIN, 403, 200, 403, 200)),
    "scheduling:session_attendees_csv": Entry(lambda d: f"/agenda/sessie/{d['session'].pk}/deelnemers.csv",
                                              expect(LOGIN, 403, 200, 403, 200)),
    "scheduling:session_ics": Entry(lambda d: f"/agenda/sessie/{d['session'].pk}.ics", PUBLIC),
    # The signed link of a seat offer is the proof (it works without logging in); a GET only shows the button.
    "scheduling:seat_offer": Entry(lambda d: d["offer_accept_path"], PUBLIC),
    # Each person tries to cancel a fresh booking of the staff member: only they and a coordinator succeed.
    "scheduling:booking_cancel": Entry(
        lambda d: f"/agenda/boeking/{fresh_booking(d).pk}/annuleren/", expect(LOGIN, 302, 302, 302, 302),
        method="post", effect=lambda d, who: (refreshed(d["fresh_booking"]).status == Booking.Status.CANCELLED)
        == (who in ("staff", "coordinator"))),
    "scheduling:province_ics": Entry(fixed("/agenda/provincie/PV29.ics"), PUBLIC),
    "scheduling:my_bookings": Entry(fixed("/agenda/mijn-boekingen/"), MEMBERS),
    "scheduling:personal_feed": Entry(lambda d: d["feed"].get_absolute_url(), PUBLIC),
    "scheduling:renew_feed": Entry(fixed("/agenda/mijn-boekingen/nieuwe-agenda-link/"),
                                expect(LOGIN, 302, 302, 302, 302), method="post"),
    "scheduling:my_sessions": Entry(fixed("/agenda/mijn-sessies/"), expect(LOGIN, 403, 200, 403, 200)),
    # Trainers pledge for their own municipality here; coordinators record pledges in the admin.
    "scheduling:pledge_create": Entry(fixed("/agenda/toezeggen/"), expect(LOGIN, 403, 200, 403, 403)),
    "scheduling:coverage": Entry(fixed("/agenda/dekking/"), COORDINATORS),
    "scheduling:fee_list": Entry(fixed("/agenda/vergoedingen/"), COORDINATORS),
    "scheduling:fee_csv": Entry(fixed("/agenda/vergoedingen.csv"), COORDINATORS),
    "scheduling:evaluation": Entry(lambda d: f"/agenda/evaluatie/{d['evaluation_token']}/", PUBLIC),
    # Experts
    "experts:directory": Entry(fixed("/experts/?provincie=PV29"), PUBLIC),
    "experts:province_overview": Entry(fixed("/experts/provincies/"), PUBLIC),
    "experts:own_profile": Entry(fixed("/experts/mijn-profiel/"), expect(LOGIN, 404, 404, 200, 404)),
    "experts:detail": Entry(lambda d: f"/experts/{d['expert'].pk}/", PUBLIC),
    # Support requests
    "support_requests:intake": Entry(fixed("/hulp-vragen/"), PUBLIC),
    "support_requests:mine": Entry(fixed("/hulp-vragen/mijn/"), MEMBERS),
    "support_requests:received": Entry(lambda d: f"/hulp-vragen/ontvangen/{d['request'].status_token}/", PUBLIC),
    "support_requests:status": Entry(lambda d: d["request"].get_status_url(), PUBLIC),
    "support_requests:invitation": Entry(lambda d: d["invitation_url"], PUBLIC),
    "support_requests:detail": Entry(lambda d: d["request"].get_absolute_url(), expect(LOGIN, 200, 404, 404, 200)),
    # Maturity
    "maturity:form": Entry(fixed("/volwassenheid/"), MEMBERS),
    "maturity:result": Entry(lambda d: f"/volwassenheid/uitslag/{d['assessment'].pk}/",
                             expect(LOGIN, 200, 404, 404, 200)),
    "maturity:own_history": Entry(fixed("/volwassenheid/geschiedenis/"), expect(LOGIN, 302, 302, 302, 302)),
    "maturity:history": Entry(lambda d: f"/volwassenheid/gemeenten/{d['small'].cbs_code}/",
                              expect(LOGIN, 200, 404, 404, 200)),
    # Passing a training on: the package and the record are for the participant marked present (the staff member);
    # coordinators see the package too; everyone else does not learn that the booking exists.
    "cascade:mine": Entry(fixed("/doorgeven/"), MEMBERS),
    "cascade:booking": Entry(lambda d: f"/doorgeven/{d['attended'].pk}/", expect(LOGIN, 200, 404, 404, 200)),
    "cascade:package": Entry(lambda d: f"/doorgeven/{d['attended'].pk}/doorgeefpakket.zip",
                             expect(LOGIN, 200, 404, 404, 200)),
    "cascade:practice_example": Entry(
        lambda d: f"/doorgeven/{d['attended'].pk}/praktijkvoorbeeld/", expect(LOGIN, 302, 404, 404, 404),
        method="post", data={"title": "Webcare", "story": "We reageren nu binnen vier uur."},
        # Only the staff member's own post stores an example (the others find no booking).
        effect=lambda d, who: d["attended"].practice_examples.count() == (0 if who == "anonymous" else 1)),
    "cascade:reach": Entry(fixed("/dashboard/doorgeven/"), COORDINATORS),
    "cascade:reach_csv": Entry(fixed("/dashboard/doorgeven/provincie.csv"), COORDINATORS),
    # The yearly measurement: consent to the public benchmark (POST only), the coordinators' comparison, the benchmark
    "maturity:benchmark_consent": Entry(lambda d: f"/volwassenheid/gemeenten/{d['small'].cbs_code}/benchmark/",
                                        expect(LOGIN, 405, 403, 403, 405)),
    "maturity:measurements": Entry(fixed("/dashboard/jaarmeting/"), COORDINATORS),
    "maturity:benchmark_index": Entry(fixed("/netwerk/benchmark/"), PUBLIC),
    "maturity:benchmark": Entry(fixed("/netwerk/benchmark/zeeland/"), PUBLIC),
    # Dashboard and network figures
    "dashboard:index": Entry(fixed("/dashboard/"), COORDINATORS),
    "dashboard:table_csv": Entry(fixed("/dashboard/hulpvragen.csv"), COORDINATORS),
    "dashboard:demand": Entry(fixed("/dashboard/vraag-en-aanbod/"), COORDINATORS),
    "dashboard:demand_csv": Entry(fixed("/dashboard/vraag-en-aanbod/vraag-en-aanbod.csv"), COORDINATORS),
    "dashboard:network": Entry(fixed("/netwerk/"), PUBLIC),
    "dashboard:network_csv": Entry(fixed("/netwerk/netwerk.csv"), PUBLIC),
    # Vraag het netwerk: members only; trainers, experts and coordinators answer; only the asker (the staff member)
    # marks the answer that helped; coordinators moderate. Each change works on a thread of its own.
    "questions:list": Entry(fixed("/vraag-het-netwerk/?q=webcare"), MEMBERS),
    "questions:ask": Entry(fixed("/vraag-het-netwerk/stellen/"), MEMBERS),
    "questions:mail_setting": Entry(fixed("/vraag-het-netwerk/meldingen/"), MEMBERS),
    "questions:detail": Entry(lambda d: d["question"].get_absolute_url(), MEMBERS),
    "questions:answer": Entry(lambda d: f"/vraag-het-netwerk/{d['question'].pk}/antwoorden/",
                              expect(LOGIN, 403, 302, 302, 302), method="post", data={"text": "Zo doen wij het."}),
    "questions:mark_helpful": Entry(lambda d: f"/vraag-het-netwerk/{d['question'].pk}/geholpen/",
                                    expect(LOGIN, 302, 403, 403, 403), method="post",
                                    data={"answer": "0"}),
    "questions:hide_answer": Entry(lambda d: f"/vraag-het-netwerk/antwoord/{d['answer'].pk}/verbergen/",
                                   expect(LOGIN, 403, 403, 403, 302), method="post", data={"reason": "Reclame"}),
    "questions:close": Entry(lambda d: f"/vraag-het-netwerk/{d['question_to_close'].pk}/sluiten/",
                             expect(LOGIN, 403, 403, 403, 302), method="post"),
    "questions:publish_as_draft": Entry(lambda d: f"/vraag-het-netwerk/{d['question_to_close'].pk}/kennisartikel/",
                                        expect(LOGIN, 403, 403, 403, 302), method="post"),
    "questions:hide_question": Entry(lambda d: f"/vraag-het-netwerk/{d['question_to_hide'].pk}/verbergen/",
                                     expect(LOGIN, 403, 403, 403, 302), method="post", data={"reason": "Dubbel"}),
}


def fresh_booking(d: dict) -> Booking:
    session = SessionFactory(training_day=d["session"].training_day)
    d["fresh_booking"] = BookingFactory(session=session, user=d["users"]["staff"])
    return d["fresh_booking"]


def refreshed(instance):
    instance.refresh_from_db()
    return instance


def entry_key(route: str, name: str | None) -> str | None:
    """The MATRIX key of a route, or None when it is swept by prefix."""
    if route.startswith(SWEPT_PREFIXES):
        return None
    return name or route


def test_every_routed_url_has_an_entry_in_the_matrix():
    keys = {entry_key(route, name) for route, name in routed_patterns()} - {None}
    missing = sorted(keys - MATRIX.keys())
    assert not missing, f"Routes without an entry in the permission matrix: {missing}"
    stale = sorted(MATRIX.keys() - keys)
    assert not stale, f"Matrix entries for routes that no longer exist: {stale}"


@pytest.fixture
def matrix_data(home, registry):
    """A small world: a session in Zeeland given by the trainer, booked by the staff member of Sluis, an expert
    with a profile, a request and an assessment of Sluis, a material."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    zeeland = Province.objects.get(cbs_code="PV29")
    sluis = Municipality.objects.get(cbs_code="GM1714")
    users = {
        "staff": UserFactory(municipality=sluis, roles=[roles.MUNICIPAL_STAFF]),
        "trainer": UserFactory(municipality=Municipality.objects.get(cbs_code="GM0772"), roles=[roles.TRAINER]),
        "expert": UserFactory(municipality=Municipality.objects.get(cbs_code="GM0114"), roles=[roles.EXPERT]),
        "coordinator": UserFactory(roles=[roles.COORDINATOR]),
    }
    course = course_page("Webcare voor beginners")
    session = SessionFactory(trainer=users["trainer"], training_day=TrainingDayFactory(province=zeeland))
    booking = BookingFactory(session=session, user=users["staff"])
    past = SessionFactory(training_day=TrainingDayFactory(province=zeeland,
                                                          date=timezone.localdate() - datetime.timedelta(days=3)))
    past.starts_at = local(past.training_day.date, 10)
    attended = BookingFactory(session=past, user=users["staff"], status=Booking.Status.ATTENDED)
    expert = ExpertFactory(user=users["expert"], municipality=users["expert"].municipality)
    request = SupportRequestFactory(municipality=sluis, requester=users["staff"], contact_email=users["staff"].email)
    invitation = assignment.ExpertInvitation.objects.create(
        request=request, expert=expert, tier=1, asked_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(hours=1))
    document = get_document_model().objects.create(title="Handreiking", file=ContentFile(b"%PDF-1.4", "h.pdf"))
    return {
        "users": users, "course": course, "session": session, "booking": booking, "expert": expert,
        "request": request, "small": sluis, "document": document,
        "feed": CalendarFeed.objects.get_or_create(user=users["staff"])[0],
        "evaluation_token": evaluations.evaluation_token(attended),
        "offer_accept_path": offers.offer_paths(SeatOffer.objects.create(
            booking=BookingFactory(session=session, user=UserFactory(municipality=sluis),
                                   status=Booking.Status.WAITING),
            expires_at=timezone.now() + datetime.timedelta(hours=12)))[0],
        "invitation_url": assignment.invitation_urls(invitation)[0],
        "assessment": AssessmentFactory(municipality=sluis, user=users["staff"]),
        **questions_data(users),
        "attended": attended,
    }


def questions_data(users: dict) -> dict:
    """Threads of Vraag het netwerk asked by the staff member, one answered by the expert."""
    question = QuestionFactory(asker=users["staff"], title="Webcare in het weekend?")
    return {"question": question, "answer": AnswerFactory(question=question, author=users["expert"]),
            "question_to_close": QuestionFactory(asker=users["staff"]),
            "question_to_hide": QuestionFactory(asker=users["staff"])}


@pytest.fixture
def clients(matrix_data) -> dict[str, Client]:
    """A browser per person of the matrix, logged in (the visitor not)."""
    clients = {"anonymous": Client()}
    for who, user in matrix_data["users"].items():
        clients[who] = Client()
        clients[who].force_login(user)
    return clients


def outcome(response) -> object:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
        if location.startswith("/accounts/login/"):
            return LOGIN
    return response.status_code


def test_every_route_answers_each_person_as_the_matrix_says(matrix_data, clients):
    wrong = []
    for key, entry in MATRIX.items():
        for who in WHO:
            path = entry.path(matrix_data)
            response = getattr(clients[who], entry.method)(path, entry.data)
            got = outcome(response)
            if got != entry.statuses[who]:
                wrong.append(f"{key} {entry.method.upper()} {path} as {who}: expected {entry.statuses[who]}, "
                             f"got {got}")
            elif who == "anonymous" and got == 200 and not response.streaming and (
                    matrix_data["expert"].email in response.content.decode(errors="replace")):
                wrong.append(f"{key} GET {path} as anonymous: shows an expert's contact details")
            elif entry.effect and not entry.effect(matrix_data, who):
                wrong.append(f"{key} {entry.method.upper()} {path} as {who}: wrong effect")
    assert not wrong, "\n".join(wrong)


def admin_screens() -> list[str]:
    """Every admin route without parameters, as a path (the sweep opens each of them)."""
    paths = []
    for route, _name in routed_patterns():
        if route.startswith(SWEPT_PREFIXES) and not re.search(r"[<(\\^$]", route) and route != "admin/failwhale/":
            paths.append("/" + route)  # failwhale/ is Wagtail's deliberate error page for testing error reports
    return paths


# Admin screens for coordinators only: trainers have the admin for their pages and materials, not for these.
COORDINATOR_ONLY_SCREENS = ("/admin/hulpvragen/", "/admin/users/", "/admin/groups/", "/admin/snippets/scheduling/",
                            "/admin/agenda/", "/admin/praktijkvoorbeelden/",
                            "/admin/snippets/experts/", "/admin/snippets/support_requests/",
                            "/admin/snippets/trainingnet/municipality/add/", "/admin/workflows/list/",
                            "/admin/workflows/tasks/", "/admin/jaarmeting/", "/admin/snippets/maturity/")
# Open to everyone by design: the login screens and the admin's icon sprite and translations.
PUBLIC_ADMIN_SCREENS = ("/admin/login/", "/admin/sprite/", "/admin/jsi18n/", "/django-admin/login/")


# What coordinators manage: each of these admin screens opens for them (the experts app was closed to them).
COORDINATOR_MANAGES = (
    "/admin/snippets/experts/expert/", "/admin/snippets/experts/expert/add/", "/admin/snippets/scheduling/pledge/",
    "/admin/snippets/scheduling/pledge/add/", "/admin/snippets/scheduling/trainingday/add/",
    "/admin/snippets/scheduling/session/add/", "/admin/hulpvragen/",
    "/admin/snippets/support_requests/partnership/add/",
    "/admin/lidmaatschappen/", "/admin/snippets/trainingnet/maildomain/add/", "/admin/snippets/trainingnet/signon/add/",
    "/admin/users/", "/admin/users/new/", "/admin/agenda/boeken-namens/", "/admin/praktijkvoorbeelden/",
    "/admin/jaarmeting/", "/admin/jaarmeting/voorbeeld.csv", "/admin/snippets/maturity/phaserule/",
    "/admin/snippets/maturity/phaserule/add/",
)


def test_coordinators_open_every_screen_they_manage(matrix_data, clients):
    assert set(COORDINATOR_MANAGES) <= set(admin_screens())
    closed = [path for path in COORDINATOR_MANAGES if clients["coordinator"].get(path).status_code != 200]
    assert not closed, f"Closed to coordinators: {closed}"


def test_every_admin_screen_is_closed_to_non_editors(matrix_data, clients):
    """Visitors and staff never see an admin screen; trainers do not see the coordinators' screens; no admin
    screen fails for a coordinator."""
    screens = admin_screens()
    assert len(screens) > 50
    assert all(any(p.startswith(prefix) for p in screens) for prefix in COORDINATOR_ONLY_SCREENS)
    wrong = []
    for path in screens:
        for who in WHO:
            status = clients[who].get(path).status_code
            if status >= 500:
                wrong.append(f"{path} as {who}: server error {status}")
            elif who in ("anonymous", "staff", "expert") and status == 200 and path not in PUBLIC_ADMIN_SCREENS:
                wrong.append(f"{path} as {who}: shown")
            elif who == "trainer" and status == 200 and path.startswith(COORDINATOR_ONLY_SCREENS):
                wrong.append(f"{path} as trainer: shown")
    assert not wrong, "\n".join(wrong)


# Membership states (trainingnet/membership.py). A person whose membership is requested or was refused has no role:
# they get what a visitor gets, except their own account pages (logged in, nothing of anyone else). Where that
# differs from the visitor's answer it is listed here; every other route answers them as it answers a visitor.
UNPROVEN = {
    "account_profile": 200, "account_data_export": 200, "account_delete": 200,
    "account_login": 302, "account_logout": 200, "account_signup": 302, "account_reauthenticate": 200,
    "account_email": 200, "account_change_password": 200, "account_set_password": 302,
    "account_confirm_login_code": 302, "socialaccount_connections": 200,
    "scheduling:session_book": 405, "scheduling:booking_cancel": 302, "scheduling:renew_feed": 302,
    "scheduling:my_bookings": 200, "support_requests:mine": 200,
    "scheduling:session_attendees": 403, "scheduling:my_sessions": 403, "scheduling:pledge_create": 403,
    "scheduling:coverage": 403, "scheduling:fee_list": 403, "scheduling:fee_csv": 403,
    "scheduling:session_attendees_csv": 403, "experts:own_profile": 404, "support_requests:detail": 404,
    "maturity:form": 403, "maturity:result": 404, "maturity:own_history": 403, "maturity:history": 404,
    "dashboard:index": 403, "dashboard:table_csv": 403, "dashboard:demand": 403, "dashboard:demand_csv": 403,
    "cascade:mine": 200, "cascade:booking": 404, "cascade:package": 404, "cascade:reach": 403,
    "cascade:reach_csv": 403, "maturity:measurements": 403, "maturity:benchmark_consent": 403,
    "my_trainingnet": 200, "admin_access": 403,  # their own start page; the admin explains it is not for them
    # Vraag het netwerk is for proven members only.
    **{f"questions:{name}": 403 for name in ("list", "ask", "mail_setting", "detail", "answer", "mark_helpful",
                                              "hide_answer", "close", "publish_as_draft", "hide_question")},
}
# An approved person is staff of Sluis like the matrix's staff member, except for that member's own records.
APPROVED_NOT_OWN = {"support_requests:detail": 404, "questions:mark_helpful": 403, "cascade:booking": 404,
                    "cascade:package": 404}


@pytest.fixture
def membership_clients(matrix_data):
    """A browser for a person in each membership state: asked for Sluis (requested), refused for Sluis, and
    approved for Sluis through a verified address on its mail domain (then staff like the matrix's staff)."""
    from allauth.account.models import EmailAddress

    from trainingnet import membership
    from trainingnet.models import MailDomain

    sluis = matrix_data["small"]
    MailDomain.objects.create(municipality=sluis, domain="sluis.nl")
    people = {state: UserFactory(municipality=None, email=f"{state}@privemail.example")
              for state in ("requested", "refused")}
    for user in people.values():
        membership.request_membership(user, sluis)
    membership.refuse(people["refused"].memberships.get(), by=matrix_data["users"]["coordinator"])
    approved = UserFactory(municipality=None, email="approved@privemail.example")
    EmailAddress.objects.create(user=approved, email="approved@sluis.nl", verified=True)
    membership.request_membership(approved, sluis)
    people["approved"] = approved
    clients = {}
    for state, user in people.items():
        clients[state] = Client()
        clients[state].force_login(user)
    return clients


def test_each_membership_state_answers_as_its_proof_allows(matrix_data, clients, membership_clients):
    """Requested and refused: what a visitor gets (plus their own account); approved: what staff get."""
    wrong = []
    for key, entry in MATRIX.items():
        if entry.effect:
            continue  # changes to the matrix's own records are checked per role above
        for state, client in membership_clients.items():
            expected = (APPROVED_NOT_OWN.get(key, entry.statuses["staff"]) if state == "approved"
                        else UNPROVEN.get(key, entry.statuses["anonymous"]))
            response = getattr(client, entry.method)(entry.path(matrix_data), entry.data)
            got = outcome(response)
            if got != expected:
                wrong.append(f"{key} as {state}: expected {expected}, got {got}")
            elif state != "approved" and got == 200 and not response.streaming and (
                    matrix_data["expert"].email in response.content.decode(errors="replace")):
                wrong.append(f"{key} as {state}: shows an expert's contact details")
    assert not wrong, "\n".join(wrong)


# Superuser-only actions: only a superuser makes a superuser or changes a superuser's password or email address.
SUPERUSER_ONLY = {
    "grant superuser": lambda person: {"is_superuser": "on"},
    "change a superuser's password": lambda person: {"password1": "nieuw-Wachtwoord-99",
                                                      "password2": "nieuw-Wachtwoord-99"},
    "change a superuser's email": lambda person: {"email": "overgenomen@privemail.example"},
}


@pytest.mark.parametrize("action", SUPERUSER_ONLY)
@pytest.mark.parametrize("who", ["coordinator", "superuser"])
def test_superuser_only_actions(matrix_data, action, who):
    editor = matrix_data["users"]["coordinator"] if who == "coordinator" else UserFactory(is_superuser=True)
    person = UserFactory(is_superuser=action != "grant superuser", email="doel@gemeente.example")
    before = (person.is_superuser, person.password, person.email)
    client = Client()
    client.force_login(editor)
    client.post(f"/admin/users/edit/{person.pk}/", {
        "email": person.email, "first_name": "Doel", "last_name": "Persoon", "is_active": "on",
        **({"is_superuser": "on"} if person.is_superuser else {}), **SUPERUSER_ONLY[action](person)})
    person.refresh_from_db()
    changed = (person.is_superuser, person.password, person.email) != before
    assert changed == (who == "superuser"), f"{action} by {who}: {'done' if changed else 'not done'}"
