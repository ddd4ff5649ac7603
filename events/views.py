from django.db.models import QuerySet
from django.views.generic import DetailView

from events.selectors import events_in_full


class EventDetailView(DetailView):
    def get_queryset(self) -> QuerySet:
        return events_in_full()
