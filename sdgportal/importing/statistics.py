"""Find the statistics an article states: a number, what it counts, the unit, year and area.

Dates, years, amounts of money, ordinals and numbers inside names ("17 SDGs", "Article 130")
are not statistics.
"""

import re
from decimal import Decimal, InvalidOperation

from sdgportal.importing import gazetteer
from sdgportal.importing.dates import find_dates, find_years
from sdgportal.importing.money import find_amounts
from sdgportal.importing.records import StatisticRecord

_NUMBER = re.compile(
    r"(?<![\w.,/-])(?P<number>\d{1,3}(?:[ ,\u00a0]\d{3})+|\d+)(?P<decimal>[.,]\d+)?"
    r"(?P<scale>\s+(?:thousand|million|billion|mln|bn))?"
    r"(?P<percent>\s*%|\s+per\s?cent|\s+percent)?"
    r"(?![\w.]\w|-\w|th\b|st\b|nd\b|rd\b)"
)
_SCALES = {
    "thousand": 1_000,
    "million": 1_000_000,
    "mln": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
}
_NAMED_NUMBER = re.compile(
    r"(?:\b(?:SDGs?|Goals?|Article|Paragraph|Resolution|COVID|CSW|Law|No\.?|Decree|Chapter|"
    r"Part|Item|Phase|Pillar|level|Order)[\s-]*$)",
    re.I,
)
_SKIP_UNITS = {
    "of",
    "and",
    "or",
    "to",
    "in",
    "on",
    "by",
    "for",
    "from",
    "the",
    "a",
    "an",
    "sdgs",
    "goals",
    "sustainable",
    "agenda",
    "out",
    "per",
    "at",
    "years-old",
}
_FILLERS = {
    "more",
    "such",
    "specific",
    "about",
    "new",
    "additional",
    "other",
    "different",
    "of",
    "than",
    "active",
    "registered",
    "thousand",
}
_WORD = re.compile(r"[A-Za-zА-Яа-яёЁ][\w’'-]*")
_AREA = re.compile(
    r"\b(?:in|across|throughout|of)\s+(?P<area>Kazakhstan|Central Asia|the world|"
    + "|".join(re.escape(r) for r in gazetteer.KAZAKH_REGIONS)
    + r")\b"
)


def find_statistics(
    sentences: list[tuple[int, str]], *, goal: int | None = None
) -> list[StatisticRecord]:
    found = []
    for _offset, sentence in sentences:
        excluded = [m.span for m in find_dates(sentence)] + [m.span for m in find_amounts(sentence)]
        years = set(find_years(sentence))
        for match in _NUMBER.finditer(sentence):
            if any(start <= match.start() < end for start, end in excluded):
                continue
            value = _value(match)
            if value is None or _is_a_name(sentence, match) or _is_year(match, years):
                continue
            unit, label = _unit(sentence, match)
            if not unit:
                continue
            area = _AREA.search(sentence)
            found.append(
                StatisticRecord(
                    label=label,
                    value=value,
                    unit=unit,
                    year=min(years) if len(years) == 1 else None,
                    area=area["area"] if area else "",
                    goal=goal,
                    quote=sentence,
                )
            )
    return found


def _value(match: re.Match[str]) -> Decimal | None:
    digits = re.sub(r"[ ,\u00a0]", "", match["number"]) + (match["decimal"] or "").replace(",", ".")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    if match["scale"]:
        value *= _SCALES[match["scale"].strip()]
    return value


def _is_a_name(sentence: str, match: re.Match[str]) -> bool:
    before = sentence[: match.start()]
    after = sentence[match.end() :]
    if _NAMED_NUMBER.search(before):
        return True
    if re.match(r"\s*(?:of|/|из)\s*\d", after):  # "1 of 5"
        return True
    return bool(re.match(r"\s*(?:SDGs?|Goals|Sustainable Development Goals)\b", after))


def _is_year(match: re.Match[str], years: set[int]) -> bool:
    return not match["percent"] and match["number"].isdigit() and int(match["number"]) in years


def _unit(sentence: str, match: re.Match[str]) -> tuple[str, str]:
    if match["percent"]:
        following = sentence[match.end() :]
        label = re.match(r"\s*(?:of\s+)?(?:the\s+)?([^,.;:()]{0,80})", following)
        return "%", (label.group(1).strip() if label else "")
    words = []
    for word in _WORD.finditer(sentence[match.end() : match.end() + 80]):
        lower = word.group(0).lower()
        if lower in _SKIP_UNITS and not words:
            return "", ""
        if lower in _FILLERS or (not words and lower in {"more", "than"}):
            continue
        if lower in _SKIP_UNITS or not word.group(0)[0].islower() or len(words) >= 3:
            break
        words.append(word.group(0))
    if not words:
        return "", ""
    nouns = [
        w
        for w in words
        if w.endswith("s") or w.lower() in {"people", "children", "women", "men", "staff", "youth"}
    ]
    unit = nouns[0] if nouns else words[-1]
    label = " ".join(words[: words.index(unit) + 1])
    return unit, label
