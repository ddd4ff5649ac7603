"""The events endpoint of the REST API: /api/v1/events/ and /api/v1/events/<slug>/."""

import csv
import io
from datetime import UTC, date, datetime

import pytest

from events.models import Event, EventOrganisation
from indicators.models import Goal
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    EventFactory,
    EventOrganisationFactory,
    EventSpeakerFactory,
    OrganisationFactory,
    PersonFactory,
    SourceDocumentFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/events/"
HEADER = [
    "slug",
    "title",
    "kind",
    "description",
    "start_date",
    "start_precision",
    "end_date",
    "end_precision",
    "location",
    "city",
    "is_online",
    "country",
    "parent.slug",
    "parent.name",
    "organisers",
    "partners",
    "speakers",
    "sdg_goals",
    "sdg_targets",
    "sources",
    "review_status",
    "url",
]
LIST_PARAMETERS = (
    "all, city, country, date_from, date_to, format, goal, kind, lang, online, ordering, "
    "organisation, page, page_size, person, search, target, year"
)


def detail_url(slug):
    return f"{LIST_URL}{slug}/"


def goal(number):
    return Goal.objects.get(number=number)


def slugs(response):
    """The slugs of a successful list answer, in order."""
    assert response.status_code == 200, response.content
    return [event["slug"] for event in response.json()["results"]]


def csv_rows(text):
    return list(csv.reader(io.StringIO(text)))


def plain_row(slug, title, start_date, *, city="Astana", kind="forum", end_date=""):
    """The CSV row of an EventFactory event with no relations."""
    return [
        slug,
        title,
        kind,
        "",
        start_date,
        "day",
        end_date,
        "day",
        city,
        city,
        "false",
        "KZ",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "reviewed",
        f"http://testserver/events/{slug}/",
    ]


def plain_event_json(slug, title, start_date):
    """The JSON of an EventFactory event with no relations."""
    return {
        "slug": slug,
        "title": title,
        "kind": "forum",
        "description": "",
        "start_date": start_date,
        "start_precision": "day",
        "end_date": None,
        "end_precision": "day",
        "location": "Astana",
        "city": "Astana",
        "is_online": False,
        "country": "KZ",
        "parent": None,
        "organisers": [],
        "partners": [],
        "speakers": [],
        "sdg_goals": [],
        "sdg_targets": [],
        "sources": [],
        "review_status": "reviewed",
        "url": f"http://testserver/events/{slug}/",
    }


def fully_related_events(count):
    """Events each with an organiser, a partner, a speaker, a goal, a target and a citation."""
    target = TargetFactory(code="16.3")
    for _ in range(count):
        event = EventFactory()
        EventOrganisationFactory(event=event, role=EventOrganisation.Role.ORGANISER)
        EventOrganisationFactory(event=event, role=EventOrganisation.Role.PARTNER)
        EventSpeakerFactory(event=event, organisation=OrganisationFactory())
        event.goals.add(goal(16))
        event.targets.add(target)
        CitationFactory(record=event)


# --- Representation --------------------------------------------------------------------------


def test_detail_shows_the_whole_event(api_client):
    parent = EventFactory(title="Astana International Forum", slug="aif-2023")
    event = EventFactory(
        title="Civil society and SDG 16",
        slug="civil-society-sdg16",
        kind="side_event",
        description="A side event on access to justice.",
        start_date=date(2023, 6, 8),
        end_date=date(2023, 6, 9),
        end_precision="month",
        city="Astana",
        country="KZ",
        parent=parent,
    )
    undp = OrganisationFactory(name="UNDP Kazakhstan", slug="undp-kazakhstan")
    ministry = OrganisationFactory(name="Ministry of Justice", slug="ministry-of-justice")
    eurasia = OrganisationFactory(name="Eurasia Foundation", slug="eurasia-foundation")
    legal_aid = OrganisationFactory(name="Legal Aid Centre", slug="legal-aid-centre")
    EventOrganisationFactory(event=event, organisation=undp, role="organiser")
    EventOrganisationFactory(event=event, organisation=ministry, role="host")
    EventOrganisationFactory(event=event, organisation=eurasia, role="sponsor")
    EventOrganisationFactory(event=event, organisation=legal_aid, role="participant")
    EventSpeakerFactory(
        event=event,
        person=PersonFactory(name="Aigerim Nurlanova", slug="aigerim-nurlanova"),
        role="moderator",
        title="Programme officer",
        organisation=undp,
        order=1,
    )
    EventSpeakerFactory(
        event=event,
        person=PersonFactory(name="Bakhyt Sarsenov", slug="bakhyt-sarsenov"),
        role="keynote",
        title="",
        organisation=None,
        order=2,
    )
    event.goals.add(goal(16), goal(5))
    event.targets.add(
        TargetFactory(code="16.10", title_en="Public access to information"),
        TargetFactory(code="16.3"),
    )
    article = ArticleFactory(
        document=SourceDocumentFactory(name="news_2023_06.txt"),
        title="Forum opens in Astana",
        url="https://example.org/forum-opens",
        published_on=date(2023, 6, 10),
    )
    CitationFactory(record=event, article=article, quote="UNDP organised the side event.")
    CitationFactory(
        record=event,
        article=None,
        document=SourceDocumentFactory(name="upload.pdf", kind="upload"),
        quote="",
    )

    response = api_client.get(detail_url("civil-society-sdg16"))

    assert response.status_code == 200
    assert response.json() == {
        "slug": "civil-society-sdg16",
        "title": "Civil society and SDG 16",
        "kind": "side_event",
        "description": "A side event on access to justice.",
        "start_date": "2023-06-08",
        "start_precision": "day",
        "end_date": "2023-06-09",
        "end_precision": "month",
        "location": "Astana",
        "city": "Astana",
        "is_online": False,
        "country": "KZ",
        "parent": {"slug": "aif-2023", "name": "Astana International Forum"},
        "organisers": [
            {"slug": "ministry-of-justice", "name": "Ministry of Justice", "role": "host"},
            {"slug": "undp-kazakhstan", "name": "UNDP Kazakhstan", "role": "organiser"},
        ],
        "partners": [
            {"slug": "legal-aid-centre", "name": "Legal Aid Centre", "role": "participant"},
            {"slug": "eurasia-foundation", "name": "Eurasia Foundation", "role": "sponsor"},
        ],
        "speakers": [
            {
                "slug": "aigerim-nurlanova",
                "name": "Aigerim Nurlanova",
                "role": "moderator",
                "title": "Programme officer",
                "organisation": "UNDP Kazakhstan",
                "organisation_slug": "undp-kazakhstan",
            },
            {
                "slug": "bakhyt-sarsenov",
                "name": "Bakhyt Sarsenov",
                "role": "keynote",
                "title": "",
                "organisation": None,
                "organisation_slug": None,
            },
        ],
        "sdg_goals": [5, 16],
        "sdg_targets": ["16.3", "16.10"],
        "sources": [
            {
                "document": "news_2023_06.txt",
                "article": "Forum opens in Astana",
                "article_url": "https://example.org/forum-opens",
                "published_on": "2023-06-10",
                "quote": "UNDP organised the side event.",
            },
            {
                "document": "upload.pdf",
                "article": None,
                "article_url": None,
                "published_on": None,
                "quote": "",
            },
        ],
        "review_status": "reviewed",
        "url": "http://testserver/events/civil-society-sdg16/",
    }


