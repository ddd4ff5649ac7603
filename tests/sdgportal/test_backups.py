import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import QuerySet
from rest_framework.authtoken.models import Token

from events.models import Event
from organisations.models import Organisation
from sdgportal.backups import default_backup_path
from tests.factories import (
    CitationFactory,
    EventOrganisationFactory,
    EventSpeakerFactory,
    GrantFactory,
    ObservationFactory,
    RegionFactory,
    restore_built_in_goals,
)

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump and pg_restore are PostgreSQL's"
)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="a file database is SQLite's")


def every_row():
    """Each table's rows, history, users, tokens and sessions included."""
    return {
        model._meta.label: list(QuerySet(model).order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy
    }


def build_records(client, django_user_model):
    """Records of every app, with their history, a user, a token and a session."""
    restore_built_in_goals()
    user = django_user_model.objects.create_superuser("curator", "curator@example.org", "pw")
    Token.objects.create(user=user)
    client.force_login(user)
    event = EventOrganisationFactory().event
    EventSpeakerFactory(event=event)
    event.goals.add(16)
    GrantFactory()
    ObservationFactory(region=RegionFactory(), value="12.50000000")
    CitationFactory(record=event)


def change_records():
    Event.objects.all().delete()
    Organisation.objects.create(name="Added after the backup", slug="added-after-the-backup")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_gives_back_the_database_as_it_was_backed_up(tmp_path, client, django_user_model):
    build_records(client, django_user_model)
    before = every_row()
    call_command("backup", tmp_path / "portal.backup")
    change_records()

    call_command("restore", tmp_path / "portal.backup", "--noinput")

    assert every_row() == before


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_asks_first_and_a_no_leaves_the_database(tmp_path, monkeypatch):
    call_command("backup", tmp_path / "portal.backup")
    Organisation.objects.create(name="Kept", slug="kept")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")

    with pytest.raises(CommandError) as refused:
        call_command("restore", tmp_path / "portal.backup")

    assert str(refused.value) == "Restore cancelled: the database is unchanged."
    assert list(Organisation.objects.values_list("slug", flat=True)) == ["kept"]


@pytest.fixture
def migration_from_the_future():
    """A migration applied that the code lacks; removed afterwards, as a flush leaves it."""
    recorded = MigrationRecorder.Migration.objects.create(app="events", name="9999_from_the_future")
    yield recorded
    recorded.delete()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_a_backup_of_newer_code(tmp_path, migration_from_the_future):
    call_command("backup", tmp_path / "portal.backup")

    with pytest.raises(CommandError) as refused:
        call_command("restore", tmp_path / "portal.backup", "--noinput")

    assert str(refused.value) == (
        f"{tmp_path / 'portal.backup'} was made by a newer version of the portal: its database "
        "has migrations this code lacks (events.9999_from_the_future). Restore it with the code "
        "it was made with."
    )


def test_restore_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command("restore", tmp_path / "missing.dump", "--noinput")

    assert str(refused.value) == f"{tmp_path / 'missing.dump'} does not exist or is not a file."


def test_restore_refuses_a_file_that_is_no_backup(tmp_path):
    (tmp_path / "notes.txt").write_text("Not a backup.")

    with pytest.raises(CommandError) as refused:
        call_command("restore", tmp_path / "notes.txt", "--noinput")

    assert str(refused.value) == (
        f"{tmp_path / 'notes.txt'} is not a backup: neither a pg_dump custom-format archive nor "
        "an SQLite database."
    )


def sqlite_database(path, *statements):
    with closing(sqlite3.connect(path)) as database:
        for statement in statements:
            database.execute(statement)
        database.commit()
    return path


@on_postgresql
def test_restore_on_postgresql_refuses_an_sqlite_backup(tmp_path):
    backup = sqlite_database(tmp_path / "portal.sqlite3", "CREATE TABLE t (x)")

    with pytest.raises(CommandError) as refused:
        call_command("restore", backup, "--noinput")

    assert str(refused.value) == (
        f"{backup} is an SQLite backup, and this database is PostgreSQL: restore it into an "
        "SQLite database."
    )


@on_sqlite
def test_restore_on_sqlite_refuses_a_postgresql_backup(tmp_path):
    (tmp_path / "portal.dump").write_bytes(b"PGDMP\x01\x0e\x00")

    with pytest.raises(CommandError) as refused:
        call_command("restore", tmp_path / "portal.dump", "--noinput")

    assert str(refused.value) == (
        f"{tmp_path / 'portal.dump'} is a PostgreSQL backup, and this database is SQLite: "
        "restore it into a PostgreSQL database."
    )


@on_sqlite
def test_restore_refuses_an_sqlite_database_of_something_else(tmp_path):
    other = sqlite_database(tmp_path / "other.sqlite3", "CREATE TABLE notes (text)")

    with pytest.raises(CommandError) as refused:
        call_command("restore", other, "--noinput")

    assert str(refused.value) == f"{other} is an SQLite backup, but not of the portal."


@on_sqlite
def test_restore_refuses_a_damaged_sqlite_file(tmp_path):
    (tmp_path / "damaged.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)

    with pytest.raises(CommandError) as refused:
        call_command("restore", tmp_path / "damaged.sqlite3", "--noinput")

    assert str(refused.value) == (
        f"{tmp_path / 'damaged.sqlite3'} cannot be read as an SQLite database: file is not a "
        "database"
    )


@pytest.mark.django_db
def test_backup_refuses_to_overwrite_a_file(tmp_path):
    (tmp_path / "portal.backup").write_text("An earlier backup.")

    with pytest.raises(CommandError) as refused:
        call_command("backup", tmp_path / "portal.backup")

    assert str(refused.value) == (
        f"{tmp_path / 'portal.backup'} already exists: name a new file, or move that one away."
    )
    assert (tmp_path / "portal.backup").read_text() == "An earlier backup."


@on_postgresql
@pytest.mark.django_db
def test_backup_refuses_without_pg_dump(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))

    with pytest.raises(CommandError) as refused:
        call_command("backup", tmp_path / "portal.dump")

    assert str(refused.value) == (
        "pg_dump was not found: install PostgreSQL's client programs (the postgresql-client "
        "package) of the server's version or newer."
    )
    assert list(tmp_path.iterdir()) == []


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_a_dump_of_a_newer_postgresql(tmp_path, monkeypatch):
    call_command("backup", tmp_path / "portal.dump")
    server_major = connection.pg_version // 10000
    monkeypatch.setattr(connection, "pg_version", (server_major - 1) * 10000)

    with pytest.raises(CommandError) as refused:
        call_command("restore", tmp_path / "portal.dump", "--noinput")

    assert str(refused.value) == (
        f"{tmp_path / 'portal.dump'} was dumped from PostgreSQL {server_major}, and this server "
        f"is PostgreSQL {server_major - 1}: restore it on PostgreSQL {server_major} or newer."
    )


def test_default_backup_path_is_named_by_the_utc_time():
    now = datetime(2025, 3, 1, 9, 30, 5, tzinfo=UTC)

    assert [default_backup_path(vendor=vendor, now=now) for vendor in ("postgresql", "sqlite")] == [
        settings.BASE_DIR / "backups" / "sdgportal-20250301T093005Z.dump",
        settings.BASE_DIR / "backups" / "sdgportal-20250301T093005Z.sqlite3",
    ]


def manage(database, *arguments, answer=""):
    """Run manage.py on the SQLite file ``database``, as a person would."""
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *map(str, arguments)],
        cwd=settings.BASE_DIR,
        env=environment,
        input=answer,
        capture_output=True,
        text=True,
    )


