"""`field__in_array=ids`: the same as `__in`, for long lists of ids (the hundreds of hits of a search).

Django writes `IN (%s, %s, ...)` with one parameter per id, prepared one by one, and the long statement is split
again by the database driver; for 500 ids that costs more than the query itself. On PostgreSQL this lookup sends
the ids as one array parameter (`= ANY(%s)`): the statement stays short and the same for any number of ids.
Elsewhere (SQLite) it is Django's `IN`. Registered for every field, relations too (a page's `pk` is its link to
Wagtail's page).
"""

from __future__ import annotations

from django.db.models import Field, ForeignObject
from django.db.models.lookups import In


class InArray(In):
    lookup_name = "in_array"

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = [self.lhs.output_field.get_prep_value(value) for value in self.rhs]
        return f"{lhs} = ANY(%s)", (*lhs_params, values)


Field.register_lookup(InArray)
ForeignObject.register_lookup(InArray)