def test_list_wraps_events_in_a_page(api_client):
    EventFactory(slug="lone-forum", title="Lone forum", start_date=date(2023, 4, 1))

    response = api_client.get(LIST_URL)

    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [plain_event_json("lone-forum", "Lone forum", "2023-04-01")],
    }


@pytest.mark.parametrize(
    ("city", "is_online", "location"),
    [
        ("", True, "Online"),
        ("Almaty", True, "Almaty"),
        ("Almaty", False, "Almaty"),
        ("", False, ""),
    ],
)
def test_detail_location_is_the_city_or_online(api_client, city, is_online, location):
    EventFactory(slug="webinar", city=city, is_online=is_online)

    response = api_client.get(detail_url("webinar"))

    assert response.status_code == 200
    assert (response.json()["location"], response.json()["city"]) == (location, city)


def test_detail_unknown_slug_is_404(api_client):
    EventFactory(slug="known")

    response = api_client.get(detail_url("unknown"))

    assert response.status_code == 404
    assert response.json() == {"detail": "No Event matches the given query."}


def test_detail_refuses_list_parameters(api_client):
    EventFactory(slug="known")

    response = api_client.get(detail_url("known"), {"goal": "16"})

    assert response.status_code == 400
    assert response.json() == {"goal": ["Unknown parameter. This endpoint takes: format, lang."]}


# --- Filters ----------------------------------------------------------------------------------


def test_list_unknown_parameter_is_400_naming_it(api_client):
    EventFactory()

    response = api_client.get(LIST_URL, {"gaol": "16"})

    assert response.status_code == 400
    assert response.json() == {
        "gaol": [f"Unknown parameter. This endpoint takes: {LIST_PARAMETERS}."]
    }


@pytest.mark.parametrize(
    ("number", "expected"), [("16", ["justice"]), ("4", ["schools", "justice"]), ("5", [])]
)
def test_filter_goal_keeps_events_on_that_goal(api_client, number, expected):
    justice = EventFactory(slug="justice", start_date=date(2023, 1, 1))
    justice.goals.add(goal(16), goal(4))
    EventFactory(slug="schools", start_date=date(2023, 2, 1)).goals.add(goal(4))

    response = api_client.get(LIST_URL, {"goal": number})

    assert slugs(response) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "Ensure this value is greater than or equal to 1."),
        ("18", "Ensure this value is less than or equal to 17."),
        ("abc", "Enter a whole number."),
    ],
)
def test_filter_goal_outside_1_to_17_is_400(api_client, value, message):
    response = api_client.get(LIST_URL, {"goal": value})

    assert response.status_code == 400
    assert response.json() == {"goal": [message]}


@pytest.mark.parametrize(("code", "expected"), [("16.3", ["justice"]), ("4.7", [])])
def test_filter_target_keeps_events_on_that_target(api_client, code, expected):
    TargetFactory(code="4.7", title_en="Education for sustainable development")
    justice = EventFactory(slug="justice")
    justice.targets.add(TargetFactory(code="16.3"), TargetFactory(code="16.10", title_en="x"))
    EventFactory(slug="other")

    response = api_client.get(LIST_URL, {"target": code})

    assert slugs(response) == expected


def test_filter_target_unknown_code_is_400(api_client):
    TargetFactory(code="16.3")

    response = api_client.get(LIST_URL, {"target": "16.99"})

    assert response.status_code == 400
    assert response.json() == {"target": ["There is no target “16.99”."]}


@pytest.mark.parametrize(("kind", "expected"), [("panel", ["panel"]), ("seminar", [])])
def test_filter_kind_keeps_events_of_that_kind(api_client, kind, expected):
    EventFactory(slug="forum", kind="forum")
    EventFactory(slug="panel", kind="panel")

    response = api_client.get(LIST_URL, {"kind": kind})

    assert slugs(response) == expected


