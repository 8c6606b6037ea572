"""Filter values read from a query string. A query string is the visitor's to choose: a value that cannot be what the
filter expects becomes "" (no filter) before it reaches the database, which for PostgreSQL also keeps out NUL bytes."""

from __future__ import annotations

import re

from django.core.validators import slug_unicode_re


def slug_value(value: str) -> str:
    """A slug (a topic, say), at most 100 characters, or ""."""
    value = value[:100]
    return value if slug_unicode_re.match(value) else ""


def province_code(value: str) -> str:
    """A CBS province code (`PV29`; longer values are cut to four characters), or ""."""
    value = value[:4]
    return value if re.fullmatch(r"PV\d\d", value) else ""
