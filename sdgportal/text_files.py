"""Read a file as text, or say in one sentence why it cannot be read.

Every importer reads its files through here: news pages, CSV series, YAML metadata, boundaries.
UTF-8 (with or without a byte-order mark) is always accepted; Windows-1251 where the caller
allows it, the other encoding news pages from Kazakhstan arrive in. A file over the caller's
limit is refused before it is read.
"""

import codecs
import re
import stat
from pathlib import Path

from django.utils.translation import gettext


class UnreadableFile(Exception):
    """A file that is not a readable text file; ``reason`` says why, in a sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_UTF8_BOM = b"\xef\xbb\xbf"
_CONTROL_BYTES = bytes([*range(1, 9), *range(14, 32), 127])  # all but tab and line breaks
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_HTML_START = re.compile(r"\s*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE)
_TAG = re.compile(r"<[A-Za-z/!][^<>]{0,1000}>")
# What Russian, Kazakh-in-Cyrillic and English prose decoded from Windows-1251 is made of.
_NOT_PROSE = re.compile(r"[^\t\n\r\f\x20-\x7eА-Яа-яЁёІіЇїЄєҐґЎў«»—–“”„‘’…№•·°±§©®™€\u00a0]")
# Text in another 8-bit encoding read as Windows-1251 mixes scripts or cases inside words.
_WORD = re.compile(r"[^\W\d_]{2,}")
_GARBLED = re.compile(r"[A-Za-z][А-Яа-яЁё]|[А-Яа-яЁё][A-Za-z]|[а-яё][А-ЯЁ]")


def _magic() -> tuple[tuple[bytes, str], ...]:
    zip_archive = gettext("a ZIP archive, not text")
    return (
        (b"PK\x03\x04", zip_archive),
        (b"PK\x05\x06", zip_archive),
        (b"%PDF-", gettext("a PDF document, not text")),
        (b"\x1f\x8b", gettext("a GZIP archive, not text")),
        (b"\x89PNG\r\n\x1a\n", gettext("a PNG image, not text")),
        (b"\xff\xd8\xff", gettext("a JPEG image, not text")),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            gettext("an old Microsoft Office document (doc, xls), not text"),
        ),
    )


def decode_text(data: bytes, *, max_bytes: int, windows_1251: bool = False) -> str:
    """Decode a file's bytes to text with ``\\n`` line endings, or raise UnreadableFile."""
    if not data:
        raise UnreadableFile(gettext("the file is empty"))
    if len(data) > max_bytes:
        raise UnreadableFile(_too_large(len(data), max_bytes))
    for magic, reason in _magic():
        if data.startswith(magic):
            raise UnreadableFile(reason)
    if b"\x00" in data:
        if data.startswith(_UTF16_BOMS):
            raise UnreadableFile(
                gettext("UTF-16 text, not %(encodings)s (save it as UTF-8)")
                % {"encodings": "UTF-8 or Windows-1251" if windows_1251 else "UTF-8"}
            )
        raise UnreadableFile(gettext("binary data, not text (contains NUL bytes)"))
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > 0.01 * len(data):
        raise UnreadableFile(gettext("binary data, not text (full of control characters)"))
    body = data.removeprefix(_UTF8_BOM)
    text = _utf8(body)
    if text is None and not windows_1251:
        raise UnreadableFile(
            gettext("not UTF-8 text (invalid byte at position %(position)d; save it as UTF-8)")
            % {"position": len(data) - len(body) + _first_invalid_byte(body)}
        )
    if text is None:
        text = _cp1251(data)
    if not text.strip():
        raise UnreadableFile(gettext("the file holds only whitespace"))
    if _looks_like_html(text):
        raise UnreadableFile(gettext("HTML, not plain text"))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_file(path: Path, *, max_bytes: int, windows_1251: bool = False) -> str:
    """Read and decode a file, refusing one over ``max_bytes`` before reading it."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UnreadableFile(gettext("the file does not exist")) from None
    except OSError as error:
        raise UnreadableFile(_cannot_read(error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableFile(gettext("a directory, not a file"))
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFile(gettext("not a regular file"))
    if info.st_size > max_bytes:
        raise UnreadableFile(_too_large(info.st_size, max_bytes))
    # A read allocates all it may return: ask for the size found, plus one byte to tell a file
    # that grew since (read on to one byte past the limit, which tells it is too large).
    wanted = info.st_size + 1
    try:
        with path.open("rb") as file:
            data = file.read(wanted)
            if len(data) == wanted:
                data += file.read(max_bytes + 1 - wanted)
    except OSError as error:
        raise UnreadableFile(_cannot_read(error)) from None
    return decode_text(data, max_bytes=max_bytes, windows_1251=windows_1251)


def _too_large(size: int, limit: int) -> str:
    return gettext("too large: %(size).1f MB (the limit is %(limit)g MB)") % {
        "size": size / 2**20,
        "limit": limit / 2**20,
    }


def _cannot_read(error: OSError) -> str:
    return gettext("the file cannot be read: %(error)s") % {"error": error.strerror}


def _utf8(data: bytes) -> str | None:
    """The text if ``data`` is UTF-8, None if it is not; raise if only its last character is cut."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        text = decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return None
    pending, _ = decoder.getstate()
    if pending:
        raise UnreadableFile(gettext("truncated UTF-8: the file ends in the middle of a character"))
    return text


def _first_invalid_byte(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start
    return len(data)


def _cp1251(data: bytes) -> str:
    undecodable = UnreadableFile(gettext("not decodable as UTF-8 or Windows-1251"))
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
