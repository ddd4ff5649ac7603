from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from sdgportal.translations import compile_catalogues


class Command(BaseCommand):
    help = "Compile the Russian and Kazakh interface (.po → .mo) where a .po file changed."

    def handle(self, *args: object, **options: object) -> None:
        for locale_dir in settings.LOCALE_PATHS:
            for path in compile_catalogues(Path(locale_dir)):
                self.stdout.write(f"Compiled {path}")
