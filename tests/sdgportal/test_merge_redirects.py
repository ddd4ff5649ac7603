import pytest

from sdgportal.merging import merge_records
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def merged():
    """Each kind of record merged away: its old slug "old-…", its survivor's "new-…"."""
    for factory, name in (
        (factories.PersonFactory, "person"),
        (factories.OrganisationFactory, "organisation"),
        (factories.EventFactory, "event"),
    ):
        merge_records(factory(slug=f"new-{name}"), [factory(slug=f"old-{name}")])


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/people/old-person/", "/people/new-person/"),
        ("/organisations/old-organisation/", "/organisations/new-organisation/"),
        ("/events/old-event/", "/events/new-event/"),
        ("/ru/people/old-person/", "/ru/people/new-person/"),
        ("/kk/events/old-event/?from=search", "/kk/events/new-event/?from=search"),
    ],
)
def test_a_merged_records_page_redirects_to_the_survivor(client, merged, old, new):
    response = client.get(old)

    assert (response.status_code, response["Location"]) == (301, new)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/api/v1/people/old-person/", "/api/v1/people/new-person/"),
        ("/api/v1/organisations/old-organisation/", "/api/v1/organisations/new-organisation/"),
        ("/api/v1/events/old-event/?lang=ru", "/api/v1/events/new-event/?lang=ru"),
    ],
)
def test_a_merged_records_endpoint_redirects_to_the_survivor(api_client, merged, old, new):
    response = api_client.get(old)

    assert (response.status_code, response["Location"]) == (301, new)


def test_a_chain_of_merges_redirects_to_the_last_survivor(client, api_client):
    first, second, last = (factories.PersonFactory(slug=slug) for slug in ("a", "b", "c"))
    merge_records(second, [first])
    merge_records(last, [second])

    page = client.get("/people/a/")
    endpoint = api_client.get("/api/v1/people/a/")

    assert (page.status_code, page["Location"]) == (301, "/people/c/")
    assert (endpoint.status_code, endpoint["Location"]) == (301, "/api/v1/people/c/")


def test_an_unknown_slug_is_still_not_found(client, api_client, merged):
    assert (
        client.get("/people/nobody/").status_code,
        api_client.get("/api/v1/people/nobody/").status_code,
    ) == (404, 404)


def test_a_slug_taken_again_by_a_new_record_shows_that_record(client, merged):
    factories.PersonFactory(slug="old-person", name="Someone else")

    response = client.get("/people/old-person/")

    assert (response.status_code, "Someone else" in response.text) == (200, True)
