"""Backups of the whole database, and restoring one in place of the database's content.

PostgreSQL: pg_dump's custom format; a restore streams its SQL (pg_restore) into psql, in one
transaction that first empties the public schema, so nothing of a newer schema survives. SQLite:
a copy made with SQLite's online backup, which reads a consistent state of a database in use; a
restore copies it back the same way, in one step. Either way the backup holds every table:
records, history, users, tokens and sessions.
"""

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing, suppress
from datetime import datetime
from pathlib import Path
from tempfile import TemporaryFile
from typing import IO

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader

from sdgportal.caching import bump_data_version

POSTGRESQL, SQLITE = "postgresql", "sqlite"
SUFFIXES = {POSTGRESQL: ".dump", SQLITE: ".sqlite3"}
MAGIC = {POSTGRESQL: b"PGDMP", SQLITE: b"SQLite format 3\x00"}
VENDOR_NAMES = {POSTGRESQL: "PostgreSQL", SQLITE: "SQLite"}
A_VENDOR = {POSTGRESQL: "a PostgreSQL", SQLITE: "an SQLite"}

# Sent to psql before the dump's SQL, in the same transaction: a new, empty public schema with the
# old one's owner, grants and comment. Extensions in it (pg_trgm) go too; the dump recreates them.
EMPTY_PUBLIC_SCHEMA = """\
BEGIN;
SET client_min_messages = warning;
DO $empty$
DECLARE
    old_owner regrole;
    old_acl aclitem[];
    old_comment text;
    privilege record;
BEGIN
    SELECT nspowner::regrole, nspacl, obj_description(oid, 'pg_namespace')
        INTO old_owner, old_acl, old_comment
        FROM pg_namespace WHERE nspname = 'public';
    DROP SCHEMA IF EXISTS public CASCADE;
    CREATE SCHEMA public;
    IF old_owner IS NULL THEN
        RETURN;
    END IF;
    EXECUTE format('ALTER SCHEMA public OWNER TO %s', old_owner);
    EXECUTE format('COMMENT ON SCHEMA public IS %L', old_comment);
    IF old_acl IS NOT NULL THEN
        EXECUTE format('REVOKE ALL ON SCHEMA public FROM PUBLIC, %s', old_owner);
        FOR privilege IN
            SELECT privilege_type,
                   CASE grantee WHEN 0 THEN 'PUBLIC' ELSE grantee::regrole::text END AS grantee,
                   CASE WHEN is_grantable THEN ' WITH GRANT OPTION' ELSE '' END AS option
            FROM aclexplode(old_acl)
        LOOP
            EXECUTE format(
                'GRANT %s ON SCHEMA public TO %s%s',
                privilege.privilege_type, privilege.grantee, privilege.option
            );
        END LOOP;
    END IF;
END
$empty$;
"""


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why."""


def default_backup_path(*, vendor: str, now: datetime) -> Path:
    """``backups/sdgportal-<UTC time>.dump`` (PostgreSQL) or ``.sqlite3`` (SQLite)."""
    return settings.BASE_DIR / "backups" / f"sdgportal-{now:%Y%m%dT%H%M%SZ}{SUFFIXES[vendor]}"


def database_vendor(using: str = "default") -> str:
    vendor = connections[using].vendor
    if vendor not in SUFFIXES:
        raise BackupError(f"Backups are made of PostgreSQL and SQLite databases, not {vendor}.")
    return vendor


def back_up_database(path: Path, *, using: str = "default") -> Path:
    """Write a backup of the database to ``path``, a new file; a failed backup leaves none."""
    vendor = database_vendor(using)
    if path.exists():
        raise BackupError(f"{path} already exists: name a new file, or move that one away.")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    try:
        if vendor == POSTGRESQL:
            _run_pg("pg_dump", "--format=custom", f"--file={partial}", using=using)
        else:
            connection = connections[using]
            connection.ensure_connection()
            with closing(sqlite3.connect(partial)) as target:
                connection.connection.backup(target)
                target.execute("PRAGMA journal_mode=DELETE")  # one file, readable anywhere
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def check_backup(path: Path, *, using: str = "default") -> list[str]:
    """Refuse a file that is not a backup of this portal this database can take; return the
    migrations the code has and the backup lacks (``app.name``), which ``migrate`` applies."""
    vendor = database_vendor(using)
    kind = backup_kind(path)
    if kind != vendor:
        raise BackupError(
            f"{path} is {A_VENDOR[kind]} backup, and this database is "
            f"{VENDOR_NAMES[vendor]}: restore it into {A_VENDOR[kind]} database."
        )
    if kind == POSTGRESQL:
        _check_pg_versions(path, using=using)
        _require("psql")
        applied = _pg_migrations(path, using=using)
    else:
        applied = _sqlite_migrations(path)
    if ("sdgportal", "0001_initial") not in applied:
        raise BackupError(f"{path} is {A_VENDOR[kind]} backup, but not of the portal.")
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = sorted(f"{app}.{name}" for app, name in applied - known)
    if unknown:
        raise BackupError(
            f"{path} was made by a newer version of the portal: its database has migrations "
            f"this code lacks ({', '.join(unknown)}). Restore it with the code it was made with."
        )
    return sorted(f"{app}.{name}" for app, name in known - applied)


def restore_database(path: Path, *, using: str = "default") -> None:
    """Replace the database's schema and content with the backup's, all of it or, on failure,
    none: on PostgreSQL, tables and extensions the backup lacks go too.

    Check the file with ``check_backup`` first.
    """
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError("A restore replaces the whole database: it cannot run in a transaction.")
    if database_vendor(using) == POSTGRESQL:
        connection.close()  # the restore drops the tables this connection may have open
        _restore_pg(path, using=using)
    else:
        connection.ensure_connection()
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as source:
            source.backup(connection.connection)
    bump_data_version()


def backup_kind(path: Path) -> str:
    """POSTGRESQL or SQLITE, from the first bytes of the file."""
    if not path.is_file():
        raise BackupError(f"{path} does not exist or is not a file.")
    with path.open("rb") as file:
        start = file.read(16)
    for kind, magic in MAGIC.items():
        if start.startswith(magic):
            return kind
    raise BackupError(
        f"{path} is not a backup: neither a pg_dump custom-format archive nor an SQLite database."
    )


def _pg_environment(using: str) -> dict[str, str]:
    """The connection settings as libpq's variables, password, service and SSL files as
    ``dbshell`` passes them: no password on a command line."""
    connection = connections[using]
    database = connection.settings_dict
    _arguments, options = connection.client.settings_to_cmd_args_env(database, [])
    variables = {
        "PGHOST": database.get("HOST"),
        "PGPORT": database.get("PORT"),
        "PGUSER": database.get("USER"),
        "PGDATABASE": database.get("NAME"),
        **(options or {}),
    }
    return {**os.environ, **{name: str(value) for name, value in variables.items() if value}}


def _require(program: str) -> None:
    if shutil.which(program) is None:
        raise BackupError(
            f"{program} was not found: install PostgreSQL's client programs (the "
            "postgresql-client package) of the server's version or newer."
        )


def _failure(program: str, returncode: int, stderr: str) -> BackupError:
    """The program's error message, with a hint where one helps."""
    message = stderr.strip() or f"exit status {returncode}"
    hint = ""
    if "version mismatch" in message or "unsupported version" in message:
        hint = f"Use the {program} of the server's PostgreSQL version or a newer one."
    elif "must be owner of schema public" in message:
        hint = (
            "The database's user must own the public schema: a superuser can give it with "
            "ALTER SCHEMA public OWNER TO <user>."
        )
    if hint:
        message += ("\n" if "\n" in message else " ") + hint
    return BackupError(f"{program} failed: {message}")


