"""Records that are probably one: a name spelled otherwise, an acronym and its full name.

Records are read in one query (``candidates_of``) and grouped in Python: by search key
(Назарбаев, Nazarbayev), by the same words in another order, by acronym against acronym or
against the initials of a name, and by near-identical names (difflib), compared only between
names that share a rare word. Records linked by any of these form one group.
"""

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db import models
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from sdgportal.merging import name_field
from sdgportal.search_keys import search_key

SIMILARITY = 0.9  # difflib's ratio of two names' search keys
WORD_SIMILARITY = 0.8  # of two words, one a misspelling of the other
LONG_NAME = 5  # words; a name this long may have one word more or less than its duplicate
# Names are compared with those sharing one of their two rarest words, unless more than
# COMMON_WORD names hold it: measured on 10,000 names, 98 of 100 misspellings found in 0.9 s.
RAREST_WORDS = 2
COMMON_WORD = 300
SHORTEST_INITIALS = 3  # "UN" is every "United Nations" and "Ulan Nurov"
# Words left out of a name's initials ("United Nations Development Programme" is UNDP).
MINOR_WORDS = {
    *("of", "the", "and", "for", "on", "in", "at", "to"),
    *("и", "по", "в", "на", "для", "при"),
    *("және", "үшін"),
}


class Reason(models.TextChoices):
    SAME_NAME = "same_name", _("same name")
    SPELLED_OTHERWISE = "spelled_otherwise", _("same name, spelled otherwise")
    WORD_ORDER = "word_order", _("same words in another order")
    ALIAS = "alias", _("a name is the other's alias")
    SAME_ACRONYM = "same_acronym", _("same acronym")
    ACRONYM_OF_NAME = "acronym_of_name", _("acronym of the other's name")
    SIMILAR = "similar", _("nearly the same name")


@dataclass(frozen=True)
class Candidate:
    pk: int
    name: str
    acronym: str = ""
    aliases: tuple[str, ...] = ()
    scope: object = None  # compared only with records of the same scope (an event's date)


@dataclass(frozen=True)
class DuplicateGroup:
    pks: tuple[int, ...]
    reasons: tuple[Reason, ...]


def candidates_of(model: type[Model], *, within: str | None = None) -> list[Candidate]:
    """The model's records as candidates, in one query; ``within`` a field they must share."""
    present = {f.name for f in model._meta.concrete_fields}
    columns = [f for f in ("acronym", "aliases") if f in present]
    rows = model._default_manager.order_by().values_list(
        "pk", name_field(model), *columns, *([within] if within else [])
    )
    candidates = []
    for pk, name, *rest in rows:
        values = dict(zip([*columns, "scope"], rest, strict=False))
        aliases = values.get("aliases")
        candidates.append(
            Candidate(
                pk=pk,
                name=name,
                acronym=values.get("acronym", ""),
                aliases=tuple(a for a in aliases if isinstance(a, str))
                if isinstance(aliases, list)
                else (),
                scope=values.get("scope"),
            )
        )
    return candidates


def likely_duplicates(candidates: Iterable[Candidate]) -> list[DuplicateGroup]:
    """Groups of two or more candidates that are probably one record, by their smallest pk."""
    candidates = list(candidates)
    keys = {candidate.pk: search_key(candidate.name) for candidate in candidates}
    groups = _Groups()
    _link_by_names(candidates, keys, groups)
    _link_by_acronyms(candidates, groups)
    _link_similar_names(candidates, keys, groups)
    return groups.found()


def _link_by_names(candidates: list[Candidate], keys: dict[int, str], groups: "_Groups") -> None:
    by_key: dict[tuple, list[tuple[int, str, bool]]] = defaultdict(list)
    by_words: dict[tuple, list[tuple[int, str]]] = defaultdict(list)
    for candidate in candidates:
        key = keys[candidate.pk]
        spellings = [(candidate.name, key, False)]
        spellings += [(alias, search_key(alias), True) for alias in candidate.aliases]
        for text, text_key, is_alias in spellings:
            if text_key:
                by_key[(candidate.scope, text_key)].append((candidate.pk, text, is_alias))
        if key:
            by_words[(candidate.scope, *sorted(key.split()))].append((candidate.pk, key))
    for entries in by_key.values():
        first_pk, first_text, first_is_alias = entries[0]
        for pk, text, is_alias in entries[1:]:
            if first_is_alias or is_alias:
                groups.link(first_pk, pk, Reason.ALIAS)
            elif text.casefold() == first_text.casefold():
                groups.link(first_pk, pk, Reason.SAME_NAME)
            else:
                groups.link(first_pk, pk, Reason.SPELLED_OTHERWISE)
    for entries in by_words.values():
        first_pk, first_key = entries[0]
        for pk, key in entries[1:]:
            if key != first_key:
                groups.link(first_pk, pk, Reason.WORD_ORDER)


