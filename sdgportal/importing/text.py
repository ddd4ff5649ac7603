"""Small text helpers shared by the extractors: sentences, names, normalised keys."""

import re
import unicodedata

_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|Nos|Jr|Sr|vs|etc|e\.g|i\.e|approx|incl|Inc|Ltd|Co|H\.E|"
    r"U\.S|U\.N|ул|г|гг|им|т\.е|т\.д)|\b[A-Z])\.$"
)
_BOUNDARY = re.compile(r"(?<=[.!?…\"”»’)])\s+(?=[\"“«‘(]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9•])|\n+")


def sentences(text: str) -> list[tuple[int, str]]:
    """Split into sentences, returning (offset, sentence); abbreviations don't end one."""
    result, start = [], 0
    for match in _BOUNDARY.finditer(text):
        candidate = text[start : match.start()].strip()
        if "\n" not in match.group(0) and _ABBREVIATIONS.search(
            text[max(start, match.start() - 12) : match.start()]
        ):
            continue
        if "\n" not in match.group(0) and _inside_quotes(text[start : match.start()]):
            continue
        if candidate:
            result.append((start, candidate))
        start = match.end()
    if tail := text[start:].strip():
        result.append((start, tail))
    return result


def _inside_quotes(text: str) -> bool:
    """Whether a quotation opened in the text is still open: "Reuse. Recycle. Reduce"."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Casefolded, accent-free, punctuation-free, single-spaced."""
    text = strip_accents(text).casefold().replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    return " ".join(re.sub(r"[^\w&]+", " ", text).split())


_TRANSLITERATION = [
    (r"dzh", "j"),
    (r"zh", "j"),
    (r"kh", "h"),
    (r"ts", "c"),
    (r"sh", "s"),
    (r"ch", "c"),
    (r"th", "t"),
    (r"ph", "f"),
    (r"yu", "u"),
    (r"ya", "a"),
    (r"ye", "e"),
    (r"yo", "o"),
    (r"y", "i"),
    (r"w", "v"),
    (r"x", "ks"),
    (r"q", "k"),
    (r"ie", "e"),
    (r"ii", "i"),
    (r"(.)\1", r"\1"),
]


def name_key(name: str) -> str:
    """A spelling-insensitive key: Zhekebayev ~ Jekebaev, Artur ~ Arthur, Yerlan ~ Erlan."""
    key = fold(name)
    for pattern, replacement in _TRANSLITERATION:
        key = re.sub(pattern, replacement, key)
    return re.sub(r"(?<=[a-z])(e|ie|i)v\b", "ev", key).replace("aev", "aev")


def initials(words: list[str]) -> str:
    return "".join(word[0] for word in words if word and word[0].isupper())
