"""Query parameters of the goal, target, indicator and observation lists."""

import re
from functools import reduce
from operator import or_

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from indicators.models import Goal, NationalIndicator, Observation, Target
from organisations.models import Organisation
from sdgportal.rest.filters import (
    BooleanFilter,
    PortalFilterSet,
    RangeForm,
    SlugChoiceFilter,
    goal_filter,
    ordering,
    year_filter,
)
from sdgportal.validators import validate_single_line

# Dimension codes are upper case (SEX, AGE_GROUP), so none can be mistaken for a lookup.
BREAKDOWN = re.compile(r"^(?P<dimension>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*):(?P<value>[^\x00]{1,100})$")


class GoalListFilter(PortalFilterSet):
    search_fields = ("short_title", "title")
    ordering = ordering("number")

    class Meta:
        model = Goal
        fields = []


class TargetFilter(PortalFilterSet):
    search_fields = ("code", "title")
    goal = goal_filter("goal")
    ordering = ordering(("sort_key", "code"))

    class Meta:
        model = Target
        fields = ["goal"]


class NationalIndicatorFilter(PortalFilterSet):
    search_fields = ("code", "title", "unit")
    goal = goal_filter("goal")
    target = SlugChoiceFilter(
        field_name="targets", queryset=Target.objects.all(), to_field_name="code"
    )
    reporting_status = django_filters.ChoiceFilter(
        choices=NationalIndicator.ReportingStatus.choices
    )
    organisation = SlugChoiceFilter(
        field_name="organisations",
        queryset=Organisation.objects.all(),
        distinct=True,
        label=_("Slug of a responsible organisation"),
    )
    ordering = ordering(("sort_key", "code"), "title", "reporting_status")

    class Meta:
        model = NationalIndicator
        fields = ["goal", "target", "reporting_status", "organisation"]


class BreakdownField(forms.MultipleChoiceField):
    """``DIMENSION:VALUE`` pairs, such as SEX:F."""

    def valid_value(self, value: str) -> bool:
        return BREAKDOWN.match(value) is not None


class BreakdownFilter(django_filters.MultipleChoiceFilter):
    field_class = BreakdownField


class ObservationFilterForm(RangeForm):
    ranges = [("year_from", "year_to")]


class ObservationFilter(PortalFilterSet):
    search_fields = ("label", "area", "quote", "indicator__title", "region__name")
    indicator = SlugChoiceFilter(queryset=NationalIndicator.objects.all(), to_field_name="code")
    goal = goal_filter("goal")
    year = year_filter("year")
    year_from = year_filter("year", "gte")
    year_to = year_filter("year", "lte")
    area = django_filters.CharFilter(
        method="filter_area",
        validators=[validate_single_line],
        label=_("Region code or name, or the area an article names"),
    )
    disaggregation = BreakdownFilter(
        method="filter_disaggregation",
        label=_("Breakdown as DIMENSION:VALUE (e.g. SEX:F); repeat for several"),
    )
    total = BooleanFilter(
        field_name="is_headline",
        label=_("true: national totals only (no region, no breakdown); false: the others"),
    )
    source = django_filters.ChoiceFilter(
        choices=[("national", _("National data")), ("news", _("News articles"))],
        method="filter_source",
    )
    ordering = ordering("year", "value", ("indicator__sort_key", "indicator"))

    class Meta:
        model = Observation
        fields = ["indicator", "goal", "year", "year_from", "year_to", "area", "source", "total"]
        form = ObservationFilterForm

    def filter_area(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        names = (
            Q(**{f"region__{build_localized_fieldname('name', code)}__iexact": value})
            for code, _language in settings.LANGUAGES
        )
        return queryset.filter(
            reduce(or_, names, Q(region__code__iexact=value) | Q(area__iexact=value))
        )

    def filter_disaggregation(self, queryset: QuerySet, name: str, pairs: list[str]) -> QuerySet:
        for pair in pairs:
            dimension, value = BREAKDOWN.match(pair).group("dimension", "value")
            queryset = queryset.filter(**{f"disaggregation__{dimension}": value})
        return queryset

    def filter_source(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(article__isnull=value == "national")
