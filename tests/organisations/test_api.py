"""The organisations, people and grants endpoints of the REST API, version 1."""

import csv
import io
import json
from datetime import UTC, date, datetime

import pytest
from django.utils import translation

from events.models import EventSpeaker
from indicators.models import Goal
from organisations.models import Grant, Organisation, Person, Position, Sector
from sdgportal.rest import viewsets
from tests.factories import (
    CitationFactory,
    EventFactory,
    EventOrganisationFactory,
    EventSpeakerFactory,
    GrantFactory,
    IndicatorOrganisationFactory,
    NationalIndicatorFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    SourceDocumentFactory,
    TargetFactory,
    goal,
)

pytestmark = pytest.mark.django_db

ORGANISATIONS = "/api/v1/organisations/"
PEOPLE = "/api/v1/people/"
GRANTS = "/api/v1/grants/"
THREE_SIXTY = "/api/v1/grants/360giving/"

ORGANISATION_CSV_HEADER = [
    "slug",
    "name",
    "acronym",
    "aliases",
    "sector",
    "country",
    "parent.slug",
    "parent.name",
    "website",
    "description",
    "review_status",
    "url",
]
PERSON_CSV_HEADER = [
    "slug",
    "name",
    "aliases",
    "description",
    "positions",
    "events",
    "review_status",
    "url",
]
GRANT_CSV_HEADER = [
    "id",
    "slug",
    "identifier",
    "title",
    "funder.slug",
    "funder.name",
    "operator.slug",
    "operator.name",
    "recipient.slug",
    "recipient.name",
    "instrument",
    "programme",
    "amount",
    "currency",
    "year",
    "award_date",
    "purpose",
    "sdg_goals",
    "sdg_targets",
    "sources",
    "review_status",
    "url",
]
THREE_SIXTY_CSV_HEADER = [
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Title",
    "Classifications:Vocabulary",
    "Classifications:Code",
    "Classifications:Title",
    "Last Modified",
    "Data Source",
]
ORGANISATION_PARAMETERS = (
    "all, country, format, goal, lang, ordering, page, page_size, search, sector"
)
PERSON_PARAMETERS = "all, format, lang, ordering, organisation, page, page_size, search"
GRANT_PARAMETERS = (
    "all, amount_max, amount_min, complete, currency, format, funder, goal, lang, ordering, page, "
    "page_size, recipient, search, year"
)
THREE_SIXTY_PARAMETERS = (
    "amount_max, amount_min, complete, currency, format, funder, goal, lang, ordering, "
    "recipient, search, year"
)
NO_AMOUNT_WITHOUT_CURRENCY = (
    "Amounts are compared within one currency only: add currency (e.g. currency=KZT)."
)


def content_of(response) -> str:
    """The body as text, whether the response was streamed or not."""
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8")
    return response.content.decode("utf-8")


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content_of(response))))


def slugs(response) -> list[str]:
    return [record["slug"] for record in response.json()["results"]]


def set_created_at(record, year: int) -> None:
    """Give a record a known creation time, so ordering by it is certain."""
    type(record).objects.filter(pk=record.pk).update(created_at=datetime(year, 1, 1, tzinfo=UTC))


def ministry_and_institute() -> tuple[Organisation, Organisation]:
    ministry = OrganisationFactory(
        name="Ministry of Finance", slug="minfin", acronym="MinFin", sector=Sector.STATE
    )
    institute = OrganisationFactory(
        name="Economic Research Institute",
        slug="eri",
        acronym="ERI",
        aliases=["Institute of Economics"],
        sector=Sector.ACADEMIC,
        parent=ministry,
        website="https://eri.kz",
        description="Think tank of the ministry.",
    )
    return ministry, institute


def grant_with_relations() -> Grant:
    """A grant with a funder, an operator, a recipient, two goals, a target and two sources."""
    grant = GrantFactory(operator=OrganisationFactory())
    grant.goals.set([goal(5), goal(16)])
    grant.targets.set([TargetFactory(code="16.3")])
    CitationFactory(record=grant)
    CitationFactory(record=grant)
    return grant


def person_with_relations() -> Person:
    """A person with two positions and two appearances at events."""
    person = PersonFactory()
    PositionFactory(person=person, start_date=date(2020, 1, 1))
    PositionFactory(person=person, start_date=date(2018, 1, 1))
    EventSpeakerFactory(person=person)
    EventSpeakerFactory(person=person)
    return person


# Organisations: representation -----------------------------------------------------------


def test_organisation_detail_shows_every_field(api_client):
    ministry_and_institute()

    response = api_client.get(f"{ORGANISATIONS}eri/")

    assert response.status_code == 200
    assert response.json() == {
        "slug": "eri",
        "name": "Economic Research Institute",
        "acronym": "ERI",
        "aliases": ["Institute of Economics"],
        "sector": "academic",
        "country": "KZ",
        "parent": {"slug": "minfin", "name": "Ministry of Finance"},
        "website": "https://eri.kz",
        "description": "Think tank of the ministry.",
        "review_status": "reviewed",
        "url": "http://testserver/organisations/eri/",
    }


def test_organisation_list_shows_a_missing_parent_as_null(api_client):
    OrganisationFactory(name="Ministry of Finance", slug="minfin", sector=Sector.STATE)

    response = api_client.get(ORGANISATIONS)

    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "slug": "minfin",
                "name": "Ministry of Finance",
                "acronym": "",
                "aliases": [],
                "sector": "state",
                "country": "KZ",
                "parent": None,
                "website": "",
                "description": "",
                "review_status": "reviewed",
                "url": "http://testserver/organisations/minfin/",
            }
        ],
    }


# Organisations: filters ------------------------------------------------------------------


def test_organisation_sector_filter_keeps_that_sector_only(api_client):
    ministry_and_institute()
    OrganisationFactory(name="Akimat of Astana", slug="akimat", sector=Sector.STATE)

    response = api_client.get(ORGANISATIONS, {"sector": "state"})

    assert response.status_code == 200
    assert slugs(response) == ["akimat", "minfin"]


def test_organisation_sector_filter_without_matches_is_empty(api_client):
    ministry_and_institute()

    response = api_client.get(ORGANISATIONS, {"sector": "media"})

    assert (response.status_code, response.json()["results"]) == (200, [])


def test_organisation_unknown_sector_filter_is_a_400(api_client):
    response = api_client.get(ORGANISATIONS, {"sector": "spaceship"})

    assert response.status_code == 400
    assert response.json() == {
        "sector": ["Select a valid choice. spaceship is not one of the available choices."]
    }


def test_organisation_country_filter_keeps_that_country_only(api_client):
    OrganisationFactory(name="Kazakh NGO", slug="kazakh-ngo", country="KZ")
    OrganisationFactory(name="Uzbek NGO", slug="uzbek-ngo", country="UZ")

    kazakh = api_client.get(ORGANISATIONS, {"country": "KZ"})
    uzbek = api_client.get(ORGANISATIONS, {"country": "UZ"})
    kyrgyz = api_client.get(ORGANISATIONS, {"country": "KG"})

    assert (slugs(kazakh), slugs(uzbek), slugs(kyrgyz)) == (["kazakh-ngo"], ["uzbek-ngo"], [])


@pytest.mark.parametrize("country", ["XX", "kz", "Kazakhstan"])
def test_organisation_unknown_country_filter_is_a_400(api_client, country):
    response = api_client.get(ORGANISATIONS, {"country": country})

    assert response.status_code == 400
    assert response.json() == {
        "country": [f"Select a valid choice. {country} is not one of the available choices."]
    }


