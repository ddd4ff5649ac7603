from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sdgportal.open_data.load import OpenDataError, check_open_data, load_open_data


class Command(BaseCommand):
    help = (
        "Load a zip written by export_open_data into an empty database (built-in goals aside), "
        "with the records' ids: every table or, on any error, none. --replace loads it in "
        "place of the records the database holds. Columns the export withholds (articles' "
        "full text) keep their values from the database where a record with the same id is "
        "kept, and are empty otherwise. Accounts and history are left as they are."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The export's zip file.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help=(
                "Delete the public records the database holds, then load the export's, keeping "
                "the withheld columns of those with the same id."
            ),
        )

    def handle(self, *args: Any, path: Path, replace: bool, **options: Any) -> None:
        try:
            check_open_data(path)
            counts = load_open_data(path, replace=replace)
        except OpenDataError as error:
            raise CommandError(f"{error}\nThe database is unchanged.") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {sum(counts.values())} rows of {len(counts)} tables from {path}."
            )
        )
