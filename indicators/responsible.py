"""The organisations an indicator's metadata names as its sources, as clean names.

A source statement lists bodies in one string, in English, Russian or Kazakh, often with
abbreviations, notes in brackets and the same ministry spelled several ways::

    Ministry of Finance of the Republic of Kazakhstan Ministry of National economy of the RK
    Министерство энергетики РК (ДИК), Министерство финансов РК

:class:`SourceDirectory` learns from every statement of a repository which Russian and Kazakh
names belong to which English one (statements are translated part by part), so a statement
written in Russian in the English file still finds the English name.
"""

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sdgportal.importing.text import fold

_BRACKETS = re.compile(r"\s*\([^()]*\)|\s*\([^()]*$")
_SEPARATORS = re.compile(r"\s*[,;\n]+\s*")
# Two bodies written one after the other with no comma between them.
_RUN_ON = re.compile(
    r"(?<=Republic of Kazakhstan)\s+(?=[A-Z][a-z])"
    r"|(?<=\bРК)\s+(?=[А-ЯЁ][а-яё])"
    r"|(?<=Республики Казахстан)\s+(?=[А-ЯЁ][а-яё])"
    r"|(?<=\S)\s+(?=Қазақстан Республикасы)"
    r"|(?<=[a-z])(?<!the)(?<!The)(?<!of)\s+(?=Ministry\b)"
)
_SUBUNIT = re.compile(r"^(?:Committee|Bureau|Department|Service)\b")
_PARENT = re.compile(r"^(?:Ministry|Agency)\b")
_HEAD = re.compile(r"\b(?:Ministry|Agency|Committee)\b")
_OF_THE = re.compile(r"\bof the\b", re.IGNORECASE)
_LEADING_ABBREVIATION = re.compile(r"^[А-ЯЁ]{2,6}\s+(?=[А-ЯЁ][а-яё])")
_ABBREVIATION_ONLY = re.compile(r"^[А-ЯЁ]{2,6}(?:\s+РК)?$")
# Phrases that stand where a body would, but name none.
_NOT_A_BODY = re.compile(
    r"^(?:all\b|not defined|international (?:ratings|financial)|interested\b|"
    r"все\b|заинтересованн|международн|исследование|барлық|мүдделі|халықаралық)",
    re.IGNORECASE,
)
_STATE_BODY = re.compile(
    r"\b(?:Ministry|Committee|Agency|Bureau|Office|Court|Parliament|Commission|Executive Bod)"
    r"|Republic of Kazakhstan|\bРК\b|Республики Казахстан|Қазақстан Республикасы"
    r"|^(?:Министерств|Комитет|Агентств|Верховн|Генеральн|Местн)",
)
_COUNTRY_PHRASES = re.compile(
    r"\b(?:of )?the republic of (?:the )?kazakhstan\b|\bреспублики казахстан\b|\bрк\b"
    r"|\bқазақстан республикасы(?:ның)?\b|\bthe\b"
)
# Spellings of one word in the sources.
_SPELLINGS = {
    "healthcare": "health",
    "infrastructural": "infrastructure",
    "labor": "labour",
    "organisation": "organization",
    "economic": "economy",
    "managment": "management",
    "body": "bodies",
}
_PHRASE_SPELLINGS = ((re.compile(r"\bco-?operat\w*"), "cooperation"),)
_STOP = {"of", "and", "for", "on", "in", "по", "и"}
_LOOKALIKES = str.maketrans("СсОоАаЕеРрКкМТХ", "CcOoAaEePpKkMTX")


@dataclass(frozen=True)
class SourceName:
    """An organisation as the portal records it: its name and its names in other languages."""

    name: str
    aliases: tuple[str, ...] = ()


def organisation_names(statement: str) -> list[str]:
    """The bodies a source statement names, in order, without notes in brackets."""
    text = _BRACKETS.sub("", " ".join(statement.split()))
    pieces: list[str] = []
    for piece in _SEPARATORS.split(text):
        piece = piece.strip(" .\"'«»")
        if piece and pieces and _continues(pieces[-1], piece):
            pieces[-1] = f"{pieces[-1]}, {piece}"
        elif piece:
            pieces.append(piece)
    names = []
    for piece in pieces:
        parts = [part.strip() for part in _RUN_ON.split(piece) if part.strip()]
        for part in _join_subunits(parts):
            part = " ".join(_unmix(word) for word in _LEADING_ABBREVIATION.sub("", part).split())
            if not _NOT_A_BODY.match(part) and not _ABBREVIATION_ONLY.match(part):
                names.append(part)
    return names


