import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_about_page_says_where_the_data_comes_from(client):
    factories.SourceDocumentFactory()
    factories.NationalIndicatorFactory()

    response = client.get("/about/")

    assert response.status_code == 200
    assert "imported from 1 news page;" in response.text
    assert "1 indicator is imported." in response.text
    assert 'href="/api/v1/docs/"' in response.text


def test_sitemap_index_lists_each_section(client):
    response = client.get("/sitemap.xml")

    sections = re.findall(r"<loc>http://testserver/sitemap-(\w+)\.xml</loc>", response.text)
    assert (response.status_code, sections) == (
        200,
        ["sections", "goals", "events", "organisations", "people", "grants"],
    )


def test_sitemap_gives_every_event_in_three_languages(client):
    factories.EventFactory(slug="civic-forum")

    response = client.get("/sitemap-events.xml")

    assert re.findall(r"<loc>([^<]+)</loc>", response.text) == [
        "http://testserver/events/civic-forum/",
        "http://testserver/ru/events/civic-forum/",
        "http://testserver/kk/events/civic-forum/",
    ]


def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get("/robots.txt")

    assert (response.status_code, response["Content-Type"]) == (200, "text/plain; charset=utf-8")
    assert response.content.decode() == (
        "User-agent: *\nDisallow: /admin/\nDisallow: /i18n/\n\n"
        "Sitemap: http://testserver/sitemap.xml\n"
    )


@pytest.fixture
def one_record_of_each_kind():
    """An organisation, a person, an event, a grant and an indicator, each with its own page."""
    organisation = factories.OrganisationFactory(slug="undp")
    factories.PositionFactory(
        person=factories.PersonFactory(slug="aigerim"), organisation=organisation
    )
    factories.EventOrganisationFactory(
        event=factories.EventFactory(slug="civic-forum"), organisation=organisation
    )
    factories.GrantFactory(slug="eri-2020-1", funder=organisation)
    factories.ObservationFactory(indicator=factories.NationalIndicatorFactory(code="16.3.1"))


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/about/",
        "/goals/",
        "/goals/3/",
        "/indicators/status/",
        "/indicators/16.3.1/",
        "/events/",
        "/events/civic-forum/",
        "/organisations/",
        "/organisations/undp/",
        "/people/",
        "/people/aigerim/",
        "/partnerships/",
        "/grants/",
        "/grants/eri-2020-1/",
        "/search/",
    ],
)
def test_every_page_has_a_title_breadcrumbs_and_canonical_link(
    client, one_record_of_each_kind, path
):
    response = client.get(path)

    assert response.status_code == 200
    assert re.search(r"<title>[^<]*SDG Partnership Portal</title>", response.text)
    assert f'<link rel="canonical" href="http://testserver{path}">' in response.text
    assert ('aria-label="Breadcrumbs"' in response.text) is (path != "/")
