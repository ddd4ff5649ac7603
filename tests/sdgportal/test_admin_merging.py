import re

import pytest
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.auth.models import Permission

from events.models import Event
from organisations.models import Organisation, Person
from sdgportal.models import MergedRecord, ReviewStatus
from tests import factories

pytestmark = pytest.mark.django_db


def merge_action(client, path, records):
    return client.post(
        path, {"action": "merge_selected", "_selected_action": [record.pk for record in records]}
    )


def test_the_merge_action_opens_the_confirmation_page(editor_client):
    first, second = factories.OrganisationFactory(), factories.OrganisationFactory()

    response = merge_action(editor_client, "/admin/organisations/organisation/", [second, first])

    assert (response.status_code, response.url) == (
        302,
        f"/admin/organisations/organisation/merge/?ids={first.pk}%2C{second.pk}",
    )


def test_the_confirmation_page_previews_the_result(editor_client):
    survivor = factories.OrganisationFactory(
        name="UNDP Kazakhstan", sector="", review_status=ReviewStatus.REVIEWED
    )
    other = factories.OrganisationFactory(
        name="ПРООН", sector="international", review_status=ReviewStatus.IMPORTED
    )
    factories.GrantFactory(funder=other)
    factories.EventOrganisationFactory(organisation=other)

    response = editor_client.get(
        f"/admin/organisations/organisation/merge/?ids={other.pk},{survivor.pk}"
    )

    preview = response.context["preview"]
    assert (response.status_code, response.context["survivor"]) == (200, survivor)
    assert (preview.name, preview.aliases, preview.filled, preview.moves) == (
        "UNDP Kazakhstan",
        ["ПРООН"],
        [("sector", "International organisation")],
        [("grants (funder)", 1), ("organisers and partners", 1)],
    )
    for text in (
        f"The result: “UNDP Kazakhstan” (#{survivor.pk})",
        "UNDP Kazakhstan",
        "ПРООН",
        "International organisation",
        "Grants (funder): 1",
    ):
        assert text in response.text


def test_the_editor_chooses_the_record_to_keep(editor_client):
    first = factories.PersonFactory(name="Nursultan Nazarbayev")
    second = factories.PersonFactory(name="Нурсултан Назарбаев")

    response = editor_client.get(
        f"/admin/organisations/person/merge/?ids={first.pk},{second.pk}&survivor={second.pk}"
    )

    assert (response.context["survivor"], response.context["preview"].aliases) == (
        second,
        ["Nursultan Nazarbayev"],
    )


def test_confirming_merges_and_shows_the_record_kept(editor_client, editor):
    survivor = factories.PersonFactory(name="Nursultan Nazarbayev")
    other = factories.PersonFactory(name="Нурсултан Назарбаев", slug="nazarbaev")
    position = factories.PositionFactory(person=other)
    appearance = factories.EventSpeakerFactory(person=other)

    response = editor_client.post(
        "/admin/organisations/person/merge/",
        {"ids": f"{survivor.pk},{other.pk}", "survivor": survivor.pk},
        follow=True,
    )

    assert response.redirect_chain == [(f"/admin/organisations/person/{survivor.pk}/change/", 302)]
    assert [str(message) for message in response.context["messages"]] == [
        "Merged 1 record into “Nursultan Nazarbayev”."
    ]
    assert list(Person.objects.all()) == [survivor]
    assert list(survivor.positions.all()) == [position]
    assert list(survivor.appearances.all()) == [appearance]
    assert MergedRecord.objects.get().merged_by == editor
    survivor.refresh_from_db()
    assert "Нурсултан Назарбаев" in survivor.aliases
    latest = survivor.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        editor,
        f"Merged “Нурсултан Назарбаев” (#{other.pk}) into “Nursultan Nazarbayev” (#{survivor.pk})",
    )
    assert sorted(LogEntry.objects.values_list("object_id", "action_flag", "change_message")) == [
        (str(survivor.pk), CHANGE, "Merged “Нурсултан Назарбаев” into this record."),
        (str(other.pk), DELETION, ""),
    ]


def test_events_merge_too(editor_client):
    survivor, other = factories.EventFactory(), factories.EventFactory()

    editor_client.post(
        "/admin/events/event/merge/", {"ids": f"{survivor.pk},{other.pk}", "survivor": survivor.pk}
    )

    assert list(Event.objects.all()) == [survivor]


