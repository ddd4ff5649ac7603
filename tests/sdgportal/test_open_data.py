import json
import re
import zipfile
from datetime import UTC, datetime

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection, models
from django.utils import translation

from indicators.models import Goal
from sdgportal.caching import CONTENT_APPS
from sdgportal.models import Article
from sdgportal.open_data.export import export_open_data
from sdgportal.open_data.tables import NOT_EXPORTED, TABLES
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    DimensionValueFactory,
    EventFactory,
    EventOrganisationFactory,
    EventSpeakerFactory,
    GlobalIndicatorFactory,
    GrantFactory,
    IndicatorOrganisationFactory,
    NationalIndicatorFactory,
    ObservationFactory,
    OrganisationFactory,
    PositionFactory,
    RegionFactory,
    SourceDocumentFactory,
    TargetFactory,
    restore_built_in_goals,
)

NOW = datetime(2025, 3, 1, 9, 30, 5, tzinfo=UTC)


@pytest.fixture(autouse=True)
def content_types_read_afresh():
    """A flush makes new content types, rolled back after the test: forget their ids."""
    yield
    ContentType.objects.clear_cache()


def build_records():
    """At least one row in every exported table, in each language where a field has three."""
    restore_built_in_goals()
    forum = EventFactory(description="Line one.\nLine two, with a comma.")
    session = EventFactory(parent=forum, is_online=True, city="", country="")
    forum.goals.add(16, 5)
    forum.targets.add(TargetFactory(code="16.3"), TargetFactory(code="5.5", title_ru="Цель"))
    parent_body = OrganisationFactory(aliases=["ERI", "Институт"])
    organiser = OrganisationFactory(parent=parent_body, website="https://eri.kz")
    EventOrganisationFactory(event=session, organisation=organiser)
    EventSpeakerFactory(event=forum, organisation=organiser, order=2)
    PositionFactory(organisation=organiser, start_date="2020-01-01")
    grant = GrantFactory(operator=parent_body, amount="0.00", award_date="2020-05-04")
    grant.goals.add(16)
    grant.targets.add(TargetFactory(code="16.3"))
    indicator = NationalIndicatorFactory(
        code="16.3.1",
        title_ru="Жертвы",
        title_kk="Құрбандар",
        unit_kk="%",
        metadata={"en": {"source": "Police"}},
        global_indicator=GlobalIndicatorFactory(code="16.3.1"),
    )
    indicator.targets.add(TargetFactory(code="16.3"))
    IndicatorOrganisationFactory(indicator=indicator, organisation=organiser)
    dataset = SourceDocumentFactory(name="16-3-1.csv", kind="dataset", imported_at=NOW)
    ObservationFactory(indicator=indicator, document=dataset, value="0.00000000")
    ObservationFactory(
        indicator=indicator,
        region=RegionFactory(name_ru="Акмолинская"),
        disaggregation={"SEX": "F"},
        value="12345678901234.12345678",
    )
    ObservationFactory(
        indicator=None,
        goal=Goal.objects.get(number=5),
        label="Women in parliament",
        article=ArticleFactory(text="The article's full text.", published_on="2024-02-03"),
        quote="Women hold 27% of seats.",
    )
    RegionFactory(code="KZALA", name_en="Almaty", boundary=None)
    DimensionValueFactory(label_ru="Женщины")
    CitationFactory(record=forum)
    CitationFactory(record=grant, article=None, document=dataset, quote="")
    # The stored default-language column as an edit in another language left it.
    models.QuerySet(Goal).filter(number=16).update(title="Stored in the base column")


def exported_rows():
    """Every exported table's rows as stored, a citation's record kind by name, not number."""
    rows = {}
    for table in TABLES:
        records = list(models.QuerySet(table.model).order_by("pk").values())
        for record in records:
            if "content_type_id" in record:
                kind = ContentType.objects.get(pk=record.pop("content_type_id"))
                record["content_type"] = f"{kind.app_label}.{kind.model}"
        rows[table.name] = records
    return rows


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_export_then_import_into_an_emptied_database_gives_the_same_records(tmp_path):
    build_records()
    before = exported_rows()
    call_command("export_open_data", tmp_path / "open-data.zip")
    call_command("flush", "--noinput")

    with translation.override("ru"):
        call_command("import_open_data", tmp_path / "open-data.zip")

    assert [name for name, rows in before.items() if not rows] == []
    for article in before["articles"]:
        article["text"] = ""  # withheld from the export
    assert exported_rows() == before


