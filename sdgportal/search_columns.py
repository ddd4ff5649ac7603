"""Stored search columns: each big table's search document and name key, kept by PostgreSQL.

A model with ``SearchColumns`` has ``search_document``, a weighted ``tsvector`` of its texts
under a GIN index, and ``search_names``, the ``search_key`` of its names under a trigram index.
On PostgreSQL a trigger fills both on every insert and update, bulk inserts included, so a
search reads indexes instead of computing each row's text. SQLite leaves them empty and
searches the texts themselves (``sdgportal.search``).
"""

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.postgres.search import SearchVectorField
from django.db import connections, models

from sdgportal.search_keys import postgresql_function

SEARCH_KEY_FUNCTION = "portal_search_key"
COLUMNS = ("search_document", "search_names")
WEIGHTS = "ABCD"


@dataclass(frozen=True)
class StoredSearch:
    """The columns a table's search document holds, by weight, and its names."""

    weighted: dict[str, str]  # column: weight, A (most telling) to D
    names: tuple[str, ...]  # columns spelled alike across alphabets: names, titles, cities
    texts: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        if not set(self.weighted.values()) <= set(WEIGHTS):
            raise ValueError(f"Weights are {', '.join(WEIGHTS)}: {self.weighted}")
        object.__setattr__(self, "texts", tuple(dict.fromkeys([*self.weighted, *self.names])))


class SearchColumns(models.Model):
    """The stored search columns; a subclass says what they hold in ``stored_search``."""

    stored_search: StoredSearch

    search_document = SearchVectorField(null=True, editable=False)
    search_names = models.TextField(default="", editable=False)

    class Meta:
        abstract = True


def searchable_models() -> Iterator[type[SearchColumns]]:
    for model in apps.get_models():
        if issubclass(model, SearchColumns):
            yield model


def has_stored_search(model: type[models.Model], using: str) -> bool:
    """Whether searches of ``model`` read its stored columns (PostgreSQL) on ``using``."""
    return issubclass(model, SearchColumns) and connections[using].vendor == "postgresql"


def trigger_sql(model: type[SearchColumns]) -> str:
    """SQL creating the function and trigger that fill the model's search columns."""
    table = model._meta.db_table
    search = model.stored_search
    column = {name: model._meta.get_field(name).column for name in search.texts}

    def text(name: str) -> str:
        return f"coalesce(NEW.{column[name]}::text, '')"

    document = " || ".join(
        f"setweight(to_tsvector('simple', {text(name)}), '{weight}')"
        for name, weight in search.weighted.items()
    )
    names = ", ".join(f"NEW.{column[name]}::text" for name in search.names)
    watched = ", ".join([*(column[name] for name in search.texts), *COLUMNS])
    return f"""CREATE OR REPLACE FUNCTION {table}_search_columns() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_document := {document};
  NEW.search_names := {SEARCH_KEY_FUNCTION}({names});
  RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER {table}_search_columns
BEFORE INSERT OR UPDATE OF {watched} ON {table}
FOR EACH ROW EXECUTE FUNCTION {table}_search_columns();"""


def install_search_columns(using: str, **kwargs: object) -> None:
    """After migrate, on PostgreSQL: create ``portal_search_key`` and the triggers as the code
    has them, and fill the search columns again wherever their definition changed."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    key_function = postgresql_function(SEARCH_KEY_FUNCTION)
    with connection.cursor() as cursor:
        cursor.execute(key_function)
        for model in searchable_models():
            sql = trigger_sql(model)
            table = model._meta.db_table
            digest = hashlib.sha256(f"{key_function}\n{sql}".encode()).hexdigest()
            cursor.execute(
                "SELECT obj_description(to_regproc(%s)::oid, 'pg_proc')",
                [f"{table}_search_columns"],
            )
            if cursor.fetchone()[0] == digest:
                continue
            cursor.execute(sql)
            cursor.execute(f"COMMENT ON FUNCTION {table}_search_columns() IS '{digest}'")
            cursor.execute(f"UPDATE {table} SET search_names = NULL")  # the trigger refills
