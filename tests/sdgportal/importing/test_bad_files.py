"""Bad files given to the news-page importers: import_seeds and the admin's upload page.

Each is refused with one sentence naming it and the reason, and nothing of it is written.
"""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from events.models import Event
from indicators.models import Observation
from organisations.models import Grant, Organisation, Person
from sdgportal.forms import ImportDocumentForm
from sdgportal.importing.load import TITLE_LENGTH
from sdgportal.models import Article, Citation, SourceDocument
from tests.sdgportal.importing.bad_files import CONTENTS, FIFTY_MB, AllocationPeak, write_bad_file
from tests.sdgportal.importing.test_import_seeds import ARTICLE

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:import_document")
# What the news-page reader says of each bad file (UTF-8 or Windows-1251, up to 5 MB).
REASONS = {
    "empty": "the file is empty",
    "whitespace": "the file holds only whitespace",
    "nul-bytes": "binary data, not text (contains NUL bytes)",
    "random-bytes": "binary data, not text (contains NUL bytes)",
    "control-bytes": "binary data, not text (full of control characters)",
    "png": "a PNG image, not text",
    "utf-16": "UTF-16 text, not UTF-8 or Windows-1251 (save it as UTF-8)",
    "truncated-utf8": "truncated UTF-8: the file ends in the middle of a character",
    "invalid-utf8": "not decodable as UTF-8 or Windows-1251",
    "html": "HTML, not plain text",
    "zip": "a ZIP archive, not text",
    "50-mb": "too large: 50.0 MB (the limit is 5 MB)",
}


def row_counts() -> dict[str, int]:
    models = (SourceDocument, Article, Event, Organisation, Person, Grant, Citation, Observation)
    return {model.__name__: model.objects.count() for model in models}


def import_seeds(*paths: object) -> None:
    call_command("import_seeds", *map(str, paths), stdout=StringIO(), stderr=StringIO())


@pytest.mark.parametrize(("kind", "reason"), REASONS.items(), ids=REASONS)
def test_import_seeds_skips_a_bad_file_and_imports_the_others(tmp_path, kind, reason):
    (tmp_path / "forum.txt").write_text(ARTICLE, encoding="utf-8")
    bad = write_bad_file(tmp_path / "bad.txt", kind)

    with pytest.raises(CommandError) as refused:
        import_seeds(tmp_path)

    assert str(refused.value) == f"1 of 2 documents could not be imported:\n  {bad}: {reason}"
    assert list(SourceDocument.objects.values_list("name", flat=True)) == ["forum.txt"]


@pytest.mark.parametrize(("kind", "reason"), REASONS.items(), ids=REASONS)
def test_import_seeds_writes_nothing_of_a_bad_file(tmp_path, kind, reason):
    good = tmp_path / "forum.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    import_seeds(good)
    before = row_counts()
    bad = write_bad_file(tmp_path / "news" / "forum.txt", kind)  # the name imported before

    with pytest.raises(CommandError) as refused:
        import_seeds(bad)

    assert str(refused.value) == f"1 of 1 documents could not be imported:\n  {bad}: {reason}"
    assert row_counts() == before


def test_import_seeds_names_a_missing_path(tmp_path):
    with pytest.raises(CommandError) as refused:
        import_seeds(tmp_path / "missing.txt")

    assert str(refused.value) == f"{tmp_path / 'missing.txt'}: no such file or folder."
    assert set(row_counts().values()) == {0}


def test_import_seeds_says_a_folder_without_documents_has_nothing_to_import(tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")

    with pytest.raises(CommandError) as refused:
        import_seeds(tmp_path)

    assert str(refused.value) == f"No documents in {tmp_path}: nothing to import."
    assert set(row_counts().values()) == {0}


def test_import_seeds_refuses_50_mb_without_reading_it(tmp_path):
    bad = write_bad_file(tmp_path / "huge.txt", "50-mb")
    with AllocationPeak() as peak, pytest.raises(CommandError) as refused:
        import_seeds(bad)

    assert str(refused.value) == (
        f"1 of 1 documents could not be imported:\n  {bad}: too large: 50.0 MB (the limit is 5 MB)"
    )
    assert peak.bytes < 2**20  # far from the file's 50 MB


UPLOADS = {kind: reason for kind, reason in REASONS.items() if kind in CONTENTS}


@pytest.mark.parametrize(("kind", "reason"), UPLOADS.items(), ids=UPLOADS)
def test_the_upload_page_refuses_a_bad_file_on_the_form(editor_client, kind, reason):
    response = editor_client.post(IMPORT, {"file": SimpleUploadedFile("page.txt", CONTENTS[kind])})

    errors = (
        {"file": ["The submitted file is empty."]}
        if kind == "empty"
        else {"__all__": [f"This cannot be imported: {reason}."]}
    )
    assert (response.status_code, response.context["form"].errors) == (200, errors)
    assert set(row_counts().values()) == {0}


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        (
            "<!DOCTYPE html><html><body><p>Forum in Astana</p></body></html>",
            {"__all__": ["This cannot be imported: HTML, not plain text."]},
        ),
        ("Forum\x00 in Astana", {"text": ["Null characters are not allowed."]}),
        (" \n\t ", {"__all__": ["Upload a file or paste the text of an article."]}),
    ],
    ids=["html", "nul", "whitespace"],
)
def test_the_upload_page_refuses_bad_pasted_text_on_the_form(editor_client, text, errors):
    response = editor_client.post(IMPORT, {"text": text})

    assert (response.status_code, response.context["form"].errors) == (200, errors)
    assert set(row_counts().values()) == {0}


def test_the_upload_form_refuses_50_mb_by_its_size_without_reading_it():
    upload = TemporaryUploadedFile("huge.txt", "text/plain", FIFTY_MB, None)
    upload.file.truncate(FIFTY_MB)  # as Django keeps a large upload: in a file on disk
    with AllocationPeak() as peak:
        errors = ImportDocumentForm(data={}, files={"file": upload}).errors

    upload.close()
    assert errors == {"file": ["The file is too large: 50.0 MB (the limit is 5 MB)."]}
    assert peak.bytes < 2**20


def test_a_first_line_longer_than_a_title_is_cut_to_it(editor_client):
    text = "Forum " * 400 + "\n\n" + ARTICLE

    response = editor_client.post(IMPORT, {"file": SimpleUploadedFile("long.txt", text.encode())})

    assert response.status_code == 302
    assert [len(title) for title in SourceDocument.objects.values_list("title", flat=True)] == [
        TITLE_LENGTH
    ]
    assert SourceDocument._meta.get_field("title").max_length == TITLE_LENGTH
    assert Article._meta.get_field("title").max_length == TITLE_LENGTH
