"""Bad input to the forms: the admin's (with their inlines), the import page's and the public
filters. Each is refused with the field and the reason, never a 500, and writes nothing."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from events.models import Event, EventOrganisation, EventSpeaker
from organisations.models import Grant, Organisation, Person, Position
from sdgportal.models import Citation, SourceDocument
from tests import factories
from tests.api.test_bad_input import (
    IMPLAUSIBLE_DATE,
    NOT_WEB,
    SINGLE_LINE,
    TARGET_16_7_OUTSIDE,
    TEXT,
)
from tests.sdgportal.test_import_page import ARTICLE

pytestmark = pytest.mark.django_db

CITATIONS = "sdgportal-citation-content_type-object_id"
BEYOND_ANY_KEY = "9" * 25  # past every database's integers


def inline(prefix, *rows):
    """An inline formset's management form and rows, as the admin page posts them."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def every_row():
    models = [
        Event,
        EventOrganisation,
        EventSpeaker,
        Organisation,
        Person,
        Position,
        Grant,
        Citation,
        SourceDocument,
    ]
    tables = {model.__name__: list(model.objects.order_by("pk").values()) for model in models}
    for model in (Event, Grant):
        for relation in ("goals", "targets"):
            through = getattr(model, relation).through
            tables[through.__name__] = list(through.objects.order_by("pk").values())
    return tables


def errors_shown(response):
    """The admin form's errors and each inline row's, by field; only those with errors."""
    shown = {
        name: list(messages) for name, messages in response.context["adminform"].form.errors.items()
    }
    for formset in response.context["inline_admin_formsets"]:
        for index, row in enumerate(formset.formset.errors):
            if row:
                shown[f"{formset.formset.prefix}-{index}"] = {
                    name: list(messages) for name, messages in row.items()
                }
    return shown


@pytest.fixture
def world():
    """What the forms name: an organisation, a person, a document and target 16.7."""
    return {
        "ORGANISATION": str(factories.OrganisationFactory(slug="ministry").pk),
        "PERSON": str(factories.PersonFactory(slug="aigerim").pk),
        "DOCUMENT": str(factories.SourceDocumentFactory().pk),
        "TARGET_16_7": str(factories.TargetFactory(code="16.7").pk),
    }


def filled(data, world):
    return {name: world.get(value, value) for name, value in data.items()}


EVENT = {
    "title": "Civic forum",
    "slug": "civic-forum",
    "kind": "forum",
    "start_precision": "day",
    "end_precision": "day",
    "country": "KZ",
    "review_status": "reviewed",
    **inline("participations"),
    **inline("appearances"),
    **inline(CITATIONS),
}
ORGANISATION = {
    "name": "Economic Research Institute",
    "slug": "eri",
    "aliases": "[]",
    "country": "KZ",
    "review_status": "reviewed",
    **inline("children"),
    **inline(CITATIONS),
}
PERSON = {
    "name": "Artur Nurlanov",
    "slug": "artur",
    "aliases": "[]",
    "review_status": "reviewed",
    **inline("positions"),
    **inline(CITATIONS),
}
GRANT = {
    "title": "Monitoring",
    "slug": "monitoring",
    "identifier": "360G-kz-1",
    "instrument": "other",
    "review_status": "reviewed",
    **inline(CITATIONS),
}
ADD = {
    "event": ("admin:events_event_add", EVENT),
    "organisation": ("admin:organisations_organisation_add", ORGANISATION),
    "person": ("admin:organisations_person_add", PERSON),
    "grant": ("admin:organisations_grant_add", GRANT),
}