def test_organisation_goal_filter_finds_events_grants_and_indicators_on_that_goal(api_client):
    partner = OrganisationFactory(name="Event partner", slug="partner")
    funder = OrganisationFactory(name="Funder", slug="funder")
    recipient = OrganisationFactory(name="Recipient", slug="recipient")
    compiler = OrganisationFactory(name="Statistics bureau", slug="statistics")
    elsewhere = OrganisationFactory(name="Works on goal 5", slug="goal-5")
    OrganisationFactory(name="Idle", slug="idle")
    event = EventFactory()
    event.goals.set([goal(16)])
    EventOrganisationFactory(event=event, organisation=partner)
    grant = GrantFactory(funder=funder, recipient=recipient)
    grant.goals.set([goal(16)])
    IndicatorOrganisationFactory(
        indicator=NationalIndicatorFactory(code="16.3.1"), organisation=compiler
    )
    # The partner also compiles a goal-16 indicator: it is listed once all the same.
    IndicatorOrganisationFactory(
        indicator=NationalIndicatorFactory(code="16.3.1"), organisation=partner
    )
    other_event = EventFactory()
    other_event.goals.set([goal(5)])
    EventOrganisationFactory(event=other_event, organisation=elsewhere)
    other_grant = GrantFactory(funder=elsewhere, recipient=elsewhere)
    other_grant.goals.set([goal(5)])
    IndicatorOrganisationFactory(
        indicator=NationalIndicatorFactory(code="5.1.1"), organisation=elsewhere
    )

    on_16 = api_client.get(ORGANISATIONS, {"goal": 16})
    on_5 = api_client.get(ORGANISATIONS, {"goal": 5})
    on_3 = api_client.get(ORGANISATIONS, {"goal": 3})

    assert slugs(on_16) == ["partner", "funder", "recipient", "statistics"]
    assert (slugs(on_5), slugs(on_3)) == (["goal-5"], [])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "Ensure this value is greater than or equal to 1."),
        ("18", "Ensure this value is less than or equal to 17."),
        ("peace", "Enter a whole number."),
    ],
)
def test_organisation_goal_filter_outside_1_to_17_is_a_400(api_client, value, message):
    response = api_client.get(ORGANISATIONS, {"goal": value})

    assert (response.status_code, response.json()) == (400, {"goal": [message]})


def test_organisation_search_matches_name_acronym_aliases_and_description(api_client):
    ministry_and_institute()
    OrganisationFactory(name="Civil Alliance", slug="alliance", description="A network.")

    by_name = api_client.get(ORGANISATIONS, {"search": "Research"})
    by_acronym = api_client.get(ORGANISATIONS, {"search": "MinFin"})
    by_alias = api_client.get(ORGANISATIONS, {"search": "Economics"})
    by_description = api_client.get(ORGANISATIONS, {"search": "network"})

    assert (slugs(by_name), slugs(by_acronym), slugs(by_alias), slugs(by_description)) == (
        ["eri"],
        ["minfin"],
        ["eri"],
        ["alliance"],
    )


def test_organisation_search_needs_every_word(api_client):
    ministry_and_institute()

    both_words = api_client.get(ORGANISATIONS, {"search": "Economic Institute"})
    words_of_two_records = api_client.get(ORGANISATIONS, {"search": "Economic Finance"})
    no_match = api_client.get(ORGANISATIONS, {"search": "Parliament"})

    assert (slugs(both_words), slugs(words_of_two_records), slugs(no_match)) == (["eri"], [], [])


def test_organisation_search_finds_a_cyrillic_alias(api_client):
    OrganisationFactory(name="Economic Research Institute", slug="eri", aliases=["ЭНИ"])

    response = api_client.get(ORGANISATIONS, {"search": "ЭНИ"})

    assert slugs(response) == ["eri"]


def test_organisation_list_is_ordered_by_name_by_default(api_client):
    OrganisationFactory(name="Bolashak", slug="bolashak")
    OrganisationFactory(name="Atameken", slug="atameken")
    OrganisationFactory(name="Zhasyl Damu", slug="zhasyl-damu")

    response = api_client.get(ORGANISATIONS)

    assert slugs(response) == ["atameken", "bolashak", "zhasyl-damu"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("-name", ["zhasyl-damu", "bolashak", "atameken"]),
        ("acronym", ["zhasyl-damu", "atameken", "bolashak"]),
        ("sector,-name", ["bolashak", "atameken", "zhasyl-damu"]),
        ("-created_at", ["bolashak", "zhasyl-damu", "atameken"]),
    ],
)
def test_organisation_ordering_sorts_by_the_given_fields(api_client, ordering, expected):
    atameken = OrganisationFactory(
        name="Atameken", slug="atameken", acronym="NPP", sector=Sector.BUSINESS
    )
    bolashak = OrganisationFactory(
        name="Bolashak", slug="bolashak", acronym="ZB", sector=Sector.ACADEMIC
    )
    zhasyl = OrganisationFactory(
        name="Zhasyl Damu", slug="zhasyl-damu", acronym="AZD", sector=Sector.STATE
    )
    set_created_at(atameken, 2020)
    set_created_at(bolashak, 2024)
    set_created_at(zhasyl, 2022)

    response = api_client.get(ORGANISATIONS, {"ordering": ordering})

    assert (response.status_code, slugs(response)) == (200, expected)


def test_organisation_ordering_by_an_unknown_field_is_a_400(api_client):
    response = api_client.get(ORGANISATIONS, {"ordering": "website"})

    assert response.status_code == 400
    assert response.json() == {
        "ordering": ["Select a valid choice. website is not one of the available choices."]
    }


# Parameters every endpoint shares ----------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "known"),
    [
        (ORGANISATIONS, ORGANISATION_PARAMETERS),
        (PEOPLE, PERSON_PARAMETERS),
        (GRANTS, GRANT_PARAMETERS),
        (THREE_SIXTY, THREE_SIXTY_PARAMETERS),
    ],
)
def test_list_unknown_parameter_is_a_400_naming_it(api_client, url, known):
    response = api_client.get(url, {"colour": "red", "sector_id": "1"})

    message = f"Unknown parameter. This endpoint takes: {known}."
    assert response.status_code == 400
    assert response.json() == {"colour": [message], "sector_id": [message]}


@pytest.mark.parametrize(
    "url", [f"{ORGANISATIONS}eri/", f"{PEOPLE}aigerim/", f"{GRANTS}eri-2020-1/"]
)
def test_detail_refuses_list_parameters(api_client, url):
    response = api_client.get(url, {"page": "2", "search": "ERI"})

    message = "Unknown parameter. This endpoint takes: format, lang."
    assert response.status_code == 400
    assert response.json() == {"page": [message], "search": [message]}


def test_list_unknown_language_is_a_400(api_client):
    response = api_client.get(ORGANISATIONS, {"lang": "de"})

    assert (response.status_code, response.json()) == (
        400,
        {"lang": ["Choose one of: en, ru, kk."]},
    )


def test_organisation_url_follows_the_requested_language(api_client):
    OrganisationFactory(slug="eri")

    response = api_client.get(f"{ORGANISATIONS}eri/", {"lang": "ru"})

    assert response.status_code == 200
    assert response.json()["url"] == "http://testserver/ru/organisations/eri/"
    assert response["Content-Language"] == "ru"


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        (f"{ORGANISATIONS}nowhere/", "No Organisation matches the given query."),
        (f"{PEOPLE}nobody/", "No Person matches the given query."),
        (f"{GRANTS}no-grant/", "No Grant matches the given query."),
    ],
)
def test_detail_of_an_unknown_slug_is_a_404(api_client, url, detail):
    OrganisationFactory(slug="eri")

    response = api_client.get(url)

    assert (response.status_code, response.json()) == (404, {"detail": detail})


