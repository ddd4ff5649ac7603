"""What every API endpoint shares: parameters, languages, pagination, CSV, limits, schema."""

import csv
import io
import json
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from rest_framework.request import Request

from organisations.serializers import GrantSerializer
from sdgportal.rest.csv import columns_of, row_of
from sdgportal.rest.pagination import PortalPagination
from tests import factories

pytestmark = pytest.mark.django_db

RESOURCES = [
    "events",
    "organisations",
    "people",
    "grants",
    "goals",
    "targets",
    "indicators",
    "observations",
    "sources",
]


def test_api_root_lists_every_resource(api_client):
    response = api_client.get("/api/v1/")

    assert response.status_code == 200
    assert response.json() == {name: f"http://testserver/api/v1/{name}/" for name in RESOURCES}


@pytest.mark.parametrize("resource", RESOURCES)
def test_every_list_is_paginated(api_client, resource):
    response = api_client.get(f"/api/v1/{resource}/", {"page_size": 1})

    assert response.status_code == 200
    assert list(response.json()) == ["count", "next", "previous", "results"]


@pytest.mark.parametrize("resource", RESOURCES)
def test_every_list_answers_csv(api_client, resource):
    response = api_client.get(f"/api/v1/{resource}/", {"format": "csv"})

    assert (response.status_code, response["Content-Type"]) == (200, "text/csv; charset=utf-8")
    assert len(response.content.decode().splitlines()) >= 1  # the header, at least


def test_unknown_parameter_is_refused_with_the_known_ones(api_client):
    response = api_client.get("/api/v1/goals/", {"colour": "red"})

    assert response.status_code == 400
    assert response.json() == {
        "colour": [
            "Unknown parameter. This endpoint takes: all, format, lang, ordering, page, "
            "page_size, search."
        ]
    }


def test_detail_takes_only_format_and_language(api_client):
    response = api_client.get("/api/v1/goals/16/", {"page": 2})

    assert response.status_code == 400
    assert response.json() == {"page": ["Unknown parameter. This endpoint takes: format, lang."]}


def test_parameter_given_twice_is_refused(api_client):
    response = api_client.get("/api/v1/events/?goal=3&goal=5")

    assert (response.status_code, response.json()) == (
        400,
        {"goal": ["Give this parameter once."]},
    )


def test_repeatable_parameter_may_be_given_twice(api_client):
    response = api_client.get(
        "/api/v1/observations/?disaggregation=SEX:F&disaggregation=AGE:Y15T24"
    )

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ({"page": "abc"}, {"page": ['Give the page as a whole number from 1, or "last".']}),
        ({"page": "0"}, {"page": ['Give the page as a whole number from 1, or "last".']}),
        (
            {"page_size": "0"},
            {"page_size": ["Give the page size as a whole number from 1 to 500."]},
        ),
        (
            {"page_size": "ten"},
            {"page_size": ["Give the page size as a whole number from 1 to 500."]},
        ),
        ({"all": "yes"}, {"all": ['Give "true" or "false".']}),
        ({"all": "true"}, {"all": ["A full export is CSV: add format=csv, or page through JSON."]}),
        ({"lang": "de"}, {"lang": ["Choose one of: en, ru, kk."]}),
    ],
)
def test_malformed_common_parameters_are_400s_with_a_reason(api_client, query, error):
    response = api_client.get("/api/v1/goals/", query)

    assert (response.status_code, response.json()) == (400, error)


def test_page_past_the_end_is_a_404_with_a_reason(api_client):
    response = api_client.get("/api/v1/goals/", {"page": 3, "page_size": 10})

    assert (response.status_code, response.json()) == (
        404,
        {"detail": "There is no page 3: That page contains no results"},
    )


def test_last_page_and_links(api_client):
    response = api_client.get("/api/v1/goals/", {"page": "last", "page_size": 10})

    body = response.json()
    assert (body["count"], body["next"], len(body["results"])) == (17, None, 7)
    assert body["previous"] == "http://testserver/api/v1/goals/?page_size=10"


def test_page_size_is_capped_at_500(rf):
    request = Request(rf.get("/api/v1/events/", {"page_size": "100000"}))

    assert PortalPagination().get_page_size(request) == 500


def test_language_follows_the_lang_parameter(api_client):
    goal = factories.goal(16)
    goal.short_title_ru = "Мир и правосудие"
    goal.save()

    response = api_client.get("/api/v1/goals/16/", {"lang": "ru"})

    assert (response["Content-Language"], response.json()["short_title"]) == (
        "ru",
        "Мир и правосудие",
    )


def test_language_follows_accept_language_and_falls_back_to_english(api_client):
    response = api_client.get("/api/v1/goals/16/", HTTP_ACCEPT_LANGUAGE="kk")

    assert (response["Content-Language"], response.json()["short_title"]) == (
        "kk",
        "Peace, justice and strong institutions",
    )


def test_csv_by_accept_header(api_client):
    response = api_client.get("/api/v1/goals/", {"page_size": 1}, HTTP_ACCEPT="text/csv")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        [
            "number",
            "short_title",
            "title",
            "colour",
            "targets",
            "event_count",
            "grant_count",
            "indicator_count",
        ],
        [
            "1",
            "No poverty",
            "",
            "#E5243B",
            "",
            "0",
            "0",
            "0",
        ],
    ]


def test_csv_error_is_csv_too(api_client):
    response = api_client.get("/api/v1/events/", {"format": "csv", "goal": "99"})

    assert (response.status_code, response.content.decode()) == (
        400,
        "field,error\r\ngoal,Ensure this value is less than or equal to 17.\r\n",
    )


