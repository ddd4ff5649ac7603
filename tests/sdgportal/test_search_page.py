import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sdgportal.templatetags.portal import highlight
from tests import factories

pytestmark = pytest.mark.django_db


def test_highlight_marks_each_word_and_escapes_the_rest():
    assert highlight("Civic <b>Forum</b> of civil society", "forum CIVI") == (
        "<mark>Civi</mark>c &lt;b&gt;<mark>Forum</mark>&lt;/b&gt; of <mark>civi</mark>l society"
    )


def test_highlight_marks_whole_a_word_matched_by_its_search_key():
    assert highlight("Встреча с Назарбаевым & Nazarbayev <b>", "Nazarbaev <b>") == (
        "Встреча с <mark>Назарбаевым</mark> &amp; <mark>Nazarbayev</mark> <mark>&lt;b&gt;</mark>"
    )


def test_highlight_marks_the_letters_as_written_and_other_spellings_whole():
    assert highlight("Tokayev and Tokaeva", "Tokaev") == (
        "<mark>Tokayev</mark> and <mark>Tokaev</mark>a"
    )


def test_search_groups_matches_by_type(client):
    factories.EventFactory(title="Civic Forum")
    factories.OrganisationFactory(name="Civic Alliance")
    factories.PersonFactory(name="Civic Person")
    factories.GrantFactory(title="Civic education")
    factories.NationalIndicatorFactory(code="16.7.2", title_en="Civic participation")
    factories.EventFactory(title="Water summit")

    response = client.get("/search/", {"q": "civic"})

    groups = {
        group.kind: [str(record) for record in group.records]
        for group in response.context["groups"]
    }
    assert groups == {
        "events": ["Civic Forum"],
        "organisations": ["Civic Alliance"],
        "people": ["Civic Person"],
        "grants": ["Civic education"],
        "indicators": ["16.7.2 Civic participation"],
    }
    assert '<a href="/events/' in response.text
    assert "<mark>Civic</mark> Forum" in response.text


def test_search_ranks_whole_phrase_matches_first(client):
    factories.EventFactory(title="Forum of civil society on water")
    factories.EventFactory(title="Water forum")

    response = client.get("/search/", {"q": "water forum"})

    events = response.context["groups"][0]
    assert [event.title for event in events.records] == [
        "Water forum",
        "Forum of civil society on water",
    ]


def test_search_finds_and_marks_names_in_another_alphabet(client):
    factories.PersonFactory(name="Kassym-Jomart Tokayev")
    factories.PersonFactory(name="Bolat Tokarev")
    factories.EventFactory(title="Встреча с Токаевым")

    response = client.get("/search/", {"q": "Токаев"})

    groups = {
        group.kind: [str(record) for record in group.records]
        for group in response.context["groups"]
        if group.records
    }
    assert groups == {"events": ["Встреча с Токаевым"], "people": ["Kassym-Jomart Tokayev"]}
    assert "Kassym-Jomart <mark>Tokayev</mark>" in response.text
    assert "Встреча с <mark>Токаев</mark>ым" in response.text


def test_search_ranks_names_as_written_before_transliterated_ones(client):
    factories.PersonFactory(name="Жанна Ахметова")
    factories.PersonFactory(name="Zhanna Akhmetova")
    factories.PersonFactory(name="Aigerim Zhanna")

    response = client.get("/search/", {"q": "Zhanna Akhmetova"})

    people = response.context["groups"][2]
    assert [person.name for person in people.records] == [
        "Zhanna Akhmetova",
        "Жанна Ахметова",
    ]


def test_search_links_to_the_full_list_with_the_words(client):
    for number in range(6):
        factories.EventFactory(title=f"Civic forum {number}")

    response = client.get("/search/", {"q": "civic forum"})

    assert 'href="/events/?search=civic+forum"' in response.text


def test_search_refuses_too_many_words(client):
    response = client.get("/search/", {"q": " ".join(f"w{n}" for n in range(11))})

    assert response.status_code == 400
    assert "Search for at most 10 different words." in response.text


def test_empty_search_shows_just_the_form(client):
    response = client.get("/search/")

    assert (response.status_code, response.context["groups"]) == (200, [])


@pytest.mark.parametrize("grants", [1, 8])
def test_search_queries_do_not_grow_with_the_matches(client, django_assert_max_num_queries, grants):
    for number in range(grants):
        factories.GrantFactory(title=f"Civic grant {number}")
        factories.GrantFactory(title=f"Grant {number}", purpose="For civic groups")

    # for each of the five record types: the count, at most three kinds of match, the records
    with django_assert_max_num_queries(5 * 5):
        response = client.get("/search/", {"q": "civic"})
    assert response.context["groups"][3].count == 2 * grants


def test_a_search_asked_again_reads_only_its_records_until_the_data_change(client):
    factories.GrantFactory(title="Civic grant")
    client.get("/search/", {"q": "civic"})

    # the matches are kept per data version: the records shown, one query per type found
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/search/", {"q": "civic"}, HTTP_ACCEPT="text/html, x-other/1")
    assert len(queries) == len([group for group in again.context["groups"] if group.records])
    factories.EventFactory(title="Civic forum")
    changed = client.get("/search/", {"q": "civic"})

    assert [record.title for record in again.context["groups"][3].records] == ["Civic grant"]
    assert [record.title for record in changed.context["groups"][0].records] == ["Civic forum"]


def test_search_counts_matches_up_to_a_limit_and_says_there_are_more(client, monkeypatch):
    monkeypatch.setattr("sdgportal.site_search.COUNTED_UP_TO", 3)
    for number in range(5):
        factories.GrantFactory(title=f"Civic grant {number}")
    factories.EventFactory(title="Civic forum")

    page = client.get("/search/", {"q": "civic"}).content.decode()

    assert "Grants (3+)" in page
    assert "Events (1)" in page
