"""Bad files given to the indicator importers: import_indicators and load_sdg_framework.

Each is refused with one sentence naming it and the reason, and nothing of it is written. A bad
file of one indicator skips that indicator (exit status 1); a bad translation or boundary file,
which every indicator depends on, stops the import before it writes anything (exit status 2).
"""

import io
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from indicators.models import (
    Dimension,
    DimensionValue,
    GlobalIndicator,
    Goal,
    IndicatorOrganisation,
    NationalIndicator,
    Observation,
    Region,
    Target,
)
from indicators.national_data import CODE_LENGTH, VALUE_CODE_LENGTH
from indicators.sdg_translations import GOAL_TITLE_LIMITS
from indicators.yaml_files import read_yaml_mapping
from sdgportal.models import SourceDocument
from sdgportal.text_files import UnreadableFile
from tests.indicators.open_sdg_sample import write_repository
from tests.indicators.test_sdg_translations import write_translations
from tests.sdgportal.importing.bad_files import WRITERS, AllocationPeak, write_bad_file

pytestmark = pytest.mark.django_db

# What the reader of data files says of each bad file (UTF-8 only, up to 10 MB).
REASONS = {
    "empty": "the file is empty",
    "whitespace": "the file holds only whitespace",
    "nul-bytes": "binary data, not text (contains NUL bytes)",
    "random-bytes": "binary data, not text (contains NUL bytes)",
    "control-bytes": "binary data, not text (full of control characters)",
    "png": "a PNG image, not text",
    "utf-16": "UTF-16 text, not UTF-8 (save it as UTF-8)",
    "truncated-utf8": "truncated UTF-8: the file ends in the middle of a character",
    "invalid-utf8": "not UTF-8 text (invalid byte at position 24; save it as UTF-8)",
    "html": "HTML, not plain text",
    "zip": "a ZIP archive, not text",
    "50-mb": "too large: 50.0 MB (the limit is 10 MB)",
    "directory": "a directory, not a file",
}
assert REASONS.keys() == WRITERS.keys()
INDICATOR_FILES = ["data/indicator_1-1-1.csv", "meta/16-1-1.yml", "indicator-config/1-1-1.yml"]
SHARED_FILES = ["translations/en/SEX.yml", "translations/ru/REF_AREA.yml", "regions.geojson"]


def snapshot() -> dict[str, list]:
    """Every row the importer writes, as values."""
    return {
        "indicators": list(
            NationalIndicator.objects.values_list(
                "code", "title_en", "title_ru", "unit_en", "reporting_status", "metadata"
            ).order_by("code")
        ),
        "observations": sorted(
            map(
                str,
                Observation.objects.values_list(
                    "indicator__code", "year", "value", "unit", "region__code", "disaggregation"
                ),
            )
        ),
        "regions": list(
            Region.objects.values_list("code", "name_en", "name_ru", "boundary_code").order_by(
                "code"
            )
        ),
        "dimensions": list(Dimension.objects.values_list("code", "name_en").order_by("code")),
        "values": list(
            DimensionValue.objects.values_list("dimension__code", "code", "label_en").order_by(
                "dimension__code", "code"
            )
        ),
        "responsibilities": sorted(
            IndicatorOrganisation.objects.values_list(
                "indicator__code", "organisation__name", "role"
            )
        ),
        "documents": list(
            SourceDocument.objects.values_list("name", "sha256", "imported_at").order_by("name")
        ),
    }


def run(root: Path) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_indicators", str(root), stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def imported(tmp_path) -> Path:
    """The sample repository, imported once."""
    root = write_repository(tmp_path / "sdg-data")
    assert run(root)[0] == 0
    return root


def workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


# -- import_indicators: a file of one indicator -------------------------------------------------


