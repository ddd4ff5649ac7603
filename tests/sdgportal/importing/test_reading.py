import gzip
import zipfile
from pathlib import Path

import pytest

from sdgportal.importing.reading import MAX_DOCUMENT_BYTES, decode_document, read_document
from sdgportal.text_files import UnreadableFile

RUSSIAN = "Форум НПО прошёл в Астане 21 апреля.\nУчастники обсудили ЦУР 16 — «мир и правосудие»."
KAZAKH = "Азаматтық форум Астанада өтті. Қатысушылар тұрақты даму мақсаттарын талқылады."
HTML_PAGE = (
    "<!DOCTYPE html>\n<html lang='en'><head><title>Forum</title></head>"
    "<body><p>The forum was held.</p></body></html>"
)
TAG_SOUP = (
    '<div class="story"><span class="date">5 June</span><a href="/news/1">'
    "Forum</a></div><div><p>Held.</p></div>"
)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"Civic Forum in Astana\n", "Civic Forum in Astana\n"),
        ("\ufeffSDG 16 in Kazakhstan".encode(), "SDG 16 in Kazakhstan"),
        (b"line one\r\nline two\rline three\n", "line one\nline two\nline three\n"),
        (RUSSIAN.encode(), RUSSIAN),
        (RUSSIAN.encode("cp1251"), RUSSIAN),
        (RUSSIAN.replace("\n", "\r\n").encode("cp1251"), RUSSIAN),
        (KAZAKH.encode(), KAZAKH),
        (
            b"The budget grew by 5%; 1 < 2 and 3 > 2.",
            "The budget grew by 5%; 1 < 2 and 3 > 2.",
        ),
        ("Price: 2 млрд ₸ — “ok”…".encode(), "Price: 2 млрд ₸ — “ok”…"),
    ],
)
def test_decode_document_reads_utf8_and_windows_1251(data, text):
    assert decode_document(data) == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b" \n\t\r\n ", "the file holds only whitespace"),
        (b"SDG\x00 16", "binary data, not text (contains NUL bytes)"),
        (
            "SDG 16".encode("utf-16"),
            "UTF-16 text, not UTF-8 or Windows-1251 (save it as UTF-8)",
        ),
        (b"PK\x03\x04\x14\x00rest", "a ZIP archive, not text"),
        (b"%PDF-1.7\n%\xe2\xe3", "a PDF document, not text"),
        (gzip.compress(b"SDG 16"), "a GZIP archive, not text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image, not text"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image, not text"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00",
            "an old Microsoft Office document (doc, xls), not text",
        ),
        (HTML_PAGE.encode(), "HTML, not plain text"),
        (b"  \n<html><body>Forum</body></html>", "HTML, not plain text"),
        (TAG_SOUP.encode(), "HTML, not plain text"),
        (
            "Форум".encode()[:-1],
            "truncated UTF-8: the file ends in the middle of a character",
        ),
        (
            "Saved ₸".encode()[:-2],
            "truncated UTF-8: the file ends in the middle of a character",
        ),
        (
            "Goal 13 🌍".encode()[:-1],
            "truncated UTF-8: the file ends in the middle of a character",
        ),
        (
            "Форум НПО прошёл в Астане. Участники обсудили цели.".encode("koi8-r"),
            "not decodable as UTF-8 or Windows-1251",
        ),
        (
            "Société générale à Paris, née".encode("latin-1"),
            "not decodable as UTF-8 or Windows-1251",
        ),
        (b"abc \x98 def", "not decodable as UTF-8 or Windows-1251"),
        (bytes(range(1, 32)) * 3, "binary data, not text (full of control characters)"),
        (b"a" * (MAX_DOCUMENT_BYTES + 1), "too large: 5.0 MB (the limit is 5 MB)"),
    ],
)
def test_decode_document_refuses_what_is_not_text(data, reason):
    with pytest.raises(UnreadableFile) as refused:
        decode_document(data)

    assert (refused.value.reason, str(refused.value)) == (reason, reason)


def test_decode_document_accepts_a_document_at_the_limit():
    data = b"SDG 16 " * (MAX_DOCUMENT_BYTES // 7)

    assert len(decode_document(data)) == len(data)


def _write(path, data):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (RUSSIAN.encode("cp1251"), RUSSIAN),
        (("\ufeff" + KAZAKH + "\r\n").encode(), KAZAKH + "\n"),
        (b"October 19, 2023\r\nCivic Forum\r\n", "October 19, 2023\nCivic Forum\n"),
    ],
)
def test_read_document_reads_a_text_file(tmp_path, data, text):
    path = _write(tmp_path / "page.txt", data)

    assert read_document(path) == text


def _zip(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("page.txt", "SDG 16 in Kazakhstan")
    return path


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda folder: _write(folder / "empty.txt", b""), "the file is empty"),
        (
            lambda folder: _write(folder / "big.txt", b"x" * (6 * 2**20)),
            "too large: 6.0 MB (the limit is 5 MB)",
        ),
        (
            lambda folder: _write(folder / "cut.txt", "Сохранено: 06.11.2020".encode()[:5]),
            "truncated UTF-8: the file ends in the middle of a character",
        ),
        (lambda folder: _zip(folder / "pages.zip"), "a ZIP archive, not text"),
        (lambda folder: _zip(folder / "renamed.txt"), "a ZIP archive, not text"),
        (lambda folder: _write(folder / "page.html", HTML_PAGE.encode()), "HTML, not plain text"),
        (lambda folder: folder, "a directory, not a file"),
        (lambda folder: folder / "missing.txt", "the file does not exist"),
    ],
)
def test_read_document_refuses_what_is_not_a_text_file(tmp_path, make, reason):
    path = make(tmp_path)

    with pytest.raises(UnreadableFile) as refused:
        read_document(path)

    assert refused.value.reason == reason


def test_read_document_refuses_a_large_file_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(int(52.4 * 2**20))  # sparse: takes no room on disk

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)

    with pytest.raises(UnreadableFile) as refused:
        read_document(path)

    assert refused.value.reason == "too large: 52.4 MB (the limit is 5 MB)"
