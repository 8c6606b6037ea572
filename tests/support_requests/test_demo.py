import pytest

from support_requests import demo
from support_requests.models import SupportRequest

pytestmark = pytest.mark.django_db


def test_demo_loads_25_requests_over_levels_provinces_and_states_idempotently(home):
    from experts import demo as experts_demo
    from trainingnet import demo as trainingnet_demo

    trainingnet_demo.load()
    experts_demo.load()
    demo.load()
    demo.load()
    requests = SupportRequest.objects.all()
    assert requests.count() == 25
    assert set(requests.values_list("level", flat=True)) == {"acuut", "implementatie", "nazorg"}
    assert set(requests.values_list("status", flat=True)) == {
        "nieuw", "in_behandeling", "gekoppeld", "afgerond", "gesloten", "ingetrokken"}
    assert requests.values("municipality__province").distinct().count() == 12
    assert requests.filter(overdue_since__isnull=False, level="acuut").exists()
    assert requests.filter(overdue_since__isnull=False).exclude(level="acuut").exists()
    assert requests.filter(status="gekoppeld", assigned_expert__isnull=False).count() >= 4
    assert requests.filter(kind="webcare").count() == 3
