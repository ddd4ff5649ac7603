from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sdgportal.open_data.export import export_open_data


class Command(BaseCommand):
    help = (
        "Write every public record type (events, organisations, people, grants, the SDG "
        "framework, national indicators and observations, sources and citations) to a zip: "
        "per table a CSV and a JSON file, described in datapackage.json (Frictionless Data "
        "Package) and README.txt. Accounts, history and curators' logs are left out. Load it "
        "with import_open_data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            help="The zip to write (default: exports/sdgportal-open-data-<UTC time>.zip).",
        )

    def handle(self, *args: Any, path: Path | None, **options: Any) -> None:
        now = datetime.now(UTC)
        if path is None:
            path = settings.BASE_DIR / "exports" / f"sdgportal-open-data-{now:%Y%m%dT%H%M%SZ}.zip"
        if path.suffix != ".zip":
            raise CommandError(f"{path}: name the export NAME.zip.")
        if path.exists():
            raise CommandError(f"{path} already exists: name a new file, or move that one away.")
        counts = export_open_data(path, now=now)
        size = path.stat().st_size / 1_000_000
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {sum(counts.values())} rows of {len(counts)} tables to {path} "
                f"({size:.1f} MB)."
            )
        )