def test_filter_kind_unknown_is_400(api_client):
    response = api_client.get(LIST_URL, {"kind": "party"})

    assert response.status_code == 400
    assert response.json() == {
        "kind": ["Select a valid choice. party is not one of the available choices."]
    }


@pytest.mark.parametrize(("year", "expected"), [("2024", ["in-2024"]), ("2020", [])])
def test_filter_year_keeps_events_starting_that_year(api_client, year, expected):
    EventFactory(slug="in-2023", start_date=date(2023, 12, 31), end_date=date(2024, 1, 2))
    EventFactory(slug="in-2024", start_date=date(2024, 1, 1))

    response = api_client.get(LIST_URL, {"year": year})

    assert slugs(response) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "Enter a whole number."),
        ("1899", "Ensure this value is greater than or equal to 1900."),
        ("2101", "Ensure this value is less than or equal to 2100."),
    ],
)
def test_filter_year_malformed_is_400(api_client, value, message):
    response = api_client.get(LIST_URL, {"year": value})

    assert response.status_code == 400
    assert response.json() == {"year": [message]}


@pytest.mark.parametrize(
    ("parameters", "expected"),
    [
        ({"date_from": "2023-03-01"}, ["late", "one-day", "spanning"]),
        ({"date_from": "2023-01-12"}, ["late", "one-day", "spanning", "early"]),
        ({"date_from": "2023-01-13"}, ["late", "one-day", "spanning"]),
        ({"date_from": "2023-03-16"}, ["late"]),
        ({"date_from": "2023-06-01"}, []),
        ({"date_to": "2023-03-01"}, ["spanning", "early"]),
        ({"date_to": "2023-05-01"}, ["late", "one-day", "spanning", "early"]),
        ({"date_to": "2023-01-09"}, []),
        ({"date_from": "2023-03-01", "date_to": "2023-03-31"}, ["one-day", "spanning"]),
        ({"date_from": "2023-03-15", "date_to": "2023-03-15"}, ["one-day"]),
        ({"date_from": "2023-03-06", "date_to": "2023-03-14"}, []),
    ],
)
def test_filter_dates_keep_events_overlapping_the_period(api_client, parameters, expected):
    EventFactory(slug="early", start_date=date(2023, 1, 10), end_date=date(2023, 1, 12))
    EventFactory(slug="spanning", start_date=date(2023, 2, 25), end_date=date(2023, 3, 5))
    EventFactory(slug="one-day", start_date=date(2023, 3, 15), end_date=None)
    EventFactory(slug="late", start_date=date(2023, 5, 1), end_date=date(2023, 5, 2))
    EventFactory(slug="undated", start_date=None, end_date=None)

    response = api_client.get(LIST_URL, parameters)

    assert slugs(response) == expected


@pytest.mark.parametrize(
    ("parameters", "errors"),
    [
        ({"date_from": "2023-13-01"}, {"date_from": ["Enter a valid date."]}),
        ({"date_to": "yesterday"}, {"date_to": ["Enter a valid date."]}),
        (
            {"date_from": "2023-03-02", "date_to": "2023-03-01"},
            {"date_to": ["The range is reversed: date_to is less than date_from."]},
        ),
    ],
)
def test_filter_dates_malformed_or_reversed_is_400(api_client, parameters, errors):
    response = api_client.get(LIST_URL, parameters)

    assert response.status_code == 400
    assert response.json() == errors


@pytest.mark.parametrize(
    ("city", "expected"), [("astana", ["in-astana"]), ("ALMATY", ["in-almaty"]), ("Taraz", [])]
)
def test_filter_city_ignores_case(api_client, city, expected):
    EventFactory(slug="in-astana", city="Astana", start_date=date(2023, 1, 1))
    EventFactory(slug="in-almaty", city="Almaty", start_date=date(2023, 2, 1))

    response = api_client.get(LIST_URL, {"city": city})

    assert slugs(response) == expected


@pytest.mark.parametrize(("country", "expected"), [("UZ", ["tashkent"]), ("KG", [])])
def test_filter_country_keeps_events_in_that_country(api_client, country, expected):
    EventFactory(slug="astana", country="KZ")
    EventFactory(slug="tashkent", city="Tashkent", country="UZ")

    response = api_client.get(LIST_URL, {"country": country})

    assert slugs(response) == expected


def test_filter_country_unknown_is_400(api_client):
    response = api_client.get(LIST_URL, {"country": "XX"})

    assert response.status_code == 400
    assert response.json() == {
        "country": ["Select a valid choice. XX is not one of the available choices."]
    }


@pytest.mark.parametrize(("online", "expected"), [("true", ["webinar"]), ("false", ["in-hall"])])
def test_filter_online_keeps_online_or_in_person_events(api_client, online, expected):
    EventFactory(slug="webinar", city="", is_online=True)
    EventFactory(slug="in-hall", is_online=False)

    response = api_client.get(LIST_URL, {"online": online})

    assert slugs(response) == expected


def test_filter_online_neither_true_nor_false_is_400(api_client):
    EventFactory(slug="webinar", city="", is_online=True)

    response = api_client.get(LIST_URL, {"online": "maybe"})

    assert response.status_code == 400
    assert response.json() == {"online": ['Give "true" or "false".']}


