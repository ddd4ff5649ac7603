import os
import subprocess
import sys
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client

from organisations.models import Organisation
from organisations.partnerships import partnerships
from sdgportal.caching import VERSION_KEY, DataVersion, data_version, one_data_version
from sdgportal.history import create_with_history
from sdgportal.page_cache import is_shareable
from sdgportal.selectors import goals_with_counts_listed, headline_figures
from tests.factories import EventFactory, EventOrganisationFactory, OrganisationFactory, goal
from tests.sdgportal.importing.test_import_seeds import ARTICLE

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def rendered(response):
    """Whether the view ran: a response from the cache renders no template."""
    return response.context is not None


def test_a_page_asked_again_with_its_etag_is_not_modified_without_a_query(
    client, django_assert_max_num_queries
):
    EventFactory(title="Civic Forum")
    first = client.get("/events/")

    with django_assert_max_num_queries(0):
        again = client.get("/events/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert (first.status_code, again.status_code, again["ETag"]) == (200, 304, first["ETag"])
    assert again.content == b""


def test_an_api_list_asked_again_with_its_etag_is_not_modified_without_a_query(
    api_client, django_assert_max_num_queries
):
    EventFactory(title="Civic Forum")
    first = api_client.get("/api/v1/events/")

    with django_assert_max_num_queries(0):
        again = api_client.get("/api/v1/events/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert (first.status_code, again.status_code) == (200, 304)


def test_a_page_asked_since_it_was_last_modified_is_not_modified(client):
    first = client.get("/events/")

    again = client.get("/events/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert again.status_code == 304


def test_a_page_asked_again_comes_from_the_cache_with_no_query(
    client, django_assert_max_num_queries
):
    EventFactory(title="Civic Forum")
    first = client.get("/events/")

    with django_assert_max_num_queries(0):
        again = client.get("/events/")

    assert (rendered(first), rendered(again)) == (True, False)
    assert (again.status_code, again.content, again["ETag"]) == (200, first.content, first["ETag"])
    assert again["Cache-Control"] == "no-cache"


def test_a_saved_record_changes_the_etag_and_shows_on_the_cached_page(client):
    EventFactory(title="Civic Forum")
    first = client.get("/events/")

    EventFactory(title="Water Week")
    again = client.get("/events/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert "Water Week" in again.text


def test_a_bulk_write_changes_the_etag(client):
    first = client.get("/organisations/")

    create_with_history([Organisation(name="Steppe Voices", slug="steppe-voices")])
    again = client.get("/organisations/")

    assert again["ETag"] != first["ETag"]
    assert "Steppe Voices" in again.text


def test_an_import_shows_on_the_cached_page(client, tmp_path):
    client.get("/events/")
    page = tmp_path / "forum.txt"
    page.write_text(ARTICLE, encoding="utf-8")

    call_command("import_seeds", str(page), stdout=StringIO(), stderr=StringIO())

    assert "Partnerships with NGOs for the SDGs" in client.get("/events/").text


def test_a_signed_in_reader_is_never_given_a_cached_page(staff_client):
    anonymous = Client()
    anonymous.get("/events/")

    signed_in = staff_client.get("/events/")

    assert (rendered(signed_in), "ETag" in signed_in) == (True, False)


def test_a_signed_in_readers_page_is_never_given_to_others(staff_client):
    staff_client.get("/events/")

    anonymous = Client().get("/events/")

    assert rendered(anonymous)


def test_pages_hold_no_csrf_token_and_set_no_cookie(client):
    response = client.get("/events/")

    assert ("csrfmiddlewaretoken" in response.text, dict(response.cookies)) == (False, {})


def test_only_an_answer_without_a_csrf_token_is_shared(rf):
    with_token = rf.get("/events/")
    get_token(with_token)

    assert (
        is_shareable(with_token, HttpResponse("a form")),
        is_shareable(rf.get("/events/"), HttpResponse("a page")),
    ) == (False, True)


def test_languages_do_not_mix(client):
    english = client.get("/")
    russian = client.get("/ru/")
    english_again = client.get("/")

    assert ('<html lang="en">' in english_again.text, '<html lang="ru">' in russian.text) == (
        True,
        True,
    )
    assert english["ETag"] != russian["ETag"]


def test_api_languages_from_accept_language_do_not_mix(api_client):
    goal(16)
    english = api_client.get("/api/v1/goals/16/")
    russian = api_client.get("/api/v1/goals/16/", HTTP_ACCEPT_LANGUAGE="ru")
    english_again = api_client.get("/api/v1/goals/16/")

    assert english["ETag"] != russian["ETag"]
    assert (english_again.content, english_again["Content-Language"]) == (english.content, "en")


def test_query_strings_do_not_mix(client):
    EventFactory(title="Justice forum").goals.add(goal(16))
    EventFactory(title="Water week").goals.add(goal(6))

    client.get("/events/?goal=16")
    water = client.get("/events/?goal=6")

    assert ("Water week" in water.text, "Justice forum" in water.text) == (True, False)


def test_csv_and_json_do_not_mix(api_client):
    goal(16)
    json_answer = api_client.get("/api/v1/goals/")
    csv_answer = api_client.get("/api/v1/goals/?format=csv")
    by_accept = api_client.get("/api/v1/goals/", HTTP_ACCEPT="text/csv")
    json_again = api_client.get("/api/v1/goals/")

    assert [
        answer["Content-Type"] for answer in (json_answer, csv_answer, by_accept, json_again)
    ] == [
        "application/json",
        "text/csv; charset=utf-8",
        "text/csv; charset=utf-8",
        "application/json",
    ]


def test_an_error_is_not_cached(client, api_client):
    page = [client.get("/events/?year=soon") for _ in range(2)]
    api = [api_client.get("/api/v1/events/?colour=red") for _ in range(2)]

    assert [(response.status_code, "ETag" in response) for response in page + api] == [
        (400, False)
    ] * 4
    assert rendered(page[1])


def test_a_streamed_export_is_not_cached(api_client):
    EventFactory()
    answers = [api_client.get("/api/v1/events/?format=csv&all=true") for _ in range(2)]

    assert [(answer.streaming, "ETag" in answer) for answer in answers] == [(True, False)] * 2


def test_figures_and_partnerships_are_computed_once_per_data_version(
    django_assert_max_num_queries,
):
    event = EventFactory()
    EventOrganisationFactory(event=event, organisation=OrganisationFactory(name="UNDP"))
    EventOrganisationFactory(event=event, organisation=OrganisationFactory(name="Ministry"))
    first = (goals_with_counts_listed(), headline_figures(), partnerships())

    with django_assert_max_num_queries(0):
        again = (goals_with_counts_listed(), headline_figures(), partnerships())

    assert (len(again[0]), again[1], len(again[2])) == (len(first[0]), first[1], 1)
    EventFactory()
    assert headline_figures()["events"] == 2


def test_home_page_in_another_url_reads_the_figures_from_the_cache(
    client, django_assert_max_num_queries
):
    EventFactory().goals.add(goal(5))
    client.get("/")

    # latest events with organisers, speakers, goals, targets, citations; recent grants
    with django_assert_max_num_queries(7):
        response = client.get("/?from=newsletter")

    assert rendered(response)


def test_data_version_is_replaced_by_a_save():
    before = data_version()

    OrganisationFactory()

    assert data_version() != before


def test_one_data_version_is_read_once_until_data_change():
    with one_data_version() as held:
        cache.set(VERSION_KEY, DataVersion(token="elsewhere", changed_at=0))
        seen_while_held = data_version()
        EventFactory()  # a change in this request: its own figures take the new version
        seen_after_a_change = data_version()
    cache.set(VERSION_KEY, DataVersion(token="later", changed_at=0))

    assert seen_while_held == held
    assert seen_after_a_change not in (held, DataVersion(token="elsewhere", changed_at=0))
    assert data_version() == DataVersion(token="later", changed_at=0)


def test_redis_is_the_cache_when_redis_url_is_set():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sdgportal.settings.base",
        "REDIS_URL": "redis://127.0.0.1:6379/1",
    }
    program = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"

    found = subprocess.run(
        [sys.executable, "-c", program], env=environment, cwd=ROOT, capture_output=True, text=True
    )

    assert found.stdout.strip() == "sdgportal.redis_cache.PortalRedisCache"


@pytest.fixture
def redis_cache(settings):
    """Both caches in Redis under a prefix of their own, emptied afterwards."""
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        alias: {
            "BACKEND": "sdgportal.redis_cache.PortalRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": f"{prefix}-{alias}",
        }
        for alias in ("default", "pages")
    }
    yield
    server = cache._cache.get_client(write=True)
    if found := server.keys(f"{prefix}-*"):
        server.delete(*found)


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL names no Redis server")
def test_pages_are_cached_in_redis(redis_cache, client, django_assert_max_num_queries):
    EventFactory(title="Civic Forum")
    first = client.get("/events/")

    with django_assert_max_num_queries(0):
        again = client.get("/events/")

    assert (rendered(first), rendered(again), again.content) == (True, False, first.content)


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL names no Redis server")
def test_the_redis_cache_keeps_one_client_per_connection_pool(redis_cache):
    cache.set("figure", 42)

    assert cache.get("figure") == 42
    assert cache._cache.get_client() is cache._cache.get_client()
    assert cache._cache.get_client(write=True) is cache._cache.get_client(write=True)


def test_stored_pages_are_kept_apart_and_cannot_push_out_the_data_version(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "a"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "b",
            "OPTIONS": {"MAX_ENTRIES": 3, "CULL_FREQUENCY": 1},
        },
    }
    version = data_version()

    for number in range(10):
        client.get("/", HTTP_ACCEPT=f"text/html, x-other/{number}")  # ten different pages

    assert data_version() == version
    assert 1 <= len(caches["pages"]._cache) <= 3
    assert not [key for key in cache._cache if "page:" in key]
