from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from events.filters import EventFilter
from events.models import Event, EventKind
from events.selectors import event_countries, event_years, events_in_full
from indicators.models import Goal

EVENTS_PER_PAGE = 20
SORTINGS = [
    ("-start_date", _("Newest first")),
    ("start_date", _("Oldest first")),
    ("title", _("Title")),
]


class EventListView(FilterView):
    filterset_class = EventFilter
    template_name = "events/event_list.html"
    paginate_by = EVENTS_PER_PAGE

    def get_queryset(self) -> QuerySet[Event]:
        return events_in_full()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        if self.filterset.is_bound and not self.filterset.is_valid():
            response.status_code = 400  # the page still shows the form, with the reasons
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            goals=Goal.objects.all(),
            kinds=EventKind.choices,
            years=event_years(),
            countries=event_countries(),
            sortings=SORTINGS,
            **kwargs,
        )


class EventDetailView(DetailView):
    def get_queryset(self) -> QuerySet[Event]:
        return events_in_full()
