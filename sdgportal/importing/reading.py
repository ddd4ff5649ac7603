"""Read a news page as text: UTF-8 or Windows-1251, up to 5 MB, or say why it cannot be read.

The checks are those of every importer (:mod:`sdgportal.text_files`); a refusal raises
:class:`~sdgportal.text_files.UnreadableFile` with a reason a curator can act on.
"""

from pathlib import Path

from sdgportal.text_files import decode_text, read_text_file

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


def decode_document(data: bytes) -> str:
    """Decode a page's bytes to text with ``\\n`` line endings, or raise UnreadableFile."""
    return decode_text(data, max_bytes=MAX_DOCUMENT_BYTES, windows_1251=True)


def read_document(path: Path) -> str:
    """Read and decode a page, refusing a too large one before reading it."""
    return read_text_file(path, max_bytes=MAX_DOCUMENT_BYTES, windows_1251=True)
