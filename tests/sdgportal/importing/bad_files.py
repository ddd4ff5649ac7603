"""Files no importer should take: one table for every importer's bad-file tests.

Each entry writes its file at a path (a 50 MB file sparse, so that it costs no disk or time);
each importer's tests pair the entries with the message that importer gives.
"""

import io
import random
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

FIFTY_MB = 50 * 2**20


class AllocationPeak:
    """The most bytes Python held at once inside the ``with`` block: ``.bytes`` after it."""

    bytes = 0

    def __enter__(self) -> "AllocationPeak":
        tracemalloc.start()
        return self

    def __exit__(self, *exception: object) -> None:
        self.bytes = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


def _zip_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("page.txt", "Year,Value\n2019,3\n")
    return buffer.getvalue()


CONTENTS: dict[str, bytes] = {
    "empty": b"",
    "whitespace": b" \n\t\r\n ",
    "nul-bytes": b"Year,Value\n2019,\x003\n",
    "random-bytes": random.Random(16).randbytes(4096),
    "control-bytes": bytes(range(1, 32)) * 64,
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
    "utf-16": "Year,Value\n2019,3\n".encode("utf-16"),
    "truncated-utf8": "Year,Value\n2019,Көкшетау".encode()[:-1],
    "invalid-utf8": "Год,Значение\n".encode() + b"\xff" + "2019,Астана\n".encode(),
    "html": b"<!DOCTYPE html>\n<html><head><title>404</title></head><body>Not found</body></html>",
    "zip": _zip_archive(),
}


def _write_bytes(content: bytes) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_bytes(content)

    return write


def _write_fifty_mb(path: Path) -> None:
    with path.open("wb") as file:
        file.truncate(FIFTY_MB)  # sparse: no room on disk, no time to write


WRITERS: dict[str, Callable[[Path], None]] = {
    **{name: _write_bytes(content) for name, content in CONTENTS.items()},
    "50-mb": _write_fifty_mb,
    "directory": Path.mkdir,
}


def write_bad_file(path: Path, kind: str) -> Path:
    """Put a bad file of this kind at ``path``, in place of whatever is there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        path.rmdir()
    else:
        path.unlink(missing_ok=True)
    WRITERS[kind](path)
    return path
