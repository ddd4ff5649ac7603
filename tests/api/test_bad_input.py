"""Bad input to the API: every refused write is a 4xx naming the field and the reason, and
leaves every row as it was; every refused filter a 400 the same way."""

import json
from datetime import date

import pytest

from events.models import Event, EventOrganisation, EventSpeaker
from organisations.models import Grant, Organisation, Person, Position
from sdgportal.models import Citation
from tests.factories import (
    EventFactory,
    GrantFactory,
    ObservationFactory,
    OrganisationFactory,
    PersonFactory,
    TargetFactory,
    goal,
)

pytestmark = pytest.mark.django_db

EVENTS, ORGANISATIONS, PEOPLE, GRANTS = (
    "/api/v1/events/",
    "/api/v1/organisations/",
    "/api/v1/people/",
    "/api/v1/grants/",
)
NEW = {
    EVENTS: {"title": "Civic forum", "slug": "civic-forum"},
    ORGANISATIONS: {"name": "Economic Research Institute", "slug": "eri"},
    PEOPLE: {"name": "Artur Nurlanov", "slug": "artur"},
    GRANTS: {"title": "Monitoring", "slug": "monitoring", "identifier": "360G-kz-1"},
}
SINGLE_LINE = (
    "Remove the control character {}: this field takes a single line of text, without tabs "
    "or line breaks."
)
TEXT = (
    "Remove the control character {}: of control characters, a text takes only tabs and line "
    "breaks."
)
END_BEFORE_START = "The end date cannot be before the start date, nor given without one."
IMPLAUSIBLE_DATE = "Enter a date from 1900 to 2100."
NO_GOAL_18 = "There is no goal 18: goals are numbered 1 to 17."
NOT_A_GOAL = "Give a goal as a number from 1 to 17."
TARGET_16_7_OUTSIDE = "Target 16.7 is under goal 16: add the goal, or remove the target."
NOT_A_STRING = "Not a valid string."
NOT_A_NUMBER = "A valid number is required."
NOT_WEB = "Enter a web address starting with http:// or https://."


def every_row():
    """Each table a write may touch, every column of every row."""
    models = [Event, EventOrganisation, EventSpeaker, Organisation, Person, Position, Grant]
    tables = {model.__name__: list(model.objects.order_by("pk").values()) for model in models}
    for model in (Event, Grant):
        for relation in ("goals", "targets"):
            through = getattr(model, relation).through
            tables[through.__name__] = list(through.objects.order_by("pk").values())
    tables["Citation"] = list(Citation.objects.order_by("pk").values())
    return tables


@pytest.fixture
def stored():
    """A record of each kind to change, and another to name or collide with."""
    forum = EventFactory(slug="forum", title="Forum", start_date=date(2023, 4, 1))
    forum.goals.add(goal(16))
    forum.targets.add(TargetFactory(code="16.3"))
    TargetFactory(code="16.7")
    EventFactory(slug="taken")
    OrganisationFactory(slug="ministry", name="Ministry")
    PersonFactory(slug="aigerim", name="Aigerim")
    grant = GrantFactory(slug="grant", identifier="360G-kz-0", amount="1000.00", currency="KZT")
    grant.goals.add(goal(16))


