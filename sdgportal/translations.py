"""Compile the interface's committed .po catalogues into the .mo files Django reads.

Pure Python (Babel), so that a machine without GNU gettext can run the portal.
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def compile_catalogues(locale_dir: Path) -> list[Path]:
    """Write each ``<lang>/LC_MESSAGES/*.mo`` older than its ``.po``; the files written."""
    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalogue = read_po(po_file, locale=po_path.parts[-3])
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalogue)
        written.append(mo_path)
    return written
