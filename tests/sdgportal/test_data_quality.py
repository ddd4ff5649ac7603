"""The data-quality page: records missing their essentials, rule by rule, in constant queries."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

PAGE = reverse("admin:data_quality")


@pytest.fixture
def scene():
    """For each rule, records that break it and records that keep it."""
    factories.EventFactory(title="Dated in Astana")
    factories.EventFactory(title="Dated, online", city="", is_online=True)
    factories.EventFactory(title="Undated", start_date=None)
    factories.EventFactory(title="Nowhere", city="")
    factories.EventFactory(title="Neither", start_date=None, city="")
    factories.GrantFactory(title="Complete grant")
    factories.GrantFactory(title="No amount", amount=None, currency="")
    factories.GrantFactory(title="No funder", funder=None)
    factories.PositionFactory(person__name="Holds a post")
    factories.EventSpeakerFactory(
        person__name="Speaks for one",
        organisation=factories.OrganisationFactory(name="Sector-less", sector=""),
    )
    factories.PositionFactory(person__name="Title only", organisation=None)
    factories.EventSpeakerFactory(person__name="Speaks for none")
    factories.PersonFactory(name="Nothing known")


def findings(response):
    """Each rule's records by name: events without a date sort apart on SQLite and PostgreSQL."""
    return [
        (
            str(found.rule.title),
            found.total,
            sorted((str(s.record), [str(label) for label in s.missing]) for s in found.shown),
        )
        for found in response.context["findings"]
    ]


def test_each_rule_lists_the_records_missing_essentials_and_only_those(editor_client, scene):
    response = editor_client.get(PAGE)

    assert findings(response) == [
        (
            "Events without a date or a place",
            3,
            [
                ("Neither", ["date", "place (a city, or online)"]),
                ("Nowhere", ["place (a city, or online)"]),
                ("Undated", ["date"]),
            ],
        ),
        (
            "Grants without an amount or a funder",
            2,
            [("No amount", ["amount"]), ("No funder", ["funder"])],
        ),
        (
            "People without an organisation",
            3,
            [
                ("Nothing known", ["organisation"]),
                ("Speaks for none", ["organisation"]),
                ("Title only", ["organisation"]),
            ],
        ),
        ("Organisations without a sector", 1, [("Sector-less", ["sector"])]),
    ]


@pytest.mark.parametrize(
    ("changelist", "listed"),
    [
        ("admin:events_event_changelist", ["Neither", "Nowhere", "Undated"]),
        ("admin:organisations_grant_changelist", ["No amount", "No funder"]),
        (
            "admin:organisations_person_changelist",
            ["Nothing known", "Speaks for none", "Title only"],
        ),
        ("admin:organisations_organisation_changelist", ["Sector-less"]),
    ],
)
def test_each_list_filters_the_records_missing_essentials(editor_client, scene, changelist, listed):
    url = reverse(changelist)

    response = editor_client.get(url, {"essentials": "missing"})

    assert sorted(str(record) for record in response.context["cl"].result_list) == listed
    assert f'href="{url}?essentials=missing"' in editor_client.get(PAGE).text


def offending(count):
    for _ in range(count):
        factories.EventFactory(start_date=None)
        factories.GrantFactory(amount=None, currency="")
        factories.PositionFactory(organisation=None)
        factories.OrganisationFactory(sector="")


@pytest.mark.parametrize("count", [1, 10])
def test_the_page_reads_each_rule_in_one_query(staff_client, django_assert_max_num_queries, count):
    offending(count)

    # session, user, then one query per rule: its first records and how many break it
    with django_assert_max_num_queries(6):
        response = staff_client.get(PAGE)

    assert [found.total for found in response.context["findings"]] == [count, count, count, count]


def test_only_shows_the_first_records_and_counts_them_all(staff_client, settings):
    factories.OrganisationFactory.create_batch(52, sector="")

    response = staff_client.get(PAGE)

    organisations = response.context["findings"][3]
    assert (organisations.total, len(organisations.shown)) == (52, 50)
    assert "The first 50 are shown." in response.text


def test_a_curator_sees_only_the_rules_of_records_they_may_view(client, django_user_model):
    user = django_user_model.objects.create_user("events-only", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_event"))
    client.force_login(user)

    response = client.get(PAGE)

    assert [str(found.rule.title) for found in response.context["findings"]] == [
        "Events without a date or a place"
    ]


def test_staff_who_may_view_no_record_is_refused(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("intern", is_staff=True))

    assert client.get(PAGE).status_code == 403
