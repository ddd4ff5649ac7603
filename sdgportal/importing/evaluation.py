"""Score extracted records against the hand-made gold annotation of the seed documents.

The gold is one JSON file per source document (``tests/sdgportal/importing/gold``). Items are
compared per document and one-to-one: a gold item is matched by at most one extracted item.
Extracted items of different articles that name the same thing (a person, organisation, event,
grant or figure repeated by several stories of one page) are pooled first, because the gold
lists each of them once per document; a pool matches a gold item when any of its members does.
The judge normalises names with its own functions, not the extractor's, so that a fault in the
extraction's spelling keys cannot also make the scoring lenient.
"""

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sdgportal.importing.records import (
    DocumentRecord,
    EventRecord,
    GrantRecord,
    OrganisationRecord,
    PersonRecord,
    StatisticRecord,
)

RECORD_TYPES = ("people", "organisations", "events", "grants", "statistics")

_STOPWORDS = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "the", "to"})
_LEGAL_FORMS = frozenset({"njsc", "jsc", "pf", "llp", "nc", "rse", "the"})
_LEGAL_PHRASES = re.compile(
    r"\b(republican state enterprise|state enterprise|public foundation|public association)\b"
)
_NATIONAL_SUFFIX = re.compile(r" (of|in|to) (republic of )?(kazakhstan|rk)$")
_EXPANSIONS = {"un": "united nations", "eu": "european union"}
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "he"})
_PERCENT = frozenset({"%", "percent", "per cent", "percentage", "pct"})
_CITY_ALIASES = {"nur sultan": "astana", "alma ata": "almaty", "new york city": "new york"}


@dataclass
class Score:
    """Counts for one record type, with what was left unmatched for debugging."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    unmatched_gold: list[tuple[str, Any]] = field(default_factory=list)
    unmatched_extracted: list[tuple[str, Any]] = field(default_factory=list)
    sector_agreed: int = 0  # organisations only: matched pairs whose sectors agree
    sector_compared: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def sector_accuracy(self) -> float | None:
        return self.sector_agreed / self.sector_compared if self.sector_compared else None


# Text normalisation ---------------------------------------------------------------------------


def fold(text: str) -> str:
    """Casefold, strip diacritics, straighten quotes, collapse whitespace."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.casefold().split())


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", fold(text))


def _tokens(text: str) -> set[str]:
    words = _words(text)
    return {word for word in words if word not in _STOPWORDS} or set(words)


def fuzzy_equal(a: str, b: str) -> bool:
    """Both empty, one contains the other, or token sets overlap by half of the shorter."""
    left, right = " ".join(_words(a)), " ".join(_words(b))
    if not left or not right:
        return left == right
    if f" {left} " in f" {right} " or f" {right} " in f" {left} ":
        return True
    tokens_a, tokens_b = _tokens(a), _tokens(b)
    return len(tokens_a & tokens_b) >= 0.5 * min(len(tokens_a), len(tokens_b))


def _transliterate(word: str) -> str:
    for old, new in (("dzh", "j"), ("zh", "j"), ("dj", "j"), ("kh", "h"), ("th", "t")):
        word = word.replace(old, new)
    if word.startswith("ye"):
        word = word[1:]
    word = re.sub(r"(.)\1+", r"\1", word.replace("y", "i"))
    return re.sub(r"iev(a?)$", r"ev\1", word)


def name_key(name: str) -> tuple[str, ...]:
    """Transliteration key of a person's name: Zhekebayev and Jekebaev, Arthur and Artur agree."""
    words = [
        word for word in _words(name.replace(".", " ")) if len(word) > 1 and word not in _HONORIFICS
    ]
    return tuple(sorted(_transliterate(word) for word in words))


def organisation_key(name: str) -> str:
    """An organisation's name without legal forms, articles and punctuation, for comparison.

    A closing "of (the Republic of) Kazakhstan" is dropped and "UN" and "EU" are spelled out:
    "Ministry of Foreign Affairs of the Republic of Kazakhstan" and "Ministry of Foreign
    Affairs" agree, as do "UN Security Council" and "United Nations Security Council".
    """
    words = _words(_LEGAL_PHRASES.sub(" ", fold(name)))
    key = " ".join(_EXPANSIONS.get(word, word) for word in words if word not in _LEGAL_FORMS)
    return _NATIONAL_SUFFIX.sub("", key)