def test_csv_full_export_is_a_streamed_attachment(api_client):
    response = api_client.get("/api/v1/goals/", {"format": "csv", "all": "true"})

    lines = b"".join(response.streaming_content).decode().splitlines()
    assert response["Content-Disposition"] == 'attachment; filename="goals.csv"'
    assert len(lines) == 1 + 17


def test_csv_columns_flatten_references_and_lists(rf):
    grant = factories.GrantFactory(
        title="=HYPERLINK(x)", funder=factories.OrganisationFactory(slug="eu", name="EU")
    )
    grant.goals.add(factories.goal(5), factories.goal(16))
    serializer = GrantSerializer(grant, context={"request": rf.get("/")})

    columns = columns_of(serializer)
    row = dict(
        zip([header for header, _n, _s in columns], row_of(serializer.data, columns), strict=True)
    )

    assert (row["funder.slug"], row["funder.name"], row["sdg_goals"], row["title"]) == (
        "eu",
        "EU",
        "5 | 16",
        "'=HYPERLINK(x)",
    )


def test_anonymous_reads_are_throttled_by_setting(api_client, settings):
    settings.API_ANON_THROTTLE_RATE = "2/minute"
    cache.clear()

    statuses = [api_client.get("/api/v1/goals/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    cache.clear()


def test_staff_are_not_throttled(staff_api_client, settings):
    settings.API_ANON_THROTTLE_RATE = "2/minute"
    cache.clear()

    statuses = {staff_api_client.get("/api/v1/goals/").status_code for _ in range(3)}

    assert statuses == {200}
    cache.clear()


def test_cross_origin_reads_are_allowed(api_client):
    response = api_client.get("/api/v1/goals/", HTTP_ORIGIN="https://news.example.org")

    assert response["Access-Control-Allow-Origin"] == "*"


def test_cross_origin_writes_are_not_offered(api_client):
    response = api_client.options(
        "/api/v1/events/",
        HTTP_ORIGIN="https://news.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )

    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_schema_generates_without_warnings(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "api.yaml")
    )

    assert "/api/v1/events/{slug}/" in (tmp_path / "api.yaml").read_text()


def test_schema_and_docs_are_served_without_any_cdn(api_client):
    schema = api_client.get("/api/v1/schema/")
    docs = api_client.get("/api/v1/docs/")

    addresses = re.findall(r'(?:src|href)="([^"]+)"', docs.content.decode())
    assert (schema.status_code, docs.status_code) == (200, 200)
    assert addresses == [
        "/static/drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-standalone-preset.js",
        "/api/v1/docs/?script=",  # the page's own script, a file: no inline script
    ]
    assert b"<script>" not in docs.content


def test_export_without_pages_refuses_page_parameters(api_client):
    response = api_client.get("/api/v1/grants/360giving/", {"page": 2})

    assert (response.status_code, list(response.json())) == (400, ["page"])


def test_overlong_search_is_refused(api_client):
    response = api_client.get("/api/v1/events/", {"search": "forum " * 40})

    assert (response.status_code, response.json()) == (
        400,
        {"search": ["Ensure this value has at most 200 characters (it has 239)."]},
    )


def test_browsable_api_renders_for_people(api_client):
    factories.EventFactory()

    response = api_client.get("/api/v1/events/", {"format": "api"})

    assert (response.status_code, response["Content-Type"]) == (200, "text/html; charset=utf-8")


def test_full_export_has_no_pages(api_client):
    response = api_client.get("/api/v1/goals/", {"format": "csv", "all": "true", "page": 2})

    assert (response.status_code, response.content.decode()) == (
        400,
        "field,error\r\npage,A full export (all=true) has no pages.\r\n",
    )


def test_empty_ordering_item_is_refused(api_client):
    response = api_client.get("/api/v1/events/", {"ordering": ","})

    assert (response.status_code, response.json()) == (
        400,
        {"ordering": ["Name a field between every two commas."]},
    )


def test_ordering_puts_missing_values_last_both_ways(api_client):
    factories.EventFactory(slug="dated", start_date="2023-05-01")
    factories.EventFactory(slug="undated", start_date=None)

    orders = [
        [
            event["slug"]
            for event in api_client.get("/api/v1/events/", {"ordering": o}).json()["results"]
        ]
        for o in ("start_date", "-start_date")
    ]

    assert orders == [["dated", "undated"], ["dated", "undated"]]


def test_too_many_search_words_are_refused(api_client):
    response = api_client.get("/api/v1/events/", {"search": " ".join(f"w{n}" for n in range(11))})

    assert (response.status_code, response.json()) == (
        400,
        {"search": ["Search for at most 10 different words."]},
    )


def test_api_root_as_csv_is_one_row_of_links(api_client):
    response = api_client.get("/api/v1/", {"format": "csv"})

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert (response.status_code, rows[0], len(rows)) == (200, RESOURCES, 2)


@pytest.mark.parametrize("goals", [[1e400], [1.5], [True], ["5a"], [18]])
def test_goal_numbers_must_be_whole_goals(staff_api_client, goals):
    body = json.dumps({"slug": "x", "title": "X", "kind": "forum", "sdg_goals": goals})

    response = staff_api_client.post(
        "/api/v1/events/", body.replace("Infinity", "1e400"), content_type="application/json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["sdg_goals"]


def test_nul_character_in_a_breakdown_is_refused(api_client):
    response = api_client.get("/api/v1/observations/", {"disaggregation": "SEX:\x00"})

    assert response.status_code == 400
    assert list(response.json()) == ["disaggregation"]


def test_reference_with_a_nul_character_is_refused(staff_api_client):
    response = staff_api_client.post(
        "/api/v1/organisations/", {"slug": "x", "name": "X", "parent": "a\x00b"}, format="json"
    )

    assert (response.status_code, response.json()) == (
        400,
        {"parent": ["Give the slug as text (without NUL characters)."]},
    )
