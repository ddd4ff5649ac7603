"""Admin lists read a page of rows in a fixed number of queries, however many rows it shows."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.models import Dimension
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
