"""Signing in to the admin: a lockout after repeated failures, sessions that expire, strong
passwords."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

pytestmark = pytest.mark.django_db

PASSWORD = "Steppe-winds-over-Astana-2030"


@pytest.fixture(autouse=True)
def lockout_on(settings):
    settings.AXES_ENABLED = True


@pytest.fixture
def curator(django_user_model):
    return django_user_model.objects.create_user(
        "aigerim", "aigerim@example.org", PASSWORD, is_staff=True
    )


def sign_in(client: Client, password: str, address: str = "203.0.113.5") -> object:
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "aigerim", "password": password},
        REMOTE_ADDR=address,
    )


def test_five_wrong_passwords_lock_the_account_from_that_address(client, curator, settings):
    statuses = [sign_in(client, f"guess-{n}").status_code for n in range(5)]
    locked = sign_in(client, PASSWORD)

    assert statuses == [200, 200, 200, 200, 429]
    assert locked.status_code == 429
    assert "Sign-in locked" in locked.content.decode()
    assert "Try again in 15 minutes" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_leaves_the_account_open_from_elsewhere(client, curator):
    for n in range(5):
        sign_in(client, f"guess-{n}")

    response = sign_in(Client(), PASSWORD, address="198.51.100.7")

    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_the_lockout_ends_after_the_cool_off(client, curator):
    for n in range(5):
        sign_in(client, f"guess-{n}")

    with freeze_time(timezone.now() + timedelta(minutes=16)):
        response = sign_in(client, PASSWORD)

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert AccessAttempt.objects.count() == 0  # a success forgets the failures


def test_a_failed_sign_in_is_counted_by_account_and_address(client, curator):
    sign_in(client, "wrong")

    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == (
        "aigerim",
        "203.0.113.5",
        1,
    )


def test_behind_the_proxy_the_client_address_is_the_one_it_forwarded(client, curator, settings):
    settings.TRUSTED_PROXIES = 1

    client.post(
        "/admin/login/",
        {"username": "aigerim", "password": "wrong"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="forged, 203.0.113.9",
    )

    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"


def test_a_session_lasts_while_used_and_ends_after_two_idle_hours(client, curator):
    sign_in(client, PASSWORD)
    signed_in_at = timezone.now()

    def status_after(hours: float) -> int:
        with freeze_time(signed_in_at + timedelta(hours=hours)):
            return client.get("/admin/").status_code

    # Each use moves the end two hours on: 1:50 and 3:30 are within two hours of the last use.
    assert [status_after(1 + 50 / 60), status_after(3.5), status_after(5.5 + 10 / 60)] == [
        200,
        200,
        302,
    ]


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Short-1", "This password is too short. It must contain at least 12 characters."),
        ("password1234", "This password is too common."),
        ("734920184756", "This password is entirely numeric."),
        ("aigerim-example", "The password is too similar to the email address."),
    ],
)
def test_weak_passwords_are_refused(curator, password, reason):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user=curator)

    assert reason in refused.value.messages


def test_the_admin_refuses_a_weak_password_for_a_new_account(admin_client, django_user_model):
    response = admin_client.post(
        "/admin/auth/user/add/",
        {"username": "newcomer", "password1": "kazakhstan", "password2": "kazakhstan"},
    )

    assert response.status_code == 200
    assert "This password is too short." in response.content.decode()
    assert not django_user_model.objects.filter(username="newcomer").exists()
