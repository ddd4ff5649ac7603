from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from sdgportal.backups import BackupError, check_backup, restore_database


class Command(BaseCommand):
    help = (
        "Replace the whole database, schema and content, with a backup made by backup: on "
        "PostgreSQL the dump's SQL through psql in one transaction, in place of the public "
        "schema; SQLite's online backup on SQLite. Asks first unless --noinput."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The backup file.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Restore without asking for confirmation.",
        )

    def handle(self, *args: Any, path: Path, interactive: bool, **options: Any) -> None:
        try:
            missing = check_backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        name = connection.settings_dict["NAME"]
        if interactive:
            answer = input(
                f"This replaces everything in the database {name} with the backup {path}.\n"
                "Type 'yes' to continue, or 'no' to cancel: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled: the database is unchanged.")
        try:
            restore_database(path)
        except BackupError as error:
            raise CommandError(f"{error}\nThe database is unchanged.") from None
        self.stdout.write(self.style.SUCCESS(f"Restored {path} into the database {name}."))
        if missing:
            self.stdout.write(
                f"The backup predates {len(missing)} migration(s): run manage.py migrate."
            )
