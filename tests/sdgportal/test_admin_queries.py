"""Admin lists read a page of rows in a fixed number of queries, however many rows it shows."""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.models import Dimension
from sdgportal.merging import merge_records
from tests import factories

pytestmark = pytest.mark.django_db

CONTENT_APPS = {"sdgportal", "indicators", "organisations", "events"}
CONTENT_MODELS = [model for model in admin.site._registry if model._meta.app_label in CONTENT_APPS]


def add_a_bit_of_everything(number: int) -> None:
    """One more record of each kind, related to the others, distinct from earlier rounds."""
    event = factories.EventFactory()
    event.goals.add(factories.goal(1 + number % 17))
    organisation = factories.OrganisationFactory(parent=factories.OrganisationFactory())
    factories.EventOrganisationFactory(event=event, organisation=organisation)
    factories.EventSpeakerFactory(event=event, organisation=organisation)
    factories.PositionFactory(organisation=organisation)
    factories.GrantFactory(funder=organisation)
    indicator = factories.NationalIndicatorFactory(code=f"1.1.{number + 1}")
    region = factories.RegionFactory(code=f"KZ{number:03}")
    factories.ObservationFactory(indicator=indicator, region=region)
    factories.IndicatorOrganisationFactory(indicator=indicator, organisation=organisation)
    factories.GlobalIndicatorFactory(code=f"1.{number + 1}.1")  # with its target 1.n
    dimension = Dimension.objects.create(code=f"DIMENSION_{number}")
    factories.DimensionValueFactory(dimension=dimension)
    factories.CitationFactory(record=event)
    factories.CitationFactory(record=organisation)
    merge_records(factories.PersonFactory(), [factories.PersonFactory()])


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model._meta.label)
def test_admin_list_queries_do_not_grow_with_the_rows(staff_client, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    add_a_bit_of_everything(0)
    queries_of(staff_client, url)  # a first request fills caches (content types, sessions)
    with_one = queries_of(staff_client, url)
    for number in range(1, 6):
        add_a_bit_of_everything(number)

    with_six = queries_of(staff_client, url)

    assert model._default_manager.count() >= 6 or model._meta.model_name == "goal"
    assert with_six == with_one


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model._meta.label)
def test_every_related_field_in_an_admin_form_is_picked_by_autocomplete(rf, admin_user, model):
    model_admin = admin.site._registry[model]
    request = rf.get("/")
    request.user = admin_user
    shown = set(model_admin.get_fields(request)) - set(model_admin.readonly_fields)
    related = {
        field.name
        for field in model._meta.get_fields()
        if field.name in shown
        and (field.many_to_one or field.many_to_many)
        and field.related_model is not ContentType  # a short, fixed list: a plain select
    }
    inline_related = {
        f"{inline.model._meta.label}.{field.name}"
        for inline in model_admin.inlines
        for field in inline.model._meta.get_fields()
        if (field.many_to_one or field.many_to_many)
        and field.name in (inline.fields or [])
        and field.related_model is not model
        and field.name not in getattr(inline, "autocomplete_fields", [])
    }

    assert related - set(model_admin.autocomplete_fields) == set()
    assert inline_related == set()
