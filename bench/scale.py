"""The realistic scale `make bench` measures at, and the pages it measures.

`seed_scale()` tops the database up to the scale below: the 342 municipalities (loaded by `load_municipalities`),
1 000 published courses in the catalogue, 5 000 experts, 500 training days with 1 000 sessions and 20 000 bookings
(a third in the past), and 5 000 support requests. Each part is seeded once, in one transaction, and skipped when
its rows are there; to seed again, start from an empty database (`BENCH_RESEED=1 make bench` drops it).

`bench/experts.py` and `bench/booking.py` reuse the seeding of their part from here.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction
from django.utils import timezone

from trainingnet import roles
from trainingnet.demo import DEMO_ACCOUNTS, ensure_account, ensure_home_page
from trainingnet.models import Municipality, Province, Topic, User

COURSES = 1_000
EXPERTS = 5_000
TRAINING_DAYS = 500
SESSIONS_PER_DAY = 2
BOOKINGS = 20_000
SUPPORT_REQUESTS = 5_000
PEOPLE_PER_PROVINCE = 170  # members of staff who book (2 040 in all)
DEMO_STAFF_EMAIL = "medewerker@trainingnet.example"  # logged in for the bench; gets bookings of its own
DEMO_STAFF_BOOKINGS = 12

COURSE_PREFIX = "bench-training-"
EXPERT_PREFIX = "Bench Expert"
DAY_ADDRESS = "Bench: Stadhuisplein 1"
PERSON_DOMAIN = "@bench.example"


@dataclass(frozen=True)
class BenchPage:
    name: str
    path: str
    cookie: str | None = None


def seed_scale() -> dict[str, float]:
    """Seed every part that is not there yet; returns the seconds each part took (0 when skipped)."""
    ensure_home_page()
    for account in DEMO_ACCOUNTS:
        ensure_account(account)
    timings = {}
    for name, step in (("courses", seed_courses), ("experts", seed_experts), ("scheduler", seed_scheduler),
                       ("support requests", seed_support_requests)):
        timings[name] = timed(name, step)
    return timings


def timed(name: str, step: Callable[[], int]) -> float:
    started = time.perf_counter()
    created = step()
    seconds = time.perf_counter() - started if created else 0.0
    print(f"  {name}: {f'{created} created in {seconds:.0f} s' if created else 'present, skipped'}", flush=True)
    return seconds


def seed_courses(count: int = COURSES) -> int:
    """`count` published courses in the catalogue, each with two topics, in all formats and phases.

    Wagtail pages are created one by one (`add_child`: tree path, search index, reference index); about 20 ms each.
    """
    from courses.models import CourseFormat, CoursePage
    from tests.factories.courses import catalogue

    parent = catalogue()
    existing = CoursePage.objects.filter(slug__startswith=COURSE_PREFIX).count()
    if existing >= count:
        return 0
    rng = random.Random(1000)
    topics = list(Topic.objects.all())
    formats = list(CourseFormat.values)
    created = []
    with transaction.atomic():
        for index in range(existing, count):
            phase_from = rng.randint(1, 4)
            page = parent.add_child(instance=CoursePage(
                title=f"Training {index + 1:04d}: {rng.choice(topics).name if topics else 'sociale media'}",
                slug=f"{COURSE_PREFIX}{index + 1:04d}",
                summary="Een praktische training voor collega's van kleinere gemeenten.",
                format=formats[index % len(formats)], phase_from=phase_from, phase_to=rng.randint(phase_from, 4),
                duration="een dagdeel", audience="Communicatieadviseurs en webcare-medewerkers",
            ))
            created.append(page.pk)
            if (index + 1) % 200 == 0:
                print(f"    {index + 1} courses", flush=True)
        if topics:
            through = CoursePage.topics.through
            through.objects.bulk_create([through(coursepage_id=pk, topic_id=topic.pk) for pk in created
                                         for topic in rng.sample(topics, min(2, len(topics)))], batch_size=2000)
    return len(created)


def seed_experts(count: int = EXPERTS) -> int:
    """`count` listed experts in every shell, each serving the home province at two levels and on two topics."""
    from experts.models import Expert, Shell, SupportLevelOption

    missing = count - Expert.objects.filter(name__startswith=EXPERT_PREFIX).count()
    if missing <= 0:
        return 0
    rng = random.Random(5000)
    municipalities = list(Municipality.objects.select_related("province"))
    levels, topics = list(SupportLevelOption.objects.all()), list(Topic.objects.all())
    start = count - missing
    with transaction.atomic():
        experts = []
        for i in range(start, count):
            m = rng.choice(municipalities)
            shell = Shell.INTERN if m.is_large else rng.choice([Shell.NETWORK, Shell.EXTERNAL])
            experts.append(Expert(
                name=f"{EXPERT_PREFIX} {i:05d}", shell=shell, municipality=m, home_province=m.province,
                organisation="Bureau Bench" if shell == Shell.EXTERNAL else "",
                email=f"bench{i}@expert.example", active=True, listing_consent=True,
                listing_consent_at=timezone.now(), job_title="Adviseur", bio="Webcare en crisiscommunicatie",
                on_call=rng.random() < .3))
        experts = Expert.objects.bulk_create(experts, batch_size=1000)
        through_p, through_l, through_t = (Expert.provinces.through, Expert.levels.through, Expert.topics.through)
        rows_p, rows_l, rows_t = [], [], []
        for expert in experts:
            rows_p.append(through_p(expert_id=expert.pk, province_id=expert.home_province_id))
            rows_l += [through_l(expert_id=expert.pk, supportleveloption_id=lv.pk)
                       for lv in rng.sample(levels, min(2, len(levels)))]
            rows_t += [through_t(expert_id=expert.pk, topic_id=t.pk) for t in rng.sample(topics, min(2, len(topics)))]
        for model, rows in ((through_p, rows_p), (through_l, rows_l), (through_t, rows_t)):
            model.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return missing


def seed_scheduler(days: int = TRAINING_DAYS, bookings: int = BOOKINGS) -> int:
    """`days` training days over all provinces (a third in the past year, the rest in the coming half year), two
    sessions each, and `bookings` bookings by members of staff of the province; the demo member of staff (Sluis), when
    there, has bookings of its own in Zeeland, for /agenda/mijn-boekingen/. Needs at least one published course."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from courses.models import CoursePage
    from scheduling.models import Booking, Session, TrainingDay
    from tests.factories.scheduling import local

    if TrainingDay.objects.filter(address=DAY_ADDRESS).exists():
        return 0
    rng = random.Random(500)
    today = timezone.localdate()
    provinces = list(Province.objects.order_by("cbs_code"))
    courses = list(CoursePage.objects.live().filter(slug__startswith=COURSE_PREFIX).values_list("pk", flat=True))
    courses = courses or list(CoursePage.objects.live().values_list("pk", flat=True))
    with transaction.atomic():
        people = seed_people(provinces, make_password(None), Group.objects.get(name=roles.MUNICIPAL_STAFF))
        demo = User.objects.filter(email=DEMO_STAFF_EMAIL).select_related("municipality").first()
        hosts = {p.pk: Municipality.objects.filter(province=p).order_by("-population").first() for p in provinces}
        training_days = []
        for index in range(days):
            province = provinces[index % len(provinces)]
            offset = -rng.randint(7, 365) if index % 3 == 0 else rng.randint(3, 180)
            training_days.append(TrainingDay(date=today + datetime.timedelta(days=offset), province=province,
                                             host_municipality=hosts[province.pk], address=DAY_ADDRESS))
        training_days = TrainingDay.objects.bulk_create(training_days)
        sessions = []
        for day in training_days:
            for hour in (10, 13)[:SESSIONS_PER_DAY]:
                starts = local(day.date, hour)
                sessions.append(Session(training_day=day, course_id=rng.choice(courses), starts_at=starts,
                                        ends_at=starts + datetime.timedelta(hours=2), capacity=25,
                                        booking_deadline=starts - datetime.timedelta(days=1)))
        sessions = Session.objects.bulk_create(sessions)
        now = timezone.now()
        per_session, extra = divmod(bookings, len(sessions))
        rows, demo_booked = [], 0
        for index, session in enumerate(sessions):
            province_id = session.training_day.province_id
            attendees = rng.sample(people[province_id], per_session + (1 if index < extra else 0))
            if demo and province_id == demo.municipality.province_id and demo_booked < DEMO_STAFF_BOOKINGS:
                attendees[0] = demo
                demo_booked += 1
            past = session.ends_at < now
            for position, person in enumerate(attendees):
                if past:
                    status = Booking.Status.ATTENDED if rng.random() < .85 else Booking.Status.ABSENT
                elif rng.random() < .05:
                    status = Booking.Status.CANCELLED
                else:
                    status = Booking.Status.CONFIRMED if position < session.capacity else Booking.Status.WAITING
                created = session.starts_at - datetime.timedelta(days=rng.randint(2, 40))
                rows.append(Booking(
                    session=session, user=person, municipality_id=person.municipality_id, status=status,
                    created_at=created, confirmed_at=created if status != Booking.Status.WAITING else None,
                    cancelled_at=created + datetime.timedelta(days=1) if status == Booking.Status.CANCELLED else None))
        Booking.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def seed_people(provinces: list[Province], password: str, staff) -> dict[int, list[User]]:
    """PEOPLE_PER_PROVINCE members of staff of the small municipalities of each province (no usable password)."""
    people: dict[int, list[User]] = {}
    for province in provinces:
        small = list(Municipality.objects.small().filter(province=province)) or list(
            Municipality.objects.filter(province=province))
        prefix = f"bench-{province.cbs_code.lower()}-"
        users = User.objects.bulk_create([
            User(email=f"{prefix}{i}{PERSON_DOMAIN}", password=password, municipality=small[i % len(small)],
                 first_name="Bench", last_name=f"Deelnemer {i}") for i in range(PEOPLE_PER_PROVINCE)])
        people[province.pk] = users
    through = User.groups.through
    through.objects.bulk_create([through(user_id=u.pk, group_id=staff.pk) for users in people.values() for u in users],
                                batch_size=2000)
    return people


