"""Reusable reads about events."""

from django.db.models import Count, F, Prefetch, Q, QuerySet

from events.models import Event, EventOrganisation, EventSpeaker
from sdgportal.selectors import citations_prefetch


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


def event_years() -> list[int]:
    """The years events took place in, newest first."""
    dates = Event.objects.filter(start_date__isnull=False).dates("start_date", "year", order="DESC")
    return [day.year for day in dates]


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
