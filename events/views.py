from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from events.filters import EventFilter
from events.models import Event, EventKind
from events.selectors import event_countries, event_years, events_in_full
from sdgportal.selectors import goal_choices
from sdgportal.views import FilteredListView

EVENTS_PER_PAGE = 20
ONLINE_CHOICES = [("true", _("Online")), ("false", _("In person"))]
SORTINGS = [
    ("-start_date", _("Newest first")),
    ("start_date", _("Oldest first")),
    ("title", _("Title")),
]


class EventListView(FilteredListView):
    filterset_class = EventFilter
    template_name = "events/event_list.html"
    paginate_by = EVENTS_PER_PAGE

    def get_queryset(self) -> QuerySet[Event]:
        return events_in_full()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            goal_options=goal_choices(),
            kinds=EventKind.choices,
            years=[(year, year) for year in event_years()],
            countries=[(country.code, country.name) for country in event_countries()],
            online_options=ONLINE_CHOICES,
            sortings=SORTINGS,
            **kwargs,
        )


class EventDetailView(DetailView):
    def get_queryset(self) -> QuerySet[Event]:
        return events_in_full()