# Pagination -------------------------------------------------------------------------------


def five_organisations() -> None:
    for letter in "ABCDE":
        OrganisationFactory(name=f"Organisation {letter}", slug=f"org-{letter.lower()}")


def test_list_first_page_links_to_the_next(api_client):
    five_organisations()

    response = api_client.get(ORGANISATIONS, {"page_size": 2})

    body = response.json()
    assert (body["count"], body["next"], body["previous"], slugs(response)) == (
        5,
        "http://testserver/api/v1/organisations/?page=2&page_size=2",
        None,
        ["org-a", "org-b"],
    )


def test_list_last_page_links_to_the_previous(api_client):
    five_organisations()

    response = api_client.get(ORGANISATIONS, {"page": 3, "page_size": 2})

    body = response.json()
    assert (body["count"], body["next"], body["previous"], slugs(response)) == (
        5,
        None,
        "http://testserver/api/v1/organisations/?page=2&page_size=2",
        ["org-e"],
    )


def test_list_page_size_defaults_to_50(api_client):
    for number in range(51):
        OrganisationFactory(name=f"Organisation {number:02d}", slug=f"org-{number:02d}")

    response = api_client.get(ORGANISATIONS)

    body = response.json()
    assert (len(body["results"]), body["next"]) == (
        50,
        "http://testserver/api/v1/organisations/?page=2",
    )


def test_list_page_last_gives_the_last_page(api_client):
    five_organisations()

    response = api_client.get(ORGANISATIONS, {"page": "last", "page_size": 2})

    assert (response.status_code, slugs(response)) == (200, ["org-e"])


def test_list_page_after_the_last_is_a_404(api_client):
    five_organisations()

    response = api_client.get(ORGANISATIONS, {"page": 4, "page_size": 2})

    assert (response.status_code, response.json()) == (
        404,
        {"detail": "There is no page 4: That page contains no results"},
    )


@pytest.mark.parametrize("page", ["0", "-1", "two"])
def test_list_malformed_page_is_a_400(api_client, page):
    response = api_client.get(ORGANISATIONS, {"page": page})

    assert (response.status_code, response.json()) == (
        400,
        {"page": ['Give the page as a whole number from 1, or "last".']},
    )


@pytest.mark.parametrize("page_size", ["0", "ten", "2.5"])
def test_list_malformed_page_size_is_a_400(api_client, page_size):
    response = api_client.get(ORGANISATIONS, {"page_size": page_size})

    assert (response.status_code, response.json()) == (
        400,
        {"page_size": ["Give the page size as a whole number from 1 to 500."]},
    )


# CSV --------------------------------------------------------------------------------------


