"""Who may write: anonymous clients and readers write nothing; editors curate but manage no one;
forms need their CSRF token; anonymous API clients are throttled."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from events.models import Event
from organisations.models import Grant, Organisation, Person
from tests import factories

pytestmark = pytest.mark.django_db

WRITABLE = {
    "events": (Event, factories.EventFactory, "slug"),
    "organisations": (Organisation, factories.OrganisationFactory, "slug"),
    "people": (Person, factories.PersonFactory, "slug"),
    "grants": (Grant, factories.GrantFactory, "pk"),
}
WRITES = ["post", "put", "patch", "delete"]


def _address(resource: str, record: object, method: str) -> str:
    lookup = WRITABLE[resource][2]
    if method == "post":
        return f"/api/v1/{resource}/"
    return f"/api/v1/{resource}/{getattr(record, lookup)}/"


@pytest.mark.parametrize("method", WRITES)
@pytest.mark.parametrize("resource", list(WRITABLE))
def test_anonymous_writes_are_refused_and_change_nothing(api_client, resource, method):
    model, factory, _lookup = WRITABLE[resource]
    record = factory()
    before = list(model.objects.values())

    response = getattr(api_client, method)(
        _address(resource, record, method), {"name": "Taken over"}, format="json"
    )

    assert (response.status_code, response.json()) == (
        401,
        {"detail": "Authentication credentials were not provided."},
    )
    assert list(model.objects.values()) == before


@pytest.mark.parametrize("method", WRITES)
@pytest.mark.parametrize("resource", list(WRITABLE))
def test_a_signed_in_reader_without_staff_rights_writes_nothing(
    member_api_client, resource, method
):
    model, factory, _lookup = WRITABLE[resource]
    record = factory()
    before = list(model.objects.values())

    response = getattr(member_api_client, method)(
        _address(resource, record, method), {"name": "Taken over"}, format="json"
    )

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "You do not have permission to perform this action."},
    )
    assert list(model.objects.values()) == before


def test_a_forged_token_is_refused(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)

    response = api_client.post("/api/v1/organisations/", {"name": "Forged"}, format="json")

    assert (response.status_code, response.json()) == (401, {"detail": "Invalid token."})
    assert Organisation.objects.count() == 0


@pytest.mark.parametrize(
    "path",
    [
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        "/admin/auth/group/",
        "/admin/auth/group/add/",
        "/admin/authtoken/tokenproxy/",
        "/admin/axes/accessattempt/",
    ],
)
def test_an_editor_cannot_open_the_pages_that_manage_users(editor_client, path):
    assert editor_client.get(path).status_code == 403


def test_an_editor_cannot_create_a_user(editor_client):
    response = editor_client.post(
        "/admin/auth/user/add/",
        {"username": "intruder", "password1": "A-long-pass-phrase-1", "password2": "same"},
    )

    assert response.status_code == 403
    assert not get_user_model().objects.filter(username="intruder").exists()


def test_an_editor_cannot_make_themselves_a_superuser(editor_client, editor):
    response = editor_client.post(
        f"/admin/auth/user/{editor.pk}/change/",
        {"username": editor.username, "is_staff": "on", "is_superuser": "on", "is_active": "on"},
    )

    editor.refresh_from_db()
    assert (response.status_code, editor.is_superuser) == (403, False)


def test_an_editor_cannot_grant_the_editors_more_permissions(editor_client):
    editors = Group.objects.get(name="Editors")
    before = set(editors.permissions.values_list("pk", flat=True))
    manage_users = Permission.objects.get(codename="change_user")

    response = editor_client.post(
        f"/admin/auth/group/{editors.pk}/change/",
        {"name": "Editors", "permissions": [*before, manage_users.pk]},
    )

    assert response.status_code == 403
    assert set(editors.permissions.values_list("pk", flat=True)) == before


@pytest.fixture
def csrf_client(editor):
    """A signed-in editor's browser that, like a real one, must send the form's CSRF token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    return client


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/admin/organisations/organisation/add/", {"name": "Cross-site", "sector": "ngo"}),
        ("/admin/curation/import/", {"text": "Cross-site\n\n1 May 2024\nA forum took place."}),
        ("/admin/logout/", {}),
    ],
)
def test_admin_forms_refuse_a_post_without_the_csrf_token(csrf_client, path, data):
    response = csrf_client.post(path, data)

    assert response.status_code == 403
    assert b"CSRF verification failed" in response.content
    assert Organisation.objects.count() == 0


def test_the_sign_in_form_refuses_a_post_without_the_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/admin/login/", {"username": "editor", "password": "pw"})

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def empty_inlines(*prefixes: str) -> dict[str, str]:
    """The management forms of inlines posted without rows."""
    counts = {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0"}
    return {f"{prefix}-{name}": value for prefix in prefixes for name, value in counts.items()}


def test_an_admin_form_with_its_csrf_token_is_accepted(csrf_client):
    form = csrf_client.get("/admin/organisations/organisation/add/")
    token = form.context["csrf_token"]

    response = csrf_client.post(
        "/admin/organisations/organisation/add/",
        {
            "csrfmiddlewaretoken": token,
            "name": "Within the site",
            "slug": "within-the-site",
            "sector": "ngo",
            "review_status": "reviewed",
            "aliases": "[]",
            **empty_inlines("children", "sdgportal-citation-content_type-object_id"),
        },
    )

    assert (response.status_code, list(Organisation.objects.values_list("slug", flat=True))) == (
        302,
        ["within-the-site"],
    )


def test_an_api_write_by_session_needs_the_csrf_token(editor):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post("/api/v1/organisations/", {"name": "Cross-site"}, format="json")

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "CSRF Failed: CSRF cookie not set."},
    )
    assert Organisation.objects.count() == 0


def test_an_api_write_by_token_needs_no_csrf_token(staff_api_client):
    staff_api_client.handler.enforce_csrf_checks = True

    response = staff_api_client.post(
        "/api/v1/organisations/",
        {"name": "Token holder", "slug": "token-holder", "sector": "ngo"},
        format="json",
    )

    assert response.status_code == 201, response.json()


def test_anonymous_clients_past_the_rate_are_answered_429_with_when_to_retry(api_client, settings):
    settings.API_ANON_THROTTLE_RATE = "3/minute"
    cache.clear()

    responses = [api_client.get("/api/v1/goals/") for _ in range(4)]

    assert [response.status_code for response in responses] == [200, 200, 200, 429]
    assert responses[-1].json()["detail"].startswith("Request was throttled. Expected available")
    assert 1 <= int(responses[-1]["Retry-After"]) <= 60


def test_the_throttle_counts_each_client_behind_the_proxy_apart(api_client, settings):
    settings.API_ANON_THROTTLE_RATE = "1/minute"
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    cache.clear()

    def status_for(address: str) -> int:
        return api_client.get(
            "/api/v1/goals/", HTTP_X_FORWARDED_FOR=address, REMOTE_ADDR="10.0.0.2"
        ).status_code

    assert [status_for("203.0.113.5"), status_for("203.0.113.5"), status_for("198.51.100.7")] == [
        200,
        429,
        200,
    ]
