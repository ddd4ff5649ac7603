import pytest


@pytest.fixture
def staff_client(client, django_user_model):
    """A client logged in as a superuser: sees every admin page."""
    user = django_user_model.objects.create_superuser("curator", "curator@example.org", "pw")
    client.force_login(user)
    return client
