"""Fuzzing the scheduler's forms: book, cancel, renew the feed link, pledge, mark attendance, evaluate.

Whole or nothing: a booking comes with its confirmation mail in the queue, a cancellation with its mail, an
evaluation marks the link as used; a refused post changes no row.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from scheduling.forms import month_value
from scheduling.models import Booking, CalendarFeed, Evaluation, Pledge, SessionFee
from tests.fuzz.support import FUZZ, assert_no_server_error, client_for, form_data, fuzzes, junk, sent, undone
from trainingnet.models import OutgoingMail, Province

pytestmark = pytest.mark.django_db

TRUTHY = {"on", "true", "1", "ja", "yes"}  # what a checkbox may send; Django treats every other non-empty value
huge_ids = st.integers(min_value=10**6, max_value=10**30)


@fuzzes("scheduling:session_book")
@FUZZ
@given(which=st.sampled_from(["group", "tailored", "missing"]), missing_pk=huge_ids,
       data=form_data({"accept_fee": "on"}, {"accept_fee": ["on", "off", "false", "0", "1", ""]}))
def test_booking_is_saved_with_its_mail_or_not_at_all(world, which, missing_pk, data):
    with undone():
        session = getattr(world, which, None)
        pk = session.pk if session else missing_pk
        before = (Booking.objects.count(), OutgoingMail.objects.count())
        mine = set(Booking.objects.filter(user=world.staff).values_list("pk", flat=True))
        response = client_for(world.staff).post(f"/agenda/sessie/{pk}/boeken/", data)
        assert_no_server_error(response)
        booking = Booking.objects.filter(user=world.staff).exclude(pk__in=mine).first()
        if booking is None:
            assert (Booking.objects.count(), OutgoingMail.objects.count()) == before
            assert response.status_code in (302, 404)
        else:
            assert Booking.objects.count() == before[0] + 1 and booking.session == session
            assert OutgoingMail.objects.filter(to=[world.staff.email]).count() == 1
            assert OutgoingMail.objects.count() == before[1] + 1
            if which == "tailored":  # only after agreeing to the fee, stored once for the municipality
                assert data.get("accept_fee") not in (None, "", [])
                assert SessionFee.objects.get(session=session).amount > 0


@fuzzes("scheduling:booking_cancel")
@FUZZ
@given(which=st.sampled_from(["booking", "to_mark", "missing"]), missing_pk=huge_ids,
       data=form_data({"next": "mijn-boekingen"}, {"next": ["mijn-boekingen", "//evil.example/", "https://x.example"]}))
def test_cancelling_changes_the_booking_and_mails_or_changes_nothing(world, which, missing_pk, data):
    with undone():
        booking = getattr(world, which, None)
        pk = booking.pk if booking else missing_pk
        before = (list(Booking.objects.order_by("pk").values_list("pk", "status")), OutgoingMail.objects.count())
        response = client_for(world.staff).post(f"/agenda/boeking/{pk}/annuleren/", data)
        assert_no_server_error(response)
        after = list(Booking.objects.order_by("pk").values_list("pk", "status"))
        changed = [new for old, new in zip(before[0], after, strict=True) if old != new]
        if changed:
            assert changed == [(world.booking.pk, Booking.Status.CANCELLED)] and which == "booking"
            assert OutgoingMail.objects.count() == before[1] + 1
        else:
            assert OutgoingMail.objects.count() == before[1]
        if response.status_code == 302:
            assert response["Location"].startswith("/") and not response["Location"].startswith("//")


@fuzzes("scheduling:renew_feed")
@FUZZ
@given(data=form_data({}, {}))
def test_renewing_the_feed_link_replaces_exactly_one_token(world, data):
    with undone():
        old = world.feed.token
        response = client_for(world.staff).post("/agenda/mijn-boekingen/nieuwe-agenda-link/", data)
        assert response.status_code == 302
        assert list(CalendarFeed.objects.filter(user=world.staff).values_list("token", flat=True)) != [old]
        assert CalendarFeed.objects.filter(user=world.staff).count() == 1


@fuzzes("scheduling:pledge_create")
@FUZZ
@given(data=st.data())
def test_pledge_is_saved_whole_or_not_at_all(world, data):
    with undone():
        month = month_value(timezone.localdate().replace(day=1) + relativedelta(months=1))
        brabant = Province.objects.get(cbs_code="PV30")
        posted = data.draw(form_data(
            {"maand": month, "provincie": str(brabant.pk), "dagen": "1", "opmerking": "Graag in de ochtend."},
            {"maand": [month, "2020-01", "2026-13", "9999-12"], "provincie": [str(world.zeeland.pk), "0", "PV30"],
             "dagen": ["0", "1", "5", "6", "-1", "1.0"]}))
        before = Pledge.objects.count()
        response = client_for(world.trainer).post("/agenda/toezeggen/", posted)
        assert_no_server_error(response)
        if response.status_code == 302:
            assert Pledge.objects.count() == before + 1
            pledge = Pledge.objects.latest("pk")
            assert pledge.trainer == world.trainer and 1 <= pledge.days <= 5 and "\x00" not in pledge.note
        else:
            assert response.status_code == 200 and Pledge.objects.count() == before


@fuzzes("scheduling:session_attendees")
@FUZZ
@given(data=st.data())
def test_attendance_changes_at_most_the_one_booking_chosen(world, data):
    with undone():
        ids = [str(world.to_mark.pk), str(world.attended.pk), str(world.booking.pk)]
        posted = data.draw(form_data({"booking": str(world.to_mark.pk), "status": "aanwezig"},
                                     {"booking": ids, "status": ["aanwezig", "afwezig", "Aanwezig"]}))
        before = dict(Booking.objects.values_list("pk", "status"))
        response = client_for(world.trainer).post(f"/agenda/sessie/{world.past.pk}/deelnemers/", posted)
        assert response.status_code == 302
        after = dict(Booking.objects.values_list("pk", "status"))
        changed = {pk: status for pk, status in after.items() if before[pk] != status}
        if changed:
            wanted = {"aanwezig": Booking.Status.ATTENDED, "afwezig": Booking.Status.ABSENT}[sent(posted, "status")]
            assert changed == {int(sent(posted, "booking")): wanted}
            assert world.booking.pk not in changed  # a booking of another session is never touched


@fuzzes("scheduling:evaluation")
@FUZZ
@given(token=st.one_of(st.just("valid"), junk()),
       data=form_data({"overall": "4", "usefulness": "5", "will_apply": "ja", "comments": "Heel nuttig."},
                      {"overall": ["1", "5", "0", "6", "4.0"], "usefulness": ["1", "5", "0", "6"],
                       "will_apply": ["ja", "nee", "misschien"]}))
def test_evaluation_is_stored_once_or_not_at_all(world, token, data):
    with undone():
        token = world.evaluation_token if token == "valid" else token
        before = Evaluation.objects.count()
        response = client_for().post(f"/agenda/evaluatie/{quote(token, safe='')}/", data)
        assert_no_server_error(response)
        if Evaluation.objects.count() == before:
            assert response.status_code in (200, 404)
        else:
            evaluation = Evaluation.objects.get()
            assert evaluation.booking == world.attended and 1 <= evaluation.overall <= 5
            assert response.status_code == 200
            # The link is used: the next visit says so and cannot add a second evaluation.
            again = client_for().post(f"/agenda/evaluatie/{quote(world.evaluation_token, safe='')}/", data)
            assert again.status_code == 200 and Evaluation.objects.count() == before + 1


@fuzzes("scheduling:seat_offer")
@FUZZ
@given(token=st.one_of(st.sampled_from(["accept", "decline"]), junk()),
       data=form_data({}, {}), logged_in=st.booleans())
def test_answering_a_seat_offer_changes_the_one_booking_or_nothing(world, token, data, logged_in):
    """Only a genuine link acts: accept confirms the waiting booking (with its mail), decline takes it off the list;
    a forged or damaged link, or a second answer, changes nothing."""
    from datetime import timedelta

    from scheduling import offers
    from scheduling.models import SeatOffer
    from tests.factories.scheduling import BookingFactory

    with undone():
        waiting = BookingFactory(session=world.group, user=world.staff, status=Booking.Status.WAITING)
        offer = SeatOffer.objects.create(booking=waiting, expires_at=timezone.now() + timedelta(hours=5))
        paths = dict(zip(offers.ACTIONS, offers.offer_paths(offer), strict=True))
        path = paths.get(token) or f"/agenda/aanbod/{quote(token, safe='')}/"
        before = (list(Booking.objects.order_by("pk").values_list("pk", "status")), OutgoingMail.objects.count())
        response = client_for(world.staff if logged_in else None).post(path, data)
        assert_no_server_error(response)
        waiting.refresh_from_db()
        offer.refresh_from_db()
        after = list(Booking.objects.order_by("pk").values_list("pk", "status"))
        changed = [new for old, new in zip(before[0], after, strict=True) if old != new]
        if token == "accept":
            assert changed == [(waiting.pk, Booking.Status.CONFIRMED)] and offer.status == "aangenomen"
            assert OutgoingMail.objects.count() == before[1] + 1
        elif token == "decline":
            assert changed == [(waiting.pk, Booking.Status.CANCELLED)] and offer.status == "afgeslagen"
        else:
            assert changed == [] and offer.is_open and OutgoingMail.objects.count() == before[1]
            assert response.status_code in (302, 404)
        # A second answer through the same link changes nothing.
        again = client_for().post(path, data)
        assert_no_server_error(again)
        assert list(Booking.objects.order_by("pk").values_list("pk", "status")) == after