def test_organisation_list_as_csv_flattens_the_parent(api_client):
    ministry_and_institute()

    response = api_client.get(ORGANISATIONS, {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_rows(response) == [
        ORGANISATION_CSV_HEADER,
        [
            "eri",
            "Economic Research Institute",
            "ERI",
            "Institute of Economics",
            "academic",
            "KZ",
            "minfin",
            "Ministry of Finance",
            "https://eri.kz",
            "Think tank of the ministry.",
            "reviewed",
            "http://testserver/organisations/eri/",
        ],
        [
            "minfin",
            "Ministry of Finance",
            "MinFin",
            "",
            "state",
            "KZ",
            "",
            "",
            "",
            "",
            "reviewed",
            "http://testserver/organisations/minfin/",
        ],
    ]


def test_organisation_detail_as_csv_is_one_row(api_client):
    OrganisationFactory(
        name="=HYPERLINK(1)", slug="formula", aliases=["One", "Two"], sector=Sector.MEDIA
    )

    response = api_client.get(f"{ORGANISATIONS}formula/", {"format": "csv"})

    assert csv_rows(response) == [
        ORGANISATION_CSV_HEADER,
        [
            "formula",
            "'=HYPERLINK(1)",
            "",
            "One | Two",
            "media",
            "KZ",
            "",
            "",
            "",
            "",
            "reviewed",
            "http://testserver/organisations/formula/",
        ],
    ]


def test_list_error_as_csv_names_field_and_error(api_client):
    response = api_client.get(ORGANISATIONS, {"format": "csv", "sector": "spaceship"})

    assert response.status_code == 400
    assert csv_rows(response) == [
        ["field", "error"],
        ["sector", "Select a valid choice. spaceship is not one of the available choices."],
    ]


def test_organisation_csv_export_with_all_holds_every_page(api_client):
    five_organisations()

    response = api_client.get(ORGANISATIONS, {"format": "csv", "all": "true"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="organisations.csv"'
    assert csv_rows(response) == [
        ORGANISATION_CSV_HEADER,
        *(
            [
                f"org-{letter.lower()}",
                f"Organisation {letter}",
                "",
                "",
                "ngo",
                "KZ",
                "",
                "",
                "",
                "",
                "reviewed",
                f"http://testserver/organisations/org-{letter.lower()}/",
            ]
            for letter in "ABCDE"
        ),
    ]


def test_organisation_csv_export_applies_filters(api_client):
    ministry_and_institute()

    response = api_client.get(ORGANISATIONS, {"format": "csv", "all": "true", "sector": "state"})

    assert [row[0] for row in csv_rows(response)] == ["slug", "minfin"]


def test_list_full_export_as_json_is_a_400(api_client):
    response = api_client.get(ORGANISATIONS, {"all": "true"})

    assert (response.status_code, response.json()) == (
        400,
        {"all": ["A full export is CSV: add format=csv, or page through JSON."]},
    )


def test_list_all_that_is_not_a_boolean_is_a_400(api_client):
    response = api_client.get(ORGANISATIONS, {"all": "yes"})

    assert (response.status_code, response.json()) == (
        400,
        {"all": ['Give "true" or "false".']},
    )


def test_list_unknown_parameter_with_format_csv_is_a_csv_error(api_client):
    response = api_client.get(GRANTS, {"format": "csv", "colour": "red"})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_rows(response) == [
        ["field", "error"],
        ["colour", f"Unknown parameter. This endpoint takes: {GRANT_PARAMETERS}."],
    ]


def test_grant_filter_given_twice_is_a_400(api_client):
    response = api_client.get(f"{GRANTS}?funder=minfin&funder=soros")

    assert (response.status_code, response.json()) == (
        400,
        {"funder": ["Give this parameter once."]},
    )


# People: representation and filters -------------------------------------------------------


def test_person_detail_shows_every_field(api_client):
    _ministry, institute = ministry_and_institute()
    person = PersonFactory(
        name="Artur Nurlanov",
        slug="artur-nurlanov",
        aliases=["Arthur Nurlanov", "Артур Нурланов"],
        description="Economist.",
    )
    PositionFactory(
        person=person,
        organisation=institute,
        title="Director",
        start_date=date(2021, 2, 1),
    )
    PositionFactory(
        person=person,
        organisation=None,
        title="Adviser",
        start_date=date(2018, 1, 1),
        end_date=date(2020, 12, 31),
    )
    old_forum = EventFactory(slug="forum-2022", start_date=date(2022, 5, 1))
    new_forum = EventFactory(slug="forum-2024", start_date=date(2024, 5, 1))
    EventSpeakerFactory(person=person, event=old_forum, organisation=institute)
    EventSpeakerFactory(person=person, event=new_forum, role=EventSpeaker.Role.SPEAKER)
    EventSpeakerFactory(person=person, event=new_forum, role=EventSpeaker.Role.MODERATOR)

    response = api_client.get(f"{PEOPLE}artur-nurlanov/")

    assert response.status_code == 200
    assert response.json() == {
        "slug": "artur-nurlanov",
        "name": "Artur Nurlanov",
        "aliases": ["Arthur Nurlanov", "Артур Нурланов"],
        "description": "Economist.",
        "positions": [
            {
                "title": "Director",
                "organisation": "Economic Research Institute",
                "organisation_slug": "eri",
                "start_date": "2021-02-01",
                "end_date": None,
            },
            {
                "title": "Adviser",
                "organisation": None,
                "organisation_slug": None,
                "start_date": "2018-01-01",
                "end_date": "2020-12-31",
            },
        ],
        "events": ["forum-2024", "forum-2022"],
        "review_status": "reviewed",
        "url": "http://testserver/people/artur-nurlanov/",
    }


def test_person_events_put_undated_events_after_dated_ones(api_client):
    person = PersonFactory(slug="aigerim")
    for slug, start in [
        ("forum-undated", None),
        ("forum-2021", date(2021, 1, 1)),
        ("forum-2023", date(2023, 1, 1)),
    ]:
        EventSpeakerFactory(person=person, event=EventFactory(slug=slug, start_date=start))

    response = api_client.get(f"{PEOPLE}aigerim/")

    assert response.json()["events"] == ["forum-2023", "forum-2021", "forum-undated"]


def test_person_organisation_filter_finds_staff_and_speakers_for_it(api_client):
    eri = OrganisationFactory(slug="eri")
    other = OrganisationFactory(slug="other")
    staff = PersonFactory(name="Aliya Staff", slug="aliya")
    PositionFactory(person=staff, organisation=eri)
    speaker = PersonFactory(name="Bolat Speaker", slug="bolat")
    EventSpeakerFactory(person=speaker, organisation=eri)
    both = PersonFactory(name="Dana Both", slug="dana")
    PositionFactory(person=both, organisation=eri, title="Director")
    PositionFactory(person=both, organisation=eri, title="Researcher")
    EventSpeakerFactory(person=both, organisation=eri)
    outsider = PersonFactory(name="Erlan Outsider", slug="erlan")
    PositionFactory(person=outsider, organisation=other)
    EventSpeakerFactory(person=outsider, organisation=other)
    # A guest at an event the institute organised does not speak for it.
    event = EventFactory()
    EventOrganisationFactory(event=event, organisation=eri)
    EventSpeakerFactory(event=event, person=PersonFactory(slug="guest"), organisation=None)

    of_eri = api_client.get(PEOPLE, {"organisation": "eri"})
    of_other = api_client.get(PEOPLE, {"organisation": "other"})

    assert (slugs(of_eri), slugs(of_other)) == (["aliya", "bolat", "dana"], ["erlan"])


def test_person_organisation_filter_without_people_is_empty(api_client):
    OrganisationFactory(slug="eri")
    PositionFactory()

    response = api_client.get(PEOPLE, {"organisation": "eri"})

    assert (response.status_code, response.json()["results"]) == (200, [])


def test_person_unknown_organisation_filter_is_a_400(api_client):
    response = api_client.get(PEOPLE, {"organisation": "nowhere"})

    assert (response.status_code, response.json()) == (
        400,
        {"organisation": ["There is no organisation “nowhere”."]},
    )


def test_person_search_matches_name_aliases_description_and_title(api_client):
    artur = PersonFactory(
        name="Artur Nurlanov", slug="artur", aliases=["Arthur"], description="Economist."
    )
    PositionFactory(person=artur, title="Ambassador")
    PersonFactory(name="Aigerim Sadykova", slug="aigerim", description="Journalist.")

    by_name = api_client.get(PEOPLE, {"search": "Nurlanov"})
    by_alias = api_client.get(PEOPLE, {"search": "Arthur"})
    by_description = api_client.get(PEOPLE, {"search": "Journalist"})
    by_title = api_client.get(PEOPLE, {"search": "Ambassador"})
    no_match = api_client.get(PEOPLE, {"search": "Minister"})

    assert [
        slugs(by_name),
        slugs(by_alias),
        slugs(by_description),
        slugs(by_title),
        slugs(no_match),
    ] == [["artur"], ["artur"], ["aigerim"], ["artur"], []]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        (None, ["aigerim", "bolat", "dana"]),
        ("-name", ["dana", "bolat", "aigerim"]),
        ("created_at", ["bolat", "dana", "aigerim"]),
    ],
)
def test_person_ordering_sorts_by_the_given_field(api_client, ordering, expected):
    for name, year in [("Dana", 2021), ("Aigerim", 2023), ("Bolat", 2019)]:
        set_created_at(PersonFactory(name=name, slug=name.lower()), year)

    response = api_client.get(PEOPLE, {"ordering": ordering} if ordering else {})

    assert slugs(response) == expected


def test_person_list_as_csv_puts_positions_and_events_in_one_cell_each(api_client):
    _ministry, institute = ministry_and_institute()
    person = PersonFactory(name="Artur Nurlanov", slug="artur", aliases=["Arthur", "Artyr"])
    PositionFactory(
        person=person, organisation=institute, title="Director", start_date=date(2021, 2, 1)
    )
    EventSpeakerFactory(person=person, event=EventFactory(slug="forum-2024"))

    response = api_client.get(PEOPLE, {"format": "csv"})

    assert csv_rows(response) == [
        PERSON_CSV_HEADER,
        [
            "artur",
            "Artur Nurlanov",
            "Arthur | Artyr",
            "",
            "Director (organisation: Economic Research Institute; start_date: 2021-02-01)",
            "forum-2024",
            "reviewed",
            "http://testserver/people/artur/",
        ],
    ]


def test_person_csv_export_keeps_relations_across_chunks(api_client, monkeypatch):
    monkeypatch.setattr(viewsets.in_chunks, "__defaults__", (2,))
    for number in range(5):
        person = PersonFactory(name=f"Person {number}", slug=f"person-{number}")
        PositionFactory(person=person, organisation=None, title=f"Title {number}")
        EventSpeakerFactory(person=person, event=EventFactory(slug=f"event-{number}"))

    response = api_client.get(PEOPLE, {"format": "csv", "all": "true"})

    assert response["Content-Disposition"] == 'attachment; filename="people.csv"'
    assert csv_rows(response) == [
        PERSON_CSV_HEADER,
        *(
            [
                f"person-{number}",
                f"Person {number}",
                "",
                "",
                f"Title {number}",
                f"event-{number}",
                "reviewed",
                f"http://testserver/people/person-{number}/",
            ]
            for number in range(5)
        ),
    ]


# Grants: representation and filters -------------------------------------------------------


def complete_grant() -> Grant:
    ministry, institute = ministry_and_institute()
    operator = OrganisationFactory(name="Civil Initiatives Support Centre", slug="cisc")
    grant = GrantFactory(
        identifier="360G-sdgportal-eri-2020-1",
        slug="eri-2020-1",
        title="Monitoring SDG 16",
        funder=ministry,
        operator=operator,
        recipient=institute,
        instrument="state_grant",
        programme="State grants for NGOs",
        purpose="Monitor access to justice.",
        amount="25000000.50",
        currency="KZT",
        year=2020,
        award_date=date(2020, 3, 15),
    )
    grant.goals.set([goal(16), goal(5)])
    grant.targets.set([TargetFactory(code="16.3"), TargetFactory(code="5.1")])
    CitationFactory(
        record=grant,
        article__document__name="news_0001.txt",
        article__title="Ministry awards grants",
        article__url="https://news.kz/grants",
        article__published_on=date(2020, 3, 16),
        quote="The institute receives 25 million tenge.",
    )
    CitationFactory(
        record=grant,
        article=None,
        document=SourceDocumentFactory(name="grants_2020.csv", kind="dataset"),
        quote="",
    )
    grant.refresh_from_db()
    return grant


def incomplete_grant() -> Grant:
    grant = GrantFactory(
        identifier="360G-sdgportal-unknown-1",
        slug="unknown-1",
        title="Unfinished record",
        funder=None,
        recipient=None,
        amount=None,
        currency="",
        year=None,
    )
    grant.refresh_from_db()
    return grant


def test_grant_detail_shows_every_field(api_client):
    grant = complete_grant()

    response = api_client.get(f"{GRANTS}eri-2020-1/")

    assert response.status_code == 200
    assert response.json() == {
        "id": grant.pk,
        "slug": "eri-2020-1",
        "identifier": "360G-sdgportal-eri-2020-1",
        "title": "Monitoring SDG 16",
        "funder": {"slug": "minfin", "name": "Ministry of Finance"},
        "operator": {"slug": "cisc", "name": "Civil Initiatives Support Centre"},
        "recipient": {"slug": "eri", "name": "Economic Research Institute"},
        "instrument": "state_grant",
        "programme": "State grants for NGOs",
        "amount": "25000000.50",
        "currency": "KZT",
        "year": 2020,
        "award_date": "2020-03-15",
        "purpose": "Monitor access to justice.",
        "sdg_goals": [5, 16],
        "sdg_targets": ["5.1", "16.3"],
        "sources": [
            {
                "document": "grants_2020.csv",
                "article": None,
                "article_url": None,
                "published_on": None,
                "quote": "",
            },
            {
                "document": "news_0001.txt",
                "article": "Ministry awards grants",
                "article_url": "https://news.kz/grants",
                "published_on": "2020-03-16",
                "quote": "The institute receives 25 million tenge.",
            },
        ],
        "review_status": "reviewed",
        "url": "http://testserver/grants/eri-2020-1/",
    }


def test_grant_detail_of_an_incomplete_grant_shows_nulls(api_client):
    grant = incomplete_grant()

    response = api_client.get(f"{GRANTS}unknown-1/")

    assert response.json() == {
        "id": grant.pk,
        "slug": "unknown-1",
        "identifier": "360G-sdgportal-unknown-1",
        "title": "Unfinished record",
        "funder": None,
        "operator": None,
        "recipient": None,
        "instrument": "other",
        "programme": "",
        "amount": None,
        "currency": "",
        "year": None,
        "award_date": None,
        "purpose": "",
        "sdg_goals": [],
        "sdg_targets": [],
        "sources": [],
        "review_status": "reviewed",
        "url": "http://testserver/grants/unknown-1/",
    }


def three_grants() -> None:
    """Grants from two funders to two recipients, in two currencies and three years."""
    ministry = OrganisationFactory(name="Ministry of Finance", slug="minfin")
    fund = OrganisationFactory(name="Soros Foundation", slug="soros")
    eri = OrganisationFactory(name="Economic Research Institute", slug="eri")
    ngo = OrganisationFactory(name="Legal Aid Centre", slug="legal-aid")
    small = GrantFactory(
        slug="small",
        title="Bravo: legal aid in Almaty",
        funder=ministry,
        recipient=ngo,
        amount="1000000.00",
        currency="KZT",
        year=2019,
        award_date=date(2019, 6, 1),
        programme="Justice for all",
    )
    small.goals.set([goal(16)])
    large = GrantFactory(
        slug="large",
        title="Alpha: SDG statistics",
        funder=ministry,
        recipient=eri,
        amount="5000000.00",
        currency="KZT",
        year=2021,
        award_date=date(2021, 2, 1),
        purpose="Better gender statistics.",
    )
    large.goals.set([goal(5), goal(17)])
    GrantFactory(
        slug="dollars",
        title="Charlie: women in business",
        funder=fund,
        recipient=eri,
        amount="2000000.00",
        currency="USD",
        year=2020,
        award_date=date(2020, 9, 1),
    ).goals.set([goal(5)])


@pytest.mark.parametrize(
    ("parameters", "expected"),
    [
        ({}, ["large", "dollars", "small"]),
        ({"funder": "minfin"}, ["large", "small"]),
        ({"funder": "eri"}, []),
        ({"recipient": "eri"}, ["large", "dollars"]),
        ({"recipient": "minfin"}, []),
        ({"funder": "minfin", "recipient": "eri"}, ["large"]),
        ({"currency": "USD"}, ["dollars"]),
        ({"currency": "EUR"}, []),
        ({"year": 2019}, ["small"]),
        ({"year": 2018}, []),
        ({"goal": 5}, ["large", "dollars"]),
        ({"goal": 16}, ["small"]),
        ({"goal": 1}, []),
        ({"currency": "KZT", "amount_min": "1000000"}, ["large", "small"]),
        ({"currency": "KZT", "amount_min": "1000000.01"}, ["large"]),
        ({"currency": "KZT", "amount_max": "4999999.99"}, ["small"]),
        ({"currency": "KZT", "amount_min": "1", "amount_max": "5000000"}, ["large", "small"]),
        ({"currency": "KZT", "amount_min": "2000000", "amount_max": "2000000"}, []),
        ({"currency": "USD", "amount_min": "2000000", "amount_max": "2000000"}, ["dollars"]),
    ],
)
def test_grant_filters_keep_matching_grants(api_client, parameters, expected):
    three_grants()

    response = api_client.get(GRANTS, parameters)

    assert (response.status_code, slugs(response)) == (200, expected)


@pytest.mark.parametrize(
    ("parameters", "errors"),
    [
        (
            {"funder": "nowhere", "recipient": "nobody"},
            {
                "funder": ["There is no organisation “nowhere”."],
                "recipient": ["There is no organisation “nobody”."],
            },
        ),
        (
            {"currency": "XYZ"},
            {"currency": ["Select a valid choice. XYZ is not one of the available choices."]},
        ),
        ({"year": "1800"}, {"year": ["Ensure this value is greater than or equal to 1900."]}),
        ({"year": "2020.5"}, {"year": ["Enter a whole number."]}),
        ({"goal": "18"}, {"goal": ["Ensure this value is less than or equal to 17."]}),
        ({"amount_min": "1000"}, {"amount_min": [NO_AMOUNT_WITHOUT_CURRENCY]}),
        ({"amount_max": "1000"}, {"amount_max": [NO_AMOUNT_WITHOUT_CURRENCY]}),
        (
            {"amount_min": "10", "amount_max": "20"},
            {
                "amount_min": [NO_AMOUNT_WITHOUT_CURRENCY],
                "amount_max": [NO_AMOUNT_WITHOUT_CURRENCY],
            },
        ),
        (
            {"currency": "KZT", "amount_min": "20", "amount_max": "10"},
            {"amount_max": ["The range is reversed: amount_max is less than amount_min."]},
        ),
        (
            {"ordering": "currency"},
            {"ordering": ["Select a valid choice. currency is not one of the available choices."]},
        ),
        (
            {"currency": "KZT", "amount_min": "-1"},
            {"amount_min": ["Ensure this value is greater than or equal to 0."]},
        ),
        ({"currency": "KZT", "amount_max": "lots"}, {"amount_max": ["Enter a number."]}),
    ],
)
def test_grant_invalid_filter_is_a_400(api_client, parameters, errors):
    response = api_client.get(GRANTS, parameters)

    assert (response.status_code, response.json()) == (400, errors)


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("statistics", ["large"]),  # title
        ("gender", ["large"]),  # purpose
        ("Justice", ["small"]),  # programme
        ("Soros", ["dollars"]),  # funder's name
        ("Legal Aid", ["small"]),  # recipient's name
        ("Ministry statistics", ["large"]),  # every word, in different fields
        ("Soros statistics", []),
    ],
)
def test_grant_search_matches_title_purpose_programme_and_organisations(
    api_client, search, expected
):
    three_grants()

    response = api_client.get(GRANTS, {"search": search})

    assert slugs(response) == expected


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("year", ["small", "dollars", "large"]),
        ("-award_date", ["large", "dollars", "small"]),
        ("title", ["large", "small", "dollars"]),
        ("-title", ["dollars", "small", "large"]),
    ],
)
def test_grant_ordering_sorts_by_the_given_fields(api_client, ordering, expected):
    three_grants()

    response = api_client.get(GRANTS, {"ordering": ordering})

    assert slugs(response) == expected


