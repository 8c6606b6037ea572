"""Loading the network registry from the CBS files shipped in `trainingnet/data/`.

The CBS code is the identity of a province or municipality. Loading is idempotent: a second run with the same
files changes nothing. A newer file updates names, provinces and populations by CBS code; a municipality that is
no longer in the file (merged into another, as happens every year) is marked inactive and never deleted, so that
the bookings, requests and assessments that point to it keep their history.
"""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from trainingnet.models import Municipality, Province

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class LoadReport:
    provinces_created: int = 0
    provinces_updated: int = 0
    created: int = 0
    updated: int = 0
    deactivated: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.provinces_created or self.provinces_updated or self.created or self.updated
                    or self.deactivated)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_registry(data_dir: Path = DATA_DIR) -> LoadReport:
    """Create or update the 12 provinces, their neighbours and the municipalities from the CBS files."""
    # One transaction (a block, not the decorator: mutmut leaves decorated functions alone).
    with transaction.atomic():
        report = LoadReport()
        provinces = {p.cbs_code: p for p in Province.objects.all()}
        for row in _rows(data_dir / "provinces.csv"):
            code, name = row["cbs_code"].strip(), row["name"].strip()
            province = provinces.get(code)
            if province is None:
                provinces[code] = Province.objects.create(cbs_code=code, name=name, slug=slugify(name))
                report.provinces_created += 1
            elif province.name != name:
                province.name = name
                province.save(update_fields=["name"])
                report.provinces_updated += 1

        wanted = {(row["province_code"], row["neighbour_code"]) for row in _rows(data_dir / "province_neighbours.csv")}
        through = Province.neighbours.through
        existing = set(through.objects.values_list("from_province__cbs_code", "to_province__cbs_code"))
        missing = wanted - existing
        if missing:
            through.objects.bulk_create(
                [through(from_province=provinces[a], to_province=provinces[b]) for a, b in missing],
                ignore_conflicts=True,
            )

        current = {m.cbs_code: m for m in Municipality.objects.all()}
        seen: set[str] = set()
        for row in _rows(data_dir / "municipalities.csv"):
            code = row["cbs_code"].strip()
            seen.add(code)
            values = {
                "name": row["name"].strip(),
                "province": provinces[row["province_code"].strip()],
                "population": int(row["population"]),
                "population_date": datetime.date.fromisoformat(row["population_date"].strip()),
                "active": True,
            }
            municipality = current.get(code)
            if municipality is None:
                Municipality.objects.create(cbs_code=code, **values)
                report.created += 1
                continue
            changed = [name for name, value in values.items() if getattr(municipality, name) != value]
            if changed:
                for name in changed:
                    setattr(municipality, name, values[name])
                municipality.save(update_fields=changed)
                report.updated += 1
            else:
                report.unchanged += 1

        for code, municipality in current.items():
            if code not in seen and municipality.active:
                municipality.active = False
                municipality.save(update_fields=["active"])
                report.deactivated.append(code)
        return report
