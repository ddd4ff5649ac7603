from django.db.models import Prefetch, QuerySet
from django.views.generic import DetailView

from events.models import Event, EventOrganisation, EventSpeaker
from sdgportal.models import Citation


class EventDetailView(DetailView):
    def get_queryset(self) -> QuerySet:
        return Event.objects.select_related("parent").prefetch_related(
            Prefetch(
                "participations",
                queryset=EventOrganisation.objects.select_related("organisation"),
            ),
            Prefetch(
                "appearances",
                queryset=EventSpeaker.objects.select_related("person", "organisation"),
            ),
            "goals",
            Prefetch("citations", queryset=Citation.objects.select_related("document", "article")),
        )