@pytest.mark.parametrize(
    ("ordering", "expected"), [("amount", ["small", "large"]), ("-amount", ["large", "small"])]
)
def test_grant_ordering_by_amount_within_a_currency(api_client, ordering, expected):
    three_grants()

    response = api_client.get(GRANTS, {"ordering": ordering, "currency": "KZT"})

    assert slugs(response) == expected


def test_grant_ordering_by_amount_needs_a_currency(api_client):
    three_grants()

    response = api_client.get(GRANTS, {"ordering": "-amount"})

    assert (response.status_code, response.json()) == (
        400,
        {"ordering": ["Amounts are ordered within one currency only: add currency (e.g. KZT)."]},
    )


def test_grant_list_as_csv_flattens_organisations_and_lists(api_client):
    grant = complete_grant()

    response = api_client.get(GRANTS, {"format": "csv"})

    assert csv_rows(response) == [
        GRANT_CSV_HEADER,
        [
            str(grant.pk),
            "eri-2020-1",
            "360G-sdgportal-eri-2020-1",
            "Monitoring SDG 16",
            "minfin",
            "Ministry of Finance",
            "cisc",
            "Civil Initiatives Support Centre",
            "eri",
            "Economic Research Institute",
            "state_grant",
            "State grants for NGOs",
            "25000000.50",
            "KZT",
            "2020",
            "2020-03-15",
            "Monitor access to justice.",
            "5 | 16",
            "5.1 | 16.3",
            "grants_2020.csv | news_0001.txt (article: Ministry awards grants; "
            "article_url: https://news.kz/grants; published_on: 2020-03-16; "
            "quote: The institute receives 25 million tenge.)",
            "reviewed",
            "http://testserver/grants/eri-2020-1/",
        ],
    ]


