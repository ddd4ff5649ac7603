from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sdgportal.demo.generate import DatabaseNotEmpty, generate_demo_data


class Command(BaseCommand):
    help = (
        "Fill an empty database with realistic synthetic data: at scale 1 about 100,000 events, "
        "20,000 organisations, 50,000 people, 100,000 grants and 1,000,000 observations; the "
        "same seed gives the same data. Refuses a database that already holds events, "
        "organisations, people, grants or observations. Records are bulk-inserted: they have no "
        "history versions. Run migrate and load_sdg_framework first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Multiplies every count (e.g. 0.01, 0.1, 2)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Seed of the random draws.")

    def handle(self, *args: Any, scale: float, seed: int, **options: Any) -> None:
        if scale <= 0:
            raise CommandError("The scale must be a positive number, such as 0.1.")
        try:
            created = generate_demo_data(
                scale=scale, seed=seed, report=lambda line: self.stdout.write(f"  {line}")
            )
        except DatabaseNotEmpty as error:
            raise CommandError(f"{error} Demo data goes only into an empty database.") from None
        total = sum(created.values())
        self.stdout.write(self.style.SUCCESS(f"Created {total} demo records (seed {seed})."))
