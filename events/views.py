from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, View

from events.calendar import calendar_of, event_json_ld, has_calendar_dates
from events.filters import EventFilter
from events.models import Event, EventKind
from events.selectors import (
    calendar_events,
    event_countries,
    event_years,
    events_in_full,
    events_listed,
    related_events,
)
from sdgportal.merge_redirects import PageFollowsMerges
from sdgportal.rest.pagination import CountOncePaginator
from sdgportal.selectors import countries_named, goal_choices
from sdgportal.views import FilteredListView

EVENTS_PER_PAGE = 20
FEED_SIZE = 50
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
    paginator_class = CountOncePaginator

    def get_queryset(self) -> QuerySet[Event]:
        return events_listed()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            goal_options=goal_choices(),
            kinds=EventKind.choices,
            years=[(year, year) for year in event_years()],
            countries=countries_named(event_countries()),
            online_options=ONLINE_CHOICES,
            sortings=SORTINGS,
            **kwargs,
        )


class EventDetailView(PageFollowsMerges, DetailView):
    def get_queryset(self) -> QuerySet[Event]:
        return events_in_full()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        event = self.object
        return super().get_context_data(
            json_ld=event_json_ld(
                event, address=self.request.build_absolute_uri(event.get_absolute_url())
            ),
            has_calendar_dates=has_calendar_dates(event),
            related_events=related_events(event),
            **kwargs,
        )


class EventCalendarView(View):
    """One event as an iCalendar file, when its dates are known to the day."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        event = get_object_or_404(Event, slug=slug)
        if not has_calendar_dates(event):
            raise Http404(_("This event's dates are not known to the day."))
        return calendar_response([event], request, filename=event.slug)


class EventsCalendarView(View):
    """The newest events dated to the day, as a calendar to subscribe to."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return calendar_response(calendar_events(), request, filename="events")


def calendar_response(
    events: Iterable[Event], request: HttpRequest, *, filename: str
) -> HttpResponse:
    body = calendar_of(
        events, address_of=lambda event: request.build_absolute_uri(event.get_absolute_url())
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


class EventFeed(Feed):
    feed_type = Atom1Feed
    title = _("SDG Partnership Portal: events")
    subtitle = _("Events where NGOs, the state and partners work on the SDGs in Kazakhstan.")

    def link(self) -> str:
        return reverse("events:list")

    def items(self) -> QuerySet[Event]:
        return Event.objects.order_by("-updated_at", "pk")[:FEED_SIZE]

    def item_title(self, event: Event) -> str:
        return event.title

    def item_description(self, event: Event) -> str:
        return event.description

    def item_updateddate(self, event: Event) -> datetime:
        return event.updated_at
