"""Import one document a curator uploads or pastes, through the reader, extractor and loader of
``import_seeds``.

Content imported before goes into the same document whatever it is called this time, so a
second import finds every record again and creates nothing.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from sdgportal.importing.extract import extract_document, fingerprint
from sdgportal.importing.load import ImportSummary, load_document
from sdgportal.importing.reading import decode_document
from sdgportal.importing.records import ArticleRecord
from sdgportal.models import SourceDocument

MAX_NAME_LENGTH = 120


class NothingFound(Exception):
    """The text reads well but states no event, organisation, person, grant or figure."""


@dataclass(frozen=True)
class UploadImport:
    document: SourceDocument
    summary: ImportSummary

    @property
    def created_document(self) -> bool:
        return self.summary.counts["documents"]["created"] == 1


def import_upload(
    *, content: bytes, file_name: str = "", url: str = "", title: str = ""
) -> UploadImport:
    """Read, extract and load one document in a transaction, or raise before writing anything:
    UnreadableFile if the content is not text, NothingFound if it states nothing.

    A new document is named after the file, else the title or address, and marked as uploaded.
    """
    text = decode_document(content)
    record = extract_document(_document_name(text, file_name or _name_from(title or url)), text)
    if not any(map(_states_something, record.articles)):
        raise NothingFound
    with transaction.atomic():
        summary = load_document(record)
        document = SourceDocument.objects.get(name=record.name)
        result = UploadImport(document, summary)
        if result.created_document:
            document.kind, document.url = SourceDocument.Kind.UPLOAD, url
            document.title = title or document.title
            document.save(update_fields=["kind", "url", "title"])
    return result


def _states_something(article: ArticleRecord) -> bool:
    return bool(
        article.events
        or article.organisations
        or article.people
        or article.grants
        or article.statistics
    )


def _name_from(title_or_address: str) -> str:
    words = re.sub(r"^https?://|\W+", " ", title_or_address.lower()).split()
    return "-".join(words)[:MAX_NAME_LENGTH].strip("-") + ".txt" if words else "pasted.txt"


def _document_name(text: str, wanted: str) -> str:
    """The name of the document that holds this text already, else the name wanted, made
    unique with the text's fingerprint when another document has it."""
    digest = fingerprint(text)
    if same := SourceDocument.objects.filter(sha256=digest).values_list("name", flat=True).first():
        return same
    path = Path(Path(wanted).name)
    name = path.stem[:MAX_NAME_LENGTH] + path.suffix[:10]
    if SourceDocument.objects.filter(name=name).exists():
        return f"{path.stem[:MAX_NAME_LENGTH]}-{digest[:12]}{path.suffix[:10]}"
    return name
