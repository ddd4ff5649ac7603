"""Write extracted records to the database: upsert by natural key, one document at a time.

A record is found again by its slug, name, aliases or spelling key and updated only while it is
still as imported; records a curator has reviewed or edited are left as they are and reported
as kept, with what the document says otherwise.
Nothing is deleted: a re-import never undoes a curator's work.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from events.models import Event, EventOrganisation, EventSpeaker
from indicators.models import Goal, Observation, Target
from organisations.models import Grant, Organisation, Person, Position
from sdgportal.caching import note_data_change
from sdgportal.history import create_with_history, edited_by_hand, imported_from
from sdgportal.importing.organisations import merge_key
from sdgportal.importing.records import (
    ArticleRecord,
    DocumentRecord,
    EventRecord,
    GrantRecord,
    OrganisationRecord,
    PersonRecord,
    StatisticRecord,
)
from sdgportal.importing.text import fold, name_key
from sdgportal.models import Article, Citation, ReviewStatus, SourceDocument

OUTCOMES = ("created", "updated", "unchanged", "kept")
TITLE_LENGTH = 500  # of a document and an article: a first line longer is cut to it


@dataclass(frozen=True)
class KeptDifference:
    """A field of a curated record the import would have changed, left as the curator has it."""

    kind: str
    record: models.Model
    field: str
    current: object
    imported: object


@dataclass
class ImportSummary:
    """Records created, updated, unchanged and kept (curated, not overwritten) per type, each
    record with its outcome, and what the import would have changed in the kept ones."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)
    kept: list[KeptDifference] = field(default_factory=list)
    outcomes: list[tuple[str, models.Model]] = field(default_factory=list)

    def count(self, kind: str, outcome: str, record: models.Model) -> None:
        self.counts.setdefault(kind, Counter())[outcome] += 1
        self.outcomes.append((outcome, record))

    def count_applied(self, kind: str, record: models.Model, applied: "Applied") -> None:
        self.count(kind, applied.outcome, record)
        self.kept += [
            KeptDifference(kind, record, name, getattr(record, name), value)
            for name, value in applied.kept.items()
        ]

    def add(self, other: "ImportSummary") -> None:
        for kind, counter in other.counts.items():
            self.counts.setdefault(kind, Counter()).update(counter)
        self.kept += other.kept
        self.outcomes += other.outcomes

    @property
    def changed(self) -> bool:
        return any(c["created"] or c["updated"] for c in self.counts.values())


class DryRunRollback(Exception):
    """Raised inside the transaction of a dry run so that nothing is kept."""


class NameIndex:
    """Names, spellings and acronyms of the organisations and people in the database.

    Read once and kept up to date as records are created, so that finding an organisation by
    any of its names costs a dictionary look-up, not a scan of the table.
    """

    def __init__(self) -> None:
        self._organisations: dict[object, int] | None = None
        self._people: dict[str, int] | None = None
        self._goals: dict[int, Goal] | None = None

    def organisation(
        self, name: str, acronym: str = "", aliases: tuple[str, ...] = ()
    ) -> Organisation | None:
        if not name:
            return None
        if self._organisations is None:
            self._organisations = {}
            rows = Organisation.objects.values_list("pk", "name", "acronym", "aliases")
            for pk, known, known_acronym, known_aliases in rows.order_by("pk"):
                self._add_organisation(pk, known, known_acronym, known_aliases)
        keys = [("acronym", acronym)] if acronym else []
        for candidate in (name, *aliases):
            keys += [("name", fold(candidate)), ("words", merge_key(candidate))]
        for key in keys:
            if key in self._organisations and key[1]:
                return Organisation.objects.filter(pk=self._organisations[key]).first()
        return None

    def person(self, name: str, aliases: tuple[str, ...] = ()) -> Person | None:
        if self._people is None:
            self._people = {}
            for pk, known, known_aliases in Person.objects.values_list("pk", "name", "aliases"):
                self._add_person(pk, known, known_aliases)
        for candidate in (name, *aliases):
            if (pk := self._people.get(name_key(candidate))) is not None:
                return Person.objects.filter(pk=pk).first()
        return None

    def goals(self) -> dict[int, Goal]:
        if self._goals is None:
            self._goals = {goal.number: goal for goal in Goal.objects.all()}
        return self._goals

    def remember(self, record: Organisation | Person) -> None:
        if isinstance(record, Organisation) and self._organisations is not None:
            self._add_organisation(record.pk, record.name, record.acronym, record.aliases)
        elif isinstance(record, Person) and self._people is not None:
            self._add_person(record.pk, record.name, record.aliases)

    def _add_organisation(self, pk: int, name: str, acronym: str, aliases: list[str]) -> None:
        assert self._organisations is not None
        if acronym:
            self._organisations.setdefault(("acronym", acronym), pk)
        for known in (name, *aliases):
            self._organisations.setdefault(("name", fold(known)), pk)
            if key := merge_key(known):
                self._organisations.setdefault(("words", key), pk)

    def _add_person(self, pk: int, name: str, aliases: list[str]) -> None:
        assert self._people is not None
        for known in (name, *aliases):
            self._people.setdefault(name_key(known), pk)


