"""The tables of the open-data export: every public record type, in an order that loads."""

from dataclasses import dataclass

from django.apps import apps
from django.db import models

from sdgportal.search_columns import COLUMNS

# Left out of the export, with the reason: curation and accounts, not public records.
NOT_EXPORTED = {
    "sdgportal.MergedRecord": "a curators' log, naming who merged",
}
# Columns of public records that are not public themselves.
WITHHELD = {
    "sdgportal.Article": ("text",),  # the news article's full text: its publisher's, not ours
}


@dataclass(frozen=True)
class OpenTable:
    name: str  # the files' name: events → events.csv, events.json
    label: str  # the model, "events.Event", or a many-to-many table, "events.Event_goals"
    description: str

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)

    @property
    def fields(self) -> list[models.Field]:
        """The exported columns: all but the search columns and the withheld."""
        left_out = {*COLUMNS, *WITHHELD.get(self.label, ())}
        return [field for field in self.model._meta.concrete_fields if field.name not in left_out]

    @property
    def withheld(self) -> list[models.Field]:
        return [
            field
            for field in self.model._meta.concrete_fields
            if field.name in WITHHELD.get(self.label, ())
        ]

    @property
    def left_out(self) -> list[models.Field]:
        """The columns not exported: search columns and the withheld, in the table's order."""
        exported = self.fields
        return [field for field in self.model._meta.concrete_fields if field not in exported]

    @property
    def columns(self) -> list[str]:
        return [column_name(field) for field in self.fields]


def column_name(field: models.Field) -> str:
    """The field's column (``event_id``); a content type is named, not numbered."""
    return field.name if is_content_type(field) else field.attname


def is_content_type(field: models.Field) -> bool:
    return field.is_relation and field.related_model is apps.get_model("contenttypes.ContentType")


TABLES = (
    OpenTable(
        "source_documents",
        "sdgportal.SourceDocument",
        "The files records were imported from: news pages, data-set files, curators' uploads.",
    ),
    OpenTable("articles", "sdgportal.Article", "The stories within each source document."),
    OpenTable("goals", "indicators.Goal", "The 17 Sustainable Development Goals."),
    OpenTable("targets", "indicators.Target", "The targets of each goal, such as 16.3."),
    OpenTable(
        "global_indicators",
        "indicators.GlobalIndicator",
        "The indicators of the UN global framework, such as 16.3.1.",
    ),
    OpenTable(
        "regions",
        "indicators.Region",
        "Kazakhstan's regions and cities as the national data code them, with map boundaries.",
    ),
    OpenTable("disaggregations", "indicators.Dimension", "Breakdowns of national data: sex, age…"),
    OpenTable(
        "disaggregation_values",
        "indicators.DimensionValue",
        "The codes of each breakdown with their labels, such as SEX F: Female.",
    ),
    OpenTable(
        "organisations",
        "organisations.Organisation",
        "State bodies, NGOs, international organisations, businesses and others.",
    ),
    OpenTable("people", "organisations.Person", "People who spoke or hold positions."),
    OpenTable(
        "positions", "organisations.Position", "Titles people hold at organisations, with dates."
    ),
    OpenTable(
        "grants", "organisations.Grant", "Grants: funder, operator, recipient, amount, purpose."
    ),
    OpenTable("grant_goals", "organisations.Grant_goals", "The goals each grant serves."),
    OpenTable("grant_targets", "organisations.Grant_targets", "The targets each grant serves."),
    OpenTable(
        "national_indicators",
        "indicators.NationalIndicator",
        "Kazakhstan's national SDG indicators with their metadata.",
    ),
    OpenTable(
        "national_indicator_targets",
        "indicators.NationalIndicator_targets",
        "The targets each national indicator measures.",
    ),
    OpenTable(
        "indicator_organisations",
        "indicators.IndicatorOrganisation",
        "The organisations responsible for each national indicator's data.",
    ),
    OpenTable(
        "observations",
        "indicators.Observation",
        "Values of the national data series, and figures quoted in news articles.",
    ),
    OpenTable(
        "events",
        "events.Event",
        "Conferences, forums, trainings and other events; parent_id names the larger event.",
    ),
    OpenTable("event_goals", "events.Event_goals", "The goals each event addresses."),
    OpenTable("event_targets", "events.Event_targets", "The targets each event addresses."),
    OpenTable(
        "event_organisations",
        "events.EventOrganisation",
        "The organisations of each event and their role: organiser, partner, sponsor…",
    ),
    OpenTable(
        "event_speakers",
        "events.EventSpeaker",
        "The people who spoke at each event, with the title and organisation stated there.",
    ),
    OpenTable(
        "citations",
        "sdgportal.Citation",
        "Where each record came from: its document, article and supporting quote. "
        "content_type and object_id name the record, e.g. events.event and an event's id.",
    ),
)