CREATE_CASES = [
    # Strings: too long, control characters, wrong types.
    (
        EVENTS,
        {"title": "x" * 501},
        {"title": ["Ensure this field has no more than 500 characters."]},
    ),
    (EVENTS, {"title": "a\x00b"}, {"title": ["Null characters are not allowed."]}),
    (EVENTS, {"title": "a\x01b"}, {"title": [SINGLE_LINE.format("U+0001")]}),
    (EVENTS, {"title": "\x1b[31mred"}, {"title": [SINGLE_LINE.format("U+001B")]}),
    (EVENTS, {"title": "evil\u202etxt.exe"}, {"title": [SINGLE_LINE.format("U+202E")]}),
    (EVENTS, {"title": "two\nlines"}, {"title": [SINGLE_LINE.format("U+000A")]}),
    (EVENTS, {"city": "Astana\tcity"}, {"city": [SINGLE_LINE.format("U+0009")]}),
    (EVENTS, {"city": "\ufeffAstana"}, {"city": [SINGLE_LINE.format("U+FEFF")]}),
    (EVENTS, {"description": "bell\x07"}, {"description": [TEXT.format("U+0007")]}),
    (EVENTS, {"description": "a\u2028b"}, {"description": [TEXT.format("U+2028")]}),
    (EVENTS, {"title": ["Civic forum"]}, {"title": [NOT_A_STRING]}),
    (EVENTS, {"title": {"en": "Civic forum"}}, {"title": [NOT_A_STRING]}),
    (EVENTS, {"is_online": "maybe"}, {"is_online": ["Must be a valid boolean."]}),
    (EVENTS, {"kind": "party"}, {"kind": ['"party" is not a valid choice.']}),
    (EVENTS, {"parent": "a\x00b"}, {"parent": ["Give the slug as text (without NUL characters)."]}),
    (
        EVENTS,
        {"country": {"code": "KZ"}},
        {"country": ["Give the country as its ISO 3166 code, e.g. KZ."]},
    ),
    (EVENTS, {"country": True}, {"country": ["Give the country as its ISO 3166 code, e.g. KZ."]}),
    (EVENTS, {"country": "XX"}, {"country": ['"XX" is not a valid choice.']}),
    # Dates: end before start, impossible or implausible.
    (
        EVENTS,
        {"start_date": "2024-05-02", "end_date": "2024-05-01"},
        {"non_field_errors": [END_BEFORE_START]},
    ),
    (EVENTS, {"end_date": "2024-05-01"}, {"non_field_errors": [END_BEFORE_START]}),
    (EVENTS, {"start_date": "0001-01-01"}, {"start_date": [IMPLAUSIBLE_DATE]}),
    (EVENTS, {"start_date": "9999-12-31"}, {"start_date": [IMPLAUSIBLE_DATE]}),
    (
        EVENTS,
        {"start_date": "2024-13-01"},
        {"start_date": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]},
    ),
    # Goals and targets.
    (EVENTS, {"sdg_goals": [18]}, {"sdg_goals": [NO_GOAL_18]}),
    (
        EVENTS,
        {"sdg_goals": [0]},
        {"sdg_goals": ["There is no goal 0: goals are numbered 1 to 17."]},
    ),
    (
        EVENTS,
        {"sdg_goals": [-1]},
        {"sdg_goals": ["There is no goal -1: goals are numbered 1 to 17."]},
    ),
    (EVENTS, {"sdg_goals": [1.5]}, {"sdg_goals": [NOT_A_GOAL]}),
    (EVENTS, {"sdg_goals": [True]}, {"sdg_goals": [NOT_A_GOAL]}),
    (EVENTS, {"sdg_goals": [{"number": 5}]}, {"sdg_goals": [NOT_A_GOAL]}),
    (EVENTS, {"sdg_goals": 16}, {"sdg_goals": ['Expected a list of items but got type "int".']}),
    (
        EVENTS,
        {"sdg_goals": [5], "sdg_targets": ["16.7"]},
        {"sdg_targets": [TARGET_16_7_OUTSIDE]},
    ),
    (EVENTS, {"sdg_targets": ["16.7"]}, {"sdg_targets": [TARGET_16_7_OUTSIDE]}),
    (EVENTS, {"sdg_targets": ["5.99"]}, {"sdg_targets": ["Object with code=5.99 does not exist."]}),
    (
        EVENTS,
        {"sdg_targets": [["16.7"]]},
        {"sdg_targets": ["Object with code=['16.7'] does not exist."]},
    ),
    # Amounts: negative, absurd, not numbers, without a currency.
    (
        GRANTS,
        {"amount": -5, "currency": "KZT"},
        {"amount": ["Ensure this value is greater than or equal to 0."]},
    ),
    (
        GRANTS,
        {"amount": 1e30, "currency": "KZT"},
        {"amount": ["Ensure that there are no more than 18 digits in total."]},
    ),
    (
        GRANTS,
        {"amount": "1e30", "currency": "KZT"},
        {"amount": ["Ensure that there are no more than 18 digits in total."]},
    ),
    (GRANTS, {"amount": "NaN", "currency": "KZT"}, {"amount": [NOT_A_NUMBER]}),
    (GRANTS, {"amount": "Infinity", "currency": "KZT"}, {"amount": [NOT_A_NUMBER]}),
    (GRANTS, {"amount": "-Infinity", "currency": "KZT"}, {"amount": [NOT_A_NUMBER]}),
    (
        GRANTS,
        {"amount": "0.001", "currency": "KZT"},
        {"amount": ["Ensure that there are no more than 2 decimal places."]},
    ),
    (GRANTS, {"amount": {"value": 5}, "currency": "KZT"}, {"amount": [NOT_A_NUMBER]}),
    (GRANTS, {"amount": [5], "currency": "KZT"}, {"amount": [NOT_A_NUMBER]}),
    (GRANTS, {"amount": "1,000", "currency": "KZT"}, {"amount": [NOT_A_NUMBER]}),
    (GRANTS, {"amount": 100}, {"non_field_errors": ["Give the currency of the amount."]}),
    (GRANTS, {"currency": "XYZ"}, {"currency": ['"XYZ" is not a valid choice.']}),
    (GRANTS, {"currency": "usd"}, {"currency": ['"usd" is not a valid choice.']}),
    (GRANTS, {"currency": ["USD"]}, {"currency": ["\"['USD']\" is not a valid choice."]}),
    (GRANTS, {"year": 1989}, {"year": ["Ensure this value is greater than or equal to 1990."]}),
    (GRANTS, {"year": 2101}, {"year": ["Ensure this value is less than or equal to 2100."]}),
    (GRANTS, {"year": 1e30}, {"year": ["A valid integer is required."]}),
    (GRANTS, {"year": "NaN"}, {"year": ["A valid integer is required."]}),
    (GRANTS, {"year": 2020.5}, {"year": ["A valid integer is required."]}),
    (
        GRANTS,
        {"year": 2020, "award_date": "2019-05-01"},
        {"year": ["The year differs from the award date's year (2019)."]},
    ),
    (GRANTS, {"award_date": "0202-05-01"}, {"award_date": [IMPLAUSIBLE_DATE]}),
    (GRANTS, {"funder": "nobody"}, {"funder": ["There is no record with the slug “nobody”."]}),
    (GRANTS, {"identifier": "360G\x01kz"}, {"identifier": [SINGLE_LINE.format("U+0001")]}),
    (GRANTS, {"purpose": "\x1b[2J"}, {"purpose": [TEXT.format("U+001B")]}),
    (GRANTS, {"sdg_goals": [18]}, {"sdg_goals": [NO_GOAL_18]}),
    (GRANTS, {"sdg_targets": ["16.7"]}, {"sdg_targets": [TARGET_16_7_OUTSIDE]}),
    # Organisations and people: names, aliases, addresses.
    (
        ORGANISATIONS,
        {"name": "x" * 301},
        {"name": ["Ensure this field has no more than 300 characters."]},
    ),
    (ORGANISATIONS, {"acronym": "E\u202eRI"}, {"acronym": [SINGLE_LINE.format("U+202E")]}),
    (
        ORGANISATIONS,
        {"aliases": "ERI"},
        {"aliases": ['Expected a list of items but got type "str".']},
    ),
    (ORGANISATIONS, {"aliases": ["ERI", "E\x01RI"]}, {"aliases": [SINGLE_LINE.format("U+0001")]}),
    (
        ORGANISATIONS,
        {"aliases": ["x" * 301]},
        {"aliases": {"0": ["Ensure this field has no more than 300 characters."]}},
    ),
    (ORGANISATIONS, {"aliases": [""]}, {"aliases": {"0": ["This field may not be blank."]}}),
    (ORGANISATIONS, {"aliases": [{"name": "ERI"}]}, {"aliases": {"0": [NOT_A_STRING]}}),
    (ORGANISATIONS, {"website": "javascript:alert(1)"}, {"website": ["Enter a valid URL."]}),
    (ORGANISATIONS, {"website": "ftp://eri.kz"}, {"website": [NOT_WEB]}),
    (ORGANISATIONS, {"sector": "guild"}, {"sector": ['"guild" is not a valid choice.']}),
    (
        ORGANISATIONS,
        {"parent": "nobody"},
        {"parent": ["There is no record with the slug “nobody”."]},
    ),
    (PEOPLE, {"name": "Artur\x00"}, {"name": ["Null characters are not allowed."]}),
    (PEOPLE, {"name": "Artur\r\nNurlanov"}, {"name": [SINGLE_LINE.format("U+000D")]}),
    (PEOPLE, {"aliases": ["Arthur\u2066"]}, {"aliases": [SINGLE_LINE.format("U+2066")]}),
    (
        PEOPLE,
        {"aliases": ["x" * 201]},
        {"aliases": {"0": ["Ensure this field has no more than 200 characters."]}},
    ),
    (PEOPLE, {"description": "\x7f"}, {"description": [TEXT.format("U+007F")]}),
]


