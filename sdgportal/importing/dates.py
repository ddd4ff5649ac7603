"""Find the dates a text states, in English, Russian and Kazakh, with ranges and partial dates.

A mention's span covers the date itself, not the preposition before it ("on", "from", "с").
A day and month without a year take the year of the reference date (or the year before, when
that would put them more than 31 days after it); with no reference they are left out.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sdgportal.importing.records import DateMention, PartialDate

_EN_MONTHS = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
_EN_ABBREVIATIONS = {form for forms in _EN_MONTHS for form in forms[1:]}
# Also English words: these count as months only when capitalised ("May", "MAY", not "may").
_EN_COMMON_WORDS = {"may", "march", "mar", "august"}
_RU_MONTHS = (
    ("январь", "января", "январе", "янв"),
    ("февраль", "февраля", "феврале", "фев", "февр"),
    ("март", "марта", "марте", "мар"),
    ("апрель", "апреля", "апреле", "апр"),
    ("май", "мая", "мае"),
    ("июнь", "июня", "июне", "июн"),
    ("июль", "июля", "июле", "июл"),
    ("август", "августа", "августе", "авг"),
    ("сентябрь", "сентября", "сентябре", "сен", "сент"),
    ("октябрь", "октября", "октябре", "окт"),
    ("ноябрь", "ноября", "ноябре", "ноя", "нояб"),
    ("декабрь", "декабря", "декабре", "дек"),
)
_RU_ABBREVIATIONS = {form for forms in _RU_MONTHS for form in forms[3:]}
_KK_MONTHS = ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз")
_KK_MONTHS += ("қыркүйек", "қазан", "қараша", "желтоқсан")
_KK_SUFFIXES = ("", "да", "де", "та", "те", "дағы", "дегі", "тағы", "тегі", "ы", "і", "дың", "дің")

_MONTH_NUMBER: dict[str, int] = {}
for _number, _forms in enumerate(_EN_MONTHS, start=1):
    _MONTH_NUMBER.update(dict.fromkeys(_forms, _number))
for _number, _forms in enumerate(_RU_MONTHS, start=1):
    _MONTH_NUMBER.update(dict.fromkeys(_forms, _number))
for _number, _stem in enumerate(_KK_MONTHS, start=1):
    _MONTH_NUMBER.update({_stem + suffix: _number for suffix in _KK_SUFFIXES})


def _trie(words: set[str]) -> str:
    """One regex for many words, branching letter by letter so a non-month fails at once."""
    tree: dict = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(letter) + pattern(node[letter]) for letter in sorted(node) if letter]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return pattern(tree)


def _with_dots(words: set[str], abbreviations: set[str]) -> set[str]:
    return words | {f"{word}." for word in words & abbreviations}


_en_words = {form for forms in _EN_MONTHS for form in forms}
_en_any_case = _trie(_with_dots(_en_words - _EN_COMMON_WORDS, _EN_ABBREVIATIONS))
_en_capitalised = _trie(
    _with_dots(
        {form for w in _EN_COMMON_WORDS for form in (w.title(), w.upper())},
        {form for w in _EN_COMMON_WORDS & _EN_ABBREVIATIONS for form in (w.title(), w.upper())},
    )
)
_other_words = _trie(_with_dots(set(_MONTH_NUMBER) - _en_words, _RU_ABBREVIATIONS))
# A word start and a month's first letter come first: they rule out most positions cheaply.
_en_initials = "".join(sorted({w[0] for w in _en_words} | {w[0].upper() for w in _en_words}))
_initials = "".join(sorted({w[0] for w in _MONTH_NUMBER} | {w[0].upper() for w in _MONTH_NUMBER}))
_MONTH_EN = rf"(?<!\w)(?=[{_en_initials}])(?:(?i:{_en_any_case})|(?-i:{_en_capitalised}))(?!\w)"
_MONTH = rf"(?<!\w)(?=[{_initials}])(?:{_MONTH_EN}|(?i:{_other_words})(?!\w))"

_S = r"[^\S\n]"  # a space of any kind but a line break: a date stays on its line
_YEAR = r"(?:19|20)\d\d(?!\d|[.,]\d)"
# Patterns open with a digit, then look behind it: the engine then jumps from digit to digit.
_YEAR_ALONE = r"(?:19|20)(?<![\d.-]..)\d\d(?!\d|[.,]\d)"
_YEAR_WORD = rf"(?:{_S}*(?:года|году|год|г\.|г(?!\w)|ж\.|жылы|жылғы)(?!\w))?"
_ORDINAL = r"(?:st|nd|rd|th|-?го|-?ші|-?шы|-?інші|-?ыншы)?"
_DAY = rf"(?P<d>\d(?<![\d.,]\d)\d?){_ORDINAL}(?!\d)"
_NOT_A_QUANTITY = r"(?![.,]\d)(?!\s*(?:%|percent|per\s+cent|million|billion|thousand))"

_FORMS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"{_DAY}{_S}*(?:of{_S}+)?(?P<m>{_MONTH})(?:,?{_S}*(?P<y>{_YEAR}){_YEAR_WORD})?",
        # A month, then a day (English months only: "July 15, 2023") or a year ("июле 2021 г.").
        rf"(?P<m>{_MONTH})(?:(?:(?<=[a-z])|(?<=[a-z]\.)){_S}*(?P<d>\d\d?)(?:st|nd|rd|th)?(?!\d)"
        rf"{_NOT_A_QUANTITY}(?:,?{_S}*(?P<y>{_YEAR}))?|,?{_S}*(?P<year>{_YEAR}){_YEAR_WORD})",
        # Kazakh puts the year first: "2021 жылғы 21 сәуірде".
        rf"(?P<y>{_YEAR_ALONE}){_S}*(?:жылғы|жылы|ж\.){_S}*"
        rf"(?:(?P<d>\d\d?){_ORDINAL}{_S}*)?(?P<m>{_MONTH})",
        rf"(?P<d>\d(?<![\d.]\d)\d?)\.(?P<m>\d\d?)\.(?P<y>{_YEAR}){_YEAR_WORD}",
        rf"(?P<y>{_YEAR_ALONE})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)",
    )
)
_SEPARATOR = rf"(?:{_S}*[-–—]{_S}*|{_S}+(?:to|until|till|through|and|по|до){_S}+)"
_BETWEEN = re.compile(rf"{_SEPARATOR}\Z", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"(?<!\w)(?:from|between|с|со)\s+\Z", re.IGNORECASE)
_HEAD = re.compile(
    rf"(?:(?<!\w)(?P<opener>from|between|с|со){_S}+)?(?<![\d.,])(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
    rf"(?P<sep>{_SEPARATOR})\Z",
    re.IGNORECASE,
)
_MONTH_HEAD = re.compile(rf"(?P<m>{_MONTH})(?P<sep>{_SEPARATOR})\Z", re.IGNORECASE)
_KK_YEAR_BEFORE = re.compile(rf"(?P<y>{_YEAR_ALONE}){_S}*(?:жылғы|жылы|ж\.){_S}*\Z")
_TAIL = re.compile(
    rf"(?P<sep>{_SEPARATOR})(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d){_NOT_A_QUANTITY}"
    rf"(?!{_S}*{_MONTH})(?:,?{_S}*(?P<y>{_YEAR}))?",
    re.IGNORECASE,
)
_FOUR_DIGITS = re.compile(r"\d(?<![\d$€£₸]\d)\d{3}(?!\d|[.,]\d|s(?!\w)|-[хе](?!\w)|-ых|-ые)")
# "1,2020" and "100.2020" are numbers; "06.11.2020" and "11.2020" are dates.
_INSIDE_NUMBER = re.compile(r"(?:\d,|\d{3}\.)\Z")
_AMOUNT_AFTER = re.compile(
    r"\s*(?:%|percent|per\s+cent|million|billion|thousand|mln|bn|млн|млрд|тыс|"
    r"tenge|тенге|теңге|KZT|USD|EUR|dollars?|euros?|доллар|евро)(?!\w)",
    re.IGNORECASE,
)
_AMOUNT_BEFORE = re.compile(r"(?:USD|EUR|KZT|US\$|[$€£₸])\s*\Z")
_STAMP_LABEL = re.compile(
    r"(?:saved|published|posted|updated|date|сохранено|опубликовано|обновлено|дата|сақталды|"
    r"жарияланды)\s*:?\s*",
    re.IGNORECASE,
)
_SENTENCE_PUNCTUATION = re.compile(r"[.!?;:]")


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    year: int | None
    month: int
    day: int | None  # None: the month as a whole
    month_first: bool


def find_dates(text: str, *, reference: date | None = None) -> list[DateMention]:
    """Every date mention in reading order; ranges joined; year-less days need ``reference``."""
    found = _find_single(text)
    mentions: list[DateMention] = []
    for i, current in enumerate(found):
        taken = mentions[-1].span[1] if mentions else 0
        if current.start < taken:
            continue
        following = found[i + 1] if i + 1 < len(found) else None
        mention = None
        if following is not None and _pairs(text, current, following):
            mention = _range(text, current, following, reference)
        mention = (
            mention
            or _with_head_or_tail(text, current, taken, reference)
            or _single(text, current, reference)
        )
        if mention is not None:
            mentions.append(mention)
    return mentions


def parse_date(text: str, *, reference: date | None = None) -> PartialDate | None:
    """The first date in a short string, or None."""
    mentions = find_dates(text, reference=reference)
    return mentions[0].start if mentions else None


def find_years(text: str) -> list[int]:
    """Four-digit years 1990–2100 in reading order, skipping digits of amounts and numbers."""
    years = []
    for match in _FOUR_DIGITS.finditer(text):
        year = int(match.group())
        if not 1990 <= year <= 2100:
            continue
        before = max(0, match.start() - 6)
        if _INSIDE_NUMBER.search(text, before, match.start()):
            continue
        if _AMOUNT_AFTER.match(text, match.end()) or _AMOUNT_BEFORE.search(
            text, before, match.start()
        ):
            continue
        years.append(year)
    return years


def stamp_date(lines: list[str]) -> date | None:
    """The page's date stamp: the first "Saved: …" line or short line opening with a full date."""
    for line in lines:
        line = line.strip()
        label = _STAMP_LABEL.match(line)
        if label:
            line = line[label.end() :]
        elif len(line) > 60:
            continue
        mentions = find_dates(line)
        if not mentions or mentions[0].span[0] != 0 or mentions[0].start.precision != "day":
            continue
        rest = line[mentions[0].span[1] :].strip()
        if label or not rest or (len(rest.split()) <= 4 and not _SENTENCE_PUNCTUATION.search(rest)):
            return mentions[0].start.value
    return None