def _continues(previous: str, piece: str) -> bool:
    """Whether a comma only separated words of one name: "Ministry of Ecology, Geology and…"."""
    if piece[0].islower():
        return not _NOT_A_BODY.match(piece)
    and_at, of_at = piece.find(" and "), piece.find(" of ")
    return bool(
        _HEAD.search(previous)
        and not previous.endswith(("Kazakhstan", "РК"))
        and and_at > 0
        and (of_at < 0 or and_at < of_at)
    )


def _join_subunits(parts: list[str]) -> list[str]:
    """A committee written next to its ministry is one body: "Committee … of the Ministry …"."""
    joined: list[str] = []
    for part in parts:
        previous = joined[-1] if joined else ""
        if _is_subunit(part) and _PARENT.match(previous):
            joined[-1] = f"{part} of the {previous}"
        elif _PARENT.match(part) and _is_subunit(previous):
            joined[-1] = f"{previous} of the {part}"
        else:
            joined.append(part)
    return joined


def _is_subunit(name: str) -> bool:
    return bool(_SUBUNIT.match(name)) and not _OF_THE.search(name)


def name_key(name: str) -> frozenset[str]:
    """The meaningful words of a name, whatever their order, spelling or country suffix."""
    text = " ".join(_unmix(word) for word in name.split()).casefold()
    for pattern, spelling in _PHRASE_SPELLINGS:
        text = pattern.sub(spelling, text)
    text = _COUNTRY_PHRASES.sub(" ", fold(text))
    return frozenset(_SPELLINGS.get(word, word) for word in text.split() if word not in _STOP)


def _unmix(word: str) -> str:
    """A word typed in two alphabets ("Сommittee" with a Cyrillic С), in the Latin one."""
    return word.translate(_LOOKALIKES) if _is_latin(word) else word


class SourceDirectory:
    """Source names learnt from all of a repository's statements, to resolve any one of them."""

    def __init__(self, statements: Iterable[dict[str, str]]) -> None:
        self._spellings: dict[frozenset[str], Counter[str]] = defaultdict(Counter)
        translations: dict[frozenset[str], Counter[frozenset[str]]] = defaultdict(Counter)
        names: dict[frozenset[str], set[str]] = defaultdict(set)
        for statement in statements:
            for english, other in self._pairs(statement):
                translations[name_key(other)][name_key(english)] += 1
                names[name_key(other)].add(other)
        # A name is the translation it is most often paired with; odd pairings are ignored.
        self._english_key = {
            other: counts.most_common(1)[0][0] for other, counts in translations.items()
        }
        self._aliases: dict[frozenset[str], set[str]] = defaultdict(set)
        for other, english in self._english_key.items():
            self._aliases[english] |= names[other]

    def resolve(self, statement: dict[str, str]) -> list[SourceName]:
        """The organisations of one statement, in English where the sources translate them."""
        text = statement.get("en") or statement.get("ru") or statement.get("kk") or ""
        resolved: dict[frozenset[str], SourceName] = {}
        for part in organisation_names(text):
            key = name_key(part)
            if not _is_latin(part):
                key = self._english_key.get(key, key)
            if key and key not in resolved:
                spellings = self._spellings.get(key)
                name = spellings.most_common(1)[0][0] if spellings else part
                aliases = self._aliases.get(key, set()) | {part}
                resolved[key] = SourceName(name, tuple(sorted(aliases - {name})))
        return list(resolved.values())

    def _pairs(self, statement: dict[str, str]) -> Iterator[tuple[str, str]]:
        """(English name, Russian or Kazakh name) of a statement translated part by part."""
        parts = {lang: organisation_names(text) for lang, text in statement.items()}
        english = parts.get("en", [])
        for name in english:
            if _is_latin(name):
                self._spellings[name_key(name)][name] += 1
        for lang in ("ru", "kk"):
            translated = parts.get(lang, [])
            if len(translated) == len(english):
                for name, other in zip(english, translated, strict=True):
                    if _is_latin(name) and not _is_latin(other):
                        yield name, other


def is_state_body(name: str) -> bool:
    """Whether a name reads as a Kazakh state body: a ministry, committee, court, akimat…"""
    return bool(_STATE_BODY.search(name))


def _is_latin(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    latin = sum(char.isascii() for char in letters)
    return bool(letters) and latin * 2 > len(letters)
