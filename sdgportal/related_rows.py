"""A record's related rows read in the record's own query, as one JSON array per record.

A list of 50 events with their organisers, speakers, goals and sources is then one query, not
one per relation: each relation is a correlated subquery that PostgreSQL or SQLite turns into
JSON text, which orjson reads back into lists of plain values.
"""

from typing import Any

import orjson
from django.db.models import Field, QuerySet, Subquery
from django.db.models.functions import JSONArray


class JSONRowsField(Field):
    """The JSON text of ``RelatedRows``, read as a list of rows, each a list of values."""

    def get_internal_type(self) -> str:
        return "TextField"

    def from_db_value(self, value: str | None, *_args: Any) -> list[list]:
        return orjson.loads(value) if value else []


class RelatedRows(Subquery):
    """``[[column values of the first row], …]`` of a correlated queryset, in its order."""

    output_field = JSONRowsField()

    def __init__(self, queryset: QuerySet, *columns: str) -> None:
        super().__init__(queryset.annotate(row=JSONArray(*columns)).values("row"))

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        # ARRAY(subquery) keeps the subquery's order; an empty one gives '[]'.
        template = "array_to_json(ARRAY(%(subquery)s))::text"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        # An aggregate over an ordered subquery reads it in order (SQLite keeps it unflattened).
        template = '(SELECT json_group_array(json(rows."row")) FROM (%(subquery)s) AS rows)'
        return self.as_sql(compiler, connection, template=template, **extra)
