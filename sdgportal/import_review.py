"""What an import did, record by record, kept between the import and the page that shows it."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.db.models.options import Options
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from sdgportal.importing.load import ImportSummary
from sdgportal.selectors import records_by_content_type

# Strongest first: a record created by one article and found again by the next was created.
OUTCOME_LABELS = {
    "created": _("Created"),
    "updated": _("Matched and updated"),
    "kept": _("Matched, kept as curated (the import changed nothing)"),
    "unchanged": _("Matched, already up to date"),
}

# (content type id, primary key, outcome) per record, in the order the import met them
Outcomes = list[tuple[int, int, str]]


def outcomes_of(summary: ImportSummary) -> Outcomes:
    """Each record once, under its strongest outcome; plain values, to keep in the session."""
    strongest: dict[tuple[int, int], str] = {}
    rank = list(OUTCOME_LABELS).index
    for outcome, record in summary.outcomes:
        key = (ContentType.objects.get_for_model(record).pk, record.pk)
        if key not in strongest or rank(outcome) < rank(strongest[key]):
            strongest[key] = outcome
    return [(content_type, pk, outcome) for (content_type, pk), outcome in strongest.items()]


def changed_anything(outcomes: Outcomes) -> bool:
    return any(outcome in ("created", "updated") for _type, _pk, outcome in outcomes)


@dataclass(frozen=True)
class OutcomeGroup:
    label: Promise
    records: list[Model]


@dataclass(frozen=True)
class RecordsOfAType:
    opts: Options
    groups: list[OutcomeGroup]

    @property
    def title(self) -> str:
        return capfirst(self.opts.verbose_name_plural)

    @property
    def count(self) -> int:
        return sum(len(group.records) for group in self.groups)


def records_by_type(outcomes: Outcomes) -> list[RecordsOfAType]:
    """The records, by type then outcome: one query per type, the rows their names show joined.

    Records deleted since the import are left out.
    """
    by_type: dict[int, dict[int, str]] = {}
    for content_type, pk, outcome in outcomes:
        by_type.setdefault(content_type, {})[pk] = outcome
    found = []
    for content_type, (model, records) in records_by_content_type(by_type).items():
        outcomes_by_pk = by_type[content_type]
        groups = [
            OutcomeGroup(
                label,
                [
                    records[pk]
                    for pk, got in outcomes_by_pk.items()
                    if got == outcome and pk in records
                ],
            )
            for outcome, label in OUTCOME_LABELS.items()
        ]
        found.append(RecordsOfAType(model._meta, [group for group in groups if group.records]))
    return found