def test_grant_csv_export_with_all_applies_filters_across_pages(api_client):
    three_grants()

    response = api_client.get(
        GRANTS,
        {"format": "csv", "all": "true", "currency": "KZT", "ordering": "title"},
    )

    assert response["Content-Disposition"] == 'attachment; filename="grants.csv"'
    rows = csv_rows(response)
    assert (rows[0], [row[1] for row in rows[1:]]) == (GRANT_CSV_HEADER, ["large", "small"])


# Grants: 360Giving -----------------------------------------------------------------------


def test_grant_360giving_package_of_a_complete_grant(api_client):
    grant = complete_grant()

    response = api_client.get(THREE_SIXTY)

    assert (response.status_code, response["Content-Type"]) == (200, "application/json")
    assert json.loads(content_of(response)) == {
        "grants": [
            {
                "id": "360G-sdgportal-eri-2020-1",
                "title": "Monitoring SDG 16",
                "description": "Monitor access to justice.",
                "currency": "KZT",
                "amountAwarded": 25000000.5,
                "awardDate": "2020-03-15",
                "recipientOrganization": [
                    {"id": "360G-sdgportal-org-eri", "name": "Economic Research Institute"}
                ],
                "fundingOrganization": [
                    {"id": "360G-sdgportal-org-minfin", "name": "Ministry of Finance"}
                ],
                "grantProgramme": [{"title": "State grants for NGOs"}],
                "classifications": [
                    {"vocabulary": "SDG", "code": "5", "title": "Gender equality"},
                    {
                        "vocabulary": "SDG",
                        "code": "16",
                        "title": "Peace, justice and strong institutions",
                    },
                ],
                "dateModified": grant.updated_at.isoformat(),
                "dataSource": "http://testserver/api/v1/grants/eri-2020-1/",
            }
        ]
    }


def test_grant_360giving_package_leaves_out_missing_values(api_client):
    grant = incomplete_grant()

    response = api_client.get(THREE_SIXTY)

    assert json.loads(content_of(response)) == {
        "grants": [
            {
                "id": "360G-sdgportal-unknown-1",
                "title": "Unfinished record",
                "description": "Unfinished record",
                "dateModified": grant.updated_at.isoformat(),
                "dataSource": "http://testserver/api/v1/grants/unknown-1/",
            }
        ]
    }


def test_grant_360giving_package_applies_filters(api_client):
    three_grants()

    response = api_client.get(
        THREE_SIXTY, {"funder": "minfin", "ordering": "amount", "currency": "KZT"}
    )

    package = json.loads(content_of(response))
    assert [record["title"] for record in package["grants"]] == [
        "Bravo: legal aid in Almaty",
        "Alpha: SDG statistics",
    ]


def test_grant_360giving_package_without_grants_is_empty(api_client):
    three_grants()

    response = api_client.get(THREE_SIXTY, {"goal": 1})

    assert json.loads(content_of(response)) == {"grants": []}


def test_grant_360giving_invalid_filter_is_a_400(api_client):
    response = api_client.get(THREE_SIXTY, {"amount_min": "5"})

    assert (response.status_code, response.json()) == (
        400,
        {"amount_min": [NO_AMOUNT_WITHOUT_CURRENCY]},
    )


def test_grant_360giving_classifications_follow_the_language(api_client):
    Goal.objects.filter(number=16).update(short_title_ru="Мир, правосудие и эффективные институты")
    GrantFactory().goals.set([goal(16)])

    with translation.override("en"):
        response = api_client.get(THREE_SIXTY, {"lang": "ru"})
        package = json.loads(content_of(response))

    assert package["grants"][0]["classifications"] == [
        {"vocabulary": "SDG", "code": "16", "title": "Мир, правосудие и эффективные институты"}
    ]