@pytest.mark.django_db
def test_import_replace_gives_the_exported_records_in_place_of_those_held(tmp_path):
    build_records()
    before = exported_rows()
    export_open_data(tmp_path / "open-data.zip", now=NOW)
    EventFactory(slug="added-after-the-export")
    Goal.objects.filter(number=1).update(colour="#000000")

    call_command("import_open_data", tmp_path / "open-data.zip", "--replace")

    assert exported_rows() == before  # the articles' withheld text kept


@pytest.mark.django_db
def test_import_replace_keeps_the_withheld_text_of_the_articles_it_keeps(tmp_path):
    kept = ArticleFactory(text="The kept article's full text.")
    new = ArticleFactory(text="Text the export withholds.")
    export_open_data(tmp_path / "open-data.zip", now=NOW)
    Article.objects.filter(pk=new.pk).delete()
    ArticleFactory(text="An article the export does not hold.")

    call_command("import_open_data", tmp_path / "open-data.zip", "--replace")

    assert list(Article.objects.order_by("pk").values_list("pk", "text")) == [
        (kept.pk, "The kept article's full text."),
        (new.pk, ""),
    ]


@pytest.mark.django_db
def test_import_refuses_a_database_that_holds_records(tmp_path):
    EventFactory()
    export_open_data(tmp_path / "open-data.zip", now=NOW)
    OrganisationFactory.create_batch(2)

    with pytest.raises(CommandError) as refused:
        call_command("import_open_data", tmp_path / "open-data.zip")

    assert str(refused.value) == (
        "The database already holds records (organisations: 2, events: 1): load an export "
        "into an empty database, or replace them with --replace.\nThe database is unchanged."
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_import_is_all_or_nothing(tmp_path):
    build_records()
    export_open_data(tmp_path / "good.zip", now=NOW)
    with (
        zipfile.ZipFile(tmp_path / "good.zip") as good,
        zipfile.ZipFile(tmp_path / "bad.zip", "w") as bad,
    ):
        for name in good.namelist():
            content = good.read(name)
            if name == "citations.json":  # the last table loaded
                content = content.replace(b'"events.event"', b'"events.nothing"')
            bad.writestr(name, content)
    call_command("flush", "--noinput")

    with pytest.raises(CommandError) as refused:
        call_command("import_open_data", tmp_path / "bad.zip")

    assert str(refused.value) == (
        "citations.json, line 2: content_type 'events.nothing': no such kind of record\n"
        "The database is unchanged."
    )
    assert [table.model.objects.count() for table in TABLES] == [0] * len(TABLES)


@pytest.mark.django_db
def test_export_writes_a_csv_and_a_json_file_per_table_and_their_description(tmp_path):
    forum = EventFactory()
    forum.goals.add(16, 5)

    counts = export_open_data(tmp_path / "open-data.zip", now=NOW)

    with zipfile.ZipFile(tmp_path / "open-data.zip") as archive:
        names = archive.namelist()
        event_goals_csv = archive.read("event_goals.csv").decode()
        event_goals_json = archive.read("event_goals.json").decode()
        targets_json = archive.read("targets.json").decode()
        package = json.loads(archive.read("datapackage.json"))
    assert names == [
        *(f"{table.name}.{kind}" for table in TABLES for kind in ("json", "csv")),
        "datapackage.json",
        "README.txt",
    ]
    assert counts == {table.name: 0 for table in TABLES} | {
        "goals": 17,
        "events": 1,
        "event_goals": 2,
    }
    (first, goal), (second, other_goal) = forum.goals.through.objects.order_by("pk").values_list(
        "pk", "goal_id"
    )
    assert event_goals_csv == (
        f"id,event_id,goal_id\n{first},{forum.pk},{goal}\n{second},{forum.pk},{other_goal}\n"
    )
    assert event_goals_json == (
        f'[\n{{"id":{first},"event_id":{forum.pk},"goal_id":{goal}}},\n'
        f'{{"id":{second},"event_id":{forum.pk},"goal_id":{other_goal}}}\n]\n'
    )
    assert targets_json == "[\n]\n"
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert list(resources) == [table.name for table in TABLES]
    assert (package["licenses"], package["sdgportal"]["format"], package["created"]) == (
        [
            {
                "name": "CC-BY-4.0",
                "title": "Creative Commons Attribution 4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
            }
        ],
        1,
        "2025-03-01T09:30:05+00:00",
    )
    assert resources["event_goals"] == {
        "name": "event_goals",
        "path": "event_goals.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": "Event-goal relationships",
        "description": "The goals each event addresses.",
        "sdgportal": {"json": "event_goals.json", "rows": 2},
        "schema": {
            "fields": [
                {
                    "name": "id",
                    "type": "integer",
                    "title": "ID",
                    "constraints": {"required": True, "unique": True},
                },
                {
                    "name": "event_id",
                    "type": "integer",
                    "title": "event",
                    "constraints": {"required": True},
                },
                {
                    "name": "goal_id",
                    "type": "integer",
                    "title": "goal",
                    "constraints": {"required": True},
                },
            ],
            "primaryKey": "id",
            "foreignKeys": [
                {"fields": "event_id", "reference": {"resource": "events", "fields": "id"}},
                {"fields": "goal_id", "reference": {"resource": "goals", "fields": "number"}},
            ],
            "missingValues": [""],
        },
    }


@pytest.mark.django_db
def test_export_writes_translations_json_values_and_decimals_in_csv(tmp_path):
    indicator = NationalIndicatorFactory(
        title_ru="Жертвы", title_kk="Құрбандар", metadata={"en": {"source": "Police"}}
    )
    ObservationFactory(indicator=indicator, value="0.00000000", disaggregation={"SEX": "F"})

    export_open_data(tmp_path / "open-data.zip", now=NOW)

    with zipfile.ZipFile(tmp_path / "open-data.zip") as archive:
        indicators_csv = archive.read("national_indicators.csv").decode().splitlines()
        observations_csv = archive.read("observations.csv").decode().splitlines()
    assert indicators_csv == [
        "id,code,sort_key,goal_id,title,title_en,title_ru,title_kk,unit,unit_en,unit_ru,unit_kk,"
        "global_indicator_id,chart_type,reporting_status,metadata,document_id",
        f"{indicator.pk},16.3.1,{indicator.sort_key},16,Victims who reported to the police,"
        "Victims who reported to the police,Жертвы,Құрбандар,%,%,,,,,notstarted,"
        '"{""en"":{""source"":""Police""}}",',
    ]
    assert observations_csv[1].split(",") == [
        str(indicator.observations.get().pk),
        str(indicator.pk),
        "",
        "",
        "2022",
        "0.00000000",
        "%",
        "",
        "",
        '"{""SEX"":""F""}"',
        "",
        "",
        "",
        "false",
    ]


def exported_zip(path, *, leave_out=(), change=None):
    """An export of an empty database written again without ``leave_out``, ``change`` applied
    to each file's content."""
    export_open_data(path.with_name("whole.zip"), now=NOW)
    with zipfile.ZipFile(path.with_name("whole.zip")) as whole, zipfile.ZipFile(path, "w") as part:
        for name in whole.namelist():
            if name not in leave_out:
                content = whole.read(name)
                part.writestr(name, change(name, content) if change else content)
    return path


def refusal_of(path):
    with pytest.raises(CommandError) as refused:
        call_command("import_open_data", path)
    return str(refused.value)


def test_import_refuses_a_missing_file(tmp_path):
    assert refusal_of(tmp_path / "missing.zip") == (
        f"{tmp_path / 'missing.zip'} does not exist or is not a file.\nThe database is unchanged."
    )


def test_import_refuses_a_file_that_is_no_zip(tmp_path):
    (tmp_path / "open-data.zip").write_text("id,name\n")

    assert refusal_of(tmp_path / "open-data.zip") == (
        f"{tmp_path / 'open-data.zip'} is not a zip file.\nThe database is unchanged."
    )


@pytest.mark.django_db
def test_import_refuses_a_zip_without_datapackage(tmp_path):
    path = exported_zip(tmp_path / "open-data.zip", leave_out=["datapackage.json"])

    assert refusal_of(path) == (
        f"{path} holds no datapackage.json: it is not an open-data export.\n"
        "The database is unchanged."
    )


@pytest.mark.django_db
def test_import_refuses_a_zip_missing_a_table(tmp_path):
    path = exported_zip(tmp_path / "open-data.zip", leave_out=["grants.json"])

    assert refusal_of(path) == (
        f"{path} lacks grants.json: it is not a complete export.\nThe database is unchanged."
    )


def with_package(edit):
    def change(name, content):
        if name != "datapackage.json":
            return content
        package = json.loads(content)
        edit(package)
        return json.dumps(package)

    return change


@pytest.mark.django_db
def test_import_refuses_another_format_version(tmp_path):
    path = exported_zip(
        tmp_path / "open-data.zip",
        change=with_package(lambda package: package["sdgportal"].update(format=2)),
    )

    assert refusal_of(path) == (
        f"{path} is an export of format version 2; this portal loads version 1.\n"
        "The database is unchanged."
    )


@pytest.mark.django_db
def test_import_refuses_a_package_of_something_else(tmp_path):
    path = exported_zip(
        tmp_path / "open-data.zip", change=with_package(lambda package: package.pop("sdgportal"))
    )

    assert refusal_of(path) == (
        f"{path}: its datapackage.json does not describe an export of the portal.\n"
        "The database is unchanged."
    )


@pytest.mark.django_db
def test_import_refuses_other_columns(tmp_path):
    def drop_region_code(package):
        fields = package["resources"][5]["schema"]["fields"]
        fields[:] = [field for field in fields if field["name"] != "boundary_code"]

    path = exported_zip(tmp_path / "open-data.zip", change=with_package(drop_region_code))

    assert refusal_of(path) == (
        f"{path}: regions has the columns id, code, name, name_en, name_ru, name_kk, boundary, "
        "outline, and this portal's id, code, name, name_en, name_ru, name_kk, boundary_code, "
        "boundary, outline. Load it with the version of the portal that exported it.\n"
        "The database is unchanged."
    )


@pytest.mark.django_db
def test_import_refuses_a_line_that_is_no_row(tmp_path):
    path = exported_zip(
        tmp_path / "open-data.zip",
        change=lambda name, content: b'[\n{"number": 1,\n]\n' if name == "goals.json" else content,
    )

    assert refusal_of(path) == (
        "goals.json, line 2 is not one row of an export: unexpected end of data: line 1 column "
        "13 (char 12).\nThe database is unchanged."
    )


def replaced(old, new):
    """A change for ``exported_zip``: ``old`` becomes ``new`` in the JSON file it is in."""

    def change(name, content):
        return content.replace(old, new) if name.endswith(".json") else content

    return change


def refusal_of_replace(path):
    before = exported_rows()
    with pytest.raises(CommandError) as refused:
        call_command("import_open_data", path, "--replace")
    assert exported_rows() == before
    return str(refused.value)


@pytest.mark.django_db
def test_import_refuses_a_row_without_a_required_value(tmp_path):
    restore_built_in_goals()
    path = exported_zip(tmp_path / "open-data.zip", change=replaced(b'"#E5243B"', b"null"))

    assert refusal_of_replace(path) == (
        "goals.json, lines 2 to 18: the database refused a row: "
        + {
            "sqlite": "NOT NULL constraint failed: indicators_goal.colour",
            "postgresql": 'null value in column "colour" of relation "indicators_goal" '
            "violates not-null constraint",
        }[connection.vendor]
        + ".\nThe database is unchanged."
    )


@pytest.mark.django_db
def test_import_refuses_a_text_in_an_integer_column(tmp_path):
    article = ArticleFactory(position=3)
    path = exported_zip(
        tmp_path / "open-data.zip", change=replaced(b'"position":3', b'"position":"third"')
    )

    assert refusal_of_replace(path) == (
        "articles.json, line 2: position 'third': not an integer\nThe database is unchanged."
    )
    assert Article.objects.get().pk == article.pk


@pytest.mark.django_db
def test_import_refuses_a_reference_to_no_record(tmp_path):
    forum = EventFactory()
    session = EventFactory(parent=forum)
    path = exported_zip(
        tmp_path / "open-data.zip",
        change=replaced(f'"parent_id":{forum.pk}'.encode(), b'"parent_id":999999'),
    )

    refusal = refusal_of_replace(path)

    if connection.vendor == "sqlite":
        assert refusal == (
            "A reference points to no record: The row in table 'events_event' with primary key "
            f"'{session.pk}' has an invalid foreign key: events_event.parent_id contains a value "
            "'999999' that does not have a corresponding value in events_event.id.\n"
            "The database is unchanged."
        )
    else:  # the constraint's name ends in a hash of its columns
        assert re.fullmatch(
            'A reference points to no record: insert or update on table "events_event" violates '
            r'foreign key constraint "events_event_parent_id_\w+_fk_events_event_id" '
            r'\(Key \(parent_id\)=\(999999\) is not present in table "events_event"\)\.\n'
            "The database is unchanged.",
            refusal,
        ), refusal


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite stores a text of any length")
@pytest.mark.django_db
def test_import_refuses_a_text_too_long_for_its_column(tmp_path):
    restore_built_in_goals()
    path = exported_zip(tmp_path / "open-data.zip", change=replaced(b'"#E5243B"', b'"#E5243B0"'))

    assert refusal_of_replace(path) == (
        "goals.json, lines 2 to 18: the database refused a row: value too long for type "
        "character varying(7).\nThe database is unchanged."
    )


def test_export_refuses_a_name_that_is_no_zip(tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command("export_open_data", tmp_path / "open-data.csv")

    assert str(refused.value) == f"{tmp_path / 'open-data.csv'}: name the export NAME.zip."


def test_every_content_model_is_exported_or_left_out_for_a_reason():
    content_models = {
        model._meta.label
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if "Historical" not in model.__name__
    }

    assert content_models - {table.label for table in TABLES} == set(NOT_EXPORTED)
