"""API endpoint for events."""

from django.db.models import F, Prefetch, QuerySet

from events.filters import EventFilter
from events.models import Event, EventOrganisation, EventSpeaker
from events.serializers import EventSerializer
from sdgportal.rest.serializers import citations_prefetch
from sdgportal.rest.viewsets import EditableViewSet


class EventViewSet(EditableViewSet):
    serializer_class = EventSerializer
    filterset_class = EventFilter
    lookup_field = "slug"
    export_name = "events"

    def get_queryset(self) -> QuerySet:
        newest_first = (F("start_date").desc(nulls_last=True), "title")
        return (
            Event.objects.select_related("parent")
            .order_by(*newest_first)
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