@pytest.mark.parametrize("where", INDICATOR_FILES)
@pytest.mark.parametrize(("kind", "reason"), REASONS.items(), ids=REASONS)
def test_a_bad_file_of_an_indicator_skips_it_and_changes_nothing(imported, where, kind, reason):
    before = snapshot()
    write_bad_file(imported / where, kind)

    status, out, err = run(imported)

    assert (status, err) == (1, f"Skipped {where}: {reason}\n")
    assert "  indicators found 3, imported 2, skipped 1\n" in out
    assert snapshot() == before


@pytest.mark.parametrize(("kind", "reason"), REASONS.items(), ids=REASONS)
def test_a_bad_data_file_leaves_its_indicator_out_of_a_first_import(tmp_path, kind, reason):
    root = write_repository(tmp_path / "sdg-data")
    write_bad_file(root / "data/indicator_1-1-1.csv", kind)

    status, _out, err = run(root)

    assert (status, err) == (1, f"Skipped data/indicator_1-1-1.csv: {reason}\n")
    assert list(NationalIndicator.objects.values_list("code", flat=True)) == ["10.5.1.1", "16.1.1"]
    assert Observation.objects.filter(indicator__code="1.1.1").count() == 0


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            "Year;Value\n2019;3\n",
            "the header has no Year column; it reads: Year;Value "
            "(columns separated by semicolons, not commas)",
        ),
        ("2019,3\n2020,4\n", "the header has no Year column; it reads: 2019, 3"),
        ("Year,Amount\n2019,3\n", "the header has no Value column; it reads: Year, Amount"),
        (
            "\nYear,Value\n2019,3\n",
            "the first line is empty; a data file starts with a header such as Year,Value",
        ),
        ("Year,Value\n2019,3,4\n", "line 2 has 3 values but the header names 2"),
        ("Year,SEX,Value\n2019,3\n", "line 2 has 2 values but the header names 3"),
        ("Year,Value\n2019,three\n", "line 2: value 'three' is not a number"),
        ("Year,Value\n2019,3,5\n", "line 2 has 3 values but the header names 2"),
        ("Year,Value\n19,3\n", "line 2: '19' is not a year"),
        ('Year,Value\n2019,"3\n2020,4\n', "line 3 is not valid CSV (unexpected end of data)"),
        ('Year,Value\n2019,"3"x\n', "line 2 is not valid CSV (',' expected after '\"')"),
        (
            "Year,Value\n2019," + "9" * 200_000 + "\n",
            "line 2 is not valid CSV (field larger than field limit (131072))",
        ),
        (workbook(), "is a spreadsheet saved under a .csv name; export it as CSV (UTF-8)"),
    ],
    ids=[
        "semicolons",
        "no-header",
        "wrong-header",
        "blank-first-line",
        "long-row",
        "short-row",
        "not-a-number",
        "decimal-comma",
        "not-a-year",
        "unclosed-quote",
        "stray-quote",
        "huge-field",
        "workbook",
    ],
)
def test_a_malformed_data_file_skips_its_indicator_and_changes_nothing(imported, content, reason):
    before = snapshot()
    path = imported / "data/indicator_1-1-1.csv"
    path.write_bytes(content.encode() if isinstance(content, str) else content)

    status, _out, err = run(imported)

    assert (status, err) == (1, f"Skipped data/indicator_1-1-1.csv: {reason}\n")
    assert snapshot() == before


