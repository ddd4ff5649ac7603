"""Filter building blocks shared by every resource: strict numbers, full-text search, ordering."""

import json
from collections.abc import Sequence
from functools import reduce
from operator import or_

import django_filters
from django import forms
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.models import F, Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_filters.fields import BaseCSVField
from drf_spectacular.utils import extend_schema_field
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

FIRST_YEAR, LAST_YEAR = 1900, 2100
MAX_SEARCH_LENGTH = 200
MAX_SEARCH_WORDS = 10


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


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """A related record named by its slug (or code); an unknown one is a 400, not no results."""

    def __init__(self, *args: object, to_field_name: str = "slug", **kwargs: object) -> None:
        super().__init__(*args, to_field_name=to_field_name, **kwargs)


def search(queryset: QuerySet, fields: Sequence[str], text: str) -> QuerySet:
    """Records where every word of ``text`` occurs in one of ``fields``.

    Each word may match a different field or related record (an event's organiser and its
    speaker). PostgreSQL matches whole words with its full-text search, language-neutral so
    that Russian and Kazakh names match as well as English; SQLite matches parts of words.
    """
    records = queryset.model._default_manager
    fields = [column for field in fields for column in _in_every_language(records.model, field)]
    on_postgresql = connections[queryset.db].vendor == "postgresql"
    if on_postgresql:
        records = records.annotate(search_document=SearchVector(*fields, config="simple"))
    for word in dict.fromkeys(text.split()):
        if on_postgresql:
            matches = records.filter(search_document=SearchQuery(word, config="simple"))
        else:
            # SQLite keeps JSON text (aliases) with non-ASCII letters escaped.
            spellings = {word, json.dumps(word)[1:-1]}
            matches = records.filter(
                reduce(
                    or_,
                    (
                        Q(**{f"{field}__icontains": spelling})
                        for field in fields
                        for spelling in spellings
                    ),
                )
            )
        queryset = queryset.filter(pk__in=matches.values("pk"))
    return queryset


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


def _in_every_language(model: type[Model], path: str) -> list[str]:
    """A translated field's column in each language (``title_en``…); other fields as given."""
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    try:
        translated = name in translator.get_options_for_model(model).fields
    except NotRegistered:
        translated = False
    if not translated:
        return [path]
    return [build_localized_fieldname(path, code) for code, _language in settings.LANGUAGES]


def validate_search_words(text: str) -> None:
    if len(set(text.split())) > MAX_SEARCH_WORDS:
        raise forms.ValidationError(
            _("Search for at most %(count)s different words.") % {"count": MAX_SEARCH_WORDS}
        )


class PortalFilterSet(django_filters.FilterSet):
    """Adds ``?search=`` over the subclass's ``search_fields``."""

    search_fields: Sequence[str] = ()
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=MAX_SEARCH_LENGTH,
        validators=[validate_search_words],
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
            choices=list(countries),
            label=_("ISO 3166 country code, e.g. KZ"),
            **kwargs,
        )
