"""A record's related rows read in the record's own query, as one JSON array per record.

A list of 50 events with their organisers, speakers, goals and sources is then one query, not
one per relation: each relation is a correlated subquery that PostgreSQL or SQLite turns into
JSON text, which orjson reads back into lists of plain values.
"""

from typing import Any

import orjson
from django.db.models import F, Field, QuerySet, Subquery
from django.db.models.functions import JSONArray


class JSONRowsField(Field):
    """The JSON text of ``RelatedRows``, read as a list of rows (or of values)."""

    def get_internal_type(self) -> str:
        return "TextField"

    def from_db_value(self, value: str | None, *_args: Any) -> list[list]:
        return orjson.loads(value) if value else []


class RelatedRows(Subquery):
    """``[[column values of the first row], …]`` of a correlated queryset, in its order; for
    one column, ``[value of the first row, …]``.

    Its SQL is written once per database connection and kept: a list's query is copied, not
    rebuilt, for each request (e.g. ``functools.cache`` on the function making it), and
    writing out five relations took about 2 ms of each request. A copy, which an outer query
    makes to rename its tables, writes its own.
    """

    output_field = JSONRowsField()

    def __init__(self, queryset: QuerySet, *columns: str) -> None:
        self.flat = len(columns) == 1
        row = F(columns[0]) if self.flat else JSONArray(*columns)
        super().__init__(queryset.annotate(row=row).values("row"))
        self._written: dict[str, tuple[str, tuple]] = {}

    def copy(self) -> "RelatedRows":
        clone = super().copy()
        clone._written = {}
        return clone

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple]:
        if connection.alias not in self._written:
            sql, params = super().as_sql(compiler, connection, **extra)
            self._written[connection.alias] = (sql, tuple(params))
        return self._written[connection.alias]

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple]:
        # ARRAY(subquery) keeps the subquery's order; an empty one gives '[]'.
        template = "array_to_json(ARRAY(%(subquery)s))::text"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple]:
        # An aggregate over an ordered subquery reads it in order (SQLite keeps it unflattened).
        row = 'rows."row"' if self.flat else 'json(rows."row")'  # JSON text read as JSON
        template = f"(SELECT json_group_array({row}) FROM (%(subquery)s) AS rows)"
        return self.as_sql(compiler, connection, template=template, **extra)
