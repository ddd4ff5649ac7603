import pytest
from django.contrib.auth.models import Group, Permission

from sdgportal.models import ReviewStatus
from sdgportal.roles import EDITORS, sync_editors
from tests import factories

pytestmark = pytest.mark.django_db


def test_migrations_create_the_editors_group_with_every_content_permission():
    editors = Group.objects.get(name=EDITORS)
    held = set(editors.permissions.values_list("content_type__app_label", "codename"))

    for needed in (
        ("events", "change_event"),
        ("organisations", "delete_person"),
        ("organisations", "add_grant"),
        ("indicators", "change_nationalindicator"),
        ("sdgportal", "change_citation"),
    ):
        assert needed in held
    assert not {app for app, _codename in held} - {
        "sdgportal",
        "indicators",
        "organisations",
        "events",
    }


def test_syncing_the_editors_again_adds_nothing_twice():
    before = Group.objects.get(name=EDITORS).permissions.count()

    sync_editors()

    assert Group.objects.get(name=EDITORS).permissions.count() == before
    assert Permission.objects.filter(content_type__app_label="events").count() > 0


def test_an_editor_edits_and_reviews_content(editor_client):
    event = factories.EventFactory(review_status=ReviewStatus.IMPORTED)

    listing = editor_client.get("/admin/events/event/")
    reviewed = editor_client.post(
        "/admin/events/event/",
        {"action": "mark_reviewed", "_selected_action": [event.pk]},
    )

    assert listing.status_code == 200
    assert reviewed.status_code == 302
    event.refresh_from_db()
    assert event.review_status == ReviewStatus.REVIEWED


@pytest.mark.parametrize(
    "path", ["/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/"]
)
def test_an_editor_manages_no_users_or_permissions(editor_client, path):
    assert editor_client.get(path).status_code == 403


def test_the_admin_index_shows_an_editor_the_content_but_not_the_users(editor_client):
    response = editor_client.get("/admin/")

    assert "/admin/events/event/" in response.text
    assert "/admin/auth/user/" not in response.text


def test_an_editor_marks_one_record_reviewed_from_its_page(editor_client):
    organisation = factories.OrganisationFactory(
        name="Steppe Voices", review_status=ReviewStatus.IMPORTED
    )
    page = editor_client.get(f"/admin/organisations/organisation/{organisation.pk}/change/")
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        {
            "name": "Steppe Voices Foundation",
            "aliases": "[]",
            "review_status": "imported",
            "_mark_reviewed": "Save and mark as reviewed",
        }
    )
    for inline in page.context["inline_admin_formsets"]:  # none holds a row yet
        prefix = inline.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})

    response = editor_client.post(
        f"/admin/organisations/organisation/{organisation.pk}/change/", data
    )

    assert 'name="_mark_reviewed"' in page.text
    assert response.status_code == 302, response.context["adminform"].form.errors
    organisation.refresh_from_db()
    assert (organisation.name, organisation.review_status) == (
        "Steppe Voices Foundation",
        ReviewStatus.REVIEWED,
    )
