"""The API's documentation and the admin under the Content-Security-Policy, in a real browser
(the page fixture fails a test on any breach of the policy)."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from indicators.models import Goal

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Steppe-winds-over-Astana-2030"


def test_the_api_documentation_lists_the_endpoints_and_tries_one(page):
    Goal.objects.update_or_create(
        number=16,
        defaults={"short_title": "Peace, justice and strong institutions", "colour": "#00689D"},
    )

    page.goto("/api/v1/docs/")
    goals = page.locator("#operations-goals-goals_list")
    goals.locator(".opblock-summary").click()
    goals.get_by_role("button", name="Try it out").click()
    goals.get_by_role("button", name="Execute").click()

    expect(goals.locator(".live-responses-table tbody .response-col_status")).to_have_text("200")
    expect(goals.locator(".live-responses-table tbody")).to_contain_text(
        "Peace, justice and strong institutions"
    )


def test_a_curator_signs_in_and_picks_a_goal_by_autocomplete(page, settings):
    settings.AXES_ENABLED = True
    User.objects.create_superuser("aigerim", "aigerim@example.org", PASSWORD)
    for number, title in [(5, "Gender equality"), (16, "Peace, justice and strong institutions")]:
        Goal.objects.update_or_create(
            number=number, defaults={"short_title": title, "colour": "#00689D"}
        )

    page.goto("/admin/login/?next=/admin/events/event/add/")
    page.get_by_label("Username").fill("aigerim")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.locator(".field-goals .select2-selection").click()
    page.locator(".field-goals .select2-search__field").fill("peace")

    expect(page.locator(".select2-results__option")).to_have_count(1)
    expect(page.locator(".select2-results__option")).to_contain_text("Peace, justice")
