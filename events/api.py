"""API endpoint for events."""

from django.db.models import QuerySet

from events.filters import EventFilter
from events.models import Event
from events.selectors import events_shown_in_api
from events.serializers import EventSerializer
from sdgportal.merge_redirects import EndpointFollowsMerges
from sdgportal.rest.viewsets import EditableViewSet


class EventViewSet(EndpointFollowsMerges, EditableViewSet):
    """Events with their organisers, partners, speakers, SDG goals and sources."""

    serializer_class = EventSerializer
    filterset_class = EventFilter
    lookup_field = "slug"
    export_name = "events"

    def get_queryset(self) -> QuerySet:
        if self.action in ("list", "retrieve"):
            return events_shown_in_api()
        # A write saves every column: none deferred.
        return Event.objects.select_related("parent")