def rows_of(database, table):
    with closing(sqlite3.connect(database)) as opened:
        return opened.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()


@on_sqlite
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_commands_back_up_and_restore_a_file_database(tmp_path, client, django_user_model):
    build_records(client, django_user_model)
    live = tmp_path / "db.sqlite3"
    call_command("backup", live)  # a file database to run the commands on
    before = rows_of(live, "events_event")

    backed_up = manage(live, "backup", tmp_path / "portal.sqlite3")
    sqlite_database(live, "UPDATE events_event SET title = 'Changed'")
    cancelled = manage(live, "restore", tmp_path / "portal.sqlite3", answer="no\n")
    restored = manage(live, "restore", tmp_path / "portal.sqlite3", answer="yes\n")

    assert (backed_up.returncode, cancelled.returncode, restored.returncode) == (0, 1, 0)
    assert cancelled.stderr == "CommandError: Restore cancelled: the database is unchanged.\n"
    assert restored.stdout.endswith(
        f"Restored {tmp_path / 'portal.sqlite3'} into the database {live}.\n"
    )
    assert rows_of(live, "events_event") == before


@on_sqlite
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_of_sqlite_is_one_self_contained_file(tmp_path):
    call_command("backup", tmp_path / "portal.sqlite3")

    with closing(sqlite3.connect(tmp_path / "portal.sqlite3")) as backup:
        assert backup.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["portal.sqlite3"]


def test_backups_folder_is_ignored_by_git():
    assert "/backups/" in (Path(settings.BASE_DIR) / ".gitignore").read_text().splitlines()


@pytest.fixture
def events_first_migration_recorded_again():
    """A restore of a backup lacking it removes the record; the next tests expect it."""
    yield
    MigrationRecorder(connection).record_applied("events", "0001_initial")


@on_sqlite
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_of_an_older_backup_says_to_migrate(
    tmp_path, events_first_migration_recorded_again
):
    backup = tmp_path / "portal.sqlite3"
    call_command("backup", backup)
    sqlite_database(
        backup, "DELETE FROM django_migrations WHERE app = 'events' AND name = '0001_initial'"
    )
    out = StringIO()

    call_command("restore", backup, "--noinput", stdout=out)

    assert out.getvalue() == (
        f"Restored {backup} into the database {connection.settings_dict['NAME']}.\n"
        "The backup predates 1 migration(s): run manage.py migrate.\n"
    )


