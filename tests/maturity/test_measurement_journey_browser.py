"""In a real browser: a coordinator imports a yearly measurement in the Wagtail admin. A file with a bad line is
refused with the line named; the corrected file is checked (preview), then imported; the measurement then shows on
the coordinators' comparison page, and a consenting municipality on the public benchmark. axe-core checks the pages
of the site."""

import pytest
from django.utils import timezone

from maturity.benchmark import give_consent
from maturity.models import Measurement
from tests.browser import assert_accessible
from tests.factories.maturity import PhaseRuleFactory
from tests.factories.trainingnet import UserFactory
from trainingnet import roles
from trainingnet.models import Municipality

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_coordinator_imports_the_yearly_measurement(page, site_home, tmp_path):
    PhaseRuleFactory()
    year = timezone.localdate().year - 1
    coordinator = UserFactory(email="carla@vng.example", roles=[roles.COORDINATOR])
    give_consent(Municipality.objects.get(cbs_code="GM1714"), by=coordinator)
    bad = tmp_path / "fout.csv"
    bad.write_text(f"gemeentecode;gemeente;jaar;score\nGM1714;Sluis;{year};36,5\nGM9999;Nergens;{year};50\n",
                   encoding="utf-8-sig")
    good = tmp_path / "meting.csv"
    good.write_text(f"gemeentecode;gemeente;jaar;score\nGM1714;Sluis;{year};36,5\nGM0664;Goes;{year};75\n",
                    encoding="utf-8-sig")

    page.goto("/admin/jaarmeting/")
    page.get_by_label("E-mail").fill("carla@vng.example")
    page.get_by_label("Wachtwoord").fill("wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Jaarmeting importeren").wait_for()

    page.get_by_label("CSV-bestand").set_input_files(str(bad))
    page.get_by_role("button", name="Direct importeren").click()
    page.get_by_text("1 fout gevonden, er is niets geïmporteerd").wait_for()
    assert "Onbekende gemeentecode ‘GM9999’" in page.locator("#import-errors").inner_text()
    assert not Measurement.objects.exists()

    page.get_by_label("CSV-bestand").set_input_files(str(good))
    page.get_by_role("button", name="Controleren").click()
    page.get_by_text("Controle: 2 scores klaar om te importeren").wait_for()
    preview = page.locator("#import-preview").inner_text()
    assert "Goes (GM0664)" in preview and "4. Werkt samen" in preview
    assert not Measurement.objects.exists()
    page.get_by_role("button", name="Deze scores importeren").click()
    page.get_by_text(f"2 scores van GemeenteBuzz voor {year} geïmporteerd.").wait_for()
    assert Measurement.objects.count() == 2
    assert "meting.csv" in page.content()

    page.goto("/dashboard/")
    page.get_by_role("link", name="De jaarmeting naast de zelfevaluaties, per provincie").click()
    page.get_by_role("link", name="Zeeland").click()
    page.get_by_role("heading", name="Gemeenten in Zeeland").wait_for()
    assert_accessible(page)

    page.goto("/netwerk/benchmark/zeeland/")
    page.get_by_role("heading", name="Benchmark Zeeland").wait_for()
    table = page.locator("table.benchmark").inner_text()
    assert "Sluis" in table and "Goes" not in table
    assert_accessible(page)