@pytest.mark.parametrize("where", ["meta/16-1-1.yml", "indicator-config/1-1-1.yml"])
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("- one\n- two\n", "not a mapping of names to values but a list"),
        ("Just a sentence.\n", "not a mapping of names to values but a single value"),
        (
            "title: [unclosed\n",
            "not valid YAML (did not find expected ',' or ']' at line 2, column 1)",
        ),
        (
            "run: !!python/object/apply:os.system [ls]\n",
            "not valid YAML (could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/object/apply:os.system' at line 1, column 6)",
        ),
        ("a: " + "[" * 30_000 + "]" * 30_000 + "\n", "YAML nested more than 100 levels deep"),
        ("a:\n  " + "- " * 200_000 + "x\n", "YAML nested more than 100 levels deep"),
        (
            "".join(" " * level + f"k{level}:\n" for level in range(1_000)) + " " * 1_000 + "x\n",
            "YAML nested more than 100 levels deep",
        ),
        (
            "".join(" " * level + f"k{level}:\n" for level in range(50))
            + " " * 50
            + "- ? " * 100_000
            + "[" * 50
            + "x"
            + "]" * 50
            + "\n",
            "YAML nested more than 100 levels deep",
        ),
    ],
    ids=[
        "list",
        "scalar",
        "unclosed",
        "python-tag",
        "deep",
        "deep-block-sequence",
        "deep-indentation",
        "deep-mixed",
    ],
)
def test_malformed_yaml_skips_its_indicator_and_changes_nothing(imported, where, content, reason):
    before = snapshot()
    (imported / where).write_text(content, encoding="utf-8")

    status, _out, err = run(imported)

    assert (status, err) == (1, f"Skipped {where}: {reason}\n")
    assert snapshot() == before


def nested(sequences: int) -> str:
    """YAML nesting 50 mappings by indentation, then block sequences, then 25 flow sequences."""
    mappings = "".join(" " * level + f"k{level}:\n" for level in range(50))
    return mappings + " " * 50 + "- " * sequences + "[" * 25 + "x" + "]" * 25 + "\n"


def test_yaml_nested_to_the_limit_is_read_and_one_level_more_is_refused(tmp_path):
    (tmp_path / "100.yml").write_text(nested(25), encoding="utf-8")
    (tmp_path / "101.yml").write_text(nested(26), encoding="utf-8")

    content = read_yaml_mapping(tmp_path / "100.yml")
    with pytest.raises(UnreadableFile) as refused:
        read_yaml_mapping(tmp_path / "101.yml")

    for level in range(50):
        content = content[f"k{level}"]
    for _level in range(25 + 25):
        (content,) = content
    assert (content, refused.value.reason) == ("x", "YAML nested more than 100 levels deep")


# -- import_indicators: a file every indicator depends on ---------------------------------------


@pytest.mark.parametrize("where", SHARED_FILES)
@pytest.mark.parametrize(("kind", "reason"), REASONS.items(), ids=REASONS)
def test_a_bad_shared_file_stops_the_import_and_changes_nothing(imported, where, kind, reason):
    if where == "regions.geojson":
        reason = reason.replace("limit is 10 MB", "limit is 20 MB")  # boundaries are larger
    before = snapshot()
    write_bad_file(imported / where, kind)

    with pytest.raises(CommandError) as refused:
        run(imported)

    assert (str(refused.value), refused.value.returncode) == (
        f"{where}: {reason}; nothing was imported.",
        2,
    )
    assert snapshot() == before


def test_a_bad_shared_file_stops_a_first_import_before_it_writes(tmp_path):
    root = write_repository(tmp_path / "sdg-data")
    write_bad_file(root / "translations/kk/SEX.yml", "truncated-utf8")

    with pytest.raises(CommandError) as refused:
        run(root)

    assert str(refused.value) == (
        "translations/kk/SEX.yml: truncated UTF-8: the file ends in the middle of a character; "
        "nothing was imported."
    )
    assert {name: len(rows) for name, rows in snapshot().items()} == dict.fromkeys(snapshot(), 0)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            "not json",
            "is not GeoJSON with kzCode and kzName (Expecting value: line 1 column 1 (char 0))",
        ),
        ('{"type": "FeatureCollection"}', "is not GeoJSON with kzCode and kzName ('features')"),
        ('{"features": [{"properties": {}}]}', "is not GeoJSON with kzCode and kzName ('kzName')"),
        ('{"features": 3}', "is not GeoJSON with kzCode and kzName ('int' object is not iterable)"),
        (
            "[" * 100_000,
            "is not GeoJSON with kzCode and kzName (maximum recursion depth exceeded while "
            "decoding a JSON array from a unicode string)",
        ),
    ],
    ids=["not-json", "no-features", "no-names", "features-not-a-list", "deep"],
)
def test_malformed_boundaries_stop_the_import_and_change_nothing(imported, content, reason):
    before = snapshot()
    (imported / "regions.geojson").write_text(content, encoding="utf-8")

    with pytest.raises(CommandError) as refused:
        run(imported)

    assert str(refused.value) == f"regions.geojson: {reason}; nothing was imported."
    assert snapshot() == before