@pytest.mark.parametrize(
    ("form", "changes", "errors"),
    [
        (
            "event",
            {"title": "x" * 501},
            {"title": ["Ensure this value has at most 500 characters (it has 501)."]},
        ),
        ("event", {"title": "Civic\x00forum"}, {"title": ["Null characters are not allowed."]}),
        ("event", {"title": "Civic\x01forum"}, {"title": [SINGLE_LINE.format("U+0001")]}),
        ("event", {"title": "Civic \u202eforum"}, {"title": [SINGLE_LINE.format("U+202E")]}),
        ("event", {"city": "Astana\x1b"}, {"city": [SINGLE_LINE.format("U+001B")]}),
        ("event", {"description": "bell\x07"}, {"description": [TEXT.format("U+0007")]}),
        (
            "event",
            {"start_date": "2023-09-20", "end_date": "2023-09-18"},
            {"__all__": ["The end date cannot be before the start date, nor given without one."]},
        ),
        ("event", {"start_date": "0023-09-20"}, {"start_date": [IMPLAUSIBLE_DATE]}),
        ("event", {"start_date": "9999-12-31"}, {"start_date": [IMPLAUSIBLE_DATE]}),
        ("event", {"start_date": "2023-02-30"}, {"start_date": ["Enter a valid date."]}),
        (
            "event",
            {"goals": "18"},
            {"goals": ["Select a valid choice. 18 is not one of the available choices."]},
        ),
        (
            "event",
            {"goals": "0"},
            {"goals": ["Select a valid choice. 0 is not one of the available choices."]},
        ),
        ("event", {"goals": "1.5"}, {"goals": ["“1.5” is not a valid value."]}),
        (
            "event",
            {"goals": BEYOND_ANY_KEY},
            {
                "goals": [
                    f"Select a valid choice. {BEYOND_ANY_KEY} is not one of the available choices."
                ]
            },
        ),
        (
            "event",
            {"parent": BEYOND_ANY_KEY},
            {"parent": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        ("event", {"goals": "5", "targets": "TARGET_16_7"}, {"targets": [TARGET_16_7_OUTSIDE]}),
        (
            "event",
            {"parent": "x"},
            {"parent": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        (
            "event",
            {"country": "XX"},
            {"country": ["Select a valid choice. XX is not one of the available choices."]},
        ),
        ("organisation", {"name": "E\u2028RI"}, {"name": [SINGLE_LINE.format("U+2028")]}),
        ("organisation", {"acronym": "E\tRI"}, {"acronym": [SINGLE_LINE.format("U+0009")]}),
        (
            "organisation",
            {"aliases": '"ERI"'},
            {"aliases": ['Aliases must be a list of names, e.g. ["ERI"].']},
        ),
        (
            "organisation",
            {"aliases": "[1]"},
            {"aliases": ['Aliases must be a list of names, e.g. ["ERI"].']},
        ),
        ("organisation", {"aliases": "["}, {"aliases": ["Enter a valid JSON."]}),
        (
            "organisation",
            {"aliases": '["E\\u0000RI"]'},
            {"aliases": [SINGLE_LINE.format("U+0000")]},
        ),
        (
            "organisation",
            {"aliases": '["\\ud800"]'},
            {"aliases": ["\\ud800 is half a character (a lone surrogate): send the whole one."]},
        ),
        (
            "organisation",
            {"aliases": "[" * 5000},
            {"aliases": ["Nested more than 32 levels deep."]},
        ),
        (
            "organisation",
            {"aliases": "[" * 40 + "]" * 40},
            {"aliases": ["Nested more than 32 levels deep."]},
        ),
        (
            "organisation",
            {"aliases": f'["{"x" * 301}"]'},
            {"aliases": ["An alias has at most 300 characters (one has 301)."]},
        ),
        ("organisation", {"website": "javascript:alert(1)"}, {"website": [NOT_WEB]}),
        ("organisation", {"website": "ftp://eri.kz"}, {"website": [NOT_WEB]}),
        ("organisation", {"description": "a\x1b[2Jb"}, {"description": [TEXT.format("U+001B")]}),
        ("person", {"name": "Artur\nNurlanov"}, {"name": [SINGLE_LINE.format("U+000A")]}),
        ("person", {"aliases": '["Arthur\\u202e"]'}, {"aliases": [SINGLE_LINE.format("U+202E")]}),
        (
            "grant",
            {"amount": "-5", "currency": "KZT"},
            {"amount": ["Ensure this value is greater than or equal to 0."]},
        ),
        (
            "grant",
            {"amount": "1e30", "currency": "KZT"},
            {"amount": ["Ensure that there are no more than 18 digits in total."]},
        ),
        ("grant", {"amount": "NaN", "currency": "KZT"}, {"amount": ["Enter a number."]}),
        ("grant", {"amount": "Infinity", "currency": "KZT"}, {"amount": ["Enter a number."]}),
        (
            "grant",
            {"amount": "0.001", "currency": "KZT"},
            {"amount": ["Ensure that there are no more than 2 decimal places."]},
        ),
        ("grant", {"amount": "100"}, {"__all__": ["Give the currency of the amount."]}),
        (
            "grant",
            {"currency": "XYZ"},
            {"currency": ["Select a valid choice. XYZ is not one of the available choices."]},
        ),
        (
            "grant",
            {"year": "1989"},
            {"year": ["Ensure this value is greater than or equal to 1990."]},
        ),
        (
            "grant",
            {"year": "99999"},
            {"year": ["Ensure this value is less than or equal to 2100."]},
        ),
        ("grant", {"year": "2.5"}, {"year": ["Enter a whole number."]}),
        (
            "grant",
            {"year": "2020", "award_date": "2019-05-01"},
            {"year": ["The year differs from the award date's year (2019)."]},
        ),
        ("grant", {"award_date": "0001-01-01"}, {"award_date": [IMPLAUSIBLE_DATE]}),
        (
            "grant",
            {"funder": "1.5"},
            {"funder": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        ("grant", {"targets": "TARGET_16_7"}, {"targets": [TARGET_16_7_OUTSIDE]}),
        (
            "grant",
            {"funder": BEYOND_ANY_KEY},
            {"funder": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        ("grant", {"identifier": "360G\x01"}, {"identifier": [SINGLE_LINE.format("U+0001")]}),
    ],
)
def test_admin_form_refuses_bad_input_and_writes_nothing(
    staff_client, world, form, changes, errors
):
    url, data = ADD[form]
    before = every_row()

    response = staff_client.post(reverse(url), filled({**data, **changes}, world))

    assert response.status_code == 200
    assert errors_shown(response) == errors
    assert every_row() == before


@pytest.mark.parametrize(
    ("form", "rows", "errors"),
    [
        (
            "event",
            inline(
                "participations",
                {"organisation": "x", "role": "partner", "review_status": "reviewed"},
            ),
            {
                "participations-0": {
                    "organisation": [
                        "Select a valid choice. That choice is not one of the available choices."
                    ]
                }
            },
        ),
        (
            "event",
            inline(
                "participations",
                {"organisation": "ORGANISATION", "role": "boss", "review_status": "reviewed"},
            ),
            {
                "participations-0": {
                    "role": ["Select a valid choice. boss is not one of the available choices."]
                }
            },
        ),
        (
            "event",
            inline(
                "appearances",
                {
                    "person": "PERSON",
                    "role": "speaker",
                    "title": "Chair\x01",
                    "order": "0",
                    "review_status": "reviewed",
                },
            ),
            {"appearances-0": {"title": [SINGLE_LINE.format("U+0001")]}},
        ),
        (
            "event",
            inline(
                "appearances",
                {"person": "PERSON", "role": "speaker", "order": "-1", "review_status": "reviewed"},
            ),
            {"appearances-0": {"order": ["Ensure this value is greater than or equal to 0."]}},
        ),
        (
            "event",
            inline(CITATIONS, {"document": "DOCUMENT", "quote": "As the article\x00 says."}),
            {f"{CITATIONS}-0": {"quote": ["Null characters are not allowed."]}},
        ),
        (
            "event",
            inline(CITATIONS, {"document": "DOCUMENT", "quote": "As the article\x1b says."}),
            {f"{CITATIONS}-0": {"quote": [TEXT.format("U+001B")]}},
        ),
        (
            "person",
            inline("positions", {"title": "Chair\u202e", "review_status": "reviewed"}),
            {"positions-0": {"title": [SINGLE_LINE.format("U+202E")]}},
        ),
        (
            "person",
            inline(
                "positions",
                {
                    "title": "Chair",
                    "start_date": "2020-01-01",
                    "end_date": "2019-01-01",
                    "review_status": "reviewed",
                },
            ),
            {"positions-0": {"__all__": ["A position cannot end before it starts."]}},
        ),
        (
            "person",
            inline(
                "positions",
                {"title": "Chair", "start_date": "1020-01-01", "review_status": "reviewed"},
            ),
            {"positions-0": {"start_date": [IMPLAUSIBLE_DATE]}},
        ),
        (
            "organisation",
            inline("children", {"name": "Committee\x01"}),
            {"children-0": {"name": [SINGLE_LINE.format("U+0001")]}},
        ),
        (
            "organisation",
            inline("children", {"name": "x" * 301}),
            {
                "children-0": {
                    "name": ["Ensure this value has at most 300 characters (it has 301)."]
                }
            },
        ),
    ],
)
def test_admin_inline_refuses_bad_input_and_writes_nothing(staff_client, world, form, rows, errors):
    url, data = ADD[form]
    before = every_row()

    response = staff_client.post(reverse(url), filled({**data, **rows}, world))

    assert response.status_code == 200
    assert errors_shown(response) == errors
    assert every_row() == before


def test_admin_change_refuses_a_target_outside_the_stored_goals_and_changes_nothing(staff_client):
    event = factories.EventFactory(slug="forum", title="Forum", kind="forum", country="KZ")
    event.goals.add(factories.goal(16))
    target = factories.TargetFactory(code="16.7")
    event.targets.add(target)
    before = every_row()

    response = staff_client.post(
        reverse("admin:events_event_change", args=[event.pk]),
        {**EVENT, "title": "Forum", "slug": "forum", "goals": "5", "targets": str(target.pk)},
    )

    assert response.status_code == 200
    assert errors_shown(response) == {"targets": [TARGET_16_7_OUTSIDE]}
    assert every_row() == before


def test_tabs_and_line_breaks_are_kept_in_a_description(staff_client):
    response = staff_client.post(
        reverse("admin:events_event_add"),
        {**EVENT, "description": "Agenda:\r\n\t1. Opening\r\n\t2. Panels"},
    )

    assert response.status_code == 302
    assert Event.objects.get().description == "Agenda:\r\n\t1. Opening\r\n\t2. Panels"


IMPORT = reverse("admin:import_document")


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"text": ARTICLE, "title": "Round\x01table"}, {"title": [SINGLE_LINE.format("U+0001")]}),
        ({"text": ARTICLE, "title": "Round\ntable"}, {"title": [SINGLE_LINE.format("U+000A")]}),
        (
            {"text": ARTICLE, "title": "x" * 501},
            {"title": ["Ensure this value has at most 500 characters (it has 501)."]},
        ),
        ({"text": ARTICLE, "url": "ftp://news.kz/a"}, {"url": [NOT_WEB]}),
        ({"text": ARTICLE, "url": "javascript:alert(1)"}, {"url": [NOT_WEB]}),
        ({"text": ARTICLE + "\x00"}, {"text": ["Null characters are not allowed."]}),
    ],
)
def test_import_form_refuses_bad_input_and_writes_nothing(editor_client, data, errors):
    before = every_row()

    response = editor_client.post(IMPORT, data)

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert every_row() == before


@pytest.mark.parametrize(
    ("path", "query", "errors"),
    [
        ("/search/", {"q": "forum\x01"}, {"q": [TEXT.format("U+0001")]}),
        (
            "/search/",
            {"q": "x" * 201},
            {"q": ["Ensure this value has at most 200 characters (it has 201)."]},
        ),
        ("/events/", {"search": "forum\u202e"}, {"search": [TEXT.format("U+202E")]}),
        ("/events/", {"city": "Astana\x1b"}, {"city": [SINGLE_LINE.format("U+001B")]}),
        ("/events/", {"goal": "18"}, {"goal": ["Ensure this value is less than or equal to 17."]}),
        ("/events/", {"date_from": "2024-13-01"}, {"date_from": ["Enter a valid date."]}),
        (
            "/events/",
            {"date_from": "2024-05-02", "date_to": "2024-05-01"},
            {"date_to": ["The range is reversed: date_to is less than date_from."]},
        ),
        (
            "/grants/",
            {"currency": "KZT", "amount_min": "-5"},
            {"amount_min": ["Ensure this value is greater than or equal to 0."]},
        ),
        ("/grants/", {"currency": "KZT", "amount_max": "NaN"}, {"amount_max": ["Enter a number."]}),
        (
            "/grants/",
            {"currency": "XYZ"},
            {"currency": ["Select a valid choice. XYZ is not one of the available choices."]},
        ),
        (
            "/organisations/",
            {"goal": "0"},
            {"goal": ["Ensure this value is greater than or equal to 1."]},
        ),
        (
            "/people/",
            {"search": "\x00"},
            {"search": [TEXT.format("U+0000"), "Null characters are not allowed."]},
        ),
    ],
)
def test_public_filter_refuses_bad_input_with_a_400_naming_the_field(client, path, query, errors):
    factories.EventFactory()

    response = client.get(path, query)

    form = response.context["form"] if path == "/search/" else response.context["filter"].form
    assert (response.status_code, form.errors) == (400, errors)


def test_the_accounts_admin_refuses_a_choice_past_any_key(admin_client):
    response = admin_client.post(
        "/admin/auth/group/add/", {"name": "Reviewers", "permissions": BEYOND_ANY_KEY}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "permissions": [
            f"Select a valid choice. {BEYOND_ANY_KEY} is not one of the available choices."
        ]
    }
    assert not Group.objects.filter(name="Reviewers").exists()
