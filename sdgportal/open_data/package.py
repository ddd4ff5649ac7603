"""The export's description: a Frictionless Tabular Data Package (datapackage.json) and a
README for people, both from the models' fields."""

from datetime import datetime

from django.db import models
from django.db.migrations.loader import MigrationLoader
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator

from sdgportal.open_data.tables import TABLES, OpenTable, column_name, is_content_type

FORMAT_VERSION = 1
LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
SOURCES = [
    {
        "title": "The SDG framework in English, Russian and Kazakh (open-sdg/sdg-translations)",
        "path": "https://github.com/open-sdg/sdg-translations",
    },
    {
        "title": "Kazakhstan's national SDG data (kazstat/sdg-data-kazstat)",
        "path": "https://github.com/kazstat/sdg-data-kazstat",
    },
]
FIELD_TYPES = {
    "BooleanField": "boolean",
    "DateField": "date",
    "DateTimeField": "datetime",
    "DecimalField": "number",
}


def describe_package(counts: dict[str, int], *, created: datetime) -> dict:
    """The datapackage.json of an export holding ``counts`` rows per table."""
    with translation.override("en"):
        return {
            "profile": "tabular-data-package",
            "name": "sdg-partnership-portal",
            "title": "SDG Partnership Portal: open data",
            "description": (
                "Events, organisations, people, grants, the SDG framework and Kazakhstan's "
                "national SDG indicators with their data, and the sources of every record. "
                "Each table is in two files: NAME.csv, described here, and NAME.json, an array "
                "of the same rows as objects, one per line, with numbers and JSON values typed."
            ),
            "created": created.isoformat(),
            "licenses": [LICENSE],
            "sources": SOURCES,
            "sdgportal": {"format": FORMAT_VERSION, "migrations": latest_migrations()},
            "resources": [describe_table(table, counts[table.name]) for table in TABLES],
        }


def describe_table(table: OpenTable, rows: int) -> dict:
    meta = table.model._meta
    exported = {other.label: other.name for other in TABLES}
    foreign_keys = [
        {
            "fields": column_name(field),
            "reference": {
                "resource": exported[field.related_model._meta.label],
                "fields": field.target_field.attname,
            },
        }
        for field in table.fields
        if field.is_relation and field.related_model._meta.label in exported
    ]
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": str(meta.verbose_name_plural).capitalize(),
        "description": table.description,
        "sdgportal": {"json": f"{table.name}.json", "rows": rows},
        "schema": {
            "fields": [describe_field(field, meta.model) for field in table.fields],
            "primaryKey": meta.pk.attname,
            "foreignKeys": foreign_keys,
            "missingValues": [""],
        },
    }


def describe_field(field: models.Field, model: type[models.Model]) -> dict:
    described = {
        "name": column_name(field),
        "type": field_type(field),
        "title": str(field.verbose_name),
    }
    if is_content_type(field):
        described["description"] = "The kind of record, as app.model: events.event."
    elif field.name in translated_fields(model):
        described["description"] = (
            f"As stored for the default language; {field.name}_en, _ru and _kk hold each "
            "language's text."
        )
    elif field.help_text:
        described["description"] = str(field.help_text)
    if described["type"] == "datetime":
        described["format"] = "any"  # ISO 8601 with the offset: 2025-03-01T09:30:05+00:00
    if field.get_internal_type() == "JSONField":
        described["format"] = "default"
        described.setdefault("description", "JSON.")
    constraints = {}
    if not field.null and not (field.blank and described["type"] == "string"):
        constraints["required"] = True
    if field.unique:
        constraints["unique"] = True
    choices = [str(value) for value, _label in field.flatchoices if value != ""]
    if 0 < len(choices) < 50:  # countries go undescribed: ISO 3166 codes
        constraints["enum"] = choices
    if constraints:
        described["constraints"] = constraints
    return described


def field_type(field: models.Field) -> str:
    """The Frictionless type of the field's column."""
    if is_content_type(field):
        return "string"
    if field.is_relation:
        return field_type(field.target_field)
    internal = field.get_internal_type()
    if internal == "JSONField":
        return "array" if field.default is list else "object"
    if internal.endswith(("IntegerField", "AutoField")):
        return "integer"
    return FIELD_TYPES.get(internal, "string")


def translated_fields(model: type[models.Model]) -> tuple[str, ...]:
    try:
        return translator.get_options_for_model(model).fields
    except NotRegistered:
        return ()


def latest_migrations() -> dict[str, str]:
    """The newest migration of each exporting app: the schema the files were written with."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    labels = {table.model._meta.app_label for table in TABLES}
    return {label: max(loader.graph.leaf_nodes(label))[1] for label in sorted(labels)}


def readme(package: dict) -> str:
    """A plain-text guide to the files, for people."""
    lines = [
        package["title"],
        "",
        package["description"],
        "",
        f"Exported {package['created']}. Licence: {LICENSE['title']} ({LICENSE['path']}).",
        "datapackage.json describes every column (Frictionless Data Package).",
        "",
        "Tables:",
    ]
    for resource in package["resources"]:
        rows = resource["sdgportal"]["rows"]
        lines.append(f"  {resource['name']} ({rows} rows): {resource['description']}")
    return "\n".join(lines) + "\n"