@pytest.mark.parametrize(("url", "changes", "errors"), CREATE_CASES)
def test_create_refuses_bad_input_and_writes_nothing(
    staff_api_client, stored, url, changes, errors
):
    before = every_row()

    response = staff_api_client.post(url, {**NEW[url], **changes}, format="json")

    assert (response.status_code, response.json()) == (400, errors)
    assert every_row() == before


CHANGE_CASES = [
    (f"{EVENTS}forum/", {"end_date": "2023-03-31"}, {"non_field_errors": [END_BEFORE_START]}),
    (f"{EVENTS}forum/", {"start_date": "1899-12-31"}, {"start_date": [IMPLAUSIBLE_DATE]}),
    (f"{EVENTS}forum/", {"title": "For\x0bum"}, {"title": [SINGLE_LINE.format("U+000B")]}),
    (f"{EVENTS}forum/", {"slug": "taken"}, {"slug": ["event with this slug already exists."]}),
    # A target is checked against the goals stored when the change leaves them out, and the
    # stored targets against the goals a change gives.
    (
        f"{EVENTS}forum/",
        {"sdg_targets": ["16.3", "16.7"], "sdg_goals": [5]},
        {
            "sdg_targets": [
                "Target 16.3 is under goal 16: add the goal, or remove the target.",
                TARGET_16_7_OUTSIDE,
            ]
        },
    ),
    (
        f"{EVENTS}forum/",
        {"sdg_goals": [5]},
        {"sdg_targets": ["Target 16.3 is under goal 16: add the goal, or remove the target."]},
    ),
    (f"{EVENTS}forum/", {"sdg_goals": [16, 18]}, {"sdg_goals": [NO_GOAL_18]}),
    (
        f"{GRANTS}grant/",
        {"amount": "-0.01"},
        {"amount": ["Ensure this value is greater than or equal to 0."]},
    ),
    (
        f"{GRANTS}grant/",
        {"currency": ""},
        {"non_field_errors": ["Give the currency of the amount."]},
    ),
    (f"{GRANTS}grant/", {"currency": "BTC"}, {"currency": ['"BTC" is not a valid choice.']}),
    (
        f"{GRANTS}grant/",
        {"sdg_targets": ["16.7"], "sdg_goals": []},
        {"sdg_targets": [TARGET_16_7_OUTSIDE]},
    ),
    (
        f"{ORGANISATIONS}ministry/",
        {"parent": "ministry"},
        {"parent": ["The parent body cannot be this organisation or one under it."]},
    ),
    (f"{ORGANISATIONS}ministry/", {"name": ""}, {"name": ["This field may not be blank."]}),
    (f"{PEOPLE}aigerim/", {"aliases": None}, {"aliases": ["This field may not be null."]}),
]


