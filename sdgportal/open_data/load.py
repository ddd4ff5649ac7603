"""Load an open-data export into a database: every table with its ids, all or nothing.

Rows go in as stored, by SQL: no save() recomputes a column and no translated field is filled
from the active language. The JSON files are read line by line (one row per line), so memory
stays flat however large the export. Columns the export withholds keep, with ``--replace``, the
values of the records held under the same ids.
"""

import functools
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import orjson
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    IntegrityError,
    connection,
    connections,
    models,
    reset_queries,
    transaction,
)
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper

from sdgportal.caching import bump_data_version
from sdgportal.open_data.package import FORMAT_VERSION
from sdgportal.open_data.tables import TABLES, OpenTable, column_name, is_content_type

CHUNK_ROWS = 1000
BUILT_IN = {"goals"}  # created by a migration: an empty database has them, an import replaces them
CONVERTED = {"DateField", "DateTimeField", "DecimalField", "JSONField"}


class OpenDataError(Exception):
    """An export that cannot be loaded; the message says why."""


def check_open_data(path: Path) -> dict:
    """Refuse a file that is not a complete export this portal can load; return its package."""
    if not path.is_file():
        raise OpenDataError(f"{path} does not exist or is not a file.")
    if not zipfile.is_zipfile(path):
        raise OpenDataError(f"{path} is not a zip file.")
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if "datapackage.json" not in names:
            raise OpenDataError(f"{path} holds no datapackage.json: it is not an open-data export.")
        try:
            package = json.loads(archive.read("datapackage.json"))
            version = package["sdgportal"]["format"]
            resources = {resource["name"]: resource for resource in package["resources"]}
        except (ValueError, KeyError, TypeError):
            raise OpenDataError(
                f"{path}: its datapackage.json does not describe an export of the portal."
            ) from None
    if version != FORMAT_VERSION:
        raise OpenDataError(
            f"{path} is an export of format version {version}; this portal loads version "
            f"{FORMAT_VERSION}."
        )
    for table in TABLES:
        if table.name not in resources or f"{table.name}.json" not in names:
            raise OpenDataError(f"{path} lacks {table.name}.json: it is not a complete export.")
        columns = [field["name"] for field in resources[table.name]["schema"]["fields"]]
        if columns != table.columns:
            raise OpenDataError(
                f"{path}: {table.name} has the columns {', '.join(columns)}, and this portal's "
                f"{', '.join(table.columns)}. Load it with the version of the portal that "
                "exported it."
            )
    return package


def records_held() -> dict[str, int]:
    """Rows per table of the export's tables that hold any, built-in goals aside."""
    counts = {
        table.name: models.QuerySet(table.model).count()
        for table in TABLES
        if table.name not in BUILT_IN
    }
    return {name: count for name, count in counts.items() if count}


def load_open_data(path: Path, *, replace: bool = False) -> dict[str, int]:
    """Load the export at ``path``; with ``replace``, in place of the records held.

    Check the file with ``check_open_data`` first. Returns the rows loaded per table.
    """
    try:
        with zipfile.ZipFile(path) as archive, transaction.atomic():
            held = records_held()
            if held and not replace:
                listed = ", ".join(f"{name}: {count}" for name, count in held.items())
                raise OpenDataError(
                    f"The database already holds records ({listed}): load an export into an "
                    "empty database, or replace them with --replace."
                )
            kept = {table.name: _withheld_values(table) for table in TABLES if table.withheld}
            with connection.cursor() as cursor:
                for table in reversed(TABLES):
                    cursor.execute(
                        f"DELETE FROM {connection.ops.quote_name(table.model._meta.db_table)}"
                    )
            counts = {
                table.name: _load_table(archive, table, kept.get(table.name, {}))
                for table in TABLES
            }
            # Foreign keys are checked once every table is in (a row may name a later one),
            # here rather than at a commit an enclosing transaction would defer.
            connection.check_constraints(table_names=[t.model._meta.db_table for t in TABLES])
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), [t.model for t in TABLES]):
                    cursor.execute(sql)
    except IntegrityError as error:
        raise OpenDataError(
            f"A reference points to no record: {_reason(error, detail=True)}."
        ) from None
    bump_data_version()
    return counts


def _withheld_values(table: OpenTable) -> dict[object, list]:
    """The withheld columns of the records held, by primary key, as ``_load_table`` puts them
    back: with the other left-out columns' defaults, in their order."""
    db = connections[DEFAULT_DB_ALIAS]
    others = table.left_out
    names = [field.attname for field in table.withheld]
    kept = {}
    for pk, *values in (
        models.QuerySet(table.model).values_list("pk", *names).iterator(chunk_size=CHUNK_ROWS)
    ):
        held = dict(zip(names, values, strict=True))
        kept[pk] = [
            field.get_db_prep_save(held.get(field.attname, field.get_default()), db)
            for field in others
        ]
    return kept


