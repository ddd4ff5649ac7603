"""Every filter and ordering of the lists reads an index, so lists stay fast on a big database."""

import pytest
from django.db import models
from django_filters import OrderingFilter

from events.filters import EventFilter
from indicators.filters import NationalIndicatorFilter, ObservationFilter
from organisations.filters import GrantFilter, OrganisationFilter, PersonFilter
from sdgportal.filters import SourceDocumentFilter

FILTERSETS = [
    EventFilter,
    OrganisationFilter,
    PersonFilter,
    GrantFilter,
    NationalIndicatorFilter,
    ObservationFilter,
    SourceDocumentFilter,
]
# Filters that are not a plain column: full-text search (its own indexes on PostgreSQL) and
# filters computed over several columns.
NOT_COLUMNS = {"search"}


def indexed(model: type[models.Model], path: str) -> bool:
    """Whether the column ``path`` leads to is the first column of some index."""
    field = None
    for part in path.split("__"):
        if field is not None and not field.is_relation:
            break  # a transform of the column before, such as start_date__year
        field = (field.related_model if field else model)._meta.get_field(part)
        if field.many_to_many or field.one_to_many:
            return True  # a join table: its foreign keys are indexed
    model, name = field.model, field.name
    if field.is_relation or field.primary_key or field.unique or field.db_index:
        return True
    first_columns = [
        index.fields[0].lstrip("-") for index in model._meta.indexes if index.fields
    ] + [
        constraint.fields[0]
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields
    ]
    return name in first_columns


def columns_of(filterset: type) -> list[str]:
    columns = []
    for name, declared in filterset.base_filters.items():
        if name in NOT_COLUMNS or getattr(declared, "method", None):
            continue
        if isinstance(declared, OrderingFilter):
            columns += [field for field, _param in declared.param_map.items()]
        else:
            columns.append(declared.field_name)
    return columns


@pytest.mark.parametrize("filterset", FILTERSETS, ids=lambda filterset: filterset.__name__)
def test_every_filter_and_ordering_reads_an_index(filterset):
    model = filterset._meta.model

    unindexed = [column for column in columns_of(filterset) if not indexed(model, column)]

    assert unindexed == []
