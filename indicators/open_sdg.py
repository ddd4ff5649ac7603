"""Read a national SDG data repository in the Open SDG format.

The layout, as published by national reporting platforms such as kazstat/sdg-data-kazstat::

    data/indicator_16-1-1.csv          Year, Value and one column per disaggregation
    meta/16-1-1.yml                    metadata; texts are translation keys
    indicator-config/16-1-1.yml        indicator number, chart type, reporting status, units
    translations/<lang>/<group>.yml    names of indicators, units, codes, sources per language
    regions.geojson                    region boundaries for maps

Nothing here touches the database: the reader turns files into plain records, and a file it
cannot trust raises :class:`BadFile` with the reason, for the importer to report. Every file is
read through :func:`sdgportal.text_files.read_text_file`: UTF-8 text under a size limit.
"""

import csv
import hashlib
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from indicators import codes
from indicators.yaml_files import read_yaml_mapping
from sdgportal.text_files import UnreadableFile, read_text_file

LANGUAGES = ("en", "ru", "kk")
REGION_COLUMN = "REF_AREA"
UNIT_COLUMN = "UNIT_MEASURE"
# Columns named differently by some files; "Units" is Open SDG's own name for the unit column.
COLUMN_ALIASES = {"year": "Year", "value": "Value", "units": UNIT_COLUMN, "unit": UNIT_COLUMN}
# Open SDG's column for joining rows to map shapes; the importer joins regions itself.
MAP_CODE_COLUMN = "GeoCode"
VALUE_PLACES = Decimal("0.00000001")  # the database keeps eight decimal places
VALUE_LIMIT = Decimal(10) ** 16  # and 24 digits in all
MAX_DATA_FILE_BYTES = 10 * 1024 * 1024  # the largest published series has 80 KB
MAX_BOUNDARIES_BYTES = 20 * 1024 * 1024  # the published boundaries have 2.6 MB
SOURCE_ROLES = ("compilation", "implementation")
UNTRANSLATED_GROUP = "data"
SEPARATORS = ((";", "semicolons"), ("\t", "tabs"))
_FILE_ID = re.compile(r"^\d{1,2}-[0-9a-z]{1,2}-[0-9a-z]{1,2}(?:-[0-9a-z]{1,3})?$")
_TRANSLATION_KEY = re.compile(r"^(?P<group>[A-Za-z_]+)\.(?P<key>\S.*)$", re.DOTALL)


