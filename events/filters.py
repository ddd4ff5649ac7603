"""Query parameters of the event list."""

from datetime import date

import django_filters
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventKind
from indicators.models import Target
from organisations.models import Organisation, Person
from sdgportal.rest.filters import (
    BooleanFilter,
    CountryFilter,
    PortalFilterSet,
    RangeForm,
    SlugChoiceFilter,
    goal_filter,
    ordering,
    year_filter,
)
from sdgportal.validators import validate_single_line


class EventFilterForm(RangeForm):
    ranges = [("date_from", "date_to")]


class EventFilter(PortalFilterSet):
    search_fields = (
        "title",
        "description",
        "city",
        "organisations__name",
        "organisations__acronym",
        "speakers__name",
    )

    goal = goal_filter("goals")
    target = SlugChoiceFilter(
        field_name="targets", queryset=Target.objects.all(), to_field_name="code"
    )
    kind = django_filters.ChoiceFilter(choices=EventKind.choices)
    year = year_filter("start_date__year")
    date_from = django_filters.DateFilter(
        method="filter_date_from", label=_("Events ending on or after this date (YYYY-MM-DD)")
    )
    date_to = django_filters.DateFilter(
        field_name="start_date",
        lookup_expr="lte",
        label=_("Events starting on or before this date (YYYY-MM-DD)"),
    )
    city = django_filters.CharFilter(
        field_name="city", lookup_expr="iexact", validators=[validate_single_line]
    )
    country = CountryFilter()
    online = BooleanFilter(field_name="is_online")
    organisation = SlugChoiceFilter(
        field_name="organisations",
        queryset=Organisation.objects.all(),
        distinct=True,
        label=_("Slug of an organiser or partner"),
    )
    person = SlugChoiceFilter(
        field_name="speakers",
        queryset=Person.objects.all(),
        distinct=True,
        label=_("Slug of a speaker"),
    )
    ordering = ordering(
        "start_date", "end_date", "title", "kind", "city", "created_at", "updated_at"
    )

    class Meta:
        model = Event
        fields = [
            "goal",
            "target",
            "kind",
            "year",
            "date_from",
            "date_to",
            "city",
            "country",
            "online",
            "organisation",
            "person",
        ]
        form = EventFilterForm

    def filter_date_from(self, queryset: QuerySet, name: str, value: date) -> QuerySet:
        return queryset.alias(last_day=Coalesce("end_date", "start_date")).filter(
            last_day__gte=value
        )