def test_one_record_cannot_be_merged(editor_client):
    organisation = factories.OrganisationFactory()

    action = merge_action(editor_client, "/admin/organisations/organisation/", [organisation])
    page = editor_client.get(f"/admin/organisations/organisation/merge/?ids={organisation.pk}")

    for response in (action, page):
        assert (response.status_code, response.url) == (302, "/admin/organisations/organisation/")
    assert [str(message) for message in editor_client.get(page.url).context["messages"]] == [
        "Select two or more records to merge.",
        "Select two or more records to merge.",
    ]
    assert Organisation.objects.count() == 1


@pytest.fixture
def viewer_client(client, django_user_model):
    """Staff who may view and change organisations, but not delete them."""
    user = django_user_model.objects.create_user("viewer", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_organisation", "change_organisation", "view_person"]
        )
    )
    client.force_login(user)
    return client


def test_merging_needs_the_permissions_to_change_and_delete(viewer_client):
    first, second = factories.OrganisationFactory(), factories.OrganisationFactory()

    listing = viewer_client.get("/admin/organisations/organisation/")
    page = viewer_client.get(f"/admin/organisations/organisation/merge/?ids={first.pk},{second.pk}")
    post = viewer_client.post(
        "/admin/organisations/organisation/merge/",
        {"ids": f"{first.pk},{second.pk}", "survivor": first.pk},
    )

    assert "merge_selected" not in listing.text
    assert (page.status_code, post.status_code) == (403, 403)
    assert Organisation.objects.count() == 2


def test_the_likely_duplicates_page_groups_probable_duplicates(editor_client):
    latin = factories.PersonFactory(name="Nursultan Nazarbayev")
    cyrillic = factories.PersonFactory(name="Нурсултан Назарбаев")
    factories.PersonFactory(name="Aigerim Sarsenova")
    full = factories.OrganisationFactory(name="United Nations Development Programme")
    acronym = factories.OrganisationFactory(name="UNDP")
    factories.OrganisationFactory(name="Soros Foundation Kazakhstan")

    response = editor_client.get("/admin/curation/duplicates/")

    shown = {
        str(kind["name"]): [
            [name for name, _address in group["records"]] for group in kind["groups"]
        ]
        for kind in response.context["kinds"]
    }
    assert shown == {
        "organisations": [["United Nations Development Programme", "UNDP"]],
        "people": [["Nursultan Nazarbayev", "Нурсултан Назарбаев"]],
        "events": [],
    }
    assert "Aigerim Sarsenova" not in response.text
    assert "Soros Foundation Kazakhstan" not in response.text
    assert f"/admin/organisations/person/merge/?ids={latin.pk}%2C{cyrillic.pk}" in response.text
    assert f"/admin/organisations/organisation/merge/?ids={full.pk}%2C{acronym.pk}" in response.text
    assert "same name, spelled otherwise" in response.text
    assert "acronym of the other&#x27;s name" in response.text


@pytest.mark.parametrize("pairs", [1, 3])
def test_the_likely_duplicates_page_reads_each_kind_in_one_query(
    editor_client, django_assert_max_num_queries, pairs
):
    for number in range(pairs):
        factories.PersonFactory(name=f"Нурсултан Назарбаев {number}")
        factories.PersonFactory(name=f"Nursultan Nazarbayev {number}")
        factories.OrganisationFactory(name=f"Eurasia Foundation {number}", acronym=f"EF{number}")
        factories.OrganisationFactory(name=f"EF{number}")
        factories.EventFactory(title=f"Civil Forum {number}", start_date=None)
        factories.EventFactory(title=f"Гражданский форум {number}", start_date=None)

    # session, user, the user's and the group's permissions; one read of each kind
    with django_assert_max_num_queries(7):
        response = editor_client.get("/admin/curation/duplicates/")

    assert [kind["count"] for kind in response.context["kinds"]] == [pairs, pairs, 0]


def test_the_admin_index_links_the_likely_duplicates(editor_client):
    response = editor_client.get("/admin/")

    assert re.search(r'href="/admin/curation/duplicates/"', response.text)
