import csv
import shutil

import pytest
from django.core.management import call_command

from trainingnet.models import Municipality, Province
from trainingnet.registry import DATA_DIR, load_registry

pytestmark = pytest.mark.django_db


def test_loaded_registry_matches_cbs_figures():
    assert Province.objects.count() == 12
    assert Municipality.objects.active().count() == 342
    assert Municipality.objects.large().count() == 32
    assert Municipality.objects.get(cbs_code="GM0363").name == "Amsterdam"
    assert Municipality.objects.get(cbs_code="GM0363").population == 931_298


def test_provinces_with_fewer_than_two_large_municipalities():
    large = {p.name: p.municipalities.large().count() for p in Province.objects.all()}
    short = {name: count for name, count in large.items() if count < 2}
    assert short == {"Groningen": 1, "Fryslân": 1, "Drenthe": 1, "Flevoland": 1, "Zeeland": 0}


def test_neighbours_are_symmetric_and_zeeland_borders_zuid_holland_and_brabant():
    zeeland = Province.objects.get(name="Zeeland")
    assert set(zeeland.neighbours.values_list("name", flat=True)) == {"Zuid-Holland", "Noord-Brabant"}
    assert Province.neighbours.through.objects.count() == 46
    for province in Province.objects.prefetch_related("neighbours"):
        for neighbour in province.neighbours.all():
            assert province in neighbour.neighbours.all()


def test_second_load_changes_nothing():
    report = load_registry()
    assert not report.changed
    assert report.unchanged == 342


def test_newer_file_updates_by_code_and_deactivates_but_never_deletes(tmp_path):
    for name in ("provinces.csv", "province_neighbours.csv"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    with (DATA_DIR / "municipalities.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows = [row for row in rows if row["cbs_code"] != "GM1680"]  # Aa en Hunze merged away
    for row in rows:
        if row["cbs_code"] == "GM0363":
            row["population"] = "950000"
        if row["cbs_code"] == "GM0518":
            row["name"] = "Den Haag"
    with (tmp_path / "municipalities.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    report = load_registry(tmp_path)

    assert report.updated == 2
    assert report.deactivated == ["GM1680"]
    assert Municipality.objects.get(cbs_code="GM0363").population == 950_000
    assert Municipality.objects.get(cbs_code="GM0518").name == "Den Haag"
    gone = Municipality.objects.get(cbs_code="GM1680")
    assert gone.active is False
    assert Municipality.objects.count() == 342
    assert Municipality.objects.active().count() == 341


def test_load_municipalities_command_reports_totals(capsys):
    call_command("load_municipalities")
    out = capsys.readouterr().out
    assert "Provincies: 12" in out
    assert "342 actief" in out
    assert "32 met 100.000+ inwoners" in out


def test_a_municipality_back_in_a_newer_file_is_active_again():
    """A code that was missing from one CBS file (marked inactive) and is back in the next one takes part again."""
    Municipality.objects.filter(cbs_code="GM1680").update(active=False)
    report = load_registry()
    assert report.updated == 1 and report.deactivated == []
    assert Municipality.objects.get(cbs_code="GM1680").active is True
    assert Municipality.objects.active().count() == 342


def _newer_files(tmp_path, change_rows):
    """The shipped CBS files in tmp_path, with the municipalities' rows changed by `change_rows`."""
    for name in ("provinces.csv", "province_neighbours.csv"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    with (DATA_DIR / "municipalities.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows = change_rows(rows)
    with (tmp_path / "municipalities.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return tmp_path


def test_a_merger_into_a_new_municipality_is_reported_as_one_new_and_two_no_longer_active(tmp_path, capsys):
    """Two municipalities merge into one with a new CBS code: the operator reads one new municipality and the two
    old codes as no longer active; the new one takes part at once."""
    def merge(rows):
        kept = [row for row in rows if row["cbs_code"] not in ("GM1680", "GM0106")]
        merged = {**next(row for row in rows if row["cbs_code"] == "GM0106"),
                  "cbs_code": "GM1999", "name": "Assen en Hunze", "population": "96000"}
        return [*kept, merged]

    call_command("load_municipalities", "--data-dir", str(_newer_files(tmp_path, merge)))
    out = capsys.readouterr().out
    assert "(1 nieuw, 0 bijgewerkt, 2 niet meer actief)" in out
    assert "Niet meer in de CBS-indeling: " in out and "GM1680" in out and "GM0106" in out
    merged = Municipality.objects.get(cbs_code="GM1999")
    assert (merged.name, merged.province.name, merged.active) == ("Assen en Hunze", "Drenthe", True)
    assert Municipality.objects.active().count() == 341


def test_neighbours_missing_from_the_database_come_back_from_the_file():
    """The neighbours file is the truth: pairs lost from the database (removed in the admin, say) are restored by
    the next load, in both directions, so Zeeland's coordinators again see Zuid-Holland and Brabant as neighbours."""
    through = Province.neighbours.through
    zeeland = Province.objects.get(name="Zeeland")
    through.objects.filter(from_province=zeeland).delete()
    through.objects.filter(to_province=zeeland).delete()
    assert not zeeland.neighbours.exists()
    load_registry()
    assert set(zeeland.neighbours.values_list("name", flat=True)) == {"Zuid-Holland", "Noord-Brabant"}
    assert set(Province.objects.get(name="Noord-Brabant").neighbours.values_list("name", flat=True)) >= {"Zeeland"}
    assert through.objects.count() == 46
