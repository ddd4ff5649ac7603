"""Filter building blocks shared by every resource: strict numbers, full-text search, ordering."""

from collections.abc import Sequence
from functools import reduce
from operator import and_, or_

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

FIRST_YEAR, LAST_YEAR = 1900, 2100


class IntegerFilter(django_filters.NumberFilter):
    """A whole number; extra keyword arguments such as ``min_value`` go to the form field."""

    field_class = forms.IntegerField


def goal_filter(field_name: str, **kwargs: object) -> IntegerFilter:
    return IntegerFilter(
        field_name=field_name,
        min_value=1,
        max_value=17,
        label=_("SDG goal number (1–17)"),
        **kwargs,
    )


def year_filter(field_name: str, lookup_expr: str = "exact", **kwargs: object) -> IntegerFilter:
    return IntegerFilter(
        field_name=field_name,
        lookup_expr=lookup_expr,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        **kwargs,
    )


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """A related record named by its slug (or code); an unknown one is a 400, not no results."""

    def __init__(self, *args: object, to_field_name: str = "slug", **kwargs: object) -> None:
        super().__init__(*args, to_field_name=to_field_name, **kwargs)


def search(queryset: QuerySet, fields: Sequence[str], text: str) -> QuerySet:
    """Records where every word of ``text`` occurs in one of ``fields``.

    PostgreSQL matches whole words with its full-text search (language-neutral, so Russian
    and Kazakh names match as well as English); SQLite falls back to substring matching.
    """
    words = text.split()
    if not words:
        return queryset
    records = queryset.model._default_manager
    if connections[queryset.db].vendor == "postgresql":
        matches = records.annotate(search_document=SearchVector(*fields, config="simple")).filter(
            search_document=SearchQuery(text, search_type="websearch", config="simple")
        )
    else:
        matches = records.filter(
            reduce(
                and_,
                (
                    reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields))
                    for word in words
                ),
            )
        )
    return queryset.filter(pk__in=matches.values("pk"))


class PortalFilterSet(django_filters.FilterSet):
    """Adds ``?search=`` over the subclass's ``search_fields``."""

    search_fields: Sequence[str] = ()
    search = django_filters.CharFilter(method="filter_search", label=_("Words to search for"))

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search(queryset, self.search_fields, value)


def ordering(*fields: str | tuple[str, str]) -> django_filters.OrderingFilter:
    """``?ordering=`` over the given fields (``-field`` descending); other values are a 400."""
    return django_filters.OrderingFilter(
        fields=[field if isinstance(field, tuple) else (field, field) for field in fields],
        label=_("Sort by these fields, comma-separated; prefix - for descending"),
    )
