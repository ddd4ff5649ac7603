"""One search box across events, organisations, people, grants and national indicators."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connections
from django.db.models import Case, Count, IntegerField, QuerySet, TextField, Value, When, Window
from django.db.models.functions import Cast
from django.urls import reverse

from events.filters import EventFilter
from events.models import Event
from indicators.filters import NationalIndicatorFilter
from indicators.models import NationalIndicator
from organisations.filters import GrantFilter, OrganisationFilter, PersonFilter
from organisations.models import Grant, Organisation, Person
from sdgportal.search import SearchKey, search
from sdgportal.search_keys import search_key

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
        shown = list(matches.annotate(total=Window(Count("pk")))[:SHOWN_PER_TYPE])
        groups.append(
            ResultGroup(
                kind=kind,
                count=shown[0].total if shown else 0,
                records=shown,
                more_url=f"{reverse(list_name)}?{urlencode({'search': query})}"
                if list_name
                else None,
            )
        )
    return groups


def _ranked(records: QuerySet, name_field: str, query: str) -> QuerySet:
    """Names holding the query as written first, then spelled otherwise, then the closest."""
    closeness = [When(**{f"{name_field}__icontains": query}, then=Value(0))]
    ordering = ["rank"]
    key = search_key(query)
    if key:
        records = records.alias(name_key=SearchKey(Cast(name_field, TextField())))
        closeness.append(When(name_key__contains=key, then=Value(1)))
        if connections[records.db].vendor == "postgresql":
            records = records.alias(similarity=TrigramWordSimilarity(key.lstrip(), "name_key"))
            ordering.append("-similarity")
    rank = Case(*closeness, default=Value(2), output_field=IntegerField())
    return records.alias(rank=rank).order_by(*ordering, name_field, "pk")
