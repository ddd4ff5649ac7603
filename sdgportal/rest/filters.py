"""Filter building blocks shared by every resource: strict numbers, full-text search, ordering."""

from collections.abc import Sequence

import django_filters
from django import forms
from django.db.models import F, Model, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_filters.fields import BaseCSVField
from drf_spectacular.utils import extend_schema_field

from sdgportal.search import search, validate_search_words
from sdgportal.validators import validate_text

FIRST_YEAR, LAST_YEAR = 1900, 2100
MAX_SEARCH_LENGTH = 200


class IntegerFilter(django_filters.NumberFilter):
    """A whole number; extra keyword arguments such as ``min_value`` go to the form field."""

    field_class = forms.IntegerField


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 17})
class GoalNumberFilter(IntegerFilter):
    """An SDG goal number, 1 to 17."""


class StrictBooleanField(forms.Field):
    """Only "true" or "false": anything else is an error, never a silently ignored filter."""

    default_error_messages = {"invalid": _('Give "true" or "false".')}

    def to_python(self, value: str | None) -> bool | None:
        if value in (None, ""):
            return None
        if value not in ("true", "false"):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return value == "true"


@extend_schema_field({"type": "boolean"})
class BooleanFilter(django_filters.Filter):
    field_class = StrictBooleanField


def goal_filter(field_name: str, **kwargs: object) -> GoalNumberFilter:
    return GoalNumberFilter(
        field_name=field_name,
        min_value=1,
        max_value=17,
        label=_("SDG goal number (1–17)"),
        **kwargs,
    )


@extend_schema_field({"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR})
class YearFilter(IntegerFilter):
    """A year from 1900 to 2100."""


def year_filter(field_name: str, lookup_expr: str = "exact", **kwargs: object) -> YearFilter:
    return YearFilter(
        field_name=field_name,
        lookup_expr=lookup_expr,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        **kwargs,
    )


@extend_schema_field({"type": "number", "minimum": 0})
class AmountFilter(django_filters.NumberFilter):
    """A money amount, not negative."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(min_value=0, **kwargs)


def unknown_record(model: type[Model]) -> str:
    """The message for a slug or code that names no record: There is no organisation “x”."""
    return format_lazy(_("There is no {record} “%(value)s”."), record=model._meta.verbose_name)


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """A related record named by its slug (or code); an unknown one is a 400, not no results."""

    def __init__(self, *args: object, to_field_name: str = "slug", **kwargs: object) -> None:
        kwargs.setdefault(
            "error_messages", {"invalid_choice": unknown_record(kwargs["queryset"].model)}
        )
        super().__init__(*args, to_field_name=to_field_name, **kwargs)


class RangeForm(forms.Form):
    """A filter form that refuses a range whose end is less than its start."""

    ranges: Sequence[tuple[str, str]] = ()

    def clean(self) -> dict:
        data = super().clean()
        for start, end in self.ranges:
            if (
                data.get(start) is not None
                and data.get(end) is not None
                and data[end] < data[start]
            ):
                self.add_error(
                    end,
                    _("The range is reversed: %(end)s is less than %(start)s.")
                    % {"start": start, "end": end},
                )
        return data


class PortalFilterSet(django_filters.FilterSet):
    """Adds ``?search=`` over the subclass's ``search_fields``."""

    search_fields: Sequence[str] = ()
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=MAX_SEARCH_LENGTH,
        validators=[validate_text, validate_search_words],
        label=_("Words to search for (each must match)"),
    )

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search(queryset, self.search_fields, value)


class FieldNamesField(BaseCSVField):
    """Comma-separated names, none of them empty."""

    def clean(self, value: list[str] | None) -> list[str] | None:
        names = super().clean(value)
        if names and any(name in self.empty_values for name in names):
            raise forms.ValidationError(_("Name a field between every two commas."))
        return names


class StrictOrderingFilter(django_filters.OrderingFilter):
    """Orders by the named fields, missing values last on every database, ties by id."""

    base_field_class = FieldNamesField

    def filter(self, queryset: QuerySet, value: list[str] | None) -> QuerySet:
        if not value:
            return queryset
        columns = [self.get_ordering_value(name) for name in value]
        return queryset.order_by(
            *(
                F(column[1:]).desc(nulls_last=True)
                if column.startswith("-")
                else F(column).asc(nulls_last=True)
                for column in columns
            ),
            "pk",
        )


def ordering(*fields: str | tuple[str, str]) -> StrictOrderingFilter:
    """``?ordering=`` over the given fields (``-field`` descending); other values are a 400."""
    return StrictOrderingFilter(
        fields=[field if isinstance(field, tuple) else (field, field) for field in fields],
        label=_("Sort by these fields, comma-separated; prefix - for descending"),
    )


@extend_schema_field({"type": "string", "enum": [code for code, _name in countries]})
class CountryFilter(django_filters.ChoiceFilter):
    """An ISO 3166 alpha-2 country code, such as KZ."""

    def __init__(self, field_name: str = "country", **kwargs: object) -> None:
        super().__init__(
            field_name=field_name,
            # A function, not the list: each request's filters copy their choices.
            choices=_country_choices,
            label=_("ISO 3166 country code, e.g. KZ"),
            **kwargs,
        )


def _country_choices() -> list[tuple[str, str]]:
    return list(countries)