@pytest.mark.parametrize(
    ("organisation", "expected"),
    [("undp", ["organised"]), ("unicef", ["partnered"]), ("idle-ngo", [])],
)
def test_filter_organisation_keeps_events_it_organised_or_partnered(
    api_client, organisation, expected
):
    undp = OrganisationFactory(slug="undp")
    organised = EventFactory(slug="organised", start_date=date(2023, 1, 1))
    # Two roles at one event: the event is listed once.
    EventOrganisationFactory(event=organised, organisation=undp, role="organiser")
    EventOrganisationFactory(event=organised, organisation=undp, role="sponsor")
    partnered = EventFactory(slug="partnered", start_date=date(2023, 2, 1))
    EventOrganisationFactory(
        event=partnered, organisation=OrganisationFactory(slug="unicef"), role="partner"
    )
    OrganisationFactory(slug="idle-ngo")

    response = api_client.get(LIST_URL, {"organisation": organisation})

    assert slugs(response) == expected


def test_filter_organisation_unknown_is_400(api_client):
    response = api_client.get(LIST_URL, {"organisation": "nobody"})

    assert response.status_code == 400
    assert response.json() == {"organisation": ["There is no organisation “nobody”."]}


@pytest.mark.parametrize(
    ("person", "expected"),
    [("aigerim", ["moderated"]), ("timur", ["spoke"]), ("silent", [])],
)
def test_filter_person_keeps_events_they_spoke_at(api_client, person, expected):
    aigerim = PersonFactory(slug="aigerim")
    moderated = EventFactory(slug="moderated", start_date=date(2023, 1, 1))
    # Two roles at one event: the event is listed once.
    EventSpeakerFactory(event=moderated, person=aigerim, role="moderator")
    EventSpeakerFactory(event=moderated, person=aigerim, role="speaker")
    EventSpeakerFactory(
        event=EventFactory(slug="spoke", start_date=date(2023, 2, 1)),
        person=PersonFactory(slug="timur"),
    )
    PersonFactory(slug="silent")

    response = api_client.get(LIST_URL, {"person": person})

    assert slugs(response) == expected


def test_filter_person_unknown_is_400(api_client):
    response = api_client.get(LIST_URL, {"person": "nobody"})

    assert response.status_code == 400
    assert response.json() == {"person": ["There is no person “nobody”."]}


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("justice", ["justice"]),  # title
        ("clinics", ["justice"]),  # description
        ("taraz", ["justice"]),  # city, any case
        ("Eurasia", ["justice"]),  # organisation name
        ("CAREC", ["water"]),  # organisation acronym
        ("Bekov", ["water"]),  # speaker name
        ("Access clinics Ospanova", ["justice"]),  # every word, in different fields
        ("dialogue", ["water"]),
        ("justice Bekov", []),  # the words are in two different events
        ("water nowhere", []),  # one word is in no event
    ],
)
def test_search_needs_every_word(api_client, words, expected):
    justice = EventFactory(
        slug="justice",
        title="Access to justice",
        description="Legal aid clinics for rural women.",
        city="Taraz",
        start_date=date(2023, 1, 1),
    )
    EventOrganisationFactory(
        event=justice, organisation=OrganisationFactory(name="Eurasia Foundation", acronym="EF")
    )
    EventSpeakerFactory(event=justice, person=PersonFactory(name="Dana Ospanova"))
    water = EventFactory(
        slug="water",
        title="Water security dialogue",
        description="Transboundary rivers.",
        city="Almaty",
        start_date=date(2023, 2, 1),
    )
    EventOrganisationFactory(
        event=water,
        organisation=OrganisationFactory(
            name="Regional Environmental Centre for Central Asia", acronym="CAREC"
        ),
    )
    EventSpeakerFactory(event=water, person=PersonFactory(name="Timur Bekov"))

    response = api_client.get(LIST_URL, {"search": words})

    assert slugs(response) == expected


def test_search_matches_words_found_in_different_organisations(api_client):
    event = EventFactory(slug="partnership", title="Partnership forum")
    EventOrganisationFactory(
        event=event, organisation=OrganisationFactory(name="Eurasia Foundation"), role="organiser"
    )
    EventOrganisationFactory(
        event=event, organisation=OrganisationFactory(name="UNICEF Kazakhstan"), role="partner"
    )

    response = api_client.get(LIST_URL, {"search": "Eurasia UNICEF"})

    assert slugs(response) == ["partnership"]


@pytest.fixture
def three_events():
    """Three events whose order differs by every sortable field."""
    charlie = EventFactory(
        slug="charlie",
        title="Charlie",
        kind="panel",
        city="Aktobe",
        start_date=date(2023, 1, 1),
        end_date=date(2023, 3, 1),
    )
    alpha = EventFactory(
        slug="alpha",
        title="Alpha",
        kind="summit",
        city="Karaganda",
        start_date=date(2023, 2, 1),
        end_date=date(2023, 2, 2),
    )
    bravo = EventFactory(
        slug="bravo",
        title="Bravo",
        kind="forum",
        city="Bishkek",
        start_date=date(2023, 3, 1),
        end_date=date(2023, 4, 1),
    )
    for event, created_day, updated_day in [(bravo, 1, 2), (charlie, 2, 3), (alpha, 3, 1)]:
        Event.objects.filter(pk=event.pk).update(
            created_at=datetime(2024, 1, created_day, tzinfo=UTC),
            updated_at=datetime(2024, 2, updated_day, tzinfo=UTC),
        )