def _find_single(text: str) -> list[_Found]:
    """Single dates from every form; where forms overlap, the earliest then longest wins."""
    candidates = []
    for index, form in enumerate(_FORMS):
        for match in form.finditer(text):
            month_text = match.group("m")
            month = _MONTH_NUMBER.get(month_text.lower().rstrip(".")) or int(month_text)
            groups = match.groupdict()
            day, year = groups.get("d"), groups["y"] or groups.get("year")
            candidates.append(
                _Found(
                    start=match.start(),
                    end=match.end(),
                    year=int(year) if year else None,
                    month=month,
                    day=int(day) if day else None,
                    month_first=index == 1 and day is not None,
                )
            )
    candidates.sort(key=lambda found: (found.start, -found.end))
    chosen: list[_Found] = []
    for candidate in candidates:
        if 1 <= candidate.month <= 12 and (not chosen or candidate.start >= chosen[-1].end):
            chosen.append(candidate)
    return chosen


def _pairs(text: str, first: _Found, second: _Found) -> bool:
    """Two days, or two months, joined by a range separator."""
    if (first.day is None) != (second.day is None):
        return False
    separator = text[first.end : second.start]
    if not _BETWEEN.match(separator):
        return False
    return _range_words_fit(separator, _opener_before(text, first.start))