def seed_support_requests(count: int = SUPPORT_REQUESTS) -> int:
    """`count` support requests of the last year (dashboard.factories.many_requests)."""
    from support_requests.models import SupportRequest
    from tests.factories.dashboard import many_requests

    if SupportRequest.objects.filter(reference__startswith="HV-BENCH-").exists():
        return 0
    with transaction.atomic():
        return many_requests(count)


def session_cookie(user: User) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}"


def bench_pages() -> list[BenchPage]:
    """The floor first, then anonymous pages, then pages of the demo member of staff (who has bookings)."""
    from courses.models import CoursePage

    staff = User.objects.get(email=DEMO_STAFF_EMAIL)
    cookie = session_cookie(staff)
    coordinator = User.objects.filter(groups__name=roles.COORDINATOR).order_by("pk").first()
    course = CoursePage.objects.live().filter(slug__startswith=COURSE_PREFIX).order_by("path").first()
    topic = Topic.objects.filter(experts__isnull=False).order_by("name").first()
    return [
        BenchPage("floor", "/healthz/"),
        BenchPage("home", "/"),
        BenchPage("province page", "/provincies/noord-brabant/"),
        BenchPage("catalogue", "/trainingen/"),
        BenchPage("course page", course.url),
        BenchPage("experts, filtered", f"/experts/?provincie=PV30&onderwerp={topic.slug}"),
        BenchPage("agenda", "/agenda/"),
        BenchPage("province feed", "/agenda/provincie/PV29.ics"),
        BenchPage("support request form", "/hulp-vragen/"),
        BenchPage("search", "/zoeken/?q=webcare"),
        BenchPage("experts, free text", "/experts/?q=webcare"),
        BenchPage("account page", "/accounts/profiel/", cookie),
        BenchPage("my bookings page", "/agenda/mijn-boekingen/", cookie),
        *([BenchPage("dashboard", "/dashboard/", session_cookie(coordinator))] if coordinator else []),
    ]


def scale_summary() -> str:
    from courses.models import CoursePage
    from experts.models import Expert
    from scheduling.models import Booking, Session, TrainingDay
    from support_requests.models import SupportRequest

    return (f"{Municipality.objects.count()} municipalities, {CoursePage.objects.live().count()} published courses, "
            f"{Expert.objects.listed().count()} listed experts, {TrainingDay.objects.count()} training days with "
            f"{Session.objects.count()} sessions, {Booking.objects.count()} bookings, "
            f"{SupportRequest.objects.count()} support requests, {User.objects.count()} users")
