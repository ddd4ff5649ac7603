"""Importing an article from the admin: upload or paste, review what it found, refuse bad input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from events.models import Event
from organisations.models import Organisation, Person
from sdgportal.importing.reading import MAX_DOCUMENT_BYTES
from sdgportal.models import Citation, ReviewStatus, SourceDocument

pytestmark = pytest.mark.django_db

ARTICLE = "\n\n".join(
    [
        "Round table on gender equality in Almaty",
        "March 14, 2024",
        "A round table on “Women in leadership and SDG 5” was held in Almaty on 14 March. The "
        "event was organized by the Akimat of Almaty with the support of UN Women.",
        '"Partnerships make the goals real," said Dana Serikova, Director of the Steppe Women '
        "Foundation.",
        "In 2024, grants worth 20 million tenge were provided to 15 NGOs working on SDG 5.",
    ]
)
UN_WOMEN = "United Nations Entity for Gender Equality and the Empowerment of Women (UN Women)"
IMPORT = reverse("admin:import_document")
REVIEW = reverse("admin:import_review")


def upload(client, content=ARTICLE, name="round-table.txt"):
    data = content.encode() if isinstance(content, str) else content
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data)})


def review_of(response):
    """Per record type, per outcome, the records the review page lists."""
    return [
        (kind.title, [(str(group.label), [str(r) for r in group.records]) for group in kind.groups])
        for kind in response.context["types"]
    ]


def every_row():
    return {
        model.__name__: model.objects.count()
        for model in (SourceDocument, Citation, Event, Organisation, Person)
    }


def test_an_uploaded_article_lands_on_a_review_of_what_it_created(editor_client):
    imported = upload(editor_client)
    review = editor_client.get(imported.url)

    assert (imported.status_code, imported.url) == (302, REVIEW)
    assert review_of(review) == [
        ("Source documents", [("Created", ["round-table.txt"])]),
        ("Articles", [("Created", ["Round table on gender equality in Almaty"])]),
        (
            "Organisations",
            [("Created", ["Akimat of Almaty", UN_WOMEN, "Steppe Women Foundation"])],
        ),
        ("People", [("Created", ["Dana Serikova"])]),
        ("Positions", [("Created", ["Director, Steppe Women Foundation"])]),
        ("Events", [("Created", ["Women in leadership and SDG 5"])]),
        (
            "Organisers and partners",
            [("Created", ["Akimat of Almaty — Organiser", f"{UN_WOMEN} — Partner"])],
        ),
        ("Speakers", [("Created", ["Dana Serikova — Speaker"])]),
        ("Grants", [("Created", ["Funding"])]),
        ("Observations", [("Created", ["NGOs 2024: 15.00000000 NGOs"])]),
    ]
    document = SourceDocument.objects.get()
    person = Person.objects.get()
    assert (document.kind, document.title) == (
        SourceDocument.Kind.UPLOAD,
        "Round table on gender equality in Almaty",
    )
    assert person.review_status == ReviewStatus.IMPORTED
    assert f'href="/admin/organisations/person/{person.pk}/change/"' in review.text
    assert f'href="/admin/sdgportal/sourcedocument/{document.pk}/change/"' in review.text
    assert "Nothing new" not in review.text


def test_pasted_text_is_named_after_its_title_and_keeps_its_address(editor_client):
    imported = editor_client.post(
        IMPORT,
        {"text": ARTICLE, "title": "Round table, Almaty", "url": "akimat.kz/news/round-table"},
    )

    assert (imported.status_code, imported.url) == (302, REVIEW)
    assert list(SourceDocument.objects.values_list("name", "kind", "title", "url")) == [
        (
            "round-table-almaty.txt",
            "upload",
            "Round table, Almaty",
            "https://akimat.kz/news/round-table",
        )
    ]
    assert Person.objects.get().name == "Dana Serikova"


def test_importing_the_same_text_again_creates_nothing_and_says_so(editor_client):
    upload(editor_client)
    before = every_row()

    again = editor_client.post(IMPORT, {"text": ARTICLE})
    review = editor_client.get(again.url)

    assert every_row() == before
    assert {group for _title, groups in review_of(review) for group, _records in groups} == {
        "Matched, already up to date"
    }
    assert review_of(review)[0] == (
        "Source documents",
        [("Matched, already up to date", ["round-table.txt"])],
    )
    assert "Nothing new: this text was imported before" in review.text


def test_a_curated_record_the_import_would_change_is_reported_kept(editor_client):
    upload(editor_client)
    Event.objects.update(city="Astana", review_status=ReviewStatus.REVIEWED)

    review = editor_client.get(upload(editor_client).url)

    assert dict(review_of(review))["Events"] == [
        ("Matched, kept as curated (the import changed nothing)", ["Women in leadership and SDG 5"])
    ]
    assert Event.objects.get().city == "Astana"


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"file": SimpleUploadedFile("empty.txt", b"")},
            {"file": ["The submitted file is empty."]},
        ),
        (
            {"file": SimpleUploadedFile("data.bin", b"\x00\x01\x02binary\x00")},
            {"__all__": ["This cannot be imported: binary data, not text (contains NUL bytes)."]},
        ),
        (
            {"file": SimpleUploadedFile("page.html", b"<!DOCTYPE html><html><body>news</body>")},
            {"__all__": ["This cannot be imported: HTML, not plain text."]},
        ),
        (
            {"file": SimpleUploadedFile("huge.txt", b"a" * (MAX_DOCUMENT_BYTES + 1))},
            {"file": ["The file is too large: 5.0 MB (the limit is 5 MB)."]},
        ),
        (
            {"text": "the weather was fine and everyone went home early"},
            {
                "__all__": [
                    "No event, organisation, person, grant or figure was found in this text: "
                    "nothing was imported."
                ]
            },
        ),
        (
            {"text": "  ", "title": "Forum"},
            {"__all__": ["Upload a file or paste the text of an article."]},
        ),
        (
            {"file": SimpleUploadedFile("forum.txt", ARTICLE.encode()), "text": ARTICLE},
            {"__all__": ["Upload a file or paste a text, not both."]},
        ),
    ],
    ids=["empty", "binary", "html", "too-large", "nothing-found", "nothing-given", "both"],
)
def test_bad_input_is_refused_on_the_form_and_changes_nothing(editor_client, data, errors):
    response = editor_client.post(IMPORT, data)

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert every_row() == {
        "SourceDocument": 0,
        "Citation": 0,
        "Event": 0,
        "Organisation": 0,
        "Person": 0,
    }


def test_staff_without_the_permission_to_add_documents_is_refused(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("intern", is_staff=True))

    statuses = [
        client.get(IMPORT).status_code,
        client.post(IMPORT, {"text": ARTICLE}).status_code,
        client.get(REVIEW).status_code,
    ]

    assert statuses == [403, 403, 403]
    assert SourceDocument.objects.count() == 0


def test_the_review_without_an_import_leads_to_the_form(editor_client):
    response = editor_client.get(REVIEW)

    assert (response.status_code, response.url) == (302, IMPORT)


def test_the_documents_list_links_the_import_page(editor_client):
    response = editor_client.get(reverse("admin:sdgportal_sourcedocument_changelist"))

    assert f'<a href="{IMPORT}" class="addlink">Import an article</a>' in response.text


def test_the_admin_index_links_the_curation_pages_to_those_who_may_use_them(
    editor_client, django_user_model
):
    intern = Client()
    intern.force_login(django_user_model.objects.create_user("intern", is_staff=True))
    quality = reverse("admin:data_quality")

    editor_index = editor_client.get(reverse("admin:index")).text
    intern_index = intern.get(reverse("admin:index")).text

    assert (f'href="{IMPORT}"' in editor_index, f'href="{quality}"' in editor_index) == (True, True)
    assert (f'href="{IMPORT}"' in intern_index, f'href="{quality}"' in intern_index) == (
        False,
        False,
    )


def listing(stories):
    """A page of several stories, each with its own event, foundation and speaker."""
    return "\n\n".join(
        f"Story\n\nMarch 14, 2024\n\nRound table in {city}\n\n"
        f"A round table on “{topic}” was held in {city} on 14 March. The event was organized by "
        f"the {foundation} with the support of UN Women.\n\n"
        f'"Partnerships make the goals real," said {person}, Director of the {foundation}.'
        for person, foundation, city, topic in stories
    )


@pytest.mark.parametrize(
    "stories",
    [
        [("Dana Serikova", "Steppe Women Foundation", "Almaty", "Women in leadership")],
        [
            ("Dana Serikova", "Steppe Women Foundation", "Almaty", "Women in leadership"),
            ("Aliya Nurlanova", "Caspian Youth Foundation", "Aktau", "Youth and the sea"),
            ("Marat Bekov", "Altai Green Foundation", "Oskemen", "Forests for the future"),
        ],
    ],
    ids=["one-story", "three-stories"],
)
def test_the_review_reads_each_record_type_in_one_query(
    staff_client, django_assert_max_num_queries, stories
):
    staff_client.post(IMPORT, {"text": listing(stories)})

    # session, user, the document, then one query per type: document, articles, organisations,
    # people, positions, events, speakers
    with django_assert_max_num_queries(10):
        response = staff_client.get(REVIEW)

    count = len(stories)
    assert [(kind.title, kind.count) for kind in response.context["types"]] == [
        ("Source documents", 1),
        ("Articles", count),
        ("Organisations", count + 1),  # UN Women in every story
        ("People", count),
        ("Positions", count),
        ("Events", count),
        ("Speakers", count),
    ]
