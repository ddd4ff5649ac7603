"""Read a source document as text, or say in one sentence why it cannot be read.

Accepted: UTF-8 (with or without a byte-order mark) and Windows-1251, the two encodings news
pages from Kazakhstan arrive in. Everything else is refused with a reason a curator can act on.
"""

import codecs
import re
import stat
from pathlib import Path

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


class UnreadableDocument(Exception):
    """A file that is not a plain-text document; ``reason`` says why, in a sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_UTF8_BOM = b"\xef\xbb\xbf"
_CONTROL_BYTES = bytes([*range(1, 9), *range(14, 32), 127])  # all but tab and line breaks
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive, not text"),
    (b"PK\x05\x06", "a ZIP archive, not text"),
    (b"%PDF-", "a PDF document, not text"),
    (b"\x1f\x8b", "a GZIP archive, not text"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (doc, xls), not text"),
)
_HTML_START = re.compile(r"\s*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE)
_TAG = re.compile(r"<[A-Za-z/!][^<>]{0,1000}>")
# What Russian, Kazakh-in-Cyrillic and English prose decoded from Windows-1251 is made of.
_NOT_PROSE = re.compile(r"[^\t\n\r\f\x20-\x7eА-Яа-яЁёІіЇїЄєҐґЎў«»—–“”„‘’…№•·°±§©®™€\u00a0]")
# Text in another 8-bit encoding read as Windows-1251 mixes scripts or cases inside words.
_WORD = re.compile(r"[^\W\d_]{2,}")
_GARBLED = re.compile(r"[A-Za-z][А-Яа-яЁё]|[А-Яа-яЁё][A-Za-z]|[а-яё][А-ЯЁ]")


def decode_document(data: bytes) -> str:
    """Decode a document's bytes to text with ``\\n`` line endings, or raise UnreadableDocument."""
    if not data:
        raise UnreadableDocument("the file is empty")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise UnreadableDocument(_too_large(len(data)))
    for magic, reason in _MAGIC:
        if data.startswith(magic):
            raise UnreadableDocument(reason)
    if b"\x00" in data:
        if data.startswith(_UTF16_BOMS):
            raise UnreadableDocument("UTF-16 text, not UTF-8 or Windows-1251 (save it as UTF-8)")
        raise UnreadableDocument("binary data, not text (contains NUL bytes)")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > 0.01 * len(data):
        raise UnreadableDocument("binary data, not text (full of control characters)")
    text = _utf8(data.removeprefix(_UTF8_BOM))
    if text is None:
        text = _cp1251(data)
    if not text.strip():
        raise UnreadableDocument("the file holds only whitespace")
    if _looks_like_html(text):
        raise UnreadableDocument("HTML, not plain text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_document(path: Path) -> str:
    """Read and decode a file, refusing a too large one before reading it."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UnreadableDocument("the file does not exist") from None
    except OSError as error:
        raise UnreadableDocument(f"the file cannot be read: {error.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableDocument("a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableDocument("not a regular file")
    if info.st_size > MAX_DOCUMENT_BYTES:
        raise UnreadableDocument(_too_large(info.st_size))
    try:
        with path.open("rb") as file:
            # One byte past the limit tells a file that grew since stat() from one at the limit.
            data = file.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as error:
        raise UnreadableDocument(f"the file cannot be read: {error.strerror}") from None
    return decode_document(data)


def _too_large(size: int) -> str:
    return f"too large: {size / 2**20:.1f} MB (the limit is {MAX_DOCUMENT_BYTES / 2**20:g} MB)"


def _utf8(data: bytes) -> str | None:
    """The text if ``data`` is UTF-8, None if it is not; raise if only its last character is cut."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        text = decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return None
    pending, _ = decoder.getstate()
    if pending:
        raise UnreadableDocument("truncated UTF-8: the file ends in the middle of a character")
    return text


def _cp1251(data: bytes) -> str:
    undecodable = UnreadableDocument("not decodable as UTF-8 or Windows-1251")
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        raise undecodable from None
    if len(_NOT_PROSE.findall(text)) > 0.03 * len(text):
        raise undecodable
    words = _WORD.findall(text)
    garbled = sum(1 for word in words if _GARBLED.search(word))
    if garbled > 0.05 * len(words):
        raise undecodable
    return text


def _looks_like_html(text: str) -> bool:
    if _HTML_START.match(text):
        return True
    tags = [match.end() - match.start() for match in _TAG.finditer(text)]
    return len(tags) >= 3 and sum(tags) >= 0.25 * len(text.strip())
