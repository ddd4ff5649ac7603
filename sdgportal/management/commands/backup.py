from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sdgportal.backups import BackupError, back_up_database, database_vendor, default_backup_path


class Command(BaseCommand):
    help = (
        "Back up the whole database to a new file: pg_dump's custom format on PostgreSQL, a "
        "copy of the database made with SQLite's online backup on SQLite. Every table is "
        "included: records, history, users, tokens and sessions. Restore it with restore."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            help="The file to write (default: backups/sdgportal-<UTC time>.dump or .sqlite3).",
        )

    def handle(self, *args: Any, path: Path | None, **options: Any) -> None:
        try:
            if path is None:
                path = default_backup_path(vendor=database_vendor(), now=datetime.now(UTC))
            written = back_up_database(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        size = written.stat().st_size / 1_000_000
        self.stdout.write(
            self.style.SUCCESS(f"Backed up the database to {written} ({size:.1f} MB).")
        )
