"""The yearly measurement: importing a CSV file of external scores per municipality.

A coordinator imports, once a year, the scores of an external measurement (seeds/001: "de uitkomsten van de
jaarlijkse meting ... per gemeente aan een fase te koppelen"). The file has a header line and one line per
municipality and year:

    gemeentecode,gemeente,jaar,score
    GM0014,Groningen,2026,72.5

- `gemeentecode`: the CBS code of the municipality (GM and four digits, as in the network registry);
- `gemeente`: optional, the name, only for the reader (the code decides);
- `jaar`: the year measured, not in the future;
- `score`: 0 to 100, at most one decimal, with a decimal point or comma.

Commas or semicolons separate the columns (Excel in Dutch saves with semicolons and a decimal comma), UTF-8 with or
without a byte order mark. The phase rule of the chosen measurement (maturity/phase_rule.py) gives every score its
phase. **All or nothing**: one bad line (unknown code, a year in the future, a score out of range or not a number, a
line twice, a wrong header) and nothing is imported; every bad line is reported with its line number. A municipality
that already has a score of that measurement for that year gets the new one instead (the result says how many).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maturity.models import Measurement, MeasurementImport, PhaseRule
from maturity.phase_rule import HIGHEST_SCORE, LOWEST_SCORE
from trainingnet.models import Municipality
from trainingnet.vocabulary import MaturityPhase

COLUMNS = ("gemeentecode", "gemeente", "jaar", "score")
REQUIRED = ("gemeentecode", "jaar", "score")
FIRST_YEAR = 2000
MAX_BYTES = 1_000_000
MAX_LINES = 5_000
EXAMPLE = "gemeentecode,gemeente,jaar,score\nGM0014,Groningen,{year},72.5\nGM1714,Sluis,{year},38\n"


@dataclass(frozen=True)
class RowError:
    line: int  # the line number in the file (the header is line 1); 0 for the file as a whole
    message: str


@dataclass(frozen=True)
class Row:
    line: int
    municipality: Municipality
    year: int
    score: Decimal
    phase: MaturityPhase
    replaces: Measurement | None = None  # the score of that year it replaces


@dataclass
class Parsed:
    rows: list[Row] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def replaced(self) -> int:
        return sum(1 for row in self.rows if row.replaces is not None)

    @property
    def years(self) -> list[int]:
        return sorted({row.year for row in self.rows})


def example_csv(year: int | None = None) -> str:
    """A template file to start from: the header and two example lines."""
    return EXAMPLE.format(year=year or timezone.localdate().year - 1)


def decode(content: bytes) -> str | None:
    """The file's text (UTF-8, with or without byte order mark), or None when it is not UTF-8."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _delimiter(header: str) -> str:
    return ";" if header.count(";") > header.count(",") else ","


def parse_score(text: str) -> Decimal | None:
    """A score as written in the file ("72.5", "72,5", "72"), or None when it is not a number with at most one
    decimal."""
    text = text.strip().replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if not value.is_finite() or value.as_tuple().exponent < -1 or not text or "e" in text.lower():
        return None
    return value


def _header_errors(header: list[str]) -> list[RowError]:
    names = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED if name not in names]
    unknown = [name for name in names if name not in COLUMNS]
    twice = sorted({name for name in names if names.count(name) > 1})
    problems = []
    if missing:
        problems.append(_("de kolom(men) %(names)s ontbreken") % {"names": ", ".join(missing)})
    if unknown:
        problems.append(_("onbekende kolom(men) %(names)s") % {"names": ", ".join(repr(n) for n in unknown)})
    if twice:
        problems.append(_("de kolom(men) %(names)s staan er dubbel") % {"names": ", ".join(twice)})
    if not problems:
        return []
    return [RowError(1, _("Kopregel klopt niet: %(problems)s. Verwacht: %(expected)s.")
                     % {"problems": "; ".join(problems), "expected": ",".join(COLUMNS)})]


