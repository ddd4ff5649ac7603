"""Reusable reads about events."""

import functools

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet

from events.models import Event, EventOrganisation, EventSpeaker
from sdgportal.caching import per_data_version
from sdgportal.related_rows import RelatedRows
from sdgportal.selectors import citation_rows, citations_prefetch

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
    """Events, newest first, each with what a list shows beside it, in one query: the names
    of its organisations and partners, and its goals' numbers."""
    return _events_listed().all()


@functools.cache
def _events_listed() -> QuerySet[Event]:
    """Built once per process, as ``_events_shown_in_api``."""
    return (
        Event.objects.only(*SHOWN_COLUMNS)
        .annotate(
            organisation_names=RelatedRows(_participations(), "organisation__name"),
            goal_numbers=_goal_numbers(),
        )
        .newest_first()
    )


def _participations() -> QuerySet[EventOrganisation]:
    """An event's organisations (for ``RelatedRows``): organisers first, then by name."""
    return EventOrganisation.objects.filter(event=OuterRef("pk")).order_by(
        "role", "organisation__name", "pk"
    )


def _goal_numbers() -> RelatedRows:
    """Each event's goals' numbers, in order."""
    goals = Event.goals.through.objects.filter(event=OuterRef("pk")).order_by("goal_id")
    return RelatedRows(goals, "goal_id")


def events_shown_in_api() -> QuerySet[Event]:
    """Events, newest first, each with its parent's name and what the API shows beside it as
    lists of plain values (``RelatedRows``), all in one query."""
    return _events_shown_in_api().all()


@functools.cache
def _events_shown_in_api() -> QuerySet[Event]:
    """Built once per process (resolving its subqueries took about 1 ms a request); never
    read itself, only its copies."""
    return (
        Event.objects.select_related("parent")
        .only(*SHOWN_COLUMNS, "parent__slug", "parent__title")
        .annotate(
            participation_rows=RelatedRows(
                _participations(),
                "organisation__slug",
                "organisation__name",
                "role",
            ),
            speaker_rows=RelatedRows(
                EventSpeaker.objects.filter(event=OuterRef("pk")).order_by("order", "pk"),
                "person__slug",
                "person__name",
                "role",
                "title",
                "organisation__name",
                "organisation__slug",
            ),
            goal_numbers=_goal_numbers(),
            target_codes=RelatedRows(
                Event.targets.through.objects.filter(event=OuterRef("pk")).order_by(
                    "target__sort_key", "target__code"
                ),
                "target__code",
            ),
            citation_rows=citation_rows(Event),
        )
        .newest_first()
    )


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