def load_document(
    record: DocumentRecord, *, dry_run: bool = False, index: NameIndex | None = None
) -> ImportSummary:
    """Upsert one document's records in a single transaction (rolled back for a dry run).

    A shared ``index`` speeds up a run over many documents; a dry run uses its own.
    """
    summary = ImportSummary()
    index = NameIndex() if index is None or dry_run else index
    try:
        with transaction.atomic(), imported_from(record.name):
            _Loader(summary, index).load(record)
            if dry_run:
                raise DryRunRollback
    except DryRunRollback:
        pass
    else:
        note_data_change()  # bulk-created citations send no signal
    return summary


def unique_slug(model: type[models.Model], text: str, *, taken: set[str] | None = None) -> str:
    base = slugify(text, allow_unicode=True)[:180].strip("-") or "record"
    slug, number = base, 2
    while model._default_manager.filter(slug=slug).exists() or (taken and slug in taken):
        slug, number = f"{base}-{number}", number + 1
    return slug


class _Loader:
    def __init__(self, summary: ImportSummary, index: NameIndex) -> None:
        self.summary = summary
        self.index = index
        self.goals = index.goals()

    def load(self, record: DocumentRecord) -> None:
        document, created = SourceDocument.objects.get_or_create(
            name=record.name,
            defaults={
                "kind": SourceDocument.Kind.NEWS_PAGE,
                "title": record.title[:TITLE_LENGTH],
                "sha256": record.sha256,
                "imported_at": timezone.now(),
            },
        )
        if not created and document.sha256 != record.sha256:
            document.sha256, document.title = record.sha256, record.title[:TITLE_LENGTH]
            document.imported_at = timezone.now()
            document.save()
        self.summary.count("documents", "created" if created else "unchanged", document)
        for article_record in record.articles:
            self.load_article(document, article_record)

    def load_article(self, document: SourceDocument, record: ArticleRecord) -> None:
        article, applied = _upsert(
            Article,
            {"document": document, "position": record.position},
            {
                "title": record.title[:TITLE_LENGTH],
                "published_on": record.published,
                "text": record.text,
            },
        )
        self.summary.count_applied("articles", article, applied)
        cite = _Citer(document, article)
        organisations = {}
        for organisation in record.organisations:
            organisations[organisation.name] = self.organisation(organisation, cite)
        people = {person.name: self.person(person, organisations, cite) for person in record.people}
        for event in record.events:
            self.event(event, organisations, people, cite)
        for grant in record.grants:
            self.grant(grant, organisations, cite)
        for statistic in record.statistics:
            self.statistic(statistic, document, article)
        cite.save()

    def organisation(self, record: OrganisationRecord, cite: "_Citer") -> Organisation:
        existing = cite.earlier(Organisation, record.quote) or self.index.organisation(
            record.name, record.acronym, record.aliases
        )
        values = {
            "name": record.name[:300],
            "acronym": record.acronym[:50],
            "sector": record.sector,
            "country": record.country,
        }
        if existing is None:
            parent = self.index.organisation(record.parent, "", ()) if record.parent else None
            organisation = Organisation.objects.create(
                slug=unique_slug(Organisation, record.acronym or record.name),
                aliases=sorted(set(record.aliases) - {record.name}),
                parent=parent,
                review_status=ReviewStatus.IMPORTED,
                **values,
            )
            self.summary.count("organisations", "created", organisation)
        else:
            organisation = existing
            aliases = sorted(
                set(existing.aliases) | {record.name, *record.aliases} - {existing.name}
            )
            changes = {"aliases": aliases} | {
                key: value
                for key, value in values.items()
                if value and not getattr(existing, key) and key != "name"
            }
            self.summary.count_applied("organisations", existing, _apply(existing, changes))
        self.index.remember(organisation)
        cite(organisation, record.quote)
        return organisation

    def person(self, record: PersonRecord, organisations: dict, cite: "_Citer") -> Person:
        existing = cite.earlier(Person, record.quote) or self.index.person(
            record.name, record.aliases
        )
        if existing is None:
            person = Person.objects.create(
                name=record.name[:200],
                slug=unique_slug(Person, record.name),
                aliases=sorted(set(record.aliases) - {record.name}),
                review_status=ReviewStatus.IMPORTED,
            )
            self.summary.count("people", "created", person)
        else:
            person = existing
            aliases = sorted(
                set(existing.aliases) | {record.name, *record.aliases} - {existing.name}
            )
            applied = _apply(existing, {"aliases": aliases})
            self.summary.count_applied("people", existing, applied)
        self.index.remember(person)
        cite(person, record.quote)
        if record.title:
            organisation = organisations.get(record.organisation) or (
                self.index.organisation(record.organisation, "", ())
                if record.organisation
                else None
            )
            position, applied = _upsert(
                Position,
                {"person": person, "organisation": organisation, "title": record.title[:300]},
                {},
                create={"review_status": ReviewStatus.IMPORTED},
            )
            self.summary.count_applied("positions", position, applied)
            cite(position, record.quote)
        return person

    def event(
        self, record: EventRecord, organisations: dict, people: dict, cite: "_Citer"
    ) -> Event:
        start = record.start.value if record.start else None
        slug = slugify(f"{record.title[:80]} {start or ''}", allow_unicode=True).strip("-")
        values = {
            "title": record.title[:500],
            "kind": record.kind,
            "start_date": start,
            "start_precision": record.start.precision if record.start else "day",
            "end_date": record.end.value if record.end else None,
            "end_precision": record.end.precision if record.end else "day",
            "city": record.city,
            "is_online": record.online,
            "country": record.country,
        }
        event, applied = _upsert(
            Event,
            {"slug": slug[:200] or "event"},
            values,
            create={"review_status": ReviewStatus.IMPORTED},
        )
        self.summary.count_applied("events", event, applied)
        cite(event, record.quote)
        if event.review_status == ReviewStatus.IMPORTED:
            event.goals.add(*[self.goals[n] for n in record.goals if n in self.goals])
            event.targets.add(*Target.objects.filter(code__in=record.targets))
        self.event_organisations(event, record, organisations)
        self.event_speakers(event, record, organisations, people)
        return event

    def event_organisations(self, event: Event, record: EventRecord, organisations: dict) -> None:
        existing = {(p.organisation_id, p.role): p for p in event.participations.all()}
        new = []
        for participation in record.participations:
            organisation = organisations.get(participation.organisation) or self.index.organisation(
                participation.organisation
            )
            if organisation is None:
                continue
            key = (organisation.pk, participation.role)
            if key in existing:
                self.summary.count("event organisations", "unchanged", existing[key])
                continue
            existing[key] = EventOrganisation(
                event=event,
                organisation=organisation,
                role=participation.role,
                review_status=ReviewStatus.IMPORTED,
            )
            new.append(existing[key])
            self.summary.count("event organisations", "created", existing[key])
        create_with_history(new)

    def event_speakers(
        self, event: Event, record: EventRecord, organisations: dict, people: dict
    ) -> None:
        existing = {(s.person_id, s.role): s for s in event.appearances.all()}
        new = []
        for order, appearance in enumerate(record.appearances):
            person = people.get(appearance.person) or self.index.person(appearance.person)
            if person is None:
                continue
            values = {
                "title": appearance.title[:300],
                "organisation": organisations.get(appearance.organisation),
                "order": order,
            }
            if (person.pk, appearance.role) in existing:
                speaker = existing[(person.pk, appearance.role)]
                self.summary.count_applied("speakers", speaker, _apply(speaker, values))
                continue
            speaker = EventSpeaker(
                event=event,
                person=person,
                role=appearance.role,
                review_status=ReviewStatus.IMPORTED,
                **values,
            )
            existing[(person.pk, appearance.role)] = speaker
            new.append(speaker)
            self.summary.count("speakers", "created", speaker)
        create_with_history(new)

    def grant(self, record: GrantRecord, organisations: dict, cite: "_Citer") -> Grant:
        amount = record.money.amount if record.money else None
        currency = record.money.currency if record.money else ""
        key = f"{record.funder} {record.recipient} {amount or ''} {currency} {record.year or ''}"
        slug = slugify(key, allow_unicode=True).strip("-")[:180] or "grant"
        funder = organisations.get(record.funder) or (
            self.index.organisation(record.funder, "", ()) if record.funder else None
        )
        recipient = organisations.get(record.recipient) or (
            self.index.organisation(record.recipient, "", ()) if record.recipient else None
        )
        values = {
            "title": record.title[:300],
            "funder": funder,
            "recipient": recipient,
            "instrument": record.instrument,
            "purpose": record.purpose,
            "amount": amount,
            "currency": currency,
            "year": record.year,
        }
        grant, applied = _upsert(
            Grant,
            {"slug": slug},
            values,
            create={
                "identifier": f"360G-sdgportal-{slug}"[:100],
                "review_status": ReviewStatus.IMPORTED,
            },
        )
        self.summary.count_applied("grants", grant, applied)
        cite(grant, record.quote)
        if grant.review_status == ReviewStatus.IMPORTED:
            grant.goals.add(*[self.goals[n] for n in record.goals if n in self.goals])
        return grant

    def statistic(
        self, record: StatisticRecord, document: SourceDocument, article: Article
    ) -> None:
        statistic, applied = _upsert(
            Observation,
            {
                "document": document,
                "article": article,
                "label": record.label[:500] or record.unit,
                "value": record.value,
                "unit": record.unit[:200],
            },
            {
                "year": record.year
                or (article.published_on.year if article.published_on else 2000),
                "area": record.area[:100],
                "quote": record.quote,
                "goal": self.goals.get(record.goal) if record.goal else None,
            },
        )
        self.summary.count_applied("statistics", statistic, applied)