def test_a_translation_that_is_not_a_text_is_left_out(imported):
    (imported / "translations/en/SEX.yml").write_text(
        "SEX: Sex\nF: [Female, Women]\nM: Male\n", encoding="utf-8"
    )

    status, _out, err = run(imported)

    assert (status, err) == (0, "")
    assert list(
        DimensionValue.objects.filter(dimension__code="SEX")
        .order_by("code")
        .values_list("code", "label_en")
    ) == [("F", ""), ("M", "Male")]


@pytest.mark.parametrize("make", [lambda root: root / "missing", lambda root: root / "file.txt"])
def test_a_path_that_is_not_a_directory_is_refused(tmp_path, make):
    (tmp_path / "file.txt").write_text("Year,Value\n", encoding="utf-8")
    path = make(tmp_path)

    with pytest.raises(CommandError) as refused:
        run(path)

    assert (str(refused.value), refused.value.returncode) == (f"{path} is not a directory.", 2)
    assert NationalIndicator.objects.count() == 0


def test_import_indicators_refuses_50_mb_without_reading_it(imported):
    write_bad_file(imported / "data/indicator_1-1-1.csv", "50-mb")
    with AllocationPeak() as peak:
        status, _out, err = run(imported)

    assert (status, err) == (
        1,
        "Skipped data/indicator_1-1-1.csv: too large: 50.0 MB (the limit is 10 MB)\n",
    )
    assert peak.bytes < 2**20  # the import of the other two indicators; far from 50 MB


# -- load_sdg_framework ---------------------------------------------------------------------------

FRAMEWORK_FILES = ["en/global_goals.yml", "ru/global_targets.yml", "en/global_indicators.yml"]


def framework_rows() -> dict[str, list]:
    return {
        "goals": list(Goal.objects.values_list("number", "short_title_en", "title_en", "title_ru")),
        "targets": list(Target.objects.values_list("code", "title_en", "title_ru")),
        "indicators": list(GlobalIndicator.objects.values_list("code", "title_en", "title_ru")),
    }


def load(path: Path) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("load_sdg_framework", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def loaded(tmp_path) -> Path:
    """A small framework in English and Russian, loaded once."""
    for lang, goal, target, indicator in [
        ("en", "No poverty", "Eradicate extreme poverty", "Population below the poverty line"),
        ("ru", "Ликвидация нищеты", "Искоренить нищету", "Доля населения за чертой бедности"),
    ]:
        write_translations(
            tmp_path,
            lang,
            f"1-short: {goal}\n1-title: End poverty\n",
            f"1-1-title: {target}\n",
            f"1-1-1-title: {indicator}\n",
        )
    load(tmp_path)
    return tmp_path


@pytest.mark.parametrize("where", FRAMEWORK_FILES)
@pytest.mark.parametrize(("kind", "reason"), REASONS.items(), ids=REASONS)
def test_a_bad_framework_file_is_refused_and_nothing_is_loaded(loaded, where, kind, reason):
    before = framework_rows()
    path = write_bad_file(loaded / "translations" / where, kind)

    with pytest.raises(CommandError) as refused:
        load(loaded)

    assert str(refused.value) == f"{path}: {reason}; nothing was loaded."
    assert framework_rows() == before


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("- one\n- two\n", "not a mapping of names to values but a list"),
        ("No poverty\n", "not a mapping of names to values but a single value"),
        (
            "1-title: [unclosed\n",
            "not valid YAML (did not find expected ',' or ']' at line 2, column 1)",
        ),
        (
            "1-title: " + "{a: " * 30_000 + "}" * 30_000 + "\n",
            "YAML nested more than 100 levels deep",
        ),
    ],
    ids=["list", "scalar", "unclosed", "deep"],
)
def test_a_malformed_framework_file_is_refused_and_nothing_is_loaded(loaded, content, reason):
    before = framework_rows()
    path = loaded / "translations/en/global_goals.yml"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(CommandError) as refused:
        load(loaded)

    assert str(refused.value) == f"{path}: {reason}; nothing was loaded."
    assert framework_rows() == before


