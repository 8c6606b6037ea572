"""The demo: a few dozen municipalities assessed over time, so that the map shows colour; loading twice adds nothing."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from maturity.models import Assessment

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_demo_assessments_colour_the_map_and_are_idempotent(client, capsys):
    call_command("load_demo_data")
    count = Assessment.objects.count()
    municipalities = Assessment.objects.values("municipality").distinct().count()
    assert municipalities >= 30
    assert Assessment.objects.values("municipality__province").distinct().count() == 12
    sluis = Assessment.objects.filter(municipality__cbs_code="GM1714")
    assert sluis.count() >= 2 and sluis.filter(user__email="medewerker@trainingnet.example").exists()
    call_command("load_demo_data")
    assert Assessment.objects.count() == count

    assert client.login(email="coordinator@trainingnet.example", password="demo-Trainingnet-2026")
    page = client.get("/dashboard/?kaart=maturity").content.decode()
    assert 'class="province nodata"' not in page
    assert client.login(email="medewerker@trainingnet.example", password="demo-Trainingnet-2026")
    history = client.get("/volwassenheid/gemeenten/GM1714/").content.decode()
    assert "Eerste gevolgde training" in history and "Sindsdien:" in history
    # The member's leerpad: interactie lags in the newest assessment of Sluis.
    mine = client.get("/mijn/").content.decode()
    assert "Uw leerpad" in mine and "Interactie&quot; blijft achter" in mine
    # The coordinator's demand beside offer shows at least one gap.
    assert client.login(email="coordinator@trainingnet.example", password="demo-Trainingnet-2026")
    assert "Gat: fase" in client.get("/dashboard/vraag-en-aanbod/").content.decode()
