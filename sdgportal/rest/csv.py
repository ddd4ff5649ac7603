"""Flat CSV of any serializer: one row per record, one column per field.

A nested object becomes one column per sub-field (``funder.slug``, ``funder.name``); a list
becomes one cell with its items separated by `` | ``, each item its first value with the others
labelled (``UNDP (role: organiser)``); a mapping becomes ``key=value; …``.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation

from rest_framework import serializers
from rest_framework.renderers import BaseRenderer

ITEM_SEPARATOR = " | "
# Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Column = tuple[str, str, str | None]


def columns_of(serializer: serializers.BaseSerializer) -> list[Column]:
    """(header, field, sub-field) for every column the serializer's records produce."""
    columns = []
    for name, field in serializer.fields.items():
        subfields = getattr(field, "csv_subfields", None)
        if subfields is None and isinstance(field, serializers.Serializer):
            subfields = tuple(field.fields)
        if subfields:
            columns += [(f"{name}.{sub}", name, sub) for sub in subfields]
        else:
            columns.append((name, name, None))
    return columns


def row_of(record: dict, columns: list[Column]) -> list[str]:
    row = []
    for _header, name, sub in columns:
        value = record.get(name)
        if sub is not None:
            value = value.get(sub) if isinstance(value, dict) else None
        row.append(_cell(value))
    return row


def csv_lines(columns: list[Column], records: Iterable[dict]) -> Iterator[str]:
    """The header line, then one line per record."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([header for header, _name, _sub in columns])
    yield _drain(buffer)
    for record in records:
        writer.writerow(row_of(record, columns))
        yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ITEM_SEPARATOR.join(_item(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}={_cell(item)}" for key, item in sorted(value.items()))
    return _defused(str(value))


def _item(item: object) -> str:
    """A list item: "Name (role: speaker; title: Director)" for an object, else its text."""
    if not isinstance(item, dict):
        return _cell(item)
    values = [
        (key, _cell(value))
        for key, value in item.items()
        if key != "slug" and not key.endswith("_slug") and value not in (None, "")
    ]
    if not values:
        return _cell(item.get("slug"))
    (_first_key, first), rest = values[0], values[1:]
    details = "; ".join(f"{key}: {value}" for key, value in rest)
    return f"{first} ({details})" if details else first


def _defused(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe; numbers stay."""
    if not text.startswith(FORMULA_STARTS):
        return text
    try:
        Decimal(text)
    except InvalidOperation:
        return "'" + text
    return text


class CSVRenderer(BaseRenderer):
    """Renders a page of a list, a single record or an error as UTF-8 CSV."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self,
        data: object,
        accepted_media_type: str | None = None,
        renderer_context: dict | None = None,
    ) -> bytes:
        response = (renderer_context or {}).get("response")
        view = (renderer_context or {}).get("view")
        if (response is not None and response.status_code >= 400) or view is None:
            records, columns = (
                _error_rows(data),
                [("field", "field", None), ("error", "error", None)],
            )
        elif hasattr(view, "get_serializer"):
            columns = columns_of(view.get_serializer())
            records = data["results"] if isinstance(data, dict) and "results" in data else [data]
        else:  # the API root: one row of links
            columns, records = [(name, name, None) for name in data], [data]
        return "".join(csv_lines(columns, records)).encode(self.charset)


def _error_rows(data: object) -> list[dict]:
    if not isinstance(data, dict):
        return [{"field": "", "error": data}]
    return [
        {"field": "" if field in ("detail", "non_field_errors") else field, "error": message}
        for field, messages in data.items()
        for message in (messages if isinstance(messages, list) else [messages])
    ]