def _run_pg(program: str, *arguments: str, using: str) -> str:
    """Run a PostgreSQL client program and return its output; its error message if it fails."""
    _require(program)
    done = subprocess.run(
        [program, *arguments], env=_pg_environment(using), capture_output=True, text=True
    )
    if done.returncode != 0:
        raise _failure(program, done.returncode, done.stderr)
    return done.stdout


def _restore_pg(path: Path, *, using: str) -> None:
    """Stream the dump's SQL into psql after ``EMPTY_PUBLIC_SCHEMA``; send the COMMIT only once
    pg_restore has read the whole archive. psql stops at the first error, and when its input
    ends without a COMMIT (pg_restore failed, or this process was stopped) it disconnects and
    PostgreSQL rolls the transaction back."""
    _require("pg_restore")
    _require("psql")
    environment = _pg_environment(using)
    with TemporaryFile() as psql_errors, TemporaryFile() as restore_errors:
        psql = subprocess.Popen(
            ["psql", "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--file=-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=psql_errors,
            env=environment,
        )
        restore = subprocess.Popen(
            ["pg_restore", "--no-owner", "--file=-", str(path)],
            stdout=subprocess.PIPE,
            stderr=restore_errors,
            env=environment,
        )
        assert psql.stdin is not None
        assert restore.stdout is not None
        try:
            psql.stdin.write(EMPTY_PUBLIC_SCHEMA.encode())
            shutil.copyfileobj(restore.stdout, psql.stdin)
            if restore.wait() == 0:
                psql.stdin.write(b"COMMIT;\n")
        except BrokenPipeError:
            pass  # psql stopped at an error; its message says which
        finally:
            if restore.poll() is None:
                restore.kill()
            restore.wait()
            restore.stdout.close()
            with suppress(BrokenPipeError):
                psql.stdin.close()
            psql.wait()
        if psql.returncode != 0:
            # Line numbers of a stream no one sees help nobody.
            message = re.sub(r"(?m)^psql:<stdin>:\d+: ", "", _read_back(psql_errors))
            raise _failure("psql", psql.returncode, message)
        if restore.returncode != 0:
            raise _failure("pg_restore", restore.returncode, _read_back(restore_errors))


def _read_back(file: IO[bytes]) -> str:
    file.seek(0)
    return file.read().decode(errors="replace")


def _check_pg_versions(path: Path, *, using: str) -> None:
    """Refuse an archive pg_restore cannot read, or one dumped from a newer server major."""
    listing = _run_pg("pg_restore", "--list", str(path), using=using)
    dumped_from = next(
        (
            line.split(":", 1)[1].strip()
            for line in listing.splitlines()
            if line.startswith(";     Dumped from database version:")
        ),
        "0",
    )
    backup_major = int(dumped_from.split(".")[0])
    connection = connections[using]
    connection.ensure_connection()
    server_major = connection.pg_version // 10000
    if backup_major > server_major:
        raise BackupError(
            f"{path} was dumped from PostgreSQL {backup_major}, and this server is "
            f"PostgreSQL {server_major}: restore it on PostgreSQL {backup_major} or newer."
        )


def _pg_migrations(path: Path, *, using: str) -> set[tuple[str, str]]:
    """The migrations applied in the dumped database, read from its django_migrations data."""
    script = _run_pg(
        "pg_restore", "--data-only", "--table=django_migrations", "--file=-", str(path), using=using
    )
    rows, copying = set(), False
    for line in script.splitlines():
        if line.startswith("COPY public.django_migrations "):
            copying = True
        elif line == "\\.":
            copying = False
        elif copying:
            _id, app, name, _applied = line.split("\t")
            rows.add((app, name))
    return rows


def _sqlite_migrations(path: Path) -> set[tuple[str, str]]:
    """The migrations applied in the backed-up database; refuse a damaged or foreign file."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as database:
            (check,) = database.execute("PRAGMA quick_check").fetchone()
            if check != "ok":
                raise BackupError(f"{path} is a damaged SQLite database: {check}")
            return set(database.execute("SELECT app, name FROM django_migrations"))
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return set()
        raise BackupError(f"{path} cannot be read as an SQLite database: {error}") from None
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} cannot be read as an SQLite database: {error}") from None