@pytest.mark.usefixtures("three_events")
@pytest.mark.parametrize(
    ("field", "ascending"),
    [
        ("start_date", ["charlie", "alpha", "bravo"]),
        ("end_date", ["alpha", "charlie", "bravo"]),
        ("title", ["alpha", "bravo", "charlie"]),
        ("kind", ["bravo", "charlie", "alpha"]),
        ("city", ["charlie", "bravo", "alpha"]),
        ("created_at", ["bravo", "charlie", "alpha"]),
        ("updated_at", ["alpha", "bravo", "charlie"]),
    ],
)
def test_ordering_sorts_both_ways(api_client, field, ascending):
    up = api_client.get(LIST_URL, {"ordering": field})
    down = api_client.get(LIST_URL, {"ordering": f"-{field}"})

    assert (slugs(up), slugs(down)) == (ascending, ascending[::-1])


def test_ordering_default_is_latest_start_first(api_client, three_events):
    response = api_client.get(LIST_URL)

    assert slugs(response) == ["bravo", "alpha", "charlie"]


def test_ordering_by_several_fields(api_client):
    EventFactory(slug="b-panel", title="B", kind="panel")
    EventFactory(slug="a-panel", title="A", kind="panel")
    EventFactory(slug="a-forum", title="A", kind="forum")

    response = api_client.get(LIST_URL, {"ordering": "-kind,title"})

    assert slugs(response) == ["a-panel", "b-panel", "a-forum"]


@pytest.mark.parametrize(
    ("value", "unknown"), [("slug", "slug"), ("-country", "-country"), ("start_date,id", "id")]
)
def test_ordering_unknown_field_is_400(api_client, value, unknown):
    response = api_client.get(LIST_URL, {"ordering": value})

    assert response.status_code == 400
    assert response.json() == {
        "ordering": [f"Select a valid choice. {unknown} is not one of the available choices."]
    }


# --- Pagination -------------------------------------------------------------------------------


def test_pagination_page_size_and_links(api_client, three_events):
    first = api_client.get(LIST_URL, {"page_size": "2"})
    second = api_client.get(LIST_URL, {"page_size": "2", "page": "2"})

    assert first.status_code == 200
    assert second.status_code == 200
    assert {key: value for key, value in first.json().items() if key != "results"} == {
        "count": 3,
        "next": "http://testserver/api/v1/events/?page=2&page_size=2",
        "previous": None,
    }
    assert {key: value for key, value in second.json().items() if key != "results"} == {
        "count": 3,
        "next": None,
        "previous": "http://testserver/api/v1/events/?page_size=2",
    }
    assert (slugs(first), slugs(second)) == (["bravo", "alpha"], ["charlie"])


def test_pagination_page_past_the_end_is_404(api_client, three_events):
    response = api_client.get(LIST_URL, {"page_size": "2", "page": "3"})

    assert response.status_code == 404
    assert response.json() == {"detail": "There is no page 3: That page contains no results"}


def test_pagination_page_last_gives_the_last_page(api_client, three_events):
    response = api_client.get(LIST_URL, {"page_size": "2", "page": "last"})

    assert slugs(response) == ["charlie"]


@pytest.mark.parametrize("size", ["0", "abc", "-1", "2.5"])
def test_pagination_page_size_not_a_positive_number_is_400(api_client, size):
    response = api_client.get(LIST_URL, {"page_size": size})

    assert response.status_code == 400
    assert response.json() == {"page_size": ["Give the page size as a whole number from 1 to 500."]}


@pytest.mark.parametrize("page", ["0", "abc", "-2"])
def test_pagination_page_not_a_positive_number_is_400(api_client, page):
    response = api_client.get(LIST_URL, {"page": page})

    assert response.status_code == 400
    assert response.json() == {"page": ['Give the page as a whole number from 1, or "last".']}


@pytest.mark.parametrize("size", ["500", "501", "100000"])
def test_pagination_page_size_above_500_is_capped_not_refused(api_client, size):
    EventFactory()

    response = api_client.get(LIST_URL, {"page_size": size})

    assert response.status_code == 200


# --- CSV --------------------------------------------------------------------------------------


@pytest.fixture
def small_event():
    event = EventFactory(
        slug="small-forum", title="Small forum", start_date=date(2023, 5, 1), city="Almaty"
    )
    EventOrganisationFactory(
        event=event, organisation=OrganisationFactory(name="UNDP Kazakhstan"), role="organiser"
    )
    EventOrganisationFactory(
        event=event, organisation=OrganisationFactory(name="Eurasia Foundation"), role="sponsor"
    )
    event.goals.add(goal(16), goal(5))
    event.targets.add(TargetFactory(code="16.3"), TargetFactory(code="16.10", title_en="x"))
    CitationFactory(
        record=event,
        article=ArticleFactory(
            document=SourceDocumentFactory(name="news.txt"),
            title="Forum opens",
            url="https://example.org/a",
            published_on=date(2023, 5, 2),
        ),
        quote="It opened.",
    )
    return event


SMALL_EVENT_ROW = [
    "small-forum",
    "Small forum",
    "forum",
    "",
    "2023-05-01",
    "day",
    "",
    "day",
    "Almaty",
    "Almaty",
    "false",
    "KZ",
    "",
    "",
    "UNDP Kazakhstan (role: organiser)",
    "Eurasia Foundation (role: sponsor)",
    "",
    "5 | 16",
    "16.3 | 16.10",
    "news.txt (article: Forum opens; article_url: https://example.org/a; "
    "published_on: 2023-05-02; quote: It opened.)",
    "reviewed",
    "http://testserver/events/small-forum/",
]


