"""Turn a saved news page into clean articles: drop the page chrome, repair, split, dedupe.

A page is either one article (title on the first line) or a listing of several stories, each
introduced by a marker line ("Story", "Press Release"…) then a date line and a title line.
The same story may appear twice (a teaser, later the full text): it is kept once.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

STORY_MARKERS = frozenset(
    {
        "story",
        "press release",
        "publication",
        "news",
        "article",
        "feature",
        "statement",
        "speech",
        "op-ed",
        "blog",
        "event",
        "interview",
        "новости",
        "статья",
        "жаңалықтар",
    }
)
# Headings that end one listing block and start another; headings inside a story stay in it.
SECTION_HEADERS = frozenset(
    {
        "latest",
        "latest resources",
        "resources",
        "related",
        "related news",
        "more stories",
        "read also",
        "читайте также",
        "последние новости",
        "соңғы жаңалықтар",
    }
)

_CHROME = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(views|просмотры|просмотров|қаралым)\s*:?\s*\d[\d\s]*$",
        r"^(saved|сохранено|сақталды|updated|published)\s*:?\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}.*$",
        r"^wait,? please\.*$",
        r"^subscribe to (the|our) newsletter.*$",
        r"^the operation completed successfully\.?$",
        r"^\d+\s*(of|/|из)\s*\d+$",
        r"^(learn|read) more$",
        r"^(photo|фото|сурет)\s*:.*$",
        r"^(share|print|tags|поделиться)\s*:?$",
        # a headline list entry: a language code, then a capitalised headline
        r"^(ru|kk|kz|en|uz|ky|tg|tr|de|fr|es|zh|ar)\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ].*$",
    )
]
_PHOTO_PREFIX = re.compile(r"^(?i:photo|фото|сурет)\s*:\s*\S+(\s\S+)?(?=[A-ZА-Я][a-zа-я]+\.)")
_SWALLOWED = re.compile(r"(?<![\w.])([\w-]*\w)\.(organi[sz]\w*)")
_FUNCTION_WORDS = {
    "wer": "were",
    "wa": "was",
    "ar": "are",
    "i": "is",
    "bee": "been",
    "b": "be",
    "ha": "has",
    "hav": "have",
    "th": "the",
    "an": "and",
}
_CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
_LATIN = re.compile(r"[A-Za-z]")
_SENTENCE_END = re.compile(r"[.!?…:;\"”»)]$")


@dataclass(frozen=True)
class RawArticle:
    title: str
    date_line: str  # the line that dates this story, "" when none
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def repair_swallowed_characters(text: str, vocabulary: set[str] | None = None) -> str:
    """Mend "wer.organized" → "were organized", "non-governmenta.organizations" → "…tal organ…".

    The damage ate one character and the space before "organi…". The missing letter is
    restored when the word is clear: a function word, an adjective in -al, a word in -ate or
    -ute, or a completion the text itself uses elsewhere; after a complete word, the dot was
    punctuation and only the space is put back. Numbers are left alone: the lost digit is unknown.
    """
    words = vocabulary if vocabulary is not None else set(re.findall(r"[a-z-]+", text.lower()))

    def mend(match: re.Match[str]) -> str:
        stem, following = match.group(1), match.group(2)
        if stem.isdigit():
            return match.group(0)
        return f"{_complete(stem, words)} {following}"

    return _SWALLOWED.sub(mend, text)


def _complete(stem: str, words: set[str]) -> str:
    lower = stem.lower()
    if lower in _FUNCTION_WORDS:
        return _FUNCTION_WORDS[lower]
    candidates = [lower + c for c in "abcdefghijklmnopqrstuvwxyz" if lower + c in words]
    if len(candidates) == 1 and lower not in words:
        return stem + candidates[0][-1]
    if lower.endswith(("iona", "nta", "ica", "cia", "ura", "ina", "ata", "rna", "oba", "oca")):
        return stem + "l"
    if lower.endswith(("tut", "stat", "ivat", "orat", "ciat")):
        return stem + "e"
    return stem


def is_chrome(line: str) -> bool:
    return any(pattern.match(line) for pattern in _CHROME)


def _is_foreign_script_line(line: str, page_is_latin: bool) -> bool:
    """A short Cyrillic aside on an English page (or the reverse) is page furniture."""
    cyrillic, latin = len(_CYRILLIC.findall(line)), len(_LATIN.findall(line))
    if page_is_latin:
        return cyrillic > latin
    return latin > cyrillic * 2 and len(line) < 80


def clean_lines(text: str) -> list[str]:
    """The page's lines without chrome and blank lines, whitespace collapsed, damage repaired."""
    text = repair_swallowed_characters(text.replace("\u2800", " ").replace("\u00a0", " "))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    page_is_latin = len(_LATIN.findall(text)) > len(_CYRILLIC.findall(text))
    kept = []
    for line in lines:
        line = _PHOTO_PREFIX.sub("", line).strip()
        if not line or is_chrome(line) or _is_foreign_script_line(line, page_is_latin):
            continue
        kept.append(line)
    return kept


def split_articles(lines: list[str], is_date_line: Callable[[str], bool]) -> list[RawArticle]:
    """Split cleaned lines into stories; a story told twice (teaser, full text) is kept once."""
    articles: list[RawArticle] = []
    title, date_line, body = "", "", []

    def close() -> None:
        if title:
            articles.append(RawArticle(title, date_line, tuple(body)))

    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if line.lower() in STORY_MARKERS and is_date_line(following) and index + 2 < len(lines):
            close()
            title, date_line, body = lines[index + 2], following, []
            index += 3
            continue
        if line.lower() in SECTION_HEADERS:
            close()
            title, date_line, body = "", "", []
        elif not title:
            title = line
            if is_date_line(following):
                date_line = following
                index += 1
        elif is_date_line(line) and not body and not date_line:
            date_line = line
        else:
            body.append(line)
        index += 1
    close()
    return _without_repeats(articles)


def _title_key(title: str) -> str:
    return re.sub(r"\W+", " ", title.casefold()).strip()


def _without_repeats(articles: list[RawArticle]) -> list[RawArticle]:
    """Keep the fullest telling of each title, in the order the stories first appear."""
    fullest: dict[str, RawArticle] = {}
    for article in articles:
        key = _title_key(article.title)
        if key not in fullest or len(article.text) > len(fullest[key].text):
            fullest[key] = article
    return list(fullest.values())