def _city_key(city: str) -> str:
    key = " ".join(_words(city))
    return _CITY_ALIASES.get(key, key)


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def unit_equal(a: str, b: str) -> bool:
    """Units agree up to case, number and the spelling of per cent."""
    left, right = fold(a), fold(b)
    if left in _PERCENT or right in _PERCENT:
        return left in _PERCENT and right in _PERCENT
    tokens_a = {_singular(word) for word in _tokens(left) if word != "s"}
    tokens_b = {_singular(word) for word in _tokens(right) if word != "s"}
    if not tokens_a or not tokens_b:
        return tokens_a == tokens_b
    return tokens_a <= tokens_b or tokens_b <= tokens_a


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


# Comparable items -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Person:
    keys: frozenset[tuple[str, ...]]
    title: str
    organisation: str
    source: Any


@dataclass(frozen=True)
class _Organisation:
    keys: frozenset[str]
    sector: str
    source: Any


@dataclass(frozen=True)
class _Event:
    title: str
    start: date | None
    precision: str | None
    city: str
    online: bool
    source: Any


@dataclass(frozen=True)
class _Grant:
    amount: Decimal | None
    currency: str
    funder: str
    recipient: str
    source: Any


@dataclass(frozen=True)
class _Statistic:
    value: Decimal | None
    unit: str
    label: str
    source: Any


def _person(
    name: str, aliases: Iterable[str], title: str, organisation: str, source: Any
) -> _Person:
    keys = frozenset(key for key in map(name_key, [name, *aliases]) if key)
    return _Person(keys, title or "", organisation or "", source)


def _organisation(
    name: str, acronym: str, aliases: Iterable[str], sector: str, source: Any
) -> _Organisation:
    keys = frozenset(key for key in map(organisation_key, [name, acronym, *aliases]) if key)
    return _Organisation(keys, sector or "", source)


def _gold_items(kind: str, document: dict) -> list[Any]:
    """Adapt the JSON items of one gold document to comparable items."""
    items = document.get(kind, [])
    if kind == "people":
        return [
            _person(i["name"], i.get("aliases", []), i["title"], i["organisation"], i)
            for i in items
        ]
    if kind == "organisations":
        return [
            _organisation(i["name"], i.get("acronym", ""), i.get("aliases", []), i["sector"], i)
            for i in items
        ]
    if kind == "events":
        return [
            _Event(
                i["title"],
                date.fromisoformat(i["start"]) if i.get("start") else None,
                i.get("start_precision") if i.get("start") else None,
                i.get("city", ""),
                bool(i.get("online")),
                i,
            )
            for i in items
        ]
    if kind == "grants":
        return [
            _Grant(
                _decimal(i.get("amount")),
                i.get("currency", ""),
                i.get("funder", ""),
                i.get("recipient", ""),
                i,
            )
            for i in items
        ]
    return [_Statistic(_decimal(i.get("value")), i["unit"], i.get("label", ""), i) for i in items]


def _extracted_items(kind: str, document: DocumentRecord) -> list[tuple[int, Any]]:
    """Adapt the records of one extracted document to (article index, comparable item) pairs."""
    records: list[tuple[int, Any]] = [
        (index, record)
        for index, article in enumerate(document.articles)
        for record in getattr(article, kind)
    ]
    items: list[tuple[int, Any]] = []
    for index, record in records:
        item: Any = None
        if isinstance(record, PersonRecord):
            item = _person(record.name, record.aliases, record.title, record.organisation, record)
        elif isinstance(record, OrganisationRecord):
            names = [*record.aliases]
            if record.parent:  # "Committee on Statistics" of "Ministry of National Economy"
                names.append(f"{record.name} of {record.parent}")
            item = _organisation(record.name, record.acronym, names, record.sector, record)
        elif isinstance(record, EventRecord):
            start = record.start
            item = _Event(
                record.title,
                start.value if start else None,
                start.precision if start else None,
                record.city,
                record.online,
                record,
            )
        elif isinstance(record, GrantRecord):
            money = record.money
            item = _Grant(
                money.amount if money else None,
                money.currency if money else "",
                record.funder,
                record.recipient,
                record,
            )
        elif isinstance(record, StatisticRecord):
            item = _Statistic(record.value, record.unit, record.label, record)
        if item is not None:
            items.append((index, item))
    return items