@pytest.mark.usefixtures("small_event")
@pytest.mark.parametrize(
    ("parameters", "headers"),
    [({"format": "csv"}, {}), ({}, {"HTTP_ACCEPT": "text/csv"})],
    ids=["format-parameter", "accept-header"],
)
def test_csv_list_has_a_header_and_one_row_per_event(api_client, parameters, headers):
    response = api_client.get(LIST_URL, parameters, **headers)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_rows(response.content.decode()) == [HEADER, SMALL_EVENT_ROW]


@pytest.mark.usefixtures("small_event")
def test_csv_detail_is_one_row(api_client):
    response = api_client.get(detail_url("small-forum"), {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_rows(response.content.decode()) == [HEADER, SMALL_EVENT_ROW]


def test_csv_list_is_one_page(api_client, three_events):
    response = api_client.get(LIST_URL, {"format": "csv", "page_size": "2", "page": "2"})

    assert response.status_code == 200
    assert csv_rows(response.content.decode()) == [
        HEADER,
        plain_row(
            "charlie", "Charlie", "2023-01-01", city="Aktobe", kind="panel", end_date="2023-03-01"
        ),
    ]


def test_csv_defuses_cells_a_spreadsheet_would_run(api_client):
    EventFactory(
        slug="formula",
        title='=HYPERLINK("http://evil.example")',
        description="-5",
        start_date=date(2023, 1, 1),
    )

    response = api_client.get(LIST_URL, {"format": "csv"})

    expected = plain_row("formula", '\'=HYPERLINK("http://evil.example")', "2023-01-01")
    expected[3] = "-5"  # a number stays a number
    assert csv_rows(response.content.decode()) == [HEADER, expected]


def test_csv_speaker_cell_names_role_title_and_organisation(api_client):
    event = EventFactory(slug="with-speaker")
    EventSpeakerFactory(
        event=event,
        person=PersonFactory(name="Aigerim Nurlanova"),
        role="moderator",
        title="Programme officer",
        organisation=OrganisationFactory(name="UNDP Kazakhstan", slug="undp-kazakhstan"),
    )

    response = api_client.get(detail_url("with-speaker"), {"format": "csv"})

    speakers = csv_rows(response.content.decode())[1][HEADER.index("speakers")]
    assert speakers == (
        "Aigerim Nurlanova (role: moderator; title: Programme officer; "
        "organisation: UNDP Kazakhstan)"
    )


def test_csv_full_export_streams_every_event_across_pages(api_client):
    EventFactory(slug="first", title="First", start_date=date(2023, 1, 1))
    EventFactory(slug="second", title="Second", start_date=date(2023, 2, 1))
    EventFactory(slug="third", title="Third", start_date=date(2023, 3, 1))

    response = api_client.get(LIST_URL, {"format": "csv", "all": "true"})

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="events.csv"'
    assert csv_rows(b"".join(response.streaming_content).decode()) == [
        HEADER,
        plain_row("third", "Third", "2023-03-01"),
        plain_row("second", "Second", "2023-02-01"),
        plain_row("first", "First", "2023-01-01"),
    ]


def test_csv_full_export_keeps_the_filters(api_client, small_event):
    EventFactory(slug="elsewhere", city="Shymkent")

    response = api_client.get(
        LIST_URL, {"format": "csv", "all": "true", "city": "almaty"}, HTTP_ACCEPT="text/csv"
    )

    assert response.status_code == 200
    assert csv_rows(b"".join(response.streaming_content).decode()) == [HEADER, SMALL_EVENT_ROW]


def test_csv_full_export_of_no_events_is_the_header(api_client):
    response = api_client.get(LIST_URL, {"format": "csv", "all": "true"})

    assert response.status_code == 200
    assert csv_rows(b"".join(response.streaming_content).decode()) == [HEADER]


def test_all_without_csv_is_400(api_client):
    EventFactory()

    response = api_client.get(LIST_URL, {"all": "true"})

    assert response.status_code == 400
    assert response.json() == {
        "all": ["A full export is CSV: add format=csv, or page through JSON."]
    }


def test_all_neither_true_nor_false_is_400(api_client):
    response = api_client.get(LIST_URL, {"all": "maybe"})

    assert response.status_code == 400
    assert response.json() == {"all": ['Give "true" or "false".']}


def test_all_false_gives_the_usual_page(api_client):
    EventFactory(slug="only", title="Only", start_date=date(2023, 1, 1))

    response = api_client.get(LIST_URL, {"format": "csv", "all": "false"})

    assert response.status_code == 200
    assert not response.streaming
    assert csv_rows(response.content.decode()) == [
        HEADER,
        plain_row("only", "Only", "2023-01-01"),
    ]


def test_csv_filter_error_is_a_csv_of_field_and_error(api_client):
    response = api_client.get(LIST_URL, {"format": "csv", "goal": "18"})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_rows(response.content.decode()) == [
        ["field", "error"],
        ["goal", "Ensure this value is less than or equal to 17."],
    ]


def test_csv_unknown_parameter_error_is_a_csv(api_client):
    response = api_client.get(LIST_URL, {"format": "csv", "gaol": "16"})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_rows(response.content.decode()) == [
        ["field", "error"],
        ["gaol", f"Unknown parameter. This endpoint takes: {LIST_PARAMETERS}."],
    ]


# --- Language ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "prefix"), [("ru", "/ru"), ("kk", "/kk"), ("en", "")])
def test_lang_sets_the_language_of_the_answer(api_client, lang, prefix):
    EventFactory(slug="forum")

    response = api_client.get(detail_url("forum"), {"lang": lang})

    assert response.status_code == 200
    assert response["Content-Language"] == lang
    assert response.json()["url"] == f"http://testserver{prefix}/events/forum/"


def test_lang_applies_to_the_full_export(api_client):
    EventFactory(slug="forum")

    response = api_client.get(LIST_URL, {"format": "csv", "all": "true", "lang": "ru"})

    assert response["Content-Language"] == "ru"
    rows = csv_rows(b"".join(response.streaming_content).decode())
    assert rows[1][HEADER.index("url")] == "http://testserver/ru/events/forum/"


def test_lang_unknown_is_400(api_client):
    response = api_client.get(LIST_URL, {"lang": "xx"})

    assert response.status_code == 400
    assert response.json() == {"lang": ["Choose one of: en, ru, kk."]}


# --- Query counts -----------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "page_size"), [(1, 50), (5, 2), (12, 50)])
def test_list_queries_do_not_grow_with_events_or_the_page_size(
    api_client, django_assert_num_queries, count, page_size
):
    fully_related_events(count)

    # count; events with parents, each with its participations, appearances, goals, targets
    # and citations read in the same query
    with django_assert_num_queries(2):
        response = api_client.get(LIST_URL, {"page_size": page_size})

    assert response.status_code == 200
    assert response.json()["count"] == count
    assert len(response.json()["results"]) == min(count, page_size)


def test_list_counts_the_events_once_per_data_version(api_client, django_assert_num_queries):
    fully_related_events(3)
    api_client.get(LIST_URL, {"page_size": 2})

    with django_assert_num_queries(1):  # no count
        response = api_client.get(LIST_URL, {"page_size": 2, "page": 2})
    EventFactory()
    with django_assert_num_queries(2):
        changed = api_client.get(LIST_URL, {"page_size": 2, "page": 2})

    assert response.json()["count"] == 3
    assert changed.json()["count"] == 4


def test_list_gives_each_event_its_own_relations(api_client):
    fully_related_events(3)

    events = api_client.get(LIST_URL).json()["results"]

    assert all(
        len(event[relation]) == 1
        for event in events
        for relation in ("organisers", "partners", "speakers", "sdg_goals", "sources")
    )
    assert len({event["organisers"][0]["slug"] for event in events}) == 3
    assert len({event["speakers"][0]["slug"] for event in events}) == 3


def test_detail_queries_do_not_grow_with_relations(api_client, django_assert_num_queries):
    fully_related_events(1)
    slug = Event.objects.get().slug

    # the event with its parent, participations, appearances, goals, targets and citations
    with django_assert_num_queries(1):
        response = api_client.get(detail_url(slug))

    assert response.json()["speakers"][0]["organisation"]


@pytest.mark.parametrize("count", [1, 5])
def test_full_export_queries_do_not_grow_with_events(api_client, django_assert_num_queries, count):
    fully_related_events(count)

    # events with parents and, in the same query, everything shown beside them (no count)
    with django_assert_num_queries(1):
        response = api_client.get(LIST_URL, {"format": "csv", "all": "true"})
        rows = csv_rows(b"".join(response.streaming_content).decode())

    assert len(rows) == count + 1


# --- Permissions ------------------------------------------------------------------------------

NEW_EVENT = {"title": "New forum", "slug": "new-forum"}


@pytest.mark.parametrize(
    ("method", "url"),
    [("post", LIST_URL), ("patch", detail_url("kept")), ("delete", detail_url("kept"))],
)
def test_anonymous_write_is_401(api_client, method, url):
    EventFactory(slug="kept", title="Kept")

    response = getattr(api_client, method)(url, NEW_EVENT, format="json")

    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}
    assert list(Event.objects.values_list("slug", "title")) == [("kept", "Kept")]


@pytest.mark.parametrize(
    ("method", "url"),
    [("post", LIST_URL), ("patch", detail_url("kept")), ("delete", detail_url("kept"))],
)
def test_member_write_is_403(member_api_client, method, url):
    EventFactory(slug="kept", title="Kept")

    response = getattr(member_api_client, method)(url, NEW_EVENT, format="json")

    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have permission to perform this action."}
    assert list(Event.objects.values_list("slug", "title")) == [("kept", "Kept")]


def test_member_may_read(member_api_client):
    EventFactory(slug="forum")

    response = member_api_client.get(LIST_URL)

    assert slugs(response) == ["forum"]


# --- Writes -----------------------------------------------------------------------------------


def test_staff_create_sets_every_writable_field(staff_api_client):
    EventFactory(slug="aif-2024", title="Astana International Forum")
    TargetFactory(code="4.7", title_en="Education for sustainable development")

    response = staff_api_client.post(
        LIST_URL,
        {
            "title": "SDG literacy webinar",
            "slug": "sdg-literacy-webinar",
            "kind": "training",
            "description": "Teachers learn to teach the SDGs.",
            "start_date": "2024-05-01",
            "start_precision": "month",
            "end_date": "2024-05-03",
            "end_precision": "day",
            "city": "",
            "is_online": True,
            "country": "UZ",
            "parent": "aif-2024",
            "sdg_goals": [16, 4],
            "sdg_targets": ["4.7"],
            "review_status": "imported",  # read-only: ignored
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json() == {
        "slug": "sdg-literacy-webinar",
        "title": "SDG literacy webinar",
        "kind": "training",
        "description": "Teachers learn to teach the SDGs.",
        "start_date": "2024-05-01",
        "start_precision": "month",
        "end_date": "2024-05-03",
        "end_precision": "day",
        "location": "Online",
        "city": "",
        "is_online": True,
        "country": "UZ",
        "parent": {"slug": "aif-2024", "name": "Astana International Forum"},
        "organisers": [],
        "partners": [],
        "speakers": [],
        "sdg_goals": [4, 16],
        "sdg_targets": ["4.7"],
        "sources": [],
        "review_status": "reviewed",
        "url": "http://testserver/events/sdg-literacy-webinar/",
    }
    event = Event.objects.get(slug="sdg-literacy-webinar")
    assert (
        event.parent.slug,
        sorted(event.goals.values_list("number", flat=True)),
        list(event.targets.values_list("code", flat=True)),
        event.review_status,
    ) == ("aif-2024", [4, 16], ["4.7"], "reviewed")


def test_staff_create_with_title_and_slug_only(staff_api_client):
    response = staff_api_client.post(LIST_URL, NEW_EVENT, format="json")

    assert response.status_code == 201, response.content
    expected = plain_event_json("new-forum", "New forum", None)
    expected.update(kind="meeting", location="", city="", country="")
    assert response.json() == expected


END_BEFORE_START = "The end date cannot be before the start date, nor given without one."


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"start_date": "2024-05-02", "end_date": "2024-05-01"},
            {"non_field_errors": [END_BEFORE_START]},
        ),
        ({"end_date": "2024-05-01"}, {"non_field_errors": [END_BEFORE_START]}),
        (
            {"sdg_goals": [16, 18]},
            {"sdg_goals": ["There is no goal 18: goals are numbered 1 to 17."]},
        ),
        ({"sdg_goals": ["x"]}, {"sdg_goals": ["Give a goal as a number from 1 to 17."]}),
        ({"sdg_targets": ["99.9"]}, {"sdg_targets": ["Object with code=99.9 does not exist."]}),
        ({"country": "XX"}, {"country": ['"XX" is not a valid choice.']}),
        ({"kind": "party"}, {"kind": ['"party" is not a valid choice.']}),
        ({"parent": "nowhere"}, {"parent": ["There is no record with the slug “nowhere”."]}),
        ({"title": None}, {"title": ["This field may not be null."]}),
        ({"title": ""}, {"title": ["This field may not be blank."]}),
        ({"slug": "taken"}, {"slug": ["event with this slug already exists."]}),
        (
            {"slug": "Not a slug"},
            {
                "slug": [
                    'Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'
                ]
            },
        ),
        (
            {"start_date": "2023-02-30"},
            {
                "start_date": [
                    "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."
                ]
            },
        ),
    ],
)
def test_staff_create_invalid_is_400(staff_api_client, changes, errors):
    EventFactory(slug="taken")

    response = staff_api_client.post(LIST_URL, {**NEW_EVENT, **changes}, format="json")

    assert response.status_code == 400
    assert response.json() == errors
    assert list(Event.objects.values_list("slug", flat=True)) == ["taken"]


