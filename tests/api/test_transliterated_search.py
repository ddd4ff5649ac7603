"""``?search=`` matches names across alphabets and transliterations, still word by word."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def slugs(response):
    return [record["slug"] for record in response.json()["results"]]


@pytest.fixture
def people():
    factories.PersonFactory(name="Kassym-Jomart Tokayev", slug="tokayev")
    factories.PersonFactory(name="Нурсултан Назарбаев", slug="nazarbayev")
    factories.PersonFactory(name="Bolat Nazarov", slug="nazarov")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Токаев", ["tokayev"]),
        ("Nazarbayev", ["nazarbayev"]),
        ("Nursultan Nazarbaev", ["nazarbayev"]),
        ("Tokaev Nazarbaev", []),  # every word must match the one record
        ("Nazarovich", []),
    ],
)
def test_people_search_matches_transliterated_names(api_client, people, words, expected):
    response = api_client.get("/api/v1/people/", {"search": words})

    assert (response.status_code, slugs(response)) == (200, expected)


def test_event_search_matches_a_speaker_spelled_in_kazakh(api_client):
    event = factories.EventFactory(slug="forum")
    factories.EventSpeakerFactory(
        event=event, person=factories.PersonFactory(name="Zhanna Kassymova")
    )
    factories.EventFactory(slug="other")

    response = api_client.get("/api/v1/events/", {"search": "Жанна Қасымова"})

    assert slugs(response) == ["forum"]


def test_transliterated_search_still_refuses_too_many_words(api_client):
    response = api_client.get(
        "/api/v1/people/", {"search": " ".join(f"Назарбаев{n}" for n in range(11))}
    )

    assert (response.status_code, response.json()) == (
        400,
        {"search": ["Search for at most 10 different words."]},
    )
