import pytest
from django.db import connection

from events.filters import EventFilter
from events.models import Event
from organisations.filters import OrganisationFilter, PersonFilter
from organisations.models import Organisation, Person
from sdgportal.search import search
from sdgportal.search_keys import search_key
from tests import factories

pytestmark = pytest.mark.django_db

on_postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="near misses are PostgreSQL's trigrams"
)


def people(text):
    return [
        person.slug for person in search(Person.objects.all(), PersonFilter.search_fields, text)
    ]


def organisations(text):
    return [
        organisation.slug
        for organisation in search(
            Organisation.objects.all(), OrganisationFilter.search_fields, text
        )
    ]


@pytest.fixture
def presidents():
    factories.PersonFactory(name="Nursultan Nazarbayev", slug="nazarbayev")
    factories.PersonFactory(name="Касым-Жомарт Токаев", slug="tokayev")
    factories.PersonFactory(name="Bolat Nazarov", slug="nazarov")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Назарбаев", ["nazarbayev"]),  # Cyrillic finds Latin
        ("Tokayev", ["tokayev"]),  # Latin finds Cyrillic
        ("Kassym-Jomart", ["tokayev"]),
        ("Nazarbaev", ["nazarbayev"]),  # another transliteration
        ("Nazar", ["nazarbayev", "nazarov"]),  # the start of a name
        ("Nursultan Назарбаев", ["nazarbayev"]),  # every word, in either alphabet
        ("Nazarbaev Tokaev", []),
        ("Tokarev", []),
        ("Mukhtar", []),
    ],
)
def test_search_matches_names_across_alphabets_and_transliterations(presidents, text, expected):
    assert sorted(people(text)) == expected


def test_search_matches_a_declined_name_from_its_first_form():
    factories.EventFactory(slug="meeting", title="Встреча с Назарбаевым")
    factories.EventFactory(slug="other", title="Встреча с Назаровым")

    found = search(Event.objects.all(), EventFilter.search_fields, "Nazarbayev")

    assert [event.slug for event in found] == ["meeting"]


def test_search_matches_kazakh_spelling_of_a_related_name():
    event = factories.EventFactory(slug="summit", title="Summit")
    factories.EventOrganisationFactory(
        event=event, organisation=factories.OrganisationFactory(name="Kazakhstan Red Crescent")
    )
    factories.EventFactory(slug="other", title="Other")

    found = search(Event.objects.all(), EventFilter.search_fields, "Қазақстан")

    assert [event.slug for event in found] == ["summit"]


def test_search_keys_names_but_not_descriptions():
    factories.OrganisationFactory(slug="named", name="Алматы Fund")
    factories.OrganisationFactory(slug="described", description="Works in Алматы.")

    assert (organisations("Almaty"), organisations("Алматы")) == (
        ["named"],
        ["described", "named"],
    )


@on_postgresql_only
def test_search_on_postgresql_finds_a_near_miss_of_a_word_found_nowhere(presidents):
    assert (people("Nazarbaiv"), people("Tleuberdi")) == (["nazarbayev"], [])


@on_postgresql_only
def test_search_on_postgresql_skips_near_misses_of_a_word_found_as_written():
    factories.OrganisationFactory(slug="civic", name="Civic Alliance")
    factories.OrganisationFactory(slug="civil", name="Civil Initiative")

    assert (organisations("civic"), organisations("civix")) == (["civic"], ["civic", "civil"])


@on_postgresql_only
@pytest.mark.parametrize(
    "text",
    [
        "Nursultan Nazarbayev",
        "Қазақстан Республикасы, ҰЛТТЫҚ ЭКОНОМИКА",
        "Şymkent, Öskemen, Türkistan; Ñ Ç Ğ İ ı æ ß Œ",
        "Серге\u0438\u0306 Ёлкин, Юлия Щукина, Жанна Хасенова",
        "Aigerim Yegemberdiyeva, Kassym-Jomart, Dmitriy, Mariya, Yerlan",
        "  — «Алматы» 2024  ",
        "",
    ],
)
def test_postgresql_search_key_function_agrees_with_python(text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT portal_search_key(%s)", [text])
        assert cursor.fetchone()[0] == search_key(text)
