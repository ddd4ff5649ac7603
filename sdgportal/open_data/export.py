"""Write the open-data export: a zip of every public table as CSV and JSON, described.

Rows are read in chunks and written as they come, so memory stays flat however large the
database; a table's CSV waits in a temporary file while its JSON goes into the zip. One
transaction (a snapshot on PostgreSQL) makes the tables agree with each other.
"""

import csv
import io
import json
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import orjson
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction

from sdgportal.open_data.package import describe_package, readme
from sdgportal.open_data.tables import TABLES, OpenTable, is_content_type

CHUNK_ROWS = 2000


def export_open_data(path: Path, *, now: datetime) -> dict[str, int]:
    """Write the zip to ``path`` (replaced only when complete); return the rows per table."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    try:
        with (
            zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive,
            transaction.atomic(),
        ):
            if snapshot:  # the first statement of the transaction: every table as of one moment
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            counts = {table.name: _write_table(archive, table, now) for table in TABLES}
            package = describe_package(counts, created=now)
            archive.writestr("datapackage.json", json.dumps(package, indent=2, ensure_ascii=False))
            archive.writestr("README.txt", readme(package))
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return counts


def _write_table(archive: zipfile.ZipFile, table: OpenTable, now: datetime) -> int:
    """Write ``<name>.json`` and ``<name>.csv``; return how many rows."""
    columns = table.columns
    to_json = [_json_value(field) for field in table.fields]
    to_csv = [_csv_value(field) for field in table.fields]
    count = 0
    with tempfile.TemporaryFile() as csv_file:
        text = io.TextIOWrapper(csv_file, encoding="utf-8", newline="")
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(columns)
        with archive.open(_entry(f"{table.name}.json", now), "w", force_zip64=True) as json_file:
            json_file.write(b"[")
            for row in _rows(table):
                record = {
                    name: convert(value)
                    for name, convert, value in zip(columns, to_json, row, strict=True)
                }
                json_file.write(b"\n" if count == 0 else b",\n")
                json_file.write(orjson.dumps(record, default=_decimal))
                writer.writerow(
                    [convert(value) for convert, value in zip(to_csv, row, strict=True)]
                )
                count += 1
            json_file.write(b"\n]\n")
        text.flush()
        text.detach()
        csv_file.seek(0)
        with archive.open(_entry(f"{table.name}.csv", now), "w", force_zip64=True) as zipped_csv:
            shutil.copyfileobj(csv_file, zipped_csv, 1 << 20)
    return count


def _entry(name: str, now: datetime) -> zipfile.ZipInfo:
    """A compressed file of the zip, dated when the export began."""
    entry = zipfile.ZipInfo(name, date_time=now.timetuple()[:6])
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry


def _rows(table: OpenTable) -> Iterator[tuple]:
    """The table's rows by key, in chunks; translated columns as stored, not as displayed."""
    names = [field.attname for field in table.fields]
    records = models.QuerySet(table.model).order_by("pk").values_list(*names)
    return records.iterator(chunk_size=CHUNK_ROWS)


def _identity(value: object) -> object:
    return value


def _json_value(field: models.Field) -> Callable[[object], object]:
    if is_content_type(field):
        names = {kind.pk: f"{kind.app_label}.{kind.model}" for kind in ContentType.objects.all()}
        return names.get
    return _identity


def _csv_value(field: models.Field) -> Callable[[object], object]:
    """How a value is written in CSV: JSON as JSON text, true/false, ISO dates, empty null."""
    if is_content_type(field):
        return _json_value(field)
    internal = field.get_internal_type()
    if internal == "JSONField":
        return lambda value: "" if value is None else orjson.dumps(value).decode()
    if internal == "BooleanField":
        return lambda value: "" if value is None else ("true" if value else "false")
    return _text


def _text(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return _decimal(value)
    return value


def _decimal(value: object) -> str:
    """A decimal with all its places and no exponent: 0.00000000, not 0E-8."""
    if isinstance(value, Decimal):
        return format(value, "f")
    raise TypeError(f"{type(value).__name__} is not JSON serializable")