def parse(content: bytes, rule: PhaseRule, today=None) -> Parsed:
    """Read and check a file; every line that is wrong gets a reason in Dutch. Saves nothing."""
    today = today or timezone.localdate()
    result = Parsed()
    if len(content) > MAX_BYTES:
        result.errors.append(RowError(0, _("Het bestand is groter dan 1 MB; een jaarmeting past in veel minder.")))
        return result
    text = decode(content)
    if text is None:
        result.errors.append(RowError(0, _("Het bestand is niet in UTF-8 opgeslagen. Kies in Excel ‘Opslaan als’ → "
                                           "‘CSV UTF-8 (door komma's gescheiden)’ en probeer het opnieuw.")))
        return result
    if "\x00" in text:
        result.errors.append(RowError(0, _("Het bestand bevat tekens die niet in een CSV-bestand horen.")))
        return result
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        result.errors.append(RowError(0, _("Het bestand is leeg.")))
        return result
    if len(lines) > MAX_LINES:
        result.errors.append(RowError(0, _("Het bestand heeft meer dan %(n)d regels.") % {"n": MAX_LINES}))
        return result
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(lines[0]))
    try:
        records = list(reader)
    except csv.Error:
        result.errors.append(RowError(0, _("Het bestand is geen leesbaar CSV-bestand.")))
        return result
    header = records[0]
    result.errors.extend(_header_errors(header))
    if result.errors:
        return result
    names = [name.strip().lower() for name in header]
    known = Municipality.objects.in_bulk(field_name="cbs_code")
    seen: dict[tuple[str, int], int] = {}
    for line, record in enumerate(records[1:], start=2):
        if not any(value.strip() for value in record):
            continue  # an empty line, as spreadsheets leave at the end
        if len(record) != len(names):
            result.errors.append(RowError(line, _("Deze regel heeft %(got)d kolommen in plaats van %(want)d.")
                                          % {"got": len(record), "want": len(names)}))
            continue
        values = {name: value.strip() for name, value in zip(names, record, strict=True)}
        problems = []
        code = values["gemeentecode"].upper()
        municipality = known.get(code)
        if municipality is None:
            problems.append(_("onbekende gemeentecode ‘%(code)s’ (verwacht: GM en vier cijfers, zoals GM0014)")
                            % {"code": values["gemeentecode"][:20]})
        year = int(values["jaar"]) if values["jaar"].isascii() and values["jaar"].isdigit() else None
        if year is None:
            problems.append(_("het jaar ‘%(year)s’ is geen jaartal") % {"year": values["jaar"][:20]})
        elif year > today.year:
            problems.append(_("het jaar %(year)d ligt in de toekomst") % {"year": year})
        elif year < FIRST_YEAR:
            problems.append(_("het jaar %(year)d ligt vóór %(first)d") % {"year": year, "first": FIRST_YEAR})
        score = parse_score(values["score"])
        if score is None:
            problems.append(_("de score ‘%(score)s’ is geen getal met hoogstens één decimaal")
                            % {"score": values["score"][:20]})
        elif not LOWEST_SCORE <= score <= HIGHEST_SCORE:
            problems.append(_("de score %(score)s ligt niet tussen 0 en 100") % {"score": values["score"][:20]})
        if municipality is not None and year is not None:
            earlier = seen.setdefault((code, year), line)
            if earlier != line:
                problems.append(_("%(code)s staat voor %(year)d al op regel %(earlier)d")
                                % {"code": code, "year": year, "earlier": earlier})
        if problems:
            text = "; ".join(problems)
            result.errors.append(RowError(line, text[:1].upper() + text[1:] + "."))
            continue
        result.rows.append(Row(line, municipality, year, score, rule.phase_of(score)))
    if result.rows and not result.errors:
        existing = {(m.municipality_id, m.year): m
                    for m in Measurement.objects.filter(rule=rule, year__in={row.year for row in result.rows})}
        result.rows = [replace(row, replaces=existing.get((row.municipality.pk, row.year))) for row in result.rows]
    if not result.rows and not result.errors:
        result.errors.append(RowError(0, _("Het bestand heeft geen regels met scores onder de kopregel.")))
    return result


@transaction.atomic
def import_measurements(content: bytes, rule: PhaseRule, by,
                        filename: str = "") -> tuple[Parsed, MeasurementImport | None]:
    """Check the file and, when every line is right, save its scores in one transaction (replacing the scores of
    the same municipality and year), logged with who imported it. With any bad line nothing is saved. Two imports
    for one rule wait for each other (the rule is locked), so the second replaces what the first saved."""
    rule = PhaseRule.objects.select_for_update().get(pk=rule.pk)
    parsed = parse(content, rule)
    if parsed.errors:
        return parsed, None
    log = MeasurementImport.objects.create(
        rule=rule, imported_by=by, filename=filename[:255], years=", ".join(str(y) for y in parsed.years),
        created=len(parsed.rows) - parsed.replaced, replaced=parsed.replaced)
    Measurement.objects.filter(pk__in=[row.replaces.pk for row in parsed.rows if row.replaces]).delete()
    Measurement.objects.bulk_create([
        Measurement(municipality=row.municipality, rule=rule, year=row.year, score=row.score, phase=row.phase,
                    source_import=log) for row in parsed.rows])
    return parsed, log
