from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sdgportal.importing.extract import extract_document
from sdgportal.importing.fixtures import write_document_fixture
from sdgportal.importing.load import OUTCOMES, ImportSummary, NameIndex, load_document
from sdgportal.importing.reading import read_document
from sdgportal.models import SourceDocument
from sdgportal.text_files import UnreadableFile


class Command(BaseCommand):
    help = (
        "Import news pages (files or folders; default: the project's seeds/) into events, "
        "organisations, people, grants and statistics, each with its source and quote."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", type=Path, help="Files or folders of pages.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change; write nothing."
        )
        parser.add_argument(
            "--fixtures",
            type=Path,
            default=Path(settings.IMPORT_FIXTURES_DIR),
            help="Where to write each document's records as a Django fixture.",
        )

    def handle(
        self, *args: Any, paths: list[Path], dry_run: bool, fixtures: Path, **options: Any
    ) -> None:
        paths = paths or [Path(settings.SEEDS_DIR)]
        files = document_files(paths)
        if not files:
            raise CommandError(f"No documents in {', '.join(map(str, paths))}: nothing to import.")
        total, failures, index, imported = ImportSummary(), [], NameIndex(), []
        for path in files:
            try:
                record = extract_document(path.name, read_document(path))
                total.add(load_document(record, dry_run=dry_run, index=index))
                imported.append(record.name)
            except UnreadableFile as error:
                failures.append(f"{path}: {error.reason}")
                self.stderr.write(self.style.ERROR(f"Skipped {path}: {error.reason}"))
            except Exception as error:
                index = NameIndex()  # its transaction was rolled back: forget what it added
                failures.append(f"{path}: could not be imported ({error})")
                self.stderr.write(self.style.ERROR(f"Skipped {path}: {error}"))
        if not dry_run:  # after all documents: a record several pages cite is complete
            for document in SourceDocument.objects.filter(name__in=imported):
                write_document_fixture(document, fixtures)
        self.stdout.write(format_summary(total, len(files) - len(failures), dry_run=dry_run))
        if failures:
            raise CommandError(
                f"{len(failures)} of {len(files)} documents could not be imported:\n  "
                + "\n  ".join(failures)
            )


def document_files(paths: list[Path]) -> list[Path]:
    """The files named, and the files inside the folders named, in name order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            )
        elif path.exists():
            files.append(path)
        else:
            raise CommandError(f"{path}: no such file or folder.")
    return files


def format_summary(summary: ImportSummary, documents: int, *, dry_run: bool) -> str:
    heading = "Would import" if dry_run else "Imported"
    lines = [
        f"{heading} {documents} document(s):",
        f"  {'':<20}" + "".join(f"{outcome:>10}" for outcome in OUTCOMES),
    ]
    for kind, counts in summary.counts.items():
        lines.append(f"  {kind:<20}" + "".join(f"{counts[o]:>10}" for o in OUTCOMES))
    if summary.kept:
        lines.append("Kept as curated; the documents say otherwise:")
        lines += [
            f"  {kept.kind} #{kept.record.pk} “{kept.record}”, {kept.field}: "
            f"{kept.current!r} (the document: {kept.imported!r})"
            for kept in summary.kept
        ]
    return "\n".join(lines)
