"""Reusable reads about events."""

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet

from events.models import Event, EventOrganisation, EventSpeaker
from indicators.models import Goal
from sdgportal.caching import per_data_version
from sdgportal.selectors import citations_prefetch

# The columns of an event the API and the list page show (not, e.g., the search columns).
SHOWN_COLUMNS = (
    "review_status",
    "title",
    "slug",
    "kind",
    "description",
    "start_date",
    "start_precision",
    "end_date",
    "end_precision",
    "city",
    "is_online",
    "country",
    "parent",
)


def events_in_full() -> QuerySet[Event]:
    """Events, newest first (undated last), with everyone and everything shown beside them."""
    return (
        Event.objects.select_related("parent")
        .newest_first()
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=EventOrganisation.objects.select_related("organisation"),
            ),
            Prefetch(
                "appearances",
                queryset=EventSpeaker.objects.select_related("person", "organisation"),
            ),
            "goals",
            "targets",
            citations_prefetch(),
        )
    )


def events_listed() -> QuerySet[Event]:
    """Events, newest first, with what the list page shows beside each: organisations, goals."""
    return (
        Event.objects.only(*SHOWN_COLUMNS)
        .newest_first()
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=EventOrganisation.objects.select_related("organisation")
                .only("event_id", "role", "organisation__slug", "organisation__name")
                .order_by("role", "organisation__name", "pk"),
            ),
            Prefetch("goals", queryset=Goal.objects.only("number", "short_title", "colour")),
        )
    )


def events_shown_in_api() -> QuerySet[Event]:
    """Events, newest first, with their parents' names; ``event_relations`` reads the rest."""
    return (
        Event.objects.select_related("parent")
        .only(*SHOWN_COLUMNS, "parent__slug", "parent__title")
        .newest_first()
    )


@dataclass(frozen=True)
class EventRelations:
    """What is shown beside events, as plain rows by event id, in each relation's order."""

    participations: dict[int, list[tuple[str, str, str]]]  # slug, name, role
    # person's slug and name, role, title, organisation's name and slug (or None)
    appearances: dict[int, list[tuple[str, str, str, str, str | None, str | None]]]
    goals: dict[int, list[int]]
    targets: dict[int, list[str]]  # codes


def event_relations(event_ids: Collection[int]) -> EventRelations:
    """The organisations, speakers, goals and targets of the events, in one query each."""
    return EventRelations(
        participations=_by_first_column(
            EventOrganisation.objects.filter(event_id__in=event_ids)
            .order_by("role", "organisation__name", "pk")
            .values_list("event_id", "organisation__slug", "organisation__name", "role")
        ),
        appearances=_by_first_column(
            EventSpeaker.objects.filter(event_id__in=event_ids)
            .order_by("order", "pk")
            .values_list(
                "event_id",
                "person__slug",
                "person__name",
                "role",
                "title",
                "organisation__name",
                "organisation__slug",
            )
        ),
        goals=_values_by_first_column(
            Event.goals.through.objects.filter(event_id__in=event_ids)
            .order_by("goal_id")
            .values_list("event_id", "goal_id")
        ),
        targets=_values_by_first_column(
            Event.targets.through.objects.filter(event_id__in=event_ids)
            .order_by("target__sort_key", "target__code")
            .values_list("event_id", "target__code")
        ),
    )


def _by_first_column(rows: Iterable[tuple]) -> dict[int, list[tuple]]:
    grouped = defaultdict(list)
    for key, *rest in rows:
        grouped[key].append(tuple(rest))
    return grouped


def _values_by_first_column(rows: Iterable[tuple]) -> dict[int, list]:
    grouped = defaultdict(list)
    for key, value in rows:
        grouped[key].append(value)
    return grouped


@per_data_version
def event_years() -> list[int]:
    """The years events took place in, newest first."""
    dates = Event.objects.filter(start_date__isnull=False).dates("start_date", "year", order="DESC")
    return [day.year for day in dates]


@per_data_version
def event_countries() -> list[str]:
    """The codes of the countries events took place in."""
    return sorted(
        Event.objects.exclude(country="").order_by().values_list("country", flat=True).distinct()
    )


def related_events(event: Event, *, limit: int = 5) -> QuerySet[Event]:
    """Other events sharing the most goals and organisations with ``event``, newest first."""
    shared = {
        "goals": [goal.pk for goal in event.goals.all()],
        "organisations": [p.organisation_id for p in event.participations.all()],
    }
    counts = [
        Count(relation, filter=Q(**{f"{relation}__in": keys}), distinct=True)
        for relation, keys in shared.items()
        if keys
    ]
    if not counts:
        return Event.objects.none()
    return (
        Event.objects.exclude(pk=event.pk)
        .annotate(shared=sum(counts[1:], counts[0]))
        .filter(shared__gt=0)
        .order_by("-shared", F("start_date").desc(nulls_last=True), "title")[:limit]
    )


def calendar_events(*, limit: int = 1000) -> QuerySet[Event]:
    """The newest events dated to the day, for the calendar feed."""
    return Event.objects.filter(start_date__isnull=False, start_precision="day").order_by(
        "-start_date", "title"
    )[:limit]
