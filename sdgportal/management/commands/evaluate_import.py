from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from sdgportal.importing.evaluation import format_report, load_gold, score
from sdgportal.importing.extract import extract_document
from sdgportal.importing.reading import read_document

GOLD = Path(settings.BASE_DIR) / "tests" / "sdgportal" / "importing" / "gold"


class Command(BaseCommand):
    help = "Extract the seed documents and print precision and recall against the annotation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seeds", type=Path, default=Path(settings.SEEDS_DIR))
        parser.add_argument("--gold", type=Path, default=GOLD)
        parser.add_argument(
            "--show",
            choices=["people", "organisations", "events", "grants", "statistics"],
            help="Also list what was missed and what was extracted wrongly for this type.",
        )

    def handle(self, *args: Any, seeds: Path, gold: Path, show: str | None, **options: Any) -> None:
        documents = [
            extract_document(path.name, read_document(path)) for path in sorted(seeds.glob("*.txt"))
        ]
        scores = score(documents, load_gold(gold))
        self.stdout.write(format_report(scores))
        if show:
            for title, items in (
                ("Missed", scores[show].unmatched_gold),
                ("Wrong", scores[show].unmatched_extracted),
            ):
                self.stdout.write(f"\n{title}:")
                for document, item in items:
                    self.stdout.write(f"  {document}: {item}")
