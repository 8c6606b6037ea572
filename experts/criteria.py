"""What a search of the expert directory asks (`Criteria`, read from the query string) and answers (`Result`),
shared by the database search (experts/search.py) and the Elasticsearch one (experts/es_backend.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from experts.models import Expert, Shell, SupportLevel
from trainingnet.query import province_code, slug_value


@dataclass(frozen=True)
class Criteria:
    province: str = ""  # CBS code PVxx
    topic: str = ""  # Topic slug
    level: str = ""  # SupportLevel value
    shell: str = ""  # Shell value
    text: str = ""
    home_province: str = ""  # the visitor's own province, for ordering only

    @classmethod
    def from_query(cls, query, home_province: str = "") -> Criteria:
        level = query.get("niveau", "")
        shell = query.get("schil", "")
        return cls(
            province=province_code(query.get("provincie", "")),
            topic=slug_value(query.get("onderwerp", "")),
            level=level if level in SupportLevel.values else "",
            shell=shell if shell in Shell.values else "",
            text=" ".join(query.get("q", "").replace("\x00", " ").split())[:100],
            home_province=province_code(home_province),
        )


@dataclass
class Result:
    experts: QuerySet[Expert]
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    total: int | None = None  # the number of matching experts, when counted with the facets (at most more_than)
    more_than: int | None = None  # more experts match than this: the first `more_than` are listed, facets uncounted