@pytest.mark.parametrize(("url", "changes", "errors"), CHANGE_CASES)
def test_change_refuses_bad_input_and_changes_nothing(
    staff_api_client, stored, url, changes, errors
):
    before = every_row()

    response = staff_api_client.patch(url, changes, format="json")

    assert (response.status_code, response.json()) == (400, errors)
    assert every_row() == before


def test_tabs_and_line_breaks_are_kept_in_a_description(staff_api_client):
    response = staff_api_client.post(
        EVENTS,
        {**NEW[EVENTS], "description": "Agenda:\r\n\t1. Opening\n\t2. Panels"},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert Event.objects.get().description == "Agenda:\r\n\t1. Opening\n\t2. Panels"


DEEP = "[" * 40 + "]" * 40
DEEPER_THAN_PYTHON = "[" * 100_000 + "]" * 100_000
OVERSIZED = json.dumps({**NEW[EVENTS], "description": "x" * 3_000_000})
TOO_LARGE = {"detail": "The request body is too large: the API takes at most 2.5 MB."}


@pytest.mark.parametrize(
    ("body", "content_type", "status", "answer"),
    [
        (
            "{",
            "application/json",
            400,
            {
                "detail": "JSON parse error - Expecting property name enclosed in double quotes: "
                "line 1 column 2 (char 1)"
            },
        ),
        (
            '{"title": "Civic forum", "slug": "civic-forum",}',
            "application/json",
            400,
            {
                "detail": "JSON parse error - Expecting property name enclosed in double quotes: "
                "line 1 column 48 (char 47)"
            },
        ),
        (
            '{"title": NaN, "slug": "civic-forum"}',
            "application/json",
            400,
            {
                "detail": "JSON parse error - Out of range float values are not JSON "
                "compliant: 'NaN'"
            },
        ),
        (
            '{"title": "\\ud800", "slug": "civic-forum"}',
            "application/json",
            400,
            {
                "detail": "JSON parse error - \\ud800 is half a character (a lone surrogate): "
                "send the whole one."
            },
        ),
        (
            '{"title": "Forum", "slug": "civic-forum", "kind": "\\udfff"}',
            "application/json",
            400,
            {
                "detail": "JSON parse error - \\udfff is half a character (a lone surrogate): "
                "send the whole one."
            },
        ),
        (
            f'{{"title": "Forum", "slug": "civic-forum", "sdg_goals": {DEEP}}}',
            "application/json",
            400,
            {"detail": "JSON parse error - Nested more than 32 levels deep."},
        ),
        (
            DEEPER_THAN_PYTHON,
            "application/json",
            400,
            {"detail": "JSON parse error - Nested more than 32 levels deep."},
        ),
        (
            b'{"title": "Civic\xff forum", "slug": "civic-forum"}',
            "application/json",
            400,
            {
                "detail": "JSON parse error - 'utf-8' codec can't decode byte 0xff in position "
                "16: invalid start byte"
            },
        ),
        (
            '["Civic forum"]',
            "application/json",
            400,
            {"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]},
        ),
        ("null", "application/json", 400, {"non_field_errors": ["No data provided"]}),
        (
            '{"title": "Civic forum", "slug": "civic-forum"}',
            "text/plain",
            415,
            {"detail": 'Unsupported media type "text/plain" in request.'},
        ),
        (
            "<event><title>Civic forum</title></event>",
            "application/xml",
            415,
            {"detail": 'Unsupported media type "application/xml" in request.'},
        ),
        (
            "title=Civic+forum",
            "multipart/form-data",
            400,
            {"detail": "Multipart form parse error - Invalid boundary in multipart: None"},
        ),
        (OVERSIZED, "application/json", 413, TOO_LARGE),
        (
            "title=Civic+forum&slug=civic-forum&description=" + "x" * 3_000_000,
            "application/x-www-form-urlencoded",
            413,
            TOO_LARGE,
        ),
        (
            '--b\r\nContent-Disposition: form-data; name="description"\r\n\r\n'
            + "x" * 3_000_000
            + "\r\n--b--\r\n",
            "multipart/form-data; boundary=b",
            413,
            TOO_LARGE,
        ),
    ],
    ids=[
        "unclosed",
        "trailing-comma",
        "nan",
        "lone-high-surrogate",
        "lone-low-surrogate",
        "nested-40-deep",
        "nested-100000-deep",
        "not-utf-8",
        "list",
        "null",
        "text-plain",
        "xml",
        "multipart-without-boundary",
        "oversized-json",
        "oversized-form",
        "oversized-multipart",
    ],
)
def test_a_malformed_or_oversized_body_is_refused_with_the_reason(
    staff_api_client, stored, body, content_type, status, answer
):
    before = every_row()

    response = staff_api_client.generic("POST", EVENTS, body, content_type=content_type)

    assert (response.status_code, response.json()) == (status, answer)
    assert every_row() == before


def test_too_many_form_fields_are_refused_with_the_reason(staff_api_client, stored):
    before = every_row()
    body = "&".join(f"sdg_goals={n % 17 + 1}" for n in range(1100))

    response = staff_api_client.generic(
        "POST", EVENTS, body, content_type="application/x-www-form-urlencoded"
    )

    assert (response.status_code, response.json()) == (
        400,
        {"detail": "The request sends too many form fields or files."},
    )
    assert every_row() == before


@pytest.mark.parametrize(
    ("url", "query", "errors"),
    [
        (EVENTS, {"search": "forum\x01"}, {"search": [TEXT.format("U+0001")]}),
        (EVENTS, {"search": "forum\u202e"}, {"search": [TEXT.format("U+202E")]}),
        (EVENTS, {"city": "Astana\nAlmaty"}, {"city": [SINGLE_LINE.format("U+000A")]}),
        (EVENTS, {"date_from": "2024-13-01"}, {"date_from": ["Enter a valid date."]}),
        (
            EVENTS,
            {"goal": "18"},
            {"goal": ["Ensure this value is less than or equal to 17."]},
        ),
        (EVENTS, {"goal": "1.5"}, {"goal": ["Enter a whole number."]}),
        (
            GRANTS,
            {"currency": "XYZ"},
            {"currency": ["Select a valid choice. XYZ is not one of the available choices."]},
        ),
        (
            GRANTS,
            {"currency": "KZT", "amount_min": "-5"},
            {"amount_min": ["Ensure this value is greater than or equal to 0."]},
        ),
        (GRANTS, {"currency": "KZT", "amount_min": "NaN"}, {"amount_min": ["Enter a number."]}),
        (
            GRANTS,
            {"currency": "KZT", "amount_max": "Infinity"},
            {"amount_max": ["Enter a number."]},
        ),
        (
            "/api/v1/observations/",
            {"area": "Astana\x1b"},
            {"area": [SINGLE_LINE.format("U+001B")]},
        ),
    ],
)
def test_a_bad_filter_is_a_400_naming_it(api_client, url, query, errors):
    ObservationFactory()

    response = api_client.get(url, query)

    assert (response.status_code, response.json()) == (400, errors)


@pytest.mark.parametrize(
    ("method", "path", "status", "answer"),
    [
        ("GET", f"{EVENTS}?format=xml", 400, {"format": ["Choose one of: json, csv."]}),
        (
            "GET",
            "/api/v1/goals/0.5/",
            404,
            {
                "detail": "The API has no such address; http://testserver/api/v1/ lists its "
                "endpoints."
            },
        ),
        (
            "GET",
            "/api/v1/sources/a%0Ab/",
            404,
            {
                "detail": "The API has no such address; http://testserver/api/v1/ lists its "
                "endpoints."
            },
        ),
        ("TRACE", f"{EVENTS}?format=xml", 405, {"detail": 'Method "TRACE" not allowed.'}),
        ("POST", "/api/v1/goals/", 405, {"detail": 'Method "POST" not allowed.'}),
    ],
)
def test_an_address_method_or_format_the_api_lacks_is_refused_in_json(
    staff_api_client, method, path, status, answer
):
    before = every_row()

    response = staff_api_client.generic(method, path)

    assert (response.status_code, response["Content-Type"], response.json()) == (
        status,
        "application/json",
        answer,
    )
    assert every_row() == before