def _with_head_or_tail(
    text: str, found: _Found, taken: int, reference: date | None
) -> DateMention | None:
    """A range that states its month or year once: "18-19 September", "from June 5 to 8",
    "March–May 2024"."""
    if found.day is None:
        head = _MONTH_HEAD.search(text, max(taken, found.start - 20), found.start)
        if not head or found.year is None:
            return None
        month = _MONTH_NUMBER[head["m"].lower().rstrip(".")]
        first = _Found(head.start(), head.end("m"), None, month, None, False)
        return _range(text, first, found, reference)
    head = (
        None if found.month_first else _HEAD.search(text, max(taken, found.start - 20), found.start)
    )
    if head and _range_words_fit(head.group("sep"), head.group("opener")):
        start, year = head.start("d"), None
        kazakh_year = _KK_YEAR_BEFORE.search(text, max(taken, start - 20), start)
        if kazakh_year:  # "2023 жылғы 18-19 қыркүйекте"
            start, year = kazakh_year.start(), int(kazakh_year["y"])
        first = _Found(start, head.end("d"), year, found.month, int(head["d"]), False)
        return _range(text, first, found, reference)
    tail = _TAIL.match(text, found.end) if found.month_first and found.year is None else None
    if tail and _range_words_fit(tail.group("sep"), _opener_before(text, found.start)):
        year = int(tail["y"]) if tail["y"] else None
        last = _Found(tail.start("d"), tail.end(), year, found.month, int(tail["d"]), False)
        return _range(text, found, last, reference)
    return None


