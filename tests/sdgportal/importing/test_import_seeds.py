"""The import_seeds command end to end: idempotent, curated records kept, bad files reported."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from events.models import Event
from indicators.models import Observation
from organisations.models import Grant, Organisation, Person
from sdgportal.models import Article, Citation, ReviewStatus, SourceDocument

pytestmark = pytest.mark.django_db

ARTICLE = "\n\n".join(
    [
        "Forum on civil society and the SDGs",
        "October 19, 2023",
        "The Civic Forum in Astana hosted a session on “Partnerships with NGOs for the SDGs” on 19 "
        "October. The event was organized by the Ministry of Culture and Information with the "
        "support of the United Nations Development Programme (UNDP).",
        '"NGOs are a bridge between the state and citizens," said Aigerim Nurlanova, Chairperson '
        "of the Board of the Steppe Voices Foundation.",
        "In 2023, grants worth 500 million tenge ($1.1 million) were provided to 120 NGOs working "
        "on SDG 16.",
    ]
)


def import_seeds(*args):
    out, err = StringIO(), StringIO()
    call_command("import_seeds", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "forum.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def snapshot():
    """Every imported row, without the timestamps (a fixture keeps them to the millisecond)."""
    models = (SourceDocument, Article, Event, Organisation, Person, Grant, Citation, Observation)
    return {
        model.__name__: sorted(
            map(
                str,
                model.objects.values_list(
                    *[
                        f.attname
                        for f in model._meta.concrete_fields
                        if f.name not in {"created_at", "updated_at", "imported_at"}
                    ]
                ),
            )
        )
        for model in models
    }


def test_imports_an_article_with_its_records_and_provenance(page):
    import_seeds(page)

    event = Event.objects.get(kind="session")
    person = Person.objects.get()
    assert (event.start_date.isoformat(), event.city, event.country.code) == (
        "2023-10-19",
        "Astana",
        "KZ",
    )
    assert person.name == "Aigerim Nurlanova"
    assert person.review_status == ReviewStatus.IMPORTED
    assert list(person.positions.values_list("title", "organisation__name")) == [
        ("Chairperson of the Board", "Steppe Voices Foundation")
    ]
    grant = Grant.objects.get()
    assert (str(grant.amount), grant.currency, grant.year) == ("500000000.00", "KZT", 2023)
    citation = Citation.objects.filter(person=person).get()
    assert (citation.document.name, citation.article.title) == (
        "forum.txt",
        "Forum on civil society and the SDGs",
    )
    assert "said Aigerim Nurlanova" in citation.quote


def test_second_run_changes_nothing(page):
    import_seeds(page)
    before = snapshot()

    output, _ = import_seeds(page)

    assert snapshot() == before
    assert " created" in output
    assert all(
        line.split()[-4] == "0"  # the "created" column
        for line in output.splitlines()[2:]
    )


def test_dry_run_writes_nothing(page):
    output, _ = import_seeds("--dry-run", page)

    assert output.startswith("Would import 1 document(s):")
    assert Organisation.objects.count() == 0
    assert SourceDocument.objects.count() == 0


def test_reviewed_records_survive_a_reimport(page):
    import_seeds(page)
    person = Person.objects.get()
    person.name = "Aigerim Nurlanova-Sadykova"
    person.review_status = ReviewStatus.REVIEWED
    person.save()
    organisation = Organisation.objects.get(name="Steppe Voices Foundation")
    organisation.sector = "other"
    organisation.review_status = ReviewStatus.REVIEWED
    organisation.save()

    import_seeds(page)

    assert Person.objects.get().name == "Aigerim Nurlanova-Sadykova"
    assert Organisation.objects.get(pk=organisation.pk).sector == "other"


def test_a_reimport_reports_what_it_did_not_overwrite(page):
    import_seeds(page)
    grant = Grant.objects.get()
    imported_title = grant.title
    grant.title = "NGO grants on SDG 16, 2023"
    grant.review_status = ReviewStatus.REVIEWED
    grant.save()

    out, _err = import_seeds(page)

    assert Grant.objects.get().title == "NGO grants on SDG 16, 2023"
    assert "Kept as curated; the documents say otherwise:" in out
    assert (
        f"grants #{grant.pk} “NGO grants on SDG 16, 2023”, title: "
        f"'NGO grants on SDG 16, 2023' (the document: {imported_title!r})"
    ) in out


def test_a_record_a_person_edited_is_kept_though_not_yet_reviewed(page, editor):
    import_seeds(page)
    grant = Grant.objects.get()
    grant.title = "NGO grants on SDG 16, 2023"
    grant._history_user = editor  # as the admin's history middleware does
    grant.save()
    person = Person.objects.get()
    person.name = "Aigerim Nurlanova-Sadykova"
    person._history_user = editor
    person.save()

    out, _err = import_seeds(page)

    assert Grant.objects.get().title == "NGO grants on SDG 16, 2023"
    assert Grant.objects.get().review_status == ReviewStatus.IMPORTED
    assert f"grants #{grant.pk} “NGO grants on SDG 16, 2023”, title:" in out
    assert list(Person.objects.values_list("name", flat=True)) == ["Aigerim Nurlanova-Sadykova"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        (b"PK\x03\x04" + b"\x00" * 40, "ZIP"),
        ("Новости".encode()[:-1], "truncated"),
        (b"<!DOCTYPE html><html><body>news</body></html>", "HTML"),
    ],
)
def test_a_bad_file_is_reported_and_the_others_still_import(tmp_path, page, content, reason):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)

    with pytest.raises(CommandError) as error:
        import_seeds(tmp_path)

    assert "1 of 2 documents could not be imported" in str(error.value)
    assert str(bad) in str(error.value)
    assert reason.lower() in str(error.value).lower()
    assert list(SourceDocument.objects.values_list("name", flat=True)) == ["forum.txt"]


def test_windows_1251_and_bom_are_read(tmp_path):
    (tmp_path / "cp1251.txt").write_bytes(
        ARTICLE.replace("Astana", "Алматы").encode("cp1251", "replace")
    )
    (tmp_path / "bom.txt").write_bytes("\ufeff".encode() + ARTICLE.encode())

    import_seeds(tmp_path)

    assert sorted(SourceDocument.objects.values_list("name", flat=True)) == [
        "bom.txt",
        "cp1251.txt",
    ]


def test_a_missing_path_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="no such file or folder"):
        import_seeds(tmp_path / "missing.txt")


def test_writes_a_fixture_that_a_rerun_leaves_byte_for_byte(page, settings):
    import_seeds(page)
    fixture = Path(settings.IMPORT_FIXTURES_DIR) / "forum.json"
    first = fixture.read_bytes()

    import_seeds(page)

    assert fixture.read_bytes() == first
    assert b'"model": "organisations.person"' in first
    assert b'"document": [\n      "forum.txt"\n    ]' in first  # natural keys


def test_the_fixture_loads_into_an_empty_database(page, settings):
    import_seeds(page)
    before = snapshot()
    fixture = Path(settings.IMPORT_FIXTURES_DIR) / "forum.json"
    for model in (Citation, Observation, Event, Grant, Person, Organisation, SourceDocument):
        model.objects.all().delete()

    call_command("loaddata", str(fixture), stdout=StringIO())

    assert snapshot() == before


@pytest.mark.skipif(not Path(settings.SEEDS_DIR).is_dir(), reason="needs seeds/")
def test_imports_the_five_seed_documents():
    output, _ = import_seeds()

    assert output.startswith("Imported 5 document(s):")
    assert SourceDocument.objects.count() == 5
    assert Person.objects.filter(name="Michaela Friberg-Storey").count() == 1