def test_staff_create_without_title_is_400(staff_api_client):
    response = staff_api_client.post(LIST_URL, {"slug": "untitled"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"title": ["This field is required."]}
    assert not Event.objects.exists()


def test_staff_patch_changes_the_given_fields(staff_api_client):
    event = EventFactory(slug="forum", title="Forum", start_date=date(2023, 4, 1))
    event.goals.add(goal(4))
    TargetFactory(code="16.3")

    response = staff_api_client.patch(
        detail_url("forum"),
        {"title": "Renamed forum", "sdg_goals": [16], "sdg_targets": ["16.3"]},
        format="json",
    )

    assert response.status_code == 200, response.content
    expected = plain_event_json("forum", "Renamed forum", "2023-04-01")
    expected.update(sdg_goals=[16], sdg_targets=["16.3"])
    assert response.json() == expected
    event.refresh_from_db()
    assert (event.title, list(event.goals.values_list("number", flat=True))) == (
        "Renamed forum",
        [16],
    )


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"end_date": "2023-03-31"}, {"non_field_errors": [END_BEFORE_START]}),
        ({"start_date": None, "end_date": "2023-05-01"}, {"non_field_errors": [END_BEFORE_START]}),
        (
            {"parent": "forum"},
            {"parent": ["An event cannot be part of itself or of a part of it."]},
        ),
        (
            {"parent": "session"},
            {"parent": ["An event cannot be part of itself or of a part of it."]},
        ),
        ({"slug": "taken"}, {"slug": ["event with this slug already exists."]}),
        ({"sdg_goals": [0]}, {"sdg_goals": ["There is no goal 0: goals are numbered 1 to 17."]}),
    ],
)
def test_staff_patch_invalid_is_400_and_changes_nothing(staff_api_client, changes, errors):
    forum = EventFactory(slug="forum", title="Forum", start_date=date(2023, 4, 1))
    EventFactory(slug="session", parent=forum)
    EventFactory(slug="taken")

    response = staff_api_client.patch(detail_url("forum"), changes, format="json")

    assert response.status_code == 400
    assert response.json() == errors
    forum.refresh_from_db()
    assert (forum.slug, forum.start_date, forum.end_date, forum.parent) == (
        "forum",
        date(2023, 4, 1),
        None,
        None,
    )


def test_staff_delete_removes_the_event_and_its_links(staff_api_client):
    event = EventFactory(slug="gone")
    EventOrganisationFactory(event=event)
    EventSpeakerFactory(event=event)
    EventFactory(slug="kept")

    response = staff_api_client.delete(detail_url("gone"))

    assert response.status_code == 204
    assert list(Event.objects.values_list("slug", flat=True)) == ["kept"]
    assert not EventOrganisation.objects.exists()


def test_staff_delete_unknown_slug_is_404(staff_api_client):
    response = staff_api_client.delete(detail_url("unknown"))

    assert response.status_code == 404