def _opener_before(text: str, position: int) -> str | None:
    opener = _RANGE_OPENER.search(text, max(0, position - 10), position)
    return opener.group().strip() if opener else None


def _range_words_fit(separator: str, opener: str | None) -> bool:
    """Dashes, "to", "until", "по" join a range; "and" only after "between"."""
    if separator.strip().lower() == "and":
        return opener is not None and opener.lower() == "between"
    return True


def _range(text: str, first: _Found, last: _Found, reference: date | None) -> DateMention | None:
    """Join two days or two months; the stated year (or the inferred one) applies to both."""
    if (first.day is None) != (last.day is None):
        return None
    first_day, last_day = first.day or 1, last.day or 1
    end_year = last.year or first.year or _infer_year(last.month, last_day, reference)
    if end_year is None:
        return None
    start_year = first.year or end_year
    try:
        begin = date(start_year, first.month, first_day)
        end = date(end_year, last.month, last_day)
        if end < begin and first.year is None:
            begin = date(start_year - 1, first.month, first_day)
        elif end < begin and last.year is None:
            end = date(end_year + 1, last.month, last_day)
    except ValueError:
        return None
    if end < begin:
        return None
    precision = "month" if last.day is None else "day"
    return DateMention(
        start=PartialDate(begin, precision),
        end=PartialDate(end, precision),
        span=(first.start, last.end),
        text=text[first.start : last.end],
    )


def _single(text: str, found: _Found, reference: date | None) -> DateMention | None:
    if found.day is None:
        if found.year is None:
            return None
        value = PartialDate(date(found.year, found.month, 1), "month")
    else:
        year = found.year or _infer_year(found.month, found.day, reference)
        if year is None:
            return None
        try:
            value = PartialDate(date(year, found.month, found.day))
        except ValueError:
            return None
    return DateMention(
        start=value, end=None, span=(found.start, found.end), text=text[found.start : found.end]
    )


def _infer_year(month: int, day: int, reference: date | None) -> int | None:
    if reference is None:
        return None
    try:
        candidate = date(reference.year, month, day)
    except ValueError:  # 29 February of a common year; the caller validates the full date
        candidate = date(reference.year, month, 28)
    if candidate > reference + timedelta(days=31):
        return reference.year - 1
    return reference.year
