import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_event_page_shows_organisers_speakers_and_sources(client):
    event = factories.EventFactory(slug="civic-forum", title="Civic Forum", city="Astana")
    factories.EventOrganisationFactory(
        event=event, organisation=factories.OrganisationFactory(name="Civil Alliance")
    )
    factories.EventSpeakerFactory(
        event=event, person=factories.PersonFactory(name="Aigerim Nurlanovna"), title="Chair"
    )
    factories.CitationFactory(record=event, quote="The Civic Forum gathered 300 NGOs.")

    response = client.get("/events/civic-forum/")

    assert response.status_code == 200
    assert "<title>Civic Forum — SDG Partnership Portal</title>" in response.text
    for text in ("Civil Alliance", "Aigerim Nurlanovna", "Chair", "gathered 300 NGOs", "Astana"):
        assert text in response.text


def test_event_page_is_404_for_an_unknown_slug(client):
    assert client.get("/events/no-such-event/").status_code == 404


def test_event_page_queries_do_not_grow_with_its_relations(client, django_assert_num_queries):
    event = factories.EventFactory(slug="civic-forum")
    for _ in range(3):
        factories.EventOrganisationFactory(event=event)
        factories.EventSpeakerFactory(event=event)
        factories.CitationFactory(record=event)

    # event, organisations, speakers, goals, targets, citations
    with django_assert_num_queries(6):
        client.get("/events/civic-forum/")
