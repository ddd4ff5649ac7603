"""Versions of curated records: who changed what and when, the diff, revert, hand edits."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from events.models import Event
from indicators.models import NationalIndicator, Region
from sdgportal.history import change_reason, edited_by_hand, hand_edited, imported_from
from sdgportal.models import ReviewStatus
from tests import factories

pytestmark = pytest.mark.django_db


def event_form(event, **changes):
    """The admin change form of an event as the page posts it, with changes."""
    data = {
        "title": event.title,
        "slug": event.slug,
        "kind": event.kind,
        "description": event.description,
        "start_date": event.start_date.isoformat(),
        "start_precision": event.start_precision,
        "end_precision": event.end_precision,
        "city": event.city,
        "country": event.country.code,
        "review_status": event.review_status,
        "goals": [goal.pk for goal in event.goals.all()],
        "targets": [target.pk for target in event.targets.all()],
    }
    for prefix in ("participations", "appearances", "sdgportal-citation-content_type-object_id"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | changes


def versions(record):
    return list(
        record.history.values_list(
            "title", "history_type", "history_user__username", "history_change_reason"
        )
    )


def history_changes(client, record):
    """Each listed version's changes on the record's History page, newest first."""
    meta = record._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[record.pk])
    response = client.get(url)
    assert response.status_code == 200
    return [
        getattr(version, "history_delta_changes", []) for version in response.context["page_obj"]
    ]


def revert_url(record, version):
    meta = record._meta
    return reverse(
        f"admin:{meta.app_label}_{meta.model_name}_simple_history",
        args=[record.pk, version.history_id],
    )


def test_editing_an_event_in_the_admin_writes_a_version_naming_the_editor(editor_client):
    event = factories.EventFactory(title="Civic Forum")

    response = editor_client.post(
        reverse("admin:events_event_change", args=[event.pk]),
        event_form(event, title="Civic Forum 2023"),
    )

    assert response.status_code == 302
    assert versions(event) == [
        ("Civic Forum 2023", "~", "editor", None),
        ("Civic Forum", "+", None, None),
    ]


def test_the_history_page_shows_each_change_with_old_and_new_values(editor_client):
    event = factories.EventFactory(title="Civic Forum")
    event.goals.add(factories.goal(16))

    editor_client.post(
        reverse("admin:events_event_change", args=[event.pk]),
        event_form(event, title="Civic Forum 2023", goals=[5, 16]),
    )

    justice, equality = factories.goal(16), factories.goal(5)
    assert history_changes(editor_client, event) == [
        [
            {"field": "SDG goals", "old": f"[{justice}]", "new": f"[{equality}, {justice}]"},
            {"field": "Title", "old": "Civic Forum", "new": "Civic Forum 2023"},
        ],
        [{"field": "SDG goals", "old": "[]", "new": f"[{justice}]"}],
        [],
    ]


def test_one_admin_save_is_one_version_with_its_goals(editor_client):
    event = factories.EventFactory(title="Civic Forum")

    editor_client.post(
        reverse("admin:events_event_change", args=[event.pk]),
        event_form(event, title="Civic Forum 2023", goals=[5, 16], targets=[]),
    )

    latest = event.history.first()
    assert [row.goal_id for row in latest.goals.order_by("goal_id")] == [5, 16]
    assert event.history.count() == 2


def test_revert_restores_the_earlier_title_as_a_new_version(editor_client):
    event = factories.EventFactory(title="Civic Forum")
    first = event.history.get()
    editor_client.post(
        reverse("admin:events_event_change", args=[event.pk]),
        event_form(event, title="Civic Forum (renamed)"),
    )
    event.refresh_from_db()

    page = editor_client.get(revert_url(event, first))
    response = editor_client.post(revert_url(event, first), event_form(event, title="Civic Forum"))

    assert page.status_code == 200
    assert page.context["adminform"].form.initial["title"] == "Civic Forum"
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Civic Forum"
    reverted = event.history.first()
    assert versions(event)[0][:3] == ("Civic Forum", "~", "editor")
    assert reverted.history_change_reason.startswith("Reverted to the version of ")
    assert event.history.count() == 3


@pytest.fixture
def staff_without_permissions(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("intern", is_staff=True))
    return client


def test_staff_without_permissions_may_not_see_the_history_nor_revert(staff_without_permissions):
    event = factories.EventFactory()
    version = event.history.get()

    history = staff_without_permissions.get(reverse("admin:events_event_history", args=[event.pk]))
    revert = staff_without_permissions.get(revert_url(event, version))

    assert (history.status_code, revert.status_code) == (403, 403)


def test_a_viewer_sees_the_history_but_may_not_revert(client, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_event"))
    client.force_login(viewer)
    event = factories.EventFactory(title="Civic Forum")
    version = event.history.get()

    page = client.get(revert_url(event, version))
    revert = client.post(revert_url(event, version), event_form(event, title="Changed"))

    assert (page.status_code, page.context["revert_disabled"]) == (200, True)
    assert revert.status_code == 403
    event.refresh_from_db()
    assert event.title == "Civic Forum"


def test_marking_reviewed_writes_a_version_that_keeps_the_goals(editor_client):
    event = factories.EventFactory(title="Civic Forum", review_status=ReviewStatus.IMPORTED)
    event.goals.add(factories.goal(16))

    editor_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "mark_reviewed", "_selected_action": [event.pk]},
    )

    assert versions(event)[0] == ("Civic Forum", "~", "editor", "Marked as reviewed")
    assert history_changes(editor_client, event)[0] == [
        {"field": "Review status", "old": "imported", "new": "reviewed"}
    ]


@pytest.mark.parametrize("edits", [1, 10])
def test_history_page_queries_do_not_grow_with_versions(
    staff_client, django_assert_max_num_queries, edits
):
    event = factories.EventFactory(parent=factories.EventFactory())
    event.goals.add(factories.goal(16))
    for number in range(edits):
        event.title = f"Forum, edit {number}"
        event.save()

    # session, user, the event, the number of versions, the page of versions with their users
    # and parent events, their goals, their targets, the user content type
    with django_assert_max_num_queries(8):
        staff_client.get(reverse("admin:events_event_history", args=[event.pk]))


@pytest.mark.parametrize("edits", [1, 10])
def test_speaker_history_names_each_version_without_a_query_each(
    staff_client, django_assert_max_num_queries, edits
):
    speaker = factories.EventSpeakerFactory()
    for number in range(edits):
        speaker.order = number
        speaker.save()

    # session, user, the speaker, the number of versions, the page of versions with their
    # users, events, people and organisations, the user content type
    with django_assert_max_num_queries(6):
        staff_client.get(reverse("admin:events_eventspeaker_history", args=[speaker.pk]))


def test_hand_edited_tells_records_a_person_saved_in_one_query(editor, django_assert_num_queries):
    imported = factories.EventFactory(review_status=ReviewStatus.IMPORTED)
    edited = factories.EventFactory(review_status=ReviewStatus.IMPORTED)
    edited._history_user = editor
    edited.save()
    factories.EventFactory()

    with django_assert_num_queries(1):
        found = hand_edited(Event.objects.filter(pk__in=[imported.pk, edited.pk]))

    assert found == {edited.pk}
    assert (edited_by_hand(imported), edited_by_hand(edited)) == (False, True)


def test_an_import_in_a_request_names_no_user(rf, editor):
    from simple_history.models import HistoricalRecords

    request = rf.get("/")
    request.user = editor
    HistoricalRecords.context.request = request
    try:
        with imported_from("forum.txt"):
            event = factories.EventFactory(title="Civic Forum")
        event.title = "Civic Forum 2023"
        event.save()
    finally:
        del HistoricalRecords.context.request

    assert versions(event) == [
        ("Civic Forum 2023", "~", "editor", None),
        ("Civic Forum", "+", None, "Imported from forum.txt"),
    ]
    assert hand_edited(Event.objects.all()) == {event.pk}


def test_a_change_reason_set_on_the_record_wins():
    with change_reason("Merged duplicates"):
        event = factories.EventFactory(title="Civic Forum")
        event._change_reason = "Renamed"
        event.title = "Civic Forum 2023"
        event.save()

    assert [reason for *_rest, reason in versions(event)] == ["Renamed", "Merged duplicates"]


def test_adding_goals_already_there_writes_no_version():
    event = factories.EventFactory()
    event.goals.add(factories.goal(16))

    event.goals.add(factories.goal(16))

    assert event.history.count() == 2


def test_goals_changed_from_the_goal_side_write_a_version_of_the_event():
    event = factories.EventFactory()

    factories.goal(16).events.add(event)
    factories.goal(16).events.clear()

    assert [[row.goal_id for row in version.goals.all()] for version in event.history.all()] == [
        [],
        [16],
        [],
    ]


def test_national_indicator_versions_keep_every_language():
    indicator = factories.NationalIndicatorFactory(title_en="Homicides", title_ru="Убийства")

    version = indicator.history.get()

    assert (version.title_en, version.title_ru, version.unit_en) == ("Homicides", "Убийства", "%")


def test_region_versions_leave_the_boundary_out_and_revert_keeps_it():
    region = factories.RegionFactory(name_en="Akmola")
    region.name_en = "Aqmola"
    region.save()

    earlier = region.history.last().instance

    assert "boundary" not in {field.name for field in Region.history.model._meta.fields}
    assert (earlier.name_en, earlier.boundary) == ("Akmola", region.boundary)


def test_the_import_of_national_data_writes_versions_naming_the_file(tmp_path):
    from indicators.national_data import import_national_data
    from indicators.open_sdg import Repository
    from tests.indicators.open_sdg_sample import write_repository

    import_national_data(Repository(write_repository(tmp_path / "sdg-data")))

    assert set(
        NationalIndicator.history.values_list("code", "history_user", "history_change_reason")
    ) >= {("16.1.1", None, "Imported from sdg-data-kazstat/data/indicator_16-1-1.csv")}


def test_the_import_of_news_pages_writes_versions_of_every_record(tmp_path):
    from events.models import EventSpeaker
    from organisations.models import Grant, Organisation, Person, Position
    from tests.sdgportal.importing.test_import_seeds import ARTICLE, import_seeds

    (tmp_path / "forum.txt").write_text(ARTICLE, encoding="utf-8")
    import_seeds(tmp_path / "forum.txt")

    for model in (Event, EventSpeaker, Organisation, Person, Position, Grant):
        written = set(model.history.values_list("history_user", "history_change_reason"))
        created = model.history.filter(history_type="+").count()
        assert (written, created) == ({(None, "Imported from forum.txt")}, model.objects.count())
    # The goals of one of the two events, added once it exists, make a second version.
    assert sorted(Event.history.values_list("history_type", flat=True)) == ["+", "+", "~"]


def test_an_event_date_change_in_the_admin_is_listed(editor_client):
    event = factories.EventFactory(start_date=date(2023, 10, 19))

    editor_client.post(
        reverse("admin:events_event_change", args=[event.pk]),
        event_form(event, start_date="2023-10-20"),
    )

    assert history_changes(editor_client, event)[0] == [
        {"field": "Start date", "old": "2023-10-19", "new": "2023-10-20"}
    ]
