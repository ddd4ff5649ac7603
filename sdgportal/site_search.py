"""One search box across events, organisations, people, grants and national indicators."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.urls import reverse

from events.filters import EventFilter
from events.models import Event
from indicators.filters import NationalIndicatorFilter
from indicators.models import NationalIndicator
from organisations.filters import GrantFilter, OrganisationFilter, PersonFilter
from organisations.models import Grant, Organisation, Person
from sdgportal.search import search

SHOWN_PER_TYPE = 5


@dataclass(frozen=True)
class ResultGroup:
    kind: str
    count: int
    records: list
    more_url: str | None


def search_everything(query: str) -> list[ResultGroup]:
    """Matches per record type, those whose name holds the whole query first."""
    sources = [
        ("events", Event.objects.all(), EventFilter, "title", "events:list"),
        (
            "organisations",
            Organisation.objects.all(),
            OrganisationFilter,
            "name",
            "organisations:list",
        ),
        ("people", Person.objects.all(), PersonFilter, "name", "organisations:people"),
        (
            "grants",
            Grant.objects.select_related("funder", "recipient"),
            GrantFilter,
            "title",
            "organisations:grants",
        ),
        (
            "indicators",
            NationalIndicator.objects.defer("metadata"),
            NationalIndicatorFilter,
            "title",
            None,
        ),
    ]
    groups = []
    for kind, records, filterset, name_field, list_name in sources:
        matches = _ranked(search(records, filterset.search_fields, query), name_field, query)
        groups.append(
            ResultGroup(
                kind=kind,
                count=matches.count(),
                records=list(matches[:SHOWN_PER_TYPE]),
                more_url=f"{reverse(list_name)}?{urlencode({'search': query})}"
                if list_name
                else None,
            )
        )
    return groups


def _ranked(records: QuerySet, name_field: str, query: str) -> QuerySet:
    whole = Case(
        When(**{f"{name_field}__icontains": query}, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return records.annotate(rank=whole).order_by("rank", name_field, "pk")
