from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from sdgportal.translations import compile_catalogues


@pytest.fixture(autouse=True)
def import_fixtures_in_a_temporary_folder(settings, tmp_path_factory):
    """Imports in tests write their fixtures to a temporary folder, not the project's."""
    settings.IMPORT_FIXTURES_DIR = tmp_path_factory.mktemp("fixtures")


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts without cached pages, figures or throttle history, live server too."""
    for store in caches.all():
        store.clear()
    yield
    for store in caches.all():
        store.clear()


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    """A page in Russian or Kazakh leaves its language active; the next test starts afresh."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def staff_client(client, django_user_model):
    """A client logged in as a superuser: sees every admin page."""
    user = django_user_model.objects.create_superuser("curator", "curator@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def editor(django_user_model):
    """An NGO staff member: staff, in the Editors group, not a superuser."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    """A client logged in as an editor."""
    client.force_login(editor)
    return client


@pytest.fixture
def api_client():
    """An anonymous REST client."""
    return APIClient()


@pytest.fixture
def staff_api_client(django_user_model):
    """A REST client authenticated with the token of a superuser (staff, every permission)."""
    user = django_user_model.objects.create_superuser("api-staff", "api@example.org", "pw")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def member_api_client(django_user_model):
    """A REST client logged in as a user who is neither staff nor holds any permission."""
    client = APIClient()
    client.force_authenticate(django_user_model.objects.create_user("reader"))
    return client


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """The .mo files from the committed .po files, as `make test` compiles them."""
    for locale_dir in settings.LOCALE_PATHS:
        compile_catalogues(Path(locale_dir))
