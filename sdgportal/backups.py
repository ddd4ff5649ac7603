"""Backups of the whole database, and restoring one in place of the database's content.

PostgreSQL: pg_dump's custom format, restored by pg_restore in one transaction. SQLite: a copy
made with SQLite's online backup, which reads a consistent state of a database in use; a
restore copies it back the same way, in one step. Either way the backup holds every table:
records, history, users, tokens and sessions.
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader

from sdgportal.caching import bump_data_version

POSTGRESQL, SQLITE = "postgresql", "sqlite"
SUFFIXES = {POSTGRESQL: ".dump", SQLITE: ".sqlite3"}
MAGIC = {POSTGRESQL: b"PGDMP", SQLITE: b"SQLite format 3\x00"}
VENDOR_NAMES = {POSTGRESQL: "PostgreSQL", SQLITE: "SQLite"}
A_VENDOR = {POSTGRESQL: "a PostgreSQL", SQLITE: "an SQLite"}


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
    """Replace the database's content with the backup's, all of it or, on failure, none.

    Check the file with ``check_backup`` first.
    """
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError("A restore replaces the whole database: it cannot run in a transaction.")
    if database_vendor(using) == POSTGRESQL:
        connection.close()  # pg_restore drops the tables this connection may have open
        _run_pg(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(path),
            using=using,
        )
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
    """The connection settings as libpq's variables: no password on a command line."""
    database = connections[using].settings_dict
    variables = {
        "PGHOST": database.get("HOST"),
        "PGPORT": database.get("PORT"),
        "PGUSER": database.get("USER"),
        "PGPASSWORD": database.get("PASSWORD"),
        "PGDATABASE": database.get("NAME"),
        "PGSSLMODE": database.get("OPTIONS", {}).get("sslmode"),
    }
    return {**os.environ, **{name: str(value) for name, value in variables.items() if value}}


def _run_pg(program: str, *arguments: str, using: str) -> str:
    """Run a PostgreSQL client program and return its output; its error message if it fails."""
    if shutil.which(program) is None:
        raise BackupError(
            f"{program} was not found: install PostgreSQL's client programs (the "
            "postgresql-client package) of the server's version or newer."
        )
    done = subprocess.run(
        [program, *arguments], env=_pg_environment(using), capture_output=True, text=True
    )
    if done.returncode != 0:
        message = done.stderr.strip() or f"exit status {done.returncode}"
        hint = ""
        if "version mismatch" in message or "unsupported version" in message:
            hint = f" Use the {program} of the server's PostgreSQL version or a newer one."
        raise BackupError(f"{program} failed: {message}{hint}")
    return done.stdout


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