class _Citer:
    """Adds the citations that source an article's records, once each, in one write."""

    def __init__(self, document: SourceDocument, article: Article) -> None:
        self.document, self.article = document, article
        self.existing: set[tuple[int, int, str]] = set()
        self.by_quote: dict[tuple[int, str], list[int]] = {}
        if article.pk:
            rows = Citation.objects.filter(article=article).values_list(
                "content_type_id", "object_id", "quote"
            )
            for content_type, object_id, quote in rows:
                self.existing.add((content_type, object_id, quote))
                self.by_quote.setdefault((content_type, quote), []).append(object_id)
        self.pending: list[Citation] = []

    def earlier(self, model: type[models.Model], quote: str) -> models.Model | None:
        """The record an earlier import drew from this quote, if only one was, and curated.

        A curator may have renamed it; the quote still says it is the same record.
        """
        content_type = ContentType.objects.get_for_model(model)
        cited = self.by_quote.get((content_type.pk, quote), []) if quote else []
        if len(cited) != 1:
            return None
        record = model._default_manager.filter(pk=cited[0]).first()
        return record if record and _curated(record) else None

    def __call__(self, record: models.Model, quote: str) -> None:
        content_type = ContentType.objects.get_for_model(record)
        key = (content_type.pk, record.pk, quote)
        if key in self.existing:
            return
        self.existing.add(key)
        self.pending.append(
            Citation(
                content_type=content_type,
                object_id=record.pk,
                document=self.document,
                article=self.article,
                quote=quote,
            )
        )

    def save(self) -> None:
        Citation.objects.bulk_create(self.pending)
        self.pending = []