def test_grant_360giving_csv_has_the_flat_columns(api_client):
    complete = complete_grant()
    incomplete = incomplete_grant()

    response = api_client.get(THREE_SIXTY, {"format": "csv", "ordering": "title"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="grants-360giving.csv"'
    assert csv_rows(response) == [
        THREE_SIXTY_CSV_HEADER,
        [
            "360G-sdgportal-eri-2020-1",
            "Monitoring SDG 16",
            "Monitor access to justice.",
            "KZT",
            "25000000.5",
            "2020-03-15",
            "360G-sdgportal-org-eri",
            "Economic Research Institute",
            "360G-sdgportal-org-minfin",
            "Ministry of Finance",
            "State grants for NGOs",
            "SDG",
            "5",
            "Gender equality",
            complete.updated_at.isoformat(),
            "http://testserver/api/v1/grants/eri-2020-1/",
        ],
        [
            "360G-sdgportal-unknown-1",
            "Unfinished record",
            "Unfinished record",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            incomplete.updated_at.isoformat(),
            "http://testserver/api/v1/grants/unknown-1/",
        ],
    ]


# Query counts -----------------------------------------------------------------------------


@pytest.mark.parametrize("records", [1, 5])
def test_organisation_list_queries_do_not_grow_with_records(
    api_client, django_assert_num_queries, records
):
    for _ in range(records):
        OrganisationFactory(parent=OrganisationFactory())

    # 1 COUNT(*) for the page, 1 SELECT of the organisations joined to their parents.
    with django_assert_num_queries(2):
        response = api_client.get(ORGANISATIONS)

    assert response.json()["count"] == 2 * records


@pytest.mark.parametrize("records", [1, 5])
def test_person_list_queries_do_not_grow_with_records(
    api_client, django_assert_num_queries, records
):
    for _ in range(records):
        person_with_relations()

    # 1 COUNT(*), 1 SELECT of the people, 1 of their positions joined to the organisations,
    # 1 of their appearances joined to the events.
    with django_assert_num_queries(4):
        response = api_client.get(PEOPLE)

    people = response.json()["results"]
    assert [(len(p["positions"]), len(p["events"])) for p in people] == [(2, 2)] * records


@pytest.mark.parametrize("records", [1, 5])
def test_grant_list_queries_do_not_grow_with_records(
    api_client, django_assert_num_queries, records
):
    for _ in range(records):
        grant_with_relations()

    # 1 COUNT(*), 1 SELECT of the grants joined to funder, operator and recipient,
    # 1 of their goals, 1 of their targets, 1 of their citations joined to document and article.
    with django_assert_num_queries(5):
        response = api_client.get(GRANTS)

    grants = response.json()["results"]
    assert [(len(g["sdg_goals"]), len(g["sources"])) for g in grants] == [(2, 2)] * records


@pytest.mark.parametrize("records", [1, 5])
def test_grant_360giving_queries_do_not_grow_with_records(
    api_client, django_assert_num_queries, records
):
    for _ in range(records):
        grant_with_relations()

    # 1 SELECT of the grants joined to funder, operator and recipient (no COUNT: no pages),
    # then 1 of their goals for the one chunk.
    with django_assert_num_queries(2):
        response = api_client.get(THREE_SIXTY)
        package = json.loads(content_of(response))

    assert [len(g["classifications"]) for g in package["grants"]] == [2] * records


# Writes: permissions ----------------------------------------------------------------------


NEW_RECORDS = [
    (ORGANISATIONS, {"slug": "eri", "name": "Economic Research Institute"}),
    (PEOPLE, {"slug": "artur", "name": "Artur Nurlanov"}),
    (GRANTS, {"slug": "g-1", "identifier": "360G-x-1", "title": "Monitoring"}),
]


@pytest.mark.parametrize(("url", "payload"), NEW_RECORDS)
def test_anonymous_create_is_a_401(api_client, url, payload):
    response = api_client.post(url, payload, format="json")

    assert (response.status_code, response.json()) == (
        401,
        {"detail": "Authentication credentials were not provided."},
    )
    assert (Organisation.objects.count(), Person.objects.count(), Grant.objects.count()) == (
        0,
        0,
        0,
    )


@pytest.mark.parametrize(("url", "payload"), NEW_RECORDS)
def test_member_create_is_a_403(member_api_client, url, payload):
    response = member_api_client.post(url, payload, format="json")

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "You do not have permission to perform this action."},
    )
    assert (Organisation.objects.count(), Person.objects.count(), Grant.objects.count()) == (
        0,
        0,
        0,
    )


def test_member_cannot_change_or_delete_an_organisation(member_api_client):
    OrganisationFactory(name="Economic Research Institute", slug="eri")

    changed = member_api_client.patch(f"{ORGANISATIONS}eri/", {"name": "X"}, format="json")
    deleted = member_api_client.delete(f"{ORGANISATIONS}eri/")

    assert (changed.status_code, deleted.status_code) == (403, 403)
    assert list(Organisation.objects.values_list("name", flat=True)) == [
        "Economic Research Institute"
    ]


def test_anonymous_delete_is_a_401_and_deletes_nothing(api_client):
    GrantFactory(slug="g-1")

    response = api_client.delete(f"{GRANTS}g-1/")

    assert response.status_code == 401
    assert list(Grant.objects.values_list("slug", flat=True)) == ["g-1"]


# Writes: organisations --------------------------------------------------------------------


def test_staff_creates_an_organisation(staff_api_client):
    ministry = OrganisationFactory(name="Ministry of Finance", slug="minfin")

    response = staff_api_client.post(
        ORGANISATIONS,
        {
            "slug": "eri",
            "name": "Economic Research Institute",
            "acronym": "ERI",
            "aliases": ["ЭНИ"],
            "sector": "academic",
            "country": "KZ",
            "parent": "minfin",
            "website": "https://eri.kz",
            "description": "Think tank.",
            "review_status": "imported",
        },
        format="json",
    )

    assert response.status_code == 201
    assert response.json() == {
        "slug": "eri",
        "name": "Economic Research Institute",
        "acronym": "ERI",
        "aliases": ["ЭНИ"],
        "sector": "academic",
        "country": "KZ",
        "parent": {"slug": "minfin", "name": "Ministry of Finance"},
        "website": "https://eri.kz",
        "description": "Think tank.",
        "review_status": "reviewed",
        "url": "http://testserver/organisations/eri/",
    }
    assert Organisation.objects.get(slug="eri").parent == ministry


def test_staff_changes_an_organisation(staff_api_client):
    ministry_and_institute()

    response = staff_api_client.patch(
        f"{ORGANISATIONS}eri/", {"parent": None, "aliases": ["ERI", "ЭНИ"]}, format="json"
    )

    assert response.status_code == 200
    institute = Organisation.objects.get(slug="eri")
    assert (institute.parent, institute.aliases) == (None, ["ERI", "ЭНИ"])


def test_staff_deletes_an_organisation(staff_api_client):
    _ministry, institute = ministry_and_institute()

    response = staff_api_client.delete(f"{ORGANISATIONS}minfin/")

    assert (response.status_code, response.content) == (204, b"")
    institute.refresh_from_db()
    assert (list(Organisation.objects.values_list("slug", flat=True)), institute.parent) == (
        ["eri"],
        None,
    )


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        ({"aliases": "ERI"}, {"aliases": ['Expected a list of items but got type "str".']}),
        ({"aliases": ["ERI", " "]}, {"aliases": {"1": ["This field may not be blank."]}}),
        ({"aliases": None}, {"aliases": ["This field may not be null."]}),
        ({"sector": "spaceship"}, {"sector": ['"spaceship" is not a valid choice.']}),
        ({"country": "XX"}, {"country": ['"XX" is not a valid choice.']}),
        ({"parent": "nowhere"}, {"parent": ["There is no record with the slug “nowhere”."]}),
        ({"slug": "minfin"}, {"slug": ["organisation with this slug already exists."]}),
        (
            {"slug": "not a slug"},
            {
                "slug": [
                    'Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'
                ]
            },
        ),
    ],
)
def test_organisation_create_refuses_invalid_fields(staff_api_client, payload, errors):
    OrganisationFactory(slug="minfin")

    response = staff_api_client.post(
        ORGANISATIONS, {"slug": "eri", "name": "ERI", **payload}, format="json"
    )

    assert (response.status_code, response.json()) == (400, errors)
    assert list(Organisation.objects.values_list("slug", flat=True)) == ["minfin"]


def test_organisation_cannot_become_its_own_parent(staff_api_client):
    OrganisationFactory(slug="minfin")

    response = staff_api_client.patch(
        f"{ORGANISATIONS}minfin/", {"parent": "minfin"}, format="json"
    )

    assert (response.status_code, response.json()) == (
        400,
        {"parent": ["The parent body cannot be this organisation or one under it."]},
    )
    assert Organisation.objects.get(slug="minfin").parent is None