def _link_by_acronyms(candidates: list[Candidate], groups: "_Groups") -> None:
    acronyms: dict[tuple, list[int]] = defaultdict(list)
    initials: dict[tuple, list[int]] = defaultdict(list)
    for candidate in candidates:
        names = [candidate.name, *candidate.aliases]
        for acronym in [candidate.acronym, *(n for n in names if _looks_like_an_acronym(n))]:
            key = search_key(acronym).replace(" ", "")
            if len(key) > 1:
                acronyms[(candidate.scope, key)].append(candidate.pk)
        for name in names:
            for key in _initials(name):
                initials[(candidate.scope, key)].append(candidate.pk)
    for where, pks in acronyms.items():
        for pk in pks[1:]:
            groups.link(pks[0], pk, Reason.SAME_ACRONYM)
        for pk in initials.get(where, []):
            groups.link(pks[0], pk, Reason.ACRONYM_OF_NAME)


def _looks_like_an_acronym(name: str) -> bool:
    return " " not in name.strip() and name.isupper() and len(name) <= 12


def _initials(name: str) -> set[str]:
    """The initials of the name's words, with and without the minor ones, as search keys."""
    words = re.findall(r"\w+", name)
    if len(words) < 2:
        return set()
    spellings = {
        "".join(word[0] for word in words),
        "".join(word[0] for word in words if word.casefold() not in MINOR_WORDS),
    }
    keys = {search_key(spelling).replace(" ", "") for spelling in spellings}
    return {key for key in keys if len(key) >= SHORTEST_INITIALS}


def _link_similar_names(
    candidates: list[Candidate], keys: dict[int, str], groups: "_Groups"
) -> None:
    """Link names whose keys difflib finds near-identical, if their numbers are the same."""
    numbers = {pk: re.findall(r"\d+", key) for pk, key in keys.items()}
    words = {pk: {word for word in key.split() if len(word) >= 3} for pk, key in keys.items()}
    frequency = Counter(word for pk_words in words.values() for word in pk_words)
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for candidate in candidates:
        # A near-identical name shares at least one of these, unless both are misspelled.
        rarest = sorted(words[candidate.pk], key=lambda word: (frequency[word], word))
        for word in rarest[:RAREST_WORDS]:
            blocks[(candidate.scope, word)].append(candidate.pk)
    compared: set[tuple[int, int]] = set()
    matcher = SequenceMatcher(autojunk=False)
    for pks in blocks.values():
        if len(pks) > COMMON_WORD:
            continue
        for index, pk in enumerate(pks):
            matcher.set_seq2(keys[pk])  # difflib caches what it learns of the second sequence
            for other in pks[index + 1 :]:
                pair = (min(pk, other), max(pk, other))
                if pair in compared or keys[pk] == keys[other] or groups.together(pk, other):
                    continue
                compared.add(pair)
                if numbers[pk] != numbers[other]:
                    continue  # School No. 5 and School No. 6
                matcher.set_seq1(keys[other])
                if (
                    matcher.real_quick_ratio() >= SIMILARITY
                    and matcher.quick_ratio() >= SIMILARITY
                    and matcher.ratio() >= SIMILARITY
                    and _only_spelling_differs(keys[pk], keys[other])
                ):
                    groups.link(pk, other, Reason.SIMILAR)


def _only_spelling_differs(first: str, second: str) -> bool:
    """Whether the words two names do not share are misspellings of one another.

    Ministry of Finance and Ministry of Defence differ by a word, not a spelling; a long name
    may have one word more or less (Women Affairs, Family… and Women, Family…).
    """
    left, right = Counter(first.split()), Counter(second.split())
    only_right = list((right - left).elements())
    unpaired = 0
    for word in (left - right).elements():
        closest = max(only_right, key=lambda other: _similarity(word, other), default=None)
        if closest is not None and _similarity(word, closest) >= WORD_SIMILARITY:
            only_right.remove(closest)
        else:
            unpaired += 1
    unpaired += len(only_right)
    return unpaired == 0 or (unpaired == 1 and min(left.total(), right.total()) >= LONG_NAME)


def _similarity(first: str, second: str) -> float:
    return SequenceMatcher(None, first, second, autojunk=False).ratio()


@dataclass
class _Groups:
    """Records linked directly or through others (union-find), with the reasons of the links."""

    _parent: dict[int, int] = field(default_factory=dict)
    _reasons: dict[int, list[Reason]] = field(default_factory=lambda: defaultdict(list))

    def _root(self, pk: int) -> int:
        root = pk
        while self._parent.get(root, root) != root:
            root = self._parent[root]
        while pk != root:  # point the path at the root: later look-ups are short
            self._parent[pk], pk = root, self._parent.get(pk, pk)
        return root

    def together(self, first: int, second: int) -> bool:
        return self._root(first) == self._root(second)

    def link(self, first: int, second: int, reason: Reason) -> None:
        if first == second:
            return
        self._parent.setdefault(first, first)
        self._parent.setdefault(second, second)
        a, b = self._root(first), self._root(second)
        if a != b:
            self._parent[max(a, b)] = min(a, b)
            self._reasons[min(a, b)].extend(self._reasons.pop(max(a, b), []))
        root = min(a, b)
        if reason not in self._reasons[root]:
            self._reasons[root].append(reason)

    def found(self) -> list[DuplicateGroup]:
        members: dict[int, list[int]] = defaultdict(list)
        for pk in list(self._parent):
            members[self._root(pk)].append(pk)
        return [
            DuplicateGroup(
                pks=tuple(sorted(pks)), reasons=tuple(dict.fromkeys(self._reasons[root]))
            )
            for root, pks in sorted(members.items())
            if len(pks) > 1
        ]
