"""Query parameters of the organisation, people and grant lists."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from organisations.models import Currency, Grant, Organisation, Person, Sector
from organisations.selectors import organisations_working_on, people_of
from sdgportal.rest.filters import (
    AmountFilter,
    BooleanFilter,
    CountryFilter,
    PortalFilterSet,
    RangeForm,
    SlugChoiceFilter,
    goal_filter,
    ordering,
    year_filter,
)


class OrganisationFilter(PortalFilterSet):
    search_fields = ("name", "acronym", "aliases", "description")

    sector = django_filters.ChoiceFilter(choices=Sector.choices)
    country = CountryFilter()
    goal = goal_filter("goal", method="filter_goal")
    ordering = ordering("name", "acronym", "sector", "created_at", "updated_at")

    class Meta:
        model = Organisation
        fields = ["sector", "country", "goal"]

    def filter_goal(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return organisations_working_on(value, queryset)


class PersonFilter(PortalFilterSet):
    search_fields = ("name", "aliases", "description", "positions__title")

    organisation = SlugChoiceFilter(
        queryset=Organisation.objects.all(),
        method="filter_organisation",
        label=_("Slug of an organisation the person works for or spoke for"),
    )
    ordering = ordering("name", "created_at", "updated_at")

    class Meta:
        model = Person
        fields = ["organisation"]

    def filter_organisation(self, queryset: QuerySet, name: str, value: Organisation) -> QuerySet:
        return people_of(value, queryset)


class GrantFilterForm(RangeForm):
    ranges = [("amount_min", "amount_max")]

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("currency") and {"amount", "-amount"} & set(data.get("ordering") or []):
            self.add_error(
                "ordering",
                _("Amounts are ordered within one currency only: add currency (e.g. KZT)."),
            )
        if not data.get("currency"):
            for name in ("amount_min", "amount_max"):
                if data.get(name) is not None:
                    self.add_error(
                        name,
                        _(
                            "Amounts are compared within one currency only: "
                            "add currency (e.g. currency=KZT)."
                        ),
                    )
        return data


class GrantFilter(PortalFilterSet):
    search_fields = ("title", "purpose", "programme", "funder__name", "recipient__name")

    funder = SlugChoiceFilter(queryset=Organisation.objects.all())
    recipient = SlugChoiceFilter(queryset=Organisation.objects.all())
    currency = django_filters.ChoiceFilter(choices=Currency.choices)
    year = year_filter("year")
    amount_min = AmountFilter(
        field_name="amount",
        lookup_expr="gte",
        label=_("Smallest amount (needs currency)"),
    )
    amount_max = AmountFilter(
        field_name="amount",
        lookup_expr="lte",
        label=_("Largest amount (needs currency)"),
    )
    goal = goal_filter("goals")
    complete = BooleanFilter(
        method="filter_complete",
        label=_(
            "true: grants with every field 360Giving requires (amount, currency, award date, "
            "funder, recipient); false: grants missing one"
        ),
    )
    ordering = ordering("amount", "year", "award_date", "title", "created_at", "updated_at")

    class Meta:
        model = Grant
        fields = [
            "funder",
            "recipient",
            "currency",
            "year",
            "amount_min",
            "amount_max",
            "goal",
            "complete",
        ]
        form = GrantFilterForm

    def filter_complete(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        complete = Q(
            amount__isnull=False,
            award_date__isnull=False,
            funder__isnull=False,
            recipient__isnull=False,
        ) & ~Q(currency="")
        return queryset.filter(complete) if value else queryset.exclude(complete)
