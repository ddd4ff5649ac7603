import pytest


@pytest.fixture(autouse=True)
def import_fixtures_in_a_temporary_folder(settings, tmp_path_factory):
    """Imports in tests write their fixtures to a temporary folder, not the project's."""
    settings.IMPORT_FIXTURES_DIR = tmp_path_factory.mktemp("fixtures")


@pytest.fixture
def staff_client(client, django_user_model):
    """A client logged in as a superuser: sees every admin page."""
    user = django_user_model.objects.create_superuser("curator", "curator@example.org", "pw")
    client.force_login(user)
    return client
