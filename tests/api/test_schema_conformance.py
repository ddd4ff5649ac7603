"""Property-based: every GET the OpenAPI schema allows answers without a 5xx, as documented."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance

from tests import factories

EXAMPLES_PER_OPERATION = 25
WRITE_EXAMPLES_PER_OPERATION = 25

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE], deterministic=True, database="none"
)
schema = schema.include(method="GET")


@pytest.fixture
def open_connection():
    """Keep the test's database connection across requests, as Django's test client does."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def world(db, open_connection):
    """One record of each kind, so that detail addresses and filters can find something."""
    event = factories.EventFactory(slug="civic-forum", city="Astana")
    factories.EventOrganisationFactory(event=event)
    factories.EventSpeakerFactory(event=event)
    factories.CitationFactory(record=event)
    factories.PositionFactory()
    factories.GrantFactory()
    factories.ObservationFactory(disaggregation={"SEX": "F"})
    factories.ObservationFactory(region=factories.RegionFactory(), year=2021)
    factories.IndicatorOrganisationFactory(
        indicator=factories.NationalIndicatorFactory(code="5.1.1")
    )


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_read_matches_the_schema(case, world):
    # A well-formed value may still name no record (an unknown slug): a 400, as documented.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])


writes = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
writes.config.generation.update(
    modes=[GenerationMode.POSITIVE], deterministic=True, database="none"
)
# Generated bodies only: the coverage phase's every-boundary bodies are for the reads above.
writes.config.phases.update(phases=["fuzzing"])
writes = writes.exclude(method="GET")


@pytest.fixture
def staff_token(world, django_user_model):
    from rest_framework.authtoken.models import Token

    user = django_user_model.objects.create_superuser("schema-staff", "s@example.org", "pw")
    return Token.objects.create(user=user).key


@writes.parametrize()
@settings(
    max_examples=WRITE_EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_staff_write_matches_the_schema(case, staff_token):
    case.call_and_validate(
        headers={"Authorization": f"Token {staff_token}"},
        excluded_checks=[positive_data_acceptance],
    )