@dataclass(frozen=True)
class Applied:
    """What became of a found record: its outcome and, if kept, the values not written."""

    outcome: str
    kept: dict[str, object] = field(default_factory=dict)


def _upsert(
    model: type[models.Model], lookup: dict, values: dict, *, create: dict | None = None
) -> tuple[models.Model, Applied]:
    record = model._default_manager.filter(**lookup).first()
    if record is None:
        created = model._default_manager.create(**lookup, **values, **(create or {}))
        return created, Applied("created")
    return record, _apply(record, values)


def _apply(record: models.Model, values: dict) -> Applied:
    """Update an imported record's changed fields; a curated one is kept as it is."""
    changed = {k: v for k, v in values.items() if _differs(getattr(record, k), v)}
    if not changed:
        return Applied("unchanged")
    if _curated(record):
        return Applied("kept", changed)
    for key, value in changed.items():
        setattr(record, key, value)
    record.save()
    return Applied("updated")


def _curated(record: models.Model) -> bool:
    """Reviewed, or saved by a person since it was imported: no import overwrites it."""
    if getattr(record, "review_status", ReviewStatus.IMPORTED) != ReviewStatus.IMPORTED:
        return True
    return hasattr(record, "history") and edited_by_hand(record)


def _differs(current: object, new: object) -> bool:
    if isinstance(current, models.Model) or isinstance(new, models.Model):
        return getattr(current, "pk", None) != getattr(new, "pk", None)
    if hasattr(current, "code"):  # django-countries Country
        return current.code != new
    return current != new
