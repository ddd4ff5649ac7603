"""Reusable reads about events."""

from django.db.models import F, Prefetch, QuerySet
from django_countries.fields import Country

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


def event_years() -> list[int]:
    """The years events took place in, newest first."""
    dates = Event.objects.filter(start_date__isnull=False).dates("start_date", "year", order="DESC")
    return [day.year for day in dates]


def event_countries() -> list[Country]:
    """The countries events took place in, by name."""
    codes = Event.objects.exclude(country="").order_by().values_list("country", flat=True)
    codes = codes.distinct()
    return sorted((Country(code) for code in codes), key=lambda country: country.name)
