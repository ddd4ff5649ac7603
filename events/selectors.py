"""Reusable reads about events."""

from django.db.models import F, Prefetch, QuerySet

from events.models import Event, EventOrganisation, EventSpeaker
from sdgportal.selectors import citations_prefetch


def events_in_full() -> QuerySet[Event]:
    """Events, newest first (undated last), with everyone and everything shown beside them."""
    return (
        Event.objects.select_related("parent")
        .order_by(F("start_date").desc(nulls_last=True), "title")
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
