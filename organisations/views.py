from django.db.models import Prefetch, QuerySet
from django.views.generic import DetailView

from events.models import EventOrganisation, EventSpeaker
from organisations.models import Organisation, Person, Position


class OrganisationDetailView(DetailView):
    def get_queryset(self) -> QuerySet:
        return Organisation.objects.select_related("parent").prefetch_related(
            Prefetch(
                "participations",
                queryset=EventOrganisation.objects.select_related("event").order_by(
                    "-event__start_date"
                ),
            ),
            Prefetch("positions", queryset=Position.objects.select_related("person")),
        )


class PersonDetailView(DetailView):
    def get_queryset(self) -> QuerySet:
        return Person.objects.prefetch_related(
            Prefetch("positions", queryset=Position.objects.select_related("organisation")),
            Prefetch(
                "appearances",
                queryset=EventSpeaker.objects.select_related("event", "organisation").order_by(
                    "-event__start_date"
                ),
            ),
        )