def test_framework_entries_that_cannot_be_titles_are_skipped_and_the_rest_loaded(loaded):
    (loaded / "translations/en/global_goals.yml").write_text(
        f"1-short: {'No poverty ' * 10}\n1-title: [End, poverty]\n2-short: Zero hunger\n",
        encoding="utf-8",
    )
    (loaded / "translations/en/global_targets.yml").write_text(
        "1-1-title: {text: Eradicate}\n", encoding="utf-8"
    )

    _out, err = load(loaded)

    assert err.splitlines() == [
        "Skipped: en/global_goals.yml: ignored key '1-short': longer than 100 characters",
        "Skipped: en/global_goals.yml: ignored key '1-title': not a text",
        "Skipped: en: ignored key '1-1-title': not a text",
    ]
    assert Goal.objects.get(number=2).short_title_en == "Zero hunger"
    assert (Goal.objects.get(number=1).short_title_en, Target.objects.get().title_en) == (
        "No poverty",
        "Eradicate extreme poverty",
    )


@pytest.mark.parametrize("make", [lambda root: root / "missing", lambda root: root / "file.yml"])
def test_load_sdg_framework_refuses_a_path_that_is_not_a_directory(tmp_path, make):
    (tmp_path / "file.yml").write_text("1-short: No poverty\n", encoding="utf-8")
    path = make(tmp_path)

    with pytest.raises(CommandError) as refused:
        load(path)

    assert str(refused.value) == f"{path} is not a directory; nothing was loaded."
    assert Target.objects.count() == 0


def test_load_sdg_framework_refuses_50_mb_without_reading_it(loaded):
    path = write_bad_file(loaded / "translations/en/global_targets.yml", "50-mb")
    with AllocationPeak() as peak, pytest.raises(CommandError) as refused:
        load(loaded)

    assert str(refused.value) == (
        f"{path}: too large: 50.0 MB (the limit is 10 MB); nothing was loaded."
    )
    assert peak.bytes < 2**20


def test_the_limits_the_readers_keep_to_are_the_columns_widths():
    assert {
        "short": Goal._meta.get_field("short_title").max_length,
        "title": Goal._meta.get_field("title").max_length,
    } == GOAL_TITLE_LIMITS
    assert (
        Region._meta.get_field("code").max_length,
        Dimension._meta.get_field("code").max_length,
        DimensionValue._meta.get_field("code").max_length,
    ) == (CODE_LENGTH, CODE_LENGTH, VALUE_CODE_LENGTH)


def test_codes_longer_than_their_column_are_found_again_by_what_it_keeps(tmp_path):
    root = write_repository(tmp_path / "sdg-data")
    long_code = "KZ" + "X" * 58
    (root / "translations/en/REF_AREA.yml").write_text(
        f"REF_AREA: Regions\n{long_code}: Somewhere\n", encoding="utf-8"
    )
    (root / "translations/en/SEX.yml").write_text(
        f"SEX: Sex\n{'F' * 120}: Female\n", encoding="utf-8"
    )

    statuses = [run(root)[0], run(root)[0]]

    assert statuses == [0, 0]
    assert list(Region.objects.filter(code__startswith="KZX").values_list("code", "name_en")) == [
        (long_code[:CODE_LENGTH], "Somewhere")
    ]
    assert list(
        DimensionValue.objects.filter(dimension__code="SEX", code__startswith="FF").values_list(
            "code", flat=True
        )
    ) == ["F" * VALUE_CODE_LENGTH]
