import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Site

from trainingnet import roles
from trainingnet.demo import DEMO_ACCOUNTS
from trainingnet.models import HomePage, User

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_demo_data_prints_accounts_per_role_and_is_idempotent(capsys, client):
    call_command("load_demo_data")
    out = capsys.readouterr().out
    for account in DEMO_ACCOUNTS:
        assert account.email in out
    users = User.objects.count()
    call_command("load_demo_data")
    assert User.objects.count() == users
    assert HomePage.objects.count() == 1
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage

    for role in roles.ALL_ROLES:
        assert User.objects.filter(groups__name=role).exists()
    assert EmailAddress.objects.filter(email="medewerker@trainingnet.example", verified=True).exists()
    assert client.login(email="coordinator@trainingnet.example", password="demo-Trainingnet-2026")
    assert client.get("/").status_code == 200


def test_demo_data_refuses_to_run_in_production_without_force():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("load_demo_data")


@override_settings(DEBUG=True)
def test_the_demo_looks_alive(client):
    """Participation flags set, sessions on working days at office hours with notes that match, related courses."""
    from courses.models import CoursePage
    from scheduling.models import Session
    from trainingnet.models import Municipality

    call_command("load_demo_data")
    with_participants = Municipality.objects.filter(users__isnull=False).distinct()
    assert with_participants.count() > 20
    assert not with_participants.filter(takes_part=False).exists()
    assert "Deelnemende gemeenten" in client.get("/netwerk/").content.decode()

    sessions = list(Session.objects.select_related("training_day"))
    assert sessions
    for session in sessions:
        start = timezone.localtime(session.starts_at)
        assert start.weekday() < 5, f"{session} on a {start:%A}"
        assert 9 <= start.hour and timezone.localtime(session.ends_at).hour <= 17
        notes = session.training_day.notes
        if session.training_day.address:
            assert "10.00 uur" in notes and "13.00 uur" in notes
        else:
            assert "online" in notes
    assert all(page.related_courses.exists() for page in CoursePage.objects.live())
