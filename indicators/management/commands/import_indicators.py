import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.national_data import NationalImportSummary, import_national_data
from indicators.open_sdg import BadFile, BadRepository, Repository

SKIPPED_EXIT_STATUS = 1
FAILED_EXIT_STATUS = 2


class Command(BaseCommand):
    help = (
        "Import national SDG indicators, their data, regions and responsible organisations from "
        "a directory in the Open SDG data format (default: SDG_NATIONAL_DATA_DIR). An "
        "indicator with a bad file is reported and skipped, the others imported: exit status "
        f"{SKIPPED_EXIT_STATUS}. A bad translation or boundary file stops the import before it "
        f"writes anything: exit status {FAILED_EXIT_STATUS}."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", nargs="?", type=Path, help="The data repository, e.g. sdg-data-kazstat."
        )

    def handle(self, *args: Any, path: Path | None, **options: Any) -> None:
        if path is None:
            path = Path(settings.SDG_NATIONAL_DATA_DIR)
            if not path.exists():
                self.stdout.write(
                    self.style.WARNING(
                        f"No national SDG data at {path} (set SDG_NATIONAL_DATA_DIR or give a "
                        "path); no indicators imported."
                    )
                )
                return
        try:
            repository = Repository(path)
        except BadRepository as error:
            raise CommandError(str(error), returncode=FAILED_EXIT_STATUS) from None
        try:
            summary = import_national_data(repository)
        except BadFile as error:
            raise CommandError(
                f"{error}; nothing was imported.", returncode=FAILED_EXIT_STATUS
            ) from None
        self.stdout.write(format_summary(summary, path))
        for problem in summary.skipped:
            self.stderr.write(self.style.WARNING(f"Skipped {problem.path}: {problem.reason}"))
        if summary.skipped:
            sys.exit(SKIPPED_EXIT_STATUS)


def format_summary(summary: NationalImportSummary, path: Path) -> str:
    lines = [
        f"National SDG data from {path}:",
        f"  indicators found {summary.found}, imported {summary.imported}, "
        f"skipped {len(summary.skipped_indicators)}"
        + (f" (and {len(summary.skipped_files)} other files)" if summary.skipped_files else ""),
        f"  {'':<26} {'created':>8} {'updated':>8} {'deleted':>8} {'unchanged':>10}",
    ]
    for kind in (
        "indicators",
        "observations",
        "regions",
        "disaggregations",
        "disaggregation values",
        "organisations",
        "responsible organisations",
    ):
        lines.append(
            f"  {kind:<26} {summary.created[kind]:>8} {summary.updated[kind]:>8} "
            f"{summary.deleted[kind]:>8} {summary.unchanged[kind]:>10}"
        )
    lines += [f"  note on {code}: {note}" for code, note in summary.notes]
    return "\n".join(lines)
