"""Stored search columns: PostgreSQL fills them on every write; searches read their indexes."""

import pytest
from django.db import connection

from events.filters import EventFilter
from events.models import Event
from indicators.filters import NationalIndicatorFilter
from indicators.models import NationalIndicator
from organisations.filters import GrantFilter, OrganisationFilter, PersonFilter
from organisations.models import Grant, Organisation, Person
from sdgportal.search import in_every_language
from sdgportal.search_columns import COLUMNS, install_search_columns, searchable_models
from sdgportal.search_keys import search_key
from tests import factories

on_postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the columns are filled by PostgreSQL triggers"
)


def stored(record: Event | Organisation | Person | Grant) -> tuple[str, str]:
    return type(record).objects.values_list("search_document", "search_names").get(pk=record.pk)


@on_postgresql_only
@pytest.mark.django_db
def test_saving_a_record_fills_its_weighted_document_and_name_key():
    event = factories.EventFactory(
        title="Forum of Қазақстан", city="Almaty", description="Water and climate"
    )

    document, names = stored(event)

    assert "'forum':1A" in document
    assert "'almaty':4B" in document
    assert "'water':5C" in document
    assert names == search_key("Forum of Қазақстан Almaty")


@on_postgresql_only
@pytest.mark.django_db
def test_bulk_inserts_and_updates_fill_the_columns_too():
    [organisation] = Organisation.objects.bulk_create(
        [Organisation(name="Жанна Foundation", slug="zhanna", aliases=["Janna Fund"])]
    )
    assert stored(organisation)[1] == search_key("Жанна Foundation Janna Fund")

    Organisation.objects.filter(pk=organisation.pk).update(name="Aigerim Fund")

    document, names = stored(organisation)
    assert names == search_key("Aigerim Fund Janna Fund")
    assert "'aigerim':1A" in document
    assert "zhanna" not in document


@on_postgresql_only
@pytest.mark.django_db
def test_a_changed_definition_fills_the_columns_again():
    person = factories.PersonFactory(name="Nazarbayev")
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE organisations_person DISABLE TRIGGER USER")
        cursor.execute("UPDATE organisations_person SET search_names = 'stale'")
        cursor.execute("ALTER TABLE organisations_person ENABLE TRIGGER USER")
        cursor.execute("COMMENT ON FUNCTION organisations_person_search_columns() IS 'old'")
    assert stored(person)[1] == "stale"

    install_search_columns(using="default")

    assert stored(person)[1] == search_key("Nazarbayev")


@on_postgresql_only
@pytest.mark.django_db
def test_an_unchanged_definition_leaves_the_columns_alone(django_assert_num_queries):
    install_search_columns(using="default")
    models = list(searchable_models())

    with django_assert_num_queries(1 + len(models)):  # the key function, a look at each
        install_search_columns(using="default")


def test_history_leaves_the_search_columns_out():
    for model in searchable_models():
        kept = {field.name for field in model.history.model._meta.fields}
        assert not kept & set(COLUMNS), model


@pytest.mark.parametrize(
    ("model", "filterset"),
    [
        (Event, EventFilter),
        (Organisation, OrganisationFilter),
        (Person, PersonFilter),
        (Grant, GrantFilter),
        (NationalIndicator, NationalIndicatorFilter),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_the_stored_document_holds_the_lists_search_fields(model, filterset):
    own = [field for field in filterset.search_fields if "__" not in field]
    columns = {column for field in own for column in in_every_language(model, field)}

    assert columns == set(model.stored_search.weighted)