# Matching rules -------------------------------------------------------------------------------


def _resolve(name: str, organisations: Sequence[_Organisation]) -> set[str]:
    key = organisation_key(name)
    keys = {key}
    for organisation in organisations:
        if key in organisation.keys:
            keys |= organisation.keys
    return keys


def _initials(name: str) -> str:
    return "".join(word[0] for word in _words(name) if word not in _STOPWORDS)


def _organisation_right(a: str, b: str, organisations: Sequence[_Organisation]) -> bool:
    """Both empty, fuzzy-equal, one the other's initials, or the same listed organisation."""
    if not a or not b:
        return not a and not b
    if fuzzy_equal(a, b):
        return True
    if "".join(_words(a)) == _initials(b) or "".join(_words(b)) == _initials(a):
        return True
    return bool(_resolve(a, organisations) & _resolve(b, organisations))


def _same_person(a: _Person, b: _Person) -> bool:
    return bool(a.keys & b.keys)


def _person_matcher(organisations: Sequence[_Organisation]) -> Callable[[_Person, _Person], bool]:
    def matches(gold: _Person, extracted: _Person) -> bool:
        return (
            _same_person(gold, extracted)
            and fuzzy_equal(gold.title, extracted.title)
            and _organisation_right(gold.organisation, extracted.organisation, organisations)
        )

    return matches


def _same_organisation(a: _Organisation, b: _Organisation) -> bool:
    return bool(a.keys & b.keys)


def _same_event(a: _Event, b: _Event) -> bool:
    if a.start is None and b.start is None:
        same_time = fuzzy_equal(a.title, b.title)
    else:
        same_time = (a.start, a.precision) == (b.start, b.precision)
    return same_time and _city_key(a.city) == _city_key(b.city) and a.online == b.online


def _same_event_pooled(a: _Event, b: _Event) -> bool:
    return _same_event(a, b) and fuzzy_equal(a.title, b.title)


def _same_grant(a: _Grant, b: _Grant) -> bool:
    if a.amount is None and b.amount is None:
        return fuzzy_equal(a.funder, b.funder)
    if a.amount is None or b.amount is None:
        return False
    return a.amount == b.amount and a.currency.upper() == b.currency.upper()


def _same_grant_pooled(a: _Grant, b: _Grant) -> bool:
    return _same_grant(a, b) and fuzzy_equal(a.recipient, b.recipient)


def _same_statistic(a: _Statistic, b: _Statistic) -> bool:
    return a.value is not None and a.value == b.value and unit_equal(a.unit, b.unit)


def _same_figure(a: _Statistic, b: _Statistic) -> bool:
    return _same_statistic(a, b) and fuzzy_equal(a.label, b.label)


_POOLING: dict[str, Callable[[Any, Any], bool]] = {
    "people": _same_person,
    "organisations": _same_organisation,
    "events": _same_event_pooled,
    "grants": _same_grant_pooled,
    "statistics": _same_figure,
}


def _pool(items: list[tuple[int, Any]], same: Callable[[Any, Any], bool]) -> list[list[Any]]:
    """Group items of different articles that name the same thing; one article never pools."""
    pools: list[tuple[set[int], list[Any]]] = []
    for article, item in items:
        for articles, pool in pools:
            if article not in articles and same(pool[0], item):
                articles.add(article)
                pool.append(item)
                break
        else:
            pools.append(({article}, [item]))
    return [pool for _, pool in pools]


