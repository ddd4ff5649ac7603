"""Property-based: every request the OpenAPI schema allows, and every one it does not, answers
without a 5xx and as documented; a request the schema does not allow is refused.

``SCHEMATHESIS_EXAMPLES`` sets the examples per operation and mode (25 by default), e.g. 500
for a deep run.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import negative_data_rejection, positive_data_acceptance

from tests import factories

EXAMPLES_PER_OPERATION = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "25"))
SCHEMA_ADDRESS = "/api/v1/schema/?format=json"
# Bodies without types: a number and its text, a value and a list of one, are the same bytes.
UNTYPED_BODIES = {"application/x-www-form-urlencoded", "multipart/form-data"}
HYPOTHESIS = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def portal_schema(mode: GenerationMode, *, reads: bool) -> schemathesis.schemas.BaseSchema:
    """The API's schema generating ``mode`` requests: its reads, or its writes."""
    schema = schemathesis.openapi.from_wsgi(SCHEMA_ADDRESS, get_wsgi_application())
    schema.config.generation.update(modes=[mode], deterministic=True, database="none")
    if reads:
        return schema.include(method="GET")
    if mode is GenerationMode.POSITIVE:
        # Generated bodies only: valid bodies at every boundary are what the reads test.
        schema.config.phases.update(phases=["fuzzing"])
    return schema.exclude(method="GET")


reads = portal_schema(GenerationMode.POSITIVE, reads=True)
bad_reads = portal_schema(GenerationMode.NEGATIVE, reads=True)
writes = portal_schema(GenerationMode.POSITIVE, reads=False)
bad_writes = portal_schema(GenerationMode.NEGATIVE, reads=False)


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


@pytest.fixture
def staff_token(world, django_user_model):
    from rest_framework.authtoken.models import Token

    user = django_user_model.objects.create_superuser("schema-staff", "s@example.org", "pw")
    return Token.objects.create(user=user).key


@reads.parametrize()
@HYPOTHESIS
def test_every_read_matches_the_schema(case, world):
    # A well-formed value may still name no record (an unknown slug): a 400, as documented.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])


@bad_reads.parametrize()
@HYPOTHESIS
def test_every_read_the_schema_refuses_is_a_documented_4xx(case, world):
    case.call_and_validate()


@writes.parametrize()
@HYPOTHESIS
def test_every_staff_write_matches_the_schema(case, staff_token):
    case.call_and_validate(
        headers={"Authorization": f"Token {staff_token}"},
        excluded_checks=[positive_data_acceptance],
    )


@bad_writes.parametrize()
@HYPOTHESIS
def test_every_staff_write_the_schema_refuses_is_a_documented_4xx(case, staff_token):
    # Form data cannot break the schema's types, so only a JSON body must be refused.
    untyped = case.media_type in UNTYPED_BODIES
    case.call_and_validate(
        headers={"Authorization": f"Token {staff_token}"},
        excluded_checks=[negative_data_rejection] if untyped else [],
    )
