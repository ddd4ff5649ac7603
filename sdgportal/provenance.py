"""Where records came from, read both ways: a quote in its article, a source's records."""

import re
from dataclasses import dataclass

from django.db.models import Model, QuerySet

from sdgportal.models import Citation
from sdgportal.selectors import records_by_content_type

CONTEXT_CHARACTERS = 240


@dataclass(frozen=True)
class QuoteInContext:
    before: str
    quote: str
    after: str


def quote_in_context(
    text: str, quote: str, width: int = CONTEXT_CHARACTERS
) -> QuoteInContext | None:
    """The quote where it stands in ``text``, with up to ``width`` characters either side.

    Spacing may differ between the two (line breaks in the article); None if the quote is
    not in the text.
    """
    words = quote.split()
    if not words:
        return None
    found = re.search(r"\s+".join(re.escape(word) for word in words), text)
    if found is None:
        return None
    start, end = found.span()
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    return QuoteInContext(
        before=("…" if start > width else "") + before,
        quote=found.group(0),
        after=after + ("…" if end + width < len(text) else ""),
    )


@dataclass(frozen=True)
class RecordsOfAKind:
    model: type[Model]
    records: list[Model]


def records_cited_by(citations: QuerySet[Citation]) -> list[RecordsOfAKind]:
    """The records the citations support, by kind: one query per kind, related rows joined."""
    ids_by_type: dict[int, set[int]] = {}
    for content_type_id, object_id in citations.order_by().values_list(
        "content_type_id", "object_id"
    ):
        ids_by_type.setdefault(content_type_id, set()).add(object_id)
    found = [
        RecordsOfAKind(model, list(records.values()))
        for model, records in records_by_content_type(ids_by_type).values()
    ]
    return sorted(found, key=lambda kind: str(kind.model._meta.verbose_name_plural))
