from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.sdg_translations import FrameworkError, read_sdg_framework
from indicators.services import LoadSummary, load_sdg_framework


class Command(BaseCommand):
    help = (
        "Load SDG goals, targets and global indicators with English, Russian and Kazakh titles "
        "from a directory in the Open SDG translations format (default: SDG_TRANSLATIONS_DIR)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            help="The sdg-translations folder (or its translations/ folder).",
        )

    def handle(self, *args: Any, path: Path | None, **options: Any) -> None:
        if path is None:
            path = Path(settings.SDG_TRANSLATIONS_DIR)
            if not path.exists():
                self.stdout.write(
                    self.style.WARNING(
                        f"No SDG translations at {path} (set SDG_TRANSLATIONS_DIR or give a path). "
                        "The portal keeps the 17 goals with their English short names and colours."
                    )
                )
                return
        languages = [code for code, _name in settings.LANGUAGES]
        try:
            framework = read_sdg_framework(path, languages)
        except FrameworkError as error:
            raise CommandError(f"{error}; nothing was loaded.") from None
        for problem in framework.problems:
            self.stderr.write(self.style.WARNING(f"Skipped: {problem}"))
        summary = load_sdg_framework(framework=framework)
        self.stdout.write(format_summary(summary, path, framework.languages))


def format_summary(summary: LoadSummary, path: Path, languages: list[str]) -> str:
    lines = [f"SDG framework from {path} ({', '.join(languages)}):"]
    lines.append(f"  {'':<18} {'created':>8} {'updated':>8} {'unchanged':>10}")
    for kind in ("goals", "targets", "global indicators"):
        lines.append(
            f"  {kind:<18} {summary.created[kind]:>8} {summary.updated[kind]:>8} "
            f"{summary.unchanged[kind]:>10}"
        )
    return "\n".join(lines)