def tables():
    return connection.introspection.table_names()


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_of_an_older_backup_drops_the_newer_schema_and_migrate_brings_it_back(tmp_path):
    call_command("migrate", "axes", "0009_add_session_hash", verbosity=0)
    call_command("backup", tmp_path / "portal.dump")
    call_command("migrate", "axes", verbosity=0)  # the newer code's table, and its migration
    out, plan = StringIO(), StringIO()

    call_command("restore", tmp_path / "portal.dump", "--noinput", stdout=out)
    axes_tables = [table for table in tables() if table.startswith("axes_")]
    call_command("showmigrations", "axes", "--plan", stdout=plan)
    with pytest.raises(SystemExit):
        call_command("migrate", "--check", verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("migrate", "--check", verbosity=0)

    assert out.getvalue() == (
        f"Restored {tmp_path / 'portal.dump'} into the database "
        f"{connection.settings_dict['NAME']}.\n"
        "The backup predates 1 migration(s): run manage.py migrate.\n"
    )
    assert axes_tables == ["axes_accessattempt", "axes_accessfailurelog", "axes_accesslog"]
    assert plan.getvalue().splitlines()[-2:] == [
        "[X]  axes.0009_add_session_hash",
        "[ ]  axes.0010_accessattemptexpiration",
    ]
    assert "axes_accessattemptexpiration" in tables()


def public_schema():
    """Owner, grants and comment of the public schema."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nspowner::regrole::text, nspacl::text[], obj_description(oid, 'pg_namespace')"
            " FROM pg_namespace WHERE nspname = 'public'"
        )
        return cursor.fetchone()


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_keeps_the_public_schemas_owner_grants_and_comment(tmp_path):
    before = public_schema()
    call_command("backup", tmp_path / "portal.dump")

    call_command("restore", tmp_path / "portal.dump", "--noinput")

    assert public_schema() == before


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_of_a_truncated_dump_leaves_the_database_unchanged(
    tmp_path, client, django_user_model
):
    build_records(client, django_user_model)
    call_command("backup", tmp_path / "portal.dump")
    change_records()
    before = (tables(), every_row())
    dump = (tmp_path / "portal.dump").read_bytes()
    # The last data block cut short: pg_restore writes the schema's SQL, then fails.
    (tmp_path / "truncated.dump").write_bytes(dump[:-1])

    with pytest.raises(CommandError) as failed:
        call_command("restore", tmp_path / "truncated.dump", "--noinput")

    assert str(failed.value) == (
        "pg_restore failed: pg_restore: error: could not read from input file: end of file\n"
        "The database is unchanged."
    )
    assert (tables(), every_row()) == before


@pytest.fixture
def rows_restore_cannot_load():
    """A table whose CHECK reads a table restored after it: the dump's SQL fails on its data."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE zz_code (code text PRIMARY KEY);"
            "CREATE FUNCTION is_known_code(text) RETURNS boolean LANGUAGE sql"
            " AS 'SELECT EXISTS (SELECT FROM public.zz_code WHERE code = $1)';"
            "CREATE TABLE aa_coded (code text CHECK (public.is_known_code(code)));"
            "INSERT INTO zz_code VALUES ('sdg');"
            "INSERT INTO aa_coded VALUES ('sdg');"
        )
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE aa_coded, zz_code; DROP FUNCTION is_known_code(text)")


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_whose_sql_fails_halfway_leaves_the_database_unchanged(
    tmp_path, client, django_user_model, rows_restore_cannot_load
):
    build_records(client, django_user_model)
    call_command("backup", tmp_path / "portal.dump")
    change_records()
    before = (tables(), every_row())

    with pytest.raises(CommandError) as failed:
        call_command("restore", tmp_path / "portal.dump", "--noinput")

    assert str(failed.value) == (
        'psql failed: ERROR:  new row for relation "aa_coded" violates check constraint '
        '"aa_coded_code_check"\n'
        "DETAIL:  Failing row contains (sdg).\n"
        'CONTEXT:  COPY aa_coded, line 1: "sdg"\n'
        "The database is unchanged."
    )
    assert (tables(), every_row()) == before


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_without_psql(tmp_path, monkeypatch):
    call_command("backup", tmp_path / "portal.dump")
    Organisation.objects.create(name="Kept", slug="kept")
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "pg_restore").symlink_to(shutil.which("pg_restore"))
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))

    with pytest.raises(CommandError) as refused:
        call_command("restore", tmp_path / "portal.dump", "--noinput")

    assert str(refused.value) == (
        "psql was not found: install PostgreSQL's client programs (the postgresql-client "
        "package) of the server's version or newer."
    )
    assert list(Organisation.objects.values_list("slug", flat=True)) == ["kept"]
