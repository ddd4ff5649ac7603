"""Find the statistics an article states: a number, what it counts, the unit, year and area.

Dates, years, amounts of money, ordinals, ages, list numbering and numbers inside names ("17
SDGs", "Article 130") are not statistics. The unit is "%" or the counted noun after the number
("116 projects"), a quoted name ("21 “Mother's Houses”"), or what "the number of …" names.
"""

import re
from decimal import Decimal, InvalidOperation

from sdgportal.importing import gazetteer
from sdgportal.importing.dates import find_dates, find_years
from sdgportal.importing.money import find_amounts
from sdgportal.importing.records import StatisticRecord

_NUMBER = re.compile(
    r"(?<![\w.,/(-])(?P<number>\d{1,3}(?:[ ,\u00a0]\d{3})+(?!\d)|\d+)(?P<decimal>[.,]\d+)?"
    r"(?P<range>\s*[-–]\s*\d+(?:[.,]\d+)?)?"
    r"(?P<scale>\s+(?:thousand|million|billion|mln|bn)\b)?"
    r"(?:(?P<percent>\s*%|\s+per\s?cent\b|\s+percent\b)|-(?P<hyphen>fold|day|week|month|year|"
    r"hour)s?\b|(?P<ratio>\s+in\s+\d+\b))?"
    r"(?![\w%]|-\w|\.\d)"
)
_SCALES = {
    "thousand": 1_000,
    "million": 1_000_000,
    "mln": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
}
_NAMED_NUMBER = re.compile(
    r"\b(?:SDGs?|Goals?|Article|Paragraph|Resolution|COVID|CSW|Law|No\.?|Decree|Chapter|Part|"
    r"Item|Phase|Pillar|level|Order)[\s-]*$",
    re.I,
)
_MONTH = re.compile(rf"\b(?:{gazetteer.MONTH_PATTERN})\b")
_AGE = re.compile(r"\b(?:age|aged|ages)\b[^,.;]*$|\bunder\s+$", re.I)
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
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "will",
    "that",
    "which",
    "who",
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
    "than",
    "active",
    "registered",
    "thousand",
    "some",
    "over",
    "nearly",
    "almost",
}
_RANKING = {"most", "largest", "best", "top", "leading", "biggest", "richest", "poorest"}
_WORD = re.compile(r"[A-Za-zА-Яа-яёЁ][\w’'-]*")
_QUOTED_UNIT = re.compile(r"^\s*[“\"«](?P<unit>[^”\"»]{2,60})[”\"»]")
_NUMBER_OF = re.compile(
    r"\b(?:number|total)\s+of\s+(?:(?:active|registered|the)\s+)*"
    r"(?P<noun>[a-z][\w-]*s)\b"
)
_AREA = re.compile(
    r"\b(?:in|across|throughout|of)\s+(?P<area>Kazakhstan|Central Asia|the world|"
    + "|".join(re.escape(r) for r in gazetteer.KAZAKH_REGIONS)
    + r")\b"
)
_PLURALS = {"people", "children", "women", "men", "staff", "youth"}


def find_statistics(
    sentences: list[tuple[int, str]], *, goal: int | None = None
) -> list[StatisticRecord]:
    found = []
    for _offset, raw in sentences:
        sentence = re.sub(r"(\d)\.(organi[sz])", r"\1 \2", raw)  # "100.organizations"
        excluded = [m.span for m in find_dates(sentence)] + [m.span for m in find_amounts(sentence)]
        years = set(find_years(sentence))
        for match in _NUMBER.finditer(sentence):
            if any(start <= match.start() < end for start, end in excluded):
                continue
            value = _value(match)
            if value is None or _not_a_statistic(sentence, match, years):
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
                    quote=raw,
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


def _not_a_statistic(sentence: str, match: re.Match[str], years: set[int]) -> bool:
    before, after = sentence[: match.start()], sentence[match.end() :]
    if match["number"].isdigit() and int(match["number"]) in years and not match["percent"]:
        return True
    if _NAMED_NUMBER.search(before) or _AGE.search(before):
        return True
    if _MONTH.search(before[-12:]) or _MONTH.match(after.lstrip()):
        return True  # "July 15", "2 September": a date
    if re.match(r"\s*(?:of|/|из)\s*\d", after) or re.match(r"\s*years?\s+old\b", after):
        return True
    first = _WORD.match(after.lstrip())
    if first and first.group(0).lower() in _RANKING:
        return True
    return bool(re.match(r"\s*(?:SDGs?|Goals|Sustainable Development Goals)\b", after))


def _unit(sentence: str, match: re.Match[str]) -> tuple[str, str]:
    after = sentence[match.end() :]
    if match["percent"]:
        label = re.match(r"\s*(?:of\s+)?(?:the\s+)?([^,.;:()]{0,80})", after)
        return "%", (label.group(1).strip() if label else "")
    if match["hyphen"]:
        word = match["hyphen"]
        return (word if word == "fold" else f"{word}s"), word
    if match["ratio"]:
        return match["ratio"].strip(), _phrase(after)
    if quoted := _QUOTED_UNIT.match(after):
        return quoted["unit"], quoted["unit"]
    unit, label = _counted_noun(after)
    if not unit and (counted := _NUMBER_OF.search(sentence[: match.start()])):
        return counted["noun"], counted["noun"]
    return unit, label


def _counted_noun(after: str) -> tuple[str, str]:
    """The noun after a number: "116 such projects", "40 Forum participants"."""
    words: list[str] = []
    for word in _WORD.finditer(after[:80]):
        text, lower = word.group(0), word.group(0).lower()
        if lower in _SKIP_UNITS:
            if not words:
                return "", ""
            break
        if lower in _FILLERS and not words:
            continue
        words.append(text)
        if len(words) >= 4 or (text[0].islower() and (text.endswith("s") or lower in _PLURALS)):
            break
    lower_nouns = [w for w in words if w[0].islower()]
    if not lower_nouns and len(words) < 2:
        return "", ""
    nouns = [w for w in words if w.endswith("s") or w.lower() in _PLURALS]
    unit = nouns[-1] if nouns else (lower_nouns[-1] if lower_nouns else words[-1])
    if unit[0].isupper():
        unit = " ".join(words[: words.index(unit) + 1])
    return unit, " ".join(words[: words.index(unit.split()[-1]) + 1])


def _phrase(after: str) -> str:
    match = re.match(r"\s*([^,.;:()]{0,80})", after)
    return match.group(1).strip() if match else ""
