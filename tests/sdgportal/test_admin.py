import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from rest_framework.authtoken.models import Token
from simple_history.models import HistoricalChanges

from events.models import Event
from organisations.models import Organisation
from sdgportal.merging import merge_records
from sdgportal.models import ReviewStatus
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_of_each():
    """A small world in which every admin page has something to show."""
    event = factories.EventFactory(title="Chance to save the planet", kind="conference")
    factories.EventOrganisationFactory(event=event)
    factories.EventSpeakerFactory(event=event)
    factories.PositionFactory()
    factories.GrantFactory()
    factories.ObservationFactory(region=factories.RegionFactory(), disaggregation={"SEX": "F"})
    factories.DimensionValueFactory()
    factories.IndicatorOrganisationFactory()
    factories.GlobalIndicatorFactory()
    factories.CitationFactory(record=event, quote="The online conference was held on 5 November.")
    merge_records(factories.PersonFactory(), [factories.PersonFactory()])
    Group.objects.create(name="Reviewers")
    editor = get_user_model().objects.create_user("api-client", is_staff=True)
    Token.objects.create(user=editor)
    sign_in = {"user_agent": "Firefox", "ip_address": "203.0.113.5", "username": "aigerim"}
    sign_in |= {"http_accept": "text/html", "path_info": "/admin/login/"}
    AccessAttempt.objects.create(**sign_in, get_data="", post_data="", failures_since_start=5)
    AccessFailureLog.objects.create(**sign_in, locked_out=True)
    AccessLog.objects.create(**sign_in)


def admin_urls(model, obj):
    info = (model._meta.app_label, model._meta.model_name)
    return [
        reverse("admin:{}_{}_changelist".format(*info)),
        reverse("admin:{}_{}_changelist".format(*info)) + "?q=forum",
        reverse("admin:{}_{}_add".format(*info)),
        reverse("admin:{}_{}_change".format(*info), args=[obj.pk]),
        reverse("admin:{}_{}_history".format(*info), args=[obj.pk]),
    ]


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda model: model._meta.label)
def test_every_admin_page_renders_for_staff(staff_client, one_of_each, model):
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"the scene has no {model._meta.label}"

    urls = admin_urls(model, obj)
    statuses = {url: staff_client.get(url).status_code for url in urls}

    expected = dict.fromkeys(urls, 200)
    if model._meta.app_label == "axes":  # sign-in records come from the lockout alone
        expected[reverse(f"admin:axes_{model._meta.model_name}_add")] = 403
    assert statuses == expected


def test_every_portal_model_is_registered():
    from django.apps import apps

    # Versions (simple-history's Historical* models) are read on each record's History page,
    # not listed on their own.
    portal_models = {
        model._meta.label
        for app in ("sdgportal", "indicators", "organisations", "events")
        for model in apps.get_app_config(app).get_models()
        if not issubclass(model, HistoricalChanges)
    }

    assert portal_models - {model._meta.label for model in admin.site._registry} == set()


def test_admin_needs_a_staff_login(client):
    response = client.get(reverse("admin:events_event_changelist"))

    assert (response.status_code, response.url) == (302, "/admin/login/?next=/admin/events/event/")


def test_event_page_shows_its_provenance(staff_client):
    event = factories.EventFactory()
    citation = factories.CitationFactory(record=event, quote="17 online seminars were organized")

    response = staff_client.get(reverse("admin:events_event_change", args=[event.pk]))

    assert "17 online seminars were organized" in response.text
    assert citation.article.title in response.text
    assert citation.document.name in response.text


def test_event_page_has_organiser_and_speaker_inlines(staff_client):
    speaker = factories.EventSpeakerFactory(title="Chairman of the Center Board")

    response = staff_client.get(reverse("admin:events_event_change", args=[speaker.event.pk]))

    assert 'id="participations-group"' in response.text
    assert 'id="appearances-group"' in response.text
    assert "Chairman of the Center Board" in response.text


def test_changelist_filters_records_that_need_review(staff_client):
    factories.OrganisationFactory(name="Imported NGO", review_status=ReviewStatus.IMPORTED)
    factories.OrganisationFactory(name="Reviewed NGO")

    response = staff_client.get(
        reverse("admin:organisations_organisation_changelist") + "?review_status__exact=imported"
    )

    assert [o.name for o in response.context["cl"].result_list] == ["Imported NGO"]


def test_mark_reviewed_action(staff_client):
    imported = factories.EventFactory(review_status=ReviewStatus.IMPORTED)

    staff_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "mark_reviewed", "_selected_action": [imported.pk]},
    )

    assert Event.objects.get(pk=imported.pk).review_status == ReviewStatus.REVIEWED


def test_organisation_search_finds_aliases_and_acronyms(staff_client):
    factories.OrganisationFactory(
        name="Economic Research Institute",
        acronym="ERI",
        aliases=["Institute of Economic Research"],
    )
    factories.OrganisationFactory(name="Another body")
    url = reverse("admin:organisations_organisation_changelist")

    by_acronym = staff_client.get(url + "?q=ERI").context["cl"].result_list
    by_alias = staff_client.get(url + "?q=Institute+of+Economic").context["cl"].result_list

    assert [o.acronym for o in by_acronym] == ["ERI"]
    assert [o.acronym for o in by_alias] == ["ERI"]


def test_organisation_autocomplete_answers_json(staff_client):
    factories.OrganisationFactory(name="Civil Initiatives Support Center", acronym="CISC")

    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "civil initiatives",
            "app_label": "events",
            "model_name": "eventorganisation",
            "field_name": "organisation",
        },
    )

    assert [item["text"] for item in response.json()["results"]] == [
        "Civil Initiatives Support Center (CISC)"
    ]


def test_curator_sees_a_clear_message_for_an_event_ending_before_it_starts(staff_client):
    response = staff_client.post(
        reverse("admin:events_event_add"),
        {
            "title": "Forum",
            "slug": "forum",
            "kind": "forum",
            "start_date": "2023-09-20",
            "start_precision": "day",
            "end_date": "2023-09-18",
            "end_precision": "day",
            "country": "KZ",
            "review_status": "reviewed",
            **empty_inline_management("participations"),
            **empty_inline_management("appearances"),
            **empty_inline_management("sdgportal-citation-content_type-object_id"),
        },
    )

    assert response.status_code == 200
    assert "The end date cannot be before the start date, nor given without one." in response.text
    assert Event.objects.count() == 0


def test_curator_can_add_an_organisation(staff_client):
    response = staff_client.post(
        reverse("admin:organisations_organisation_add"),
        {
            "name": "Expo&Women International Organization",
            "slug": "expo-women",
            "acronym": "",
            "aliases": '["Expo & Women"]',
            "sector": "ngo",
            "country": "KZ",
            "review_status": "reviewed",
            **empty_inline_management("children"),
            **empty_inline_management("sdgportal-citation-content_type-object_id"),
        },
    )

    assert response.status_code == 302
    assert list(Organisation.objects.values_list("name", "aliases")) == [
        ("Expo&Women International Organization", ["Expo & Women"])
    ]


def empty_inline_management(prefix):
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.mark.parametrize("rows", [1, 5])
def test_event_changelist_queries_do_not_grow_with_rows(
    staff_client, django_assert_max_num_queries, rows
):
    factories.EventFactory.create_batch(rows)

    # session, user, count, filtered count, page of events with source counts,
    # and the list filters' choices (goals, countries)
    with django_assert_max_num_queries(9):
        staff_client.get(reverse("admin:events_event_changelist"))
