"""AVG: bookings and evaluations appear in the person's export and stay, without the person, after deletion."""

import pytest

from scheduling import booking as service
from scheduling import evaluations
from scheduling.models import Booking, CalendarFeed, Evaluation
from trainingnet.privacy import delete_account, export_personal_data

pytestmark = pytest.mark.django_db


def test_export_and_anonymise(group_session, make_staff):
    person = make_staff()
    booking = service.book(group_session.pk, person)
    Booking.objects.filter(pk=booking.pk).update(status="aanwezig")
    booking.refresh_from_db()
    evaluations.submit(booking, overall=5, usefulness=4, will_apply=True, comments="Top")
    CalendarFeed.objects.create(user=person)

    data = export_personal_data(person)["scheduling"]
    assert data["bookings"][0]["session"] == group_session.title
    assert data["evaluations"][0]["comments"] == "Top"
    assert data["has_calendar_link"] is True

    delete_account(person)
    booking.refresh_from_db()
    assert booking.user is None and booking.municipality.cbs_code == "GM1714"
    assert Evaluation.objects.get().overall == 5  # the statistics keep the mark
    assert not CalendarFeed.objects.exists()