def _maximum_matching(edges: list[list[int]], right_size: int) -> dict[int, int]:
    """Kuhn's augmenting paths: left index → right index, as many pairs as possible."""
    owner: list[int | None] = [None] * right_size

    def augment(left: int, seen: set[int]) -> bool:
        for right in edges[left]:
            if right in seen:
                continue
            seen.add(right)
            current = owner[right]
            if current is None or augment(current, seen):
                owner[right] = left
                return True
        return False

    for left in range(len(edges)):
        augment(left, set())
    return {left: right for right, left in enumerate(owner) if left is not None}


def _score_document(
    kind: str,
    document: str,
    gold_items: list[Any],
    extracted_items: list[tuple[int, Any]],
    matches: Callable[[Any, Any], bool],
    total: Score,
) -> None:
    pools = _pool(extracted_items, _POOLING[kind])
    edges = [
        [index for index, pool in enumerate(pools) if any(matches(gold, e) for e in pool)]
        for gold in gold_items
    ]
    pairs = _maximum_matching(edges, len(pools))
    total.true_positives += len(pairs)
    total.false_negatives += len(gold_items) - len(pairs)
    total.false_positives += len(pools) - len(pairs)
    matched = set(pairs.values())
    total.unmatched_gold += [
        (document, gold.source) for index, gold in enumerate(gold_items) if index not in pairs
    ]
    total.unmatched_extracted += [
        (document, pool[0].source) for index, pool in enumerate(pools) if index not in matched
    ]
    if kind == "organisations":
        for gold_index, pool_index in pairs.items():
            gold_sector = gold_items[gold_index].sector
            total.sector_compared += 1
            total.sector_agreed += any(
                e.sector == gold_sector
                for e in pools[pool_index]
                if _same_organisation(gold_items[gold_index], e)
            )


# Public API -----------------------------------------------------------------------------------


def load_gold(directory: Path) -> dict[str, dict]:
    """Read every ``*.json`` gold file of a directory, keyed by the document it annotates."""
    gold: dict[str, dict] = {}
    for path in sorted(Path(directory).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gold[data["document"]] = data
    return gold


def score(extracted: list[DocumentRecord], gold: dict[str, dict]) -> dict[str, Score]:
    """Compare extracted documents with the gold, per record type.

    Only documents present in the gold are scored; a gold document the extractor did not
    return counts all its items as missed.
    """
    by_name = {document.name: document for document in extracted}
    scores = {kind: Score() for kind in RECORD_TYPES}
    for name, annotation in gold.items():
        document = by_name.get(name, DocumentRecord(name=name, sha256=""))
        found = {kind: _extracted_items(kind, document) for kind in RECORD_TYPES}
        expected = {kind: _gold_items(kind, annotation) for kind in RECORD_TYPES}
        organisations = [*expected["organisations"], *(o for _, o in found["organisations"])]
        rules: dict[str, Callable[[Any, Any], bool]] = {
            "people": _person_matcher(organisations),
            "organisations": _same_organisation,
            "events": _same_event,
            "grants": _same_grant,
            "statistics": _same_statistic,
        }
        for kind in RECORD_TYPES:
            _score_document(kind, name, expected[kind], found[kind], rules[kind], scores[kind])
    return scores


def format_report(scores: dict[str, Score]) -> str:
    """A plain-text table: type, TP, FP, FN, precision, recall; then sector accuracy."""
    lines = [f"{'type':<14}{'TP':>6}{'FP':>6}{'FN':>6}{'precision':>11}{'recall':>8}"]
    for kind, item in scores.items():
        lines.append(
            f"{kind:<14}{item.true_positives:>6}{item.false_positives:>6}"
            f"{item.false_negatives:>6}{item.precision:>11.2f}{item.recall:>8.2f}"
        )
    organisations = scores.get("organisations")
    if organisations is not None and organisations.sector_accuracy is not None:
        lines.append(
            f"sector accuracy of matched organisations: {organisations.sector_accuracy:.2f} "
            f"({organisations.sector_agreed}/{organisations.sector_compared})"
        )
    return "\n".join(lines)