class BadFile(Exception):
    """A file that cannot be imported as it is; the message says which and why."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class BadRepository(Exception):
    """A directory that is not an Open SDG data repository."""


@dataclass(frozen=True)
class Row:
    """One value of a series. ``disaggregation`` holds the non-empty breakdown columns."""

    year: int
    value: Decimal
    unit: str = ""
    region: str = ""
    disaggregation: tuple[tuple[str, str], ...] = ()

    @property
    def key(self) -> tuple[int, str, str, tuple[tuple[str, str], ...]]:
        return (self.year, self.unit, self.region, self.disaggregation)


@dataclass(frozen=True)
class SourceMention:
    """An organisation statement from the metadata, e.g. who compiles the data, per language."""

    role: str
    texts: dict[str, str]


@dataclass
class IndicatorData:
    """Everything the repository says about one national indicator."""

    code: str
    file_id: str
    titles: dict[str, str]
    units: dict[str, str]
    chart_type: str
    reporting_status: str
    metadata: dict[str, dict[str, str]]
    sources: list[SourceMention]
    rows: list[Row]
    files: list[Path]
    sha256: str
    notes: list[str] = field(default_factory=list)

    @property
    def data_file(self) -> Path | None:
        return next((path for path in self.files if path.parent.name == "data"), None)


@dataclass(frozen=True)
class RegionData:
    code: str
    names: dict[str, str]
    boundary_code: str = ""
    boundary: dict | None = None


@dataclass(frozen=True)
class DimensionData:
    code: str
    names: dict[str, str]
    labels: dict[str, dict[str, str]]  # value code → language → label


class Repository:
    """An Open SDG data directory, read lazily: translations once, indicators one by one.

    A bad translation or boundary file raises :class:`BadFile` where it is first needed (every
    indicator's texts depend on them); a bad file of one indicator, from :meth:`read_indicator`.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        if not self.root.is_dir():
            raise BadRepository(f"{self.root} is not a directory.")
        if not any((self.root / folder).is_dir() for folder in ("data", "indicator-config")):
            raise BadRepository(
                f"{self.root} has neither data/ nor indicator-config/: "
                "it is not an Open SDG data repository."
            )
        self._translations: dict[str, dict[str, dict[str, str]]] | None = None
        self.problems: list[BadFile] = []

    # -- what is there ---------------------------------------------------------------------

    def indicator_ids(self) -> list[str]:
        """File ids such as ``16-1-1`` of every indicator with data, metadata or configuration."""
        ids = set()
        for folder, pattern in (
            ("data", "indicator_*"),
            ("meta", "*.yml"),
            ("indicator-config", "*.yml"),
        ):
            for path in (self.root / folder).glob(pattern):
                file_id = path.stem.removeprefix("indicator_")
                if path.is_file() and _FILE_ID.match(file_id):
                    ids.add(file_id)
        return sorted(ids, key=lambda file_id: codes.sort_key(codes.from_dashed(file_id)))

    @property
    def translations(self) -> dict[str, dict[str, dict[str, str]]]:
        """language → group (file name) → key → text."""
        if self._translations is None:
            self._translations = {lang: self._read_translations(lang) for lang in LANGUAGES}
        return self._translations

    def translate(self, text: object, lang: str, *, fallback: str | None = "en") -> str:
        """A translation key such as ``SEX.F`` in ``lang``, else in ``fallback``, else as written.

        A key of a translated group that has no text is ''; a key of Open SDG's ``data`` group,
        which this layout does not translate, is the text after the dot.
        """
        text = "" if text is None else str(text).strip()
        match = _TRANSLATION_KEY.match(text)
        if not match:
            return text
        group, key = match["group"], match["key"]
        if group == UNTRANSLATED_GROUP:
            return _clean_text(key)
        if not any(group in groups for groups in self.translations.values()):
            return text
        return self._own_translation(text, lang) or (
            self._own_translation(text, fallback) if fallback else ""
        )

    def dimensions(self) -> list[DimensionData]:
        """Every disaggregation the translations name, with its codes' labels."""
        groups = set().union(*(self.translations[lang] for lang in LANGUAGES))
        dimensions = []
        for group in sorted(groups):
            if not re.fullmatch(r"[A-Z][A-Z0-9_]*", group) or group == REGION_COLUMN:
                continue
            labels: dict[str, dict[str, str]] = {}
            for lang in LANGUAGES:
                for code, label in self.translations[lang].get(group, {}).items():
                    if code != group:
                        labels.setdefault(code, {})[lang] = _clean_text(label)
            names = _per_language(self.translations, group, group)
            dimensions.append(DimensionData(code=group, names=names, labels=labels))
        return dimensions

    def regions(self) -> list[RegionData]:
        """Regions named in the translations, joined to the boundaries by their Russian name."""
        codes_seen = set().union(
            *(self.translations[lang].get(REGION_COLUMN, {}) for lang in LANGUAGES)
        )
        codes_seen.discard(REGION_COLUMN)
        shapes = self._boundaries()
        regions = []
        for code in sorted(codes_seen):
            names = _per_language(self.translations, REGION_COLUMN, code)
            boundary_code, boundary = _match_boundary(names.get("ru", ""), shapes)
            regions.append(RegionData(code, names, boundary_code, boundary))
        return regions

    # -- one indicator ---------------------------------------------------------------------

    def read_indicator(self, file_id: str) -> IndicatorData:
        """The indicator with this file id; raises :class:`BadFile` if a file cannot be used."""
        config_path = self.root / "indicator-config" / f"{file_id}.yml"
        meta_path = self.root / "meta" / f"{file_id}.yml"
        config = _read_yaml(config_path)
        meta = _read_yaml(meta_path)
        code = _indicator_code(file_id, config, config_path)
        data_path = self._data_file(file_id)
        rows, notes = read_series(data_path) if data_path else ([], [])
        files = [path for path in (data_path, meta_path, config_path) if path and path.is_file()]
        digest = hashlib.sha256()
        for path in files:
            digest.update(path.read_bytes())
        titles = self._titles(file_id, config)
        if not titles:
            notes.append("no title in any language; the indicator number stands for it")
            titles = {"en": code}
        status = str(config.get("reporting_status") or "notstarted")
        if status not in {"complete", "inprogress", "notstarted", "notapplicable"}:
            notes.append(f"unknown reporting status {status!r} read as 'notstarted'")
            status = "notstarted"
        return IndicatorData(
            code=code,
            file_id=file_id,
            titles=titles,
            units=self._units(config, rows),
            chart_type=str(config.get("graph_type") or "")[:30],
            reporting_status=status,
            metadata=self._metadata(meta),
            sources=self._sources(meta),
            rows=rows,
            files=files,
            sha256=digest.hexdigest(),
            notes=notes,
        )

    def _data_file(self, file_id: str) -> Path | None:
        candidates = sorted((self.root / "data").glob(f"indicator_{file_id}.*"))
        csv_files = [path for path in candidates if path.suffix.lower() == ".csv"]
        others = [path for path in candidates if path not in csv_files]
        if not csv_files and others:
            raise BadFile(
                relative_path(others[0]),
                f"is a {others[0].suffix} file, not CSV; save it as CSV (UTF-8) "
                f"under the name indicator_{file_id}.csv",
            )
        for other in others:
            self.problems.append(
                BadFile(
                    relative_path(other),
                    f"is not a CSV file and was left out; the data are read from "
                    f"{csv_files[0].name}",
                )
            )
        return csv_files[0] if csv_files else None

    def _titles(self, file_id: str, config: dict) -> dict[str, str]:
        candidates = [
            config.get("indicator_name"),
            f"national_indicators.{file_id}-title",
            config.get("graph_title"),
        ]
        titles = {}
        for lang in LANGUAGES:
            for candidate in candidates:
                text = self._own_translation(candidate, lang)
                if text:
                    titles[lang] = text
                    break
        return titles

    def _own_translation(self, key: object, lang: str) -> str:
        """The text of a translation key in exactly this language, or ''."""
        match = _TRANSLATION_KEY.match(str(key or ""))
        if not match:
            return ""
        group = self.translations[lang].get(match["group"], {})
        return _clean_text(group.get(match["key"], ""))

    def _units(self, config: dict, rows: list[Row]) -> dict[str, str]:
        """The unit named by the configuration, else the one unit code all rows share."""
        stated = config.get("computation_units")
        shared = {row.unit for row in rows}
        candidates = [stated] if stated else []
        if len(shared) == 1 and (only := shared.pop()):
            data_unit = f"{UNIT_COLUMN}.{only}"
            is_key = _TRANSLATION_KEY.match(str(stated or ""))
            translated = is_key and is_key["group"] != UNTRANSLATED_GROUP
            candidates.insert(0 if not translated else 1, data_unit)
        for candidate in candidates:
            units = {
                lang: text
                for lang in LANGUAGES
                if (text := self.translate(candidate, lang, fallback=None))
            }
            if units:
                return units
        return {}

    def _metadata(self, meta: dict) -> dict[str, dict[str, str]]:
        metadata: dict[str, dict[str, str]] = {}
        for lang in LANGUAGES:
            fields = {}
            for name, value in meta.items():
                if not name or value in (None, "", False, True) or isinstance(value, list | dict):
                    continue
                if text := self.translate(value, lang):
                    fields[str(name)] = text
            if fields:
                metadata[lang] = fields
        return metadata

    def _sources(self, meta: dict) -> list[SourceMention]:
        mentions = []
        numbers = sorted(
            {int(match[1]) for key in meta if (match := re.search(r"^source_\w+_(\d+)$", key))}
        )
        for number in numbers:
            if meta.get(f"source_active_{number}") is False:
                continue
            for role in SOURCE_ROLES:
                value = meta.get(f"source_{role}_{number}")
                texts = {
                    lang: text
                    for lang in LANGUAGES
                    if value and (text := self._own_translation(value, lang))
                }
                if value and not texts and not _TRANSLATION_KEY.match(str(value)):
                    texts = {"en": _clean_text(str(value))}
                if texts:
                    mentions.append(SourceMention(role, texts))
        return mentions

    def source_statements(self) -> Iterator[dict[str, str]]:
        """Every organisation statement in the translated sources, per language."""
        keys = set().union(*(self.translations[lang].get("sources", {}) for lang in LANGUAGES))
        for key in sorted(keys):
            if re.search(r"source_(?:compilation|implementation)_\d+$", key):
                yield _per_language(self.translations, "sources", key)

    # -- files -----------------------------------------------------------------------------

    def _read_translations(self, lang: str) -> dict[str, dict[str, str]]:
        folder = self.root / "translations" / lang
        groups = {}
        for path in sorted(folder.glob("*.yml")):
            try:
                content = _read_yaml(path)
            except BadFile as problem:
                raise BadFile(path.relative_to(self.root), problem.reason) from None
            groups[path.stem] = {
                str(key): str(text)
                for key, text in content.items()
                if text and not isinstance(text, list | dict)  # a translation is one text
            }
        return groups

    def _boundaries(self) -> dict[str, tuple[str, dict]]:
        """Folded Russian name → (shape code, geometry) from regions.geojson."""
        path = self.root / "regions.geojson"
        if not path.exists():
            return {}
        try:
            text = read_text_file(path, max_bytes=MAX_BOUNDARIES_BYTES)
        except UnreadableFile as error:
            raise BadFile(path.relative_to(self.root), error.reason) from None
        try:
            features = json.loads(text)["features"]
            shapes = {
                _region_key(str(feature["properties"]["kzName"])): (
                    str(feature["properties"]["kzCode"]),
                    feature["geometry"],
                )
                for feature in features
            }
        except (ValueError, KeyError, TypeError, RecursionError) as error:
            reason = " ".join(str(error).split())[:200]
            raise BadFile(
                path.relative_to(self.root), f"is not GeoJSON with kzCode and kzName ({reason})"
            ) from None
        return shapes


def read_series(path: Path) -> tuple[list[Row], list[str]]:
    """The rows of a data file and notes on what was left out; :class:`BadFile` if unusable."""
    where = relative_path(path)
    try:
        text = read_text_file(path, max_bytes=MAX_DATA_FILE_BYTES)
    except UnreadableFile as error:
        if _is_workbook(path):
            reason = "is a spreadsheet saved under a .csv name; export it as CSV (UTF-8)"
            raise BadFile(where, reason) from None
        raise BadFile(where, error.reason) from None
    reader = csv.reader(text.splitlines(), strict=True)  # strict: a stray quote is an error
    try:
        lines = iter(list(reader))
    except csv.Error as error:
        raise BadFile(where, f"line {reader.line_num} is not valid CSV ({error})") from None
    header = next(lines, None)
    if not header:
        raise BadFile(
            where, "the first line is empty; a data file starts with a header such as Year,Value"
        )
    columns = [_column_name(name) for name in header]
    _check_header(where, header, columns)
    year_at, value_at = columns.index("Year"), columns.index("Value")
    named = [
        (at, name)
        for at, name in enumerate(columns)
        if name and at not in (year_at, value_at) and name != MAP_CODE_COLUMN
    ]
    rows: dict[tuple, tuple[int, Row]] = {}
    blank = duplicates = 0
    for number, cells in enumerate(lines, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        cells = _fit(where, number, cells, columns)
        value_text = cells[value_at].strip()
        if not value_text:
            blank += 1
            continue
        breakdown = {name: cells[at].strip() for at, name in named if cells[at].strip()}
        row = Row(
            year=_year(where, number, cells[year_at]),
            value=_value(where, number, value_text),
            unit=breakdown.pop(UNIT_COLUMN, ""),
            region=breakdown.pop(REGION_COLUMN, ""),
            disaggregation=tuple(sorted(breakdown.items())),
        )
        if row.key in rows:
            first, earlier = rows[row.key]
            if earlier.value != row.value:
                raise BadFile(
                    where,
                    f"lines {first} and {number} give two values for {_describe(row)}: "
                    f"{earlier.value.normalize():f} and {row.value.normalize():f}",
                )
            duplicates += 1
            continue
        rows[row.key] = (number, row)
    notes = []
    if blank:
        notes.append(f"{blank} row(s) without a value left out")
    if duplicates:
        notes.append(f"{duplicates} repeated row(s) read once")
    return [row for _line, row in rows.values()], notes


def _is_workbook(path: Path) -> bool:
    """An Excel workbook: a ZIP archive holding ``xl/``."""
    try:
        with zipfile.ZipFile(path) as archive:
            return any(name.startswith("xl/") for name in archive.namelist())
    except (OSError, zipfile.BadZipFile):
        return False


def _column_name(name: str) -> str:
    name = name.strip()
    return COLUMN_ALIASES.get(name.casefold(), name)


def _check_header(where: Path, header: list[str], columns: list[str]) -> None:
    for required in ("Year", "Value"):
        if required not in columns:
            separator = next((name for mark, name in SEPARATORS if mark in header[0]), None)
            raise BadFile(
                where,
                f"the header has no {required} column; it reads: {', '.join(header)}"
                + (f" (columns separated by {separator}, not commas)" if separator else ""),
            )
    named = [name for name in columns if name]
    repeated = sorted({name for name in named if named.count(name) > 1})
    if repeated:
        raise BadFile(where, f"the header names {', '.join(repeated)} more than once")


def _fit(where: Path, number: int, cells: list[str], columns: list[str]) -> list[str]:
    """The row's cells, one per column; cells under unnamed columns must be empty."""
    extra, missing = cells[len(columns) :], columns[len(cells) :]
    if any(cell.strip() for cell in extra) or any(missing):
        raise BadFile(
            where, f"line {number} has {len(cells)} values but the header names {len(columns)}"
        )
    cells = cells[: len(columns)] + [""] * len(missing)
    for at, name in enumerate(columns):
        if not name and cells[at].strip():
            raise BadFile(where, f"line {number} has a value under a column without a name")
    return cells


def _year(where: Path, number: int, text: str) -> int:
    text = text.strip()
    if not re.fullmatch(r"\d{4}", text) or not 1900 <= int(text) <= 2100:
        raise BadFile(where, f"line {number}: {text!r} is not a year")
    return int(text)


def _value(where: Path, number: int, text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise BadFile(where, f"line {number}: value {text!r} is not a number")
    if abs(value) >= VALUE_LIMIT:
        raise BadFile(
            where, f"line {number}: value {text} has more than 16 digits before the point"
        )
    return value.quantize(VALUE_PLACES)


def _describe(row: Row) -> str:
    parts = [str(row.year)]
    parts += [f"{name}={code}" for name, code in row.disaggregation]
    if row.unit:
        parts.append(f"{UNIT_COLUMN}={row.unit}")
    if row.region:
        parts.append(f"{REGION_COLUMN}={row.region}")
    return ", ".join(parts)


def _indicator_code(file_id: str, config: dict, config_path: Path) -> str:
    from_name = codes.from_dashed(file_id)
    stated = str(config.get("indicator_number") or "").strip()
    if stated and stated != from_name:
        raise BadFile(
            relative_path(config_path),
            f"gives indicator number {stated} but the file is named for {from_name}",
        )
    if not codes.INDICATOR_CODE.match(from_name):
        raise BadFile(relative_path(config_path), f"{from_name} is not an SDG indicator number")
    return from_name


def _read_yaml(path: Path) -> dict[str, object]:
    """The file's mapping; {} where there is no file."""
    if not path.exists() and not path.is_symlink():
        return {}
    try:
        return read_yaml_mapping(path)
    except UnreadableFile as error:
        raise BadFile(relative_path(path), error.reason) from None


def _per_language(translations: dict, group: str, key: str) -> dict[str, str]:
    return {
        lang: _clean_text(text)
        for lang in LANGUAGES
        if (text := translations[lang].get(group, {}).get(key))
    }


def _clean_text(text: object) -> str:
    return " ".join(str(text).split())


def relative_path(path: Path) -> Path:
    """The path from the repository root, e.g. ``data/indicator_1-1-1.csv``."""
    return Path(*path.parts[-2:]) if len(path.parts) >= 2 else path


# Regions whose names changed since the boundaries were drawn: the boundary file's name first.
RENAMED_REGIONS = {"нур-султан": "астана"}


def _region_key(name: str) -> str:
    name = " ".join(name.casefold().replace("_", ".").replace("ё", "е").split())
    name = re.sub(r"^(?:г|п)\.\s*", "", name)
    name = re.sub(r"\s+(?:область|обл\.?)$", "", name)
    return RENAMED_REGIONS.get(name, name)


def _match_boundary(name: str, shapes: dict[str, tuple[str, dict]]) -> tuple[str, dict | None]:
    """The boundary whose name matches, allowing a one-letter misspelling."""
    key = _region_key(name)
    if key in shapes:
        return shapes[key]
    close = [known for known in shapes if _one_letter_apart(key, known)]
    return shapes[close[0]] if len(close) == 1 else ("", None)


def _one_letter_apart(first: str, second: str) -> bool:
    return (
        len(first) == len(second) > 4
        and sum(left != right for left, right in zip(first, second, strict=True)) == 1
    )
