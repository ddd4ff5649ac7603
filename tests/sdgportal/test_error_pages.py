"""The portal's own error pages: in its look and language, saying what went wrong."""

import pytest
from django.test import Client

from sdgportal import views

pytestmark = pytest.mark.django_db


def test_a_missing_page_offers_the_search(client):
    response = client.get("/events/no-such-event-at-all/")

    content = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in content
    assert 'action="/search/"' in content


def test_a_missing_page_speaks_the_readers_language(client):
    response = client.get("/ru/no-such-page/")

    assert response.status_code == 404
    assert "<h1>Страница не найдена</h1>" in response.content.decode()


def test_a_body_over_the_limit_is_refused_with_the_reason(editor_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = editor_client.post("/admin/curation/import/", {"text": "x" * 2000})

    content = response.content.decode()
    assert response.status_code == 400
    assert "<h1>The request could not be read</h1>" in content
    assert "upload longer texts as a file" in content


def test_a_forbidden_page_says_so(editor_client):
    response = editor_client.get("/admin/auth/user/")

    assert response.status_code == 403
    assert "<h1>Not allowed</h1>" in response.content.decode()


def test_a_server_error_shows_the_portals_own_page(monkeypatch):
    def broken(request):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(views.AboutView, "get", lambda self, request: broken(request))
    client = Client(raise_request_exception=False)

    response = client.get("/about/")

    content = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in content
    assert "the database went away" not in content


def test_a_request_for_another_host_is_refused_with_the_bare_page(client):
    response = client.get("/about/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert "<h1>The request could not be read</h1>" in response.content.decode()