def _load_table(archive: zipfile.ZipFile, table: OpenTable, kept: dict[object, list]) -> int:
    """Insert the table's rows; ``kept`` gives, by primary key, the left-out columns of a
    record held, which otherwise take their defaults (search columns, withheld text)."""
    db = connections[DEFAULT_DB_ALIAS]  # the connection itself: the proxy costs at each value
    exported = table.fields
    others = table.left_out
    defaults = [field.get_db_prep_save(field.get_default(), db) for field in others]
    fields = (*exported, *others)
    pk = column_name(table.model._meta.pk)
    # Many rows a statement: one statement a row costs a round trip each on PostgreSQL.
    per_statement = max(1, min(CHUNK_ROWS, db.ops.bulk_batch_size(fields, [None] * CHUNK_ROWS)))
    converters = [
        (name, _db_value(field, db)) for name, field in zip(table.columns, exported, strict=True)
    ]
    batch, count, first = [], 0, 0
    with archive.open(f"{table.name}.json") as file, db.cursor() as cursor:
        for number, record in _records(file, table.name):
            batch.extend(_row(record, converters, where=f"{table.name}.json, line {number}"))
            batch.extend(kept.get(record[pk], defaults) if kept else defaults)
            count += 1
            first = first or number
            if count % per_statement == 0:
                _insert_rows(cursor, table, fields, batch, lines=(first, number))
                batch, first = [], 0
                reset_queries()  # with DEBUG each statement's SQL is kept, and these are large
        if batch:
            _insert_rows(cursor, table, fields, batch, lines=(first, number))
    return count


def _insert_rows(
    cursor: CursorWrapper,
    table: OpenTable,
    fields: tuple[models.Field, ...],
    values: list,
    *,
    lines: tuple[int, int],
) -> None:
    """One statement of rows; a row the database refuses is named by its lines in the file."""
    try:
        cursor.execute(_insert(table, fields, len(values) // len(fields)), values)
    except (DatabaseError, OverflowError) as error:  # OverflowError: SQLite's too large integer
        first, last = lines
        where = f"line {first}" if first == last else f"lines {first} to {last}"
        raise OpenDataError(
            f"{table.name}.json, {where}: the database refused a row: {_reason(error)}."
        ) from None


def _reason(error: Exception, *, detail: bool = False) -> str:
    """The database's message on one line; PostgreSQL's detail only when asked for, as for a
    refused row it repeats the whole row."""
    lines = str(error).strip().splitlines() or [type(error).__name__]
    reason = lines[0].strip().rstrip(".")
    details = [line.removeprefix("DETAIL:").strip() for line in lines if line.startswith("DETAIL:")]
    if detail and details:
        reason = f"{reason} ({details[0].rstrip('.')})"
    return reason


@functools.cache
def _insert(table: OpenTable, fields: tuple[models.Field, ...], rows: int) -> str:
    quote = connection.ops.quote_name
    placeholders = f"({', '.join(['%s'] * len(fields))})"
    return (
        f"INSERT INTO {quote(table.model._meta.db_table)} "
        f"({', '.join(quote(field.column) for field in fields)}) "
        f"VALUES {', '.join([placeholders] * rows)}"
    )


def _records(file: IO[bytes], name: str) -> Iterator[tuple[int, dict]]:
    """The rows of an exported JSON file: an array with one row per line."""
    for number, line in enumerate(io.TextIOWrapper(file, encoding="utf-8"), start=1):
        text = line.strip().removesuffix(",")
        if text in {"[", "]", "[]", ""}:
            continue
        try:
            record = orjson.loads(text)
        except orjson.JSONDecodeError as error:
            raise OpenDataError(
                f"{name}.json, line {number} is not one row of an export: {error}."
            ) from None
        if not isinstance(record, dict):
            raise OpenDataError(f"{name}.json, line {number} is not one row of an export.")
        yield number, record


def _row(record: dict, converters: list[tuple[str, Callable]], *, where: str) -> list:
    row = []
    for name, convert in converters:
        try:
            row.append(convert(record[name]))
        except KeyError:
            raise OpenDataError(f"{where}: the row has no {name}.") from None
        except (ValidationError, ValueError, TypeError) as error:
            message = "; ".join(error.messages) if isinstance(error, ValidationError) else error
            raise OpenDataError(f"{where}: {name} {record[name]!r}: {message}") from None
    return row


def _db_value(field: models.Field, db: BaseDatabaseWrapper) -> Callable[[object], object]:
    """How a JSON value becomes the column's: parsed where JSON has no such type."""
    if is_content_type(field):
        return _content_type_id
    if field.get_internal_type() in CONVERTED:
        return lambda value: field.get_db_prep_save(field.to_python(value), db)
    # SQLite would store a text in an integer or yes/no column as it is.
    stored = field.target_field if field.is_relation else field
    if isinstance(stored, models.BooleanField):
        return functools.partial(_of_type, kind=bool, name="true or false")
    if isinstance(stored, models.IntegerField):
        return functools.partial(_of_type, kind=int, name="an integer")
    return lambda value: value


def _of_type(value: object, *, kind: type, name: str) -> object:
    if value is None or type(value) is kind:  # not isinstance: True is no integer
        return value
    raise ValueError(f"not {name}")


def _content_type_id(name: object) -> int:
    """The id here of a kind of record named ``app.model``."""
    try:
        model = apps.get_model(name)
    except (LookupError, ValueError, AttributeError):
        raise ValueError("no such kind of record") from None
    return ContentType.objects.get_for_model(model).pk