def test_organisation_cannot_sit_under_a_body_under_it(staff_api_client):
    ministry_and_institute()

    response = staff_api_client.patch(f"{ORGANISATIONS}minfin/", {"parent": "eri"}, format="json")

    assert (response.status_code, response.json()) == (
        400,
        {"parent": ["The parent body cannot be this organisation or one under it."]},
    )
    assert Organisation.objects.get(slug="minfin").parent is None


def test_organisation_delete_is_a_409_while_grants_use_it(staff_api_client):
    ministry = OrganisationFactory(name="Ministry of Finance", slug="minfin")
    PositionFactory(organisation=ministry)
    OrganisationFactory(slug="committee", parent=ministry)
    GrantFactory(title="Monitoring SDG 16", funder=ministry)
    GrantFactory(title="Legal aid", funder=None, operator=ministry)

    response = staff_api_client.delete(f"{ORGANISATIONS}minfin/")

    assert (response.status_code, response.json()) == (
        409,
        {
            "detail": "This record is still in use by: Legal aid; Monitoring SDG 16. "
            "Remove those links first."
        },
    )
    assert (
        Organisation.objects.filter(slug="minfin").exists(),
        Organisation.objects.get(slug="committee").parent == ministry,
        Position.objects.filter(organisation=ministry).count(),
        Grant.objects.count(),
    ) == (True, True, 1, 2)


# Writes: people ---------------------------------------------------------------------------


def test_staff_creates_a_person(staff_api_client):
    response = staff_api_client.post(
        PEOPLE,
        {
            "slug": "artur",
            "name": "Artur Nurlanov",
            "aliases": ["Arthur"],
            "description": "Economist.",
            "positions": [{"title": "Ignored: positions are read-only"}],
        },
        format="json",
    )

    assert response.status_code == 201
    assert response.json() == {
        "slug": "artur",
        "name": "Artur Nurlanov",
        "aliases": ["Arthur"],
        "description": "Economist.",
        "positions": [],
        "events": [],
        "review_status": "reviewed",
        "url": "http://testserver/people/artur/",
    }


def test_staff_changes_and_deletes_a_person(staff_api_client):
    person = PersonFactory(slug="artur", name="Artur")
    PositionFactory(person=person)

    changed = staff_api_client.patch(f"{PEOPLE}artur/", {"name": "Artur Nurlanov"}, format="json")
    deleted = staff_api_client.delete(f"{PEOPLE}artur/")

    assert (changed.status_code, changed.json()["name"], deleted.status_code) == (
        200,
        "Artur Nurlanov",
        204,
    )
    assert (Person.objects.count(), Position.objects.count()) == (0, 0)


def test_person_create_refuses_aliases_that_are_not_a_list(staff_api_client):
    response = staff_api_client.post(
        PEOPLE, {"slug": "artur", "name": "Artur", "aliases": "Arthur"}, format="json"
    )

    assert (response.status_code, response.json()) == (
        400,
        {"aliases": ['Expected a list of items but got type "str".']},
    )
    assert not Person.objects.exists()


# Writes: grants ---------------------------------------------------------------------------


def test_staff_creates_a_grant(staff_api_client):
    ministry_and_institute()
    TargetFactory(code="16.3")

    response = staff_api_client.post(
        GRANTS,
        {
            "slug": "eri-2020-1",
            "identifier": "360G-sdgportal-eri-2020-1",
            "title": "Monitoring SDG 16",
            "funder": "minfin",
            "recipient": "eri",
            "instrument": "state_grant",
            "amount": "25000000.50",
            "currency": "KZT",
            "year": 2020,
            "award_date": "2020-03-15",
            "sdg_goals": [16, 5],
            "sdg_targets": ["16.3"],
            "review_status": "imported",
        },
        format="json",
    )

    grant = Grant.objects.get(slug="eri-2020-1")
    assert response.status_code == 201
    assert response.json() == {
        "id": grant.pk,
        "slug": "eri-2020-1",
        "identifier": "360G-sdgportal-eri-2020-1",
        "title": "Monitoring SDG 16",
        "funder": {"slug": "minfin", "name": "Ministry of Finance"},
        "operator": None,
        "recipient": {"slug": "eri", "name": "Economic Research Institute"},
        "instrument": "state_grant",
        "programme": "",
        "amount": "25000000.50",
        "currency": "KZT",
        "year": 2020,
        "award_date": "2020-03-15",
        "purpose": "",
        "sdg_goals": [5, 16],
        "sdg_targets": ["16.3"],
        "sources": [],
        "review_status": "reviewed",
        "url": "http://testserver/grants/eri-2020-1/",
    }


def test_staff_replaces_and_deletes_a_grant(staff_api_client):
    grant = GrantFactory(slug="g-1", identifier="360G-x-1")
    grant.goals.set([goal(16)])

    replaced = staff_api_client.put(
        f"{GRANTS}g-1/",
        {"slug": "g-1", "identifier": "360G-x-1", "title": "Renamed", "sdg_goals": [1, 2]},
        format="json",
    )
    grant.refresh_from_db()
    goals = list(grant.goals.values_list("number", flat=True))
    deleted = staff_api_client.delete(f"{GRANTS}g-1/")

    assert (replaced.status_code, grant.title, goals, deleted.status_code) == (
        200,
        "Renamed",
        [1, 2],
        204,
    )
    assert not Grant.objects.exists()


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        (
            {"amount": "-1.00", "currency": "KZT"},
            {"amount": ["Ensure this value is greater than or equal to 0."]},
        ),
        ({"amount": "1000.00"}, {"non_field_errors": ["Give the currency of the amount."]}),
        (
            {"amount": "1000.00", "currency": "XYZ"},
            {"currency": ['"XYZ" is not a valid choice.']},
        ),
        ({"year": 1800}, {"year": ["Ensure this value is greater than or equal to 1990."]}),
        (
            {"year": 2020, "award_date": "2019-12-31"},
            {"year": ["The year differs from the award date's year (2019)."]},
        ),
        ({"funder": "nowhere"}, {"funder": ["There is no record with the slug “nowhere”."]}),
        (
            {"sdg_goals": [16, 18]},
            {"sdg_goals": ["There is no goal 18: goals are numbered 1 to 17."]},
        ),
    ],
)
def test_grant_create_refuses_invalid_fields(staff_api_client, payload, errors):
    response = staff_api_client.post(
        GRANTS, {"slug": "g-1", "identifier": "360G-x-1", "title": "T", **payload}, format="json"
    )

    assert (response.status_code, response.json()) == (400, errors)
    assert not Grant.objects.exists()


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        ({"year": 2019}, {"year": ["The year differs from the award date's year (2020)."]}),
        ({"currency": ""}, {"non_field_errors": ["Give the currency of the amount."]}),
    ],
)
def test_grant_change_is_checked_against_the_stored_fields(staff_api_client, payload, errors):
    GrantFactory(slug="g-1", year=2020, award_date=date(2020, 5, 1), currency="KZT")

    response = staff_api_client.patch(f"{GRANTS}g-1/", payload, format="json")

    grant = Grant.objects.get(slug="g-1")
    assert (response.status_code, response.json()) == (400, errors)
    assert (grant.year, grant.currency) == (2020, "KZT")


@pytest.mark.parametrize(
    ("complete", "expected"), [("true", ["eri-2020-1"]), ("false", ["unknown-1"])]
)
def test_grant_complete_filter_keeps_grants_360giving_can_validate(api_client, complete, expected):
    complete_grant()
    incomplete_grant()

    response = api_client.get(GRANTS, {"complete": complete})

    assert slugs(response) == expected
