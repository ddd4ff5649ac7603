import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from indicators.open_sdg import BadFile, BadRepository, Repository, Row, read_series
from tests.indicators.open_sdg_sample import write_data, write_repository, write_yaml


@pytest.fixture
def repository(tmp_path):
    return Repository(write_repository(tmp_path / "sdg-data"))


def series(tmp_path: Path, text: str | bytes) -> tuple[list[Row], list[str]]:
    return read_series(write_data(tmp_path, "1-1-1", text))


def test_indicator_ids_come_from_data_meta_and_config_in_reading_order(repository):
    assert repository.indicator_ids() == ["1-1-1", "10-5-1-1", "16-1-1"]


def test_an_indicator_has_titles_units_status_and_metadata_in_three_languages(repository):
    homicides = repository.read_indicator("16-1-1")

    assert homicides.code == "16.1.1"
    assert homicides.titles == {
        "en": "Victims of intentional homicide per 100,000",
        "ru": "Жертвы умышленных убийств на 100 000",
        "kk": "100 000 адамға шаққандағы қасақана кісі өлтіру",  # national title as fallback
    }
    # All rows share one unit code with labels, better than the untranslated "data." unit.
    assert homicides.units == {"en": "per 100,000", "ru": "на 100 000 человек"}
    assert (homicides.chart_type, homicides.reporting_status) == ("line", "complete")
    assert homicides.metadata["en"]["comments_limitations"] == "Counts registered crimes only."
    assert homicides.metadata["ru"]["comments_limitations"] == (
        "Только зарегистрированные преступления."
    )
    assert homicides.metadata["en"]["un_custodian_agency"] == "UNODC, WHO"


def test_sources_keep_their_role_and_every_language(repository):
    sources = repository.read_indicator("16-1-1").sources

    assert [source.role for source in sources] == ["compilation", "implementation"]
    assert sources[0].texts["ru"].startswith("Министерство внутренних дел")
    assert sources[1].texts == {
        "en": "Министерство внутренних дел РК",
        "ru": "Министерство внутренних дел РК",
    }


def test_rows_keep_every_breakdown_with_the_region_and_unit_apart(repository):
    rows = repository.read_indicator("16-1-1").rows

    assert Row(2015, Decimal("2.9"), "PER_100000_POP", "", (("SEX", "F"),)) in rows
    assert Row(2015, Decimal("0.9"), "PER_100000_POP", "", (("AGE", "Y0T17"),)) in rows
    assert Row(2015, Decimal("6.1"), "PER_100000_POP", "KZAKM", ()) in rows
    assert len(rows) == 8


def test_units_column_is_read_as_the_unit(repository):
    poverty = repository.read_indicator("1-1-1")

    assert [(row.unit, row.value) for row in poverty.rows] == [
        ("PT", Decimal("0.1")),
        ("PT", Decimal("0.2")),
    ]
    assert poverty.units["ru"] == "процент"


def test_an_indicator_without_a_data_file_has_no_rows(repository):
    extra = repository.read_indicator("10-5-1-1")

    assert (extra.code, extra.rows, extra.reporting_status) == ("10.5.1.1", [], "notstarted")
    assert extra.titles == {"en": "Assets of the banking sector"}


def test_regions_join_boundaries_by_russian_name_despite_renames_and_misspellings(repository):
    regions = {region.code: region for region in repository.regions()}

    assert regions["KZAKM"].boundary_code == "KZ03"
    assert regions["KZALA"].boundary_code == "KZ02"  # г_Алматы and г.Алматы
    assert regions["KZNS"].boundary_code == "KZ05"  # Astana was Nur-Sultan
    assert regions["KZZHA"].boundary_code == "KZ17"  # Жымбылская, one letter off
    assert regions["KZAKS"].boundary_code == ""  # a town has no shape
    assert regions["KZAKM"].boundary["type"] == "Polygon"
    assert regions["KZAKM"].names == {"en": "Akmola", "ru": "Акмолинская", "kk": "Ақмола"}


def test_dimensions_have_names_and_labels_per_language(repository):
    dimensions = {dimension.code: dimension for dimension in repository.dimensions()}

    assert set(dimensions) == {"AGE", "SEX", "UNIT_MEASURE"}
    assert dimensions["SEX"].names == {"en": "Sex", "ru": "Пол", "kk": "Жынысы"}
    assert dimensions["SEX"].labels["F"] == {"en": "Female", "ru": "Женщины", "kk": "әйелдер"}


def test_a_byte_order_mark_and_carriage_returns_are_read(tmp_path):
    rows, notes = series(tmp_path, "\ufeffYear,Value\r2019,1.5\r2020,2\r".encode())

    assert [(row.year, row.value) for row in rows] == [(2019, Decimal("1.5")), (2020, 2)]
    assert notes == []


def test_blank_values_and_blank_lines_are_left_out_with_a_note(tmp_path):
    rows, notes = series(tmp_path, "Year,SEX,Value\n2019,F,\n\n2019,M,3\n,,\n")

    assert [row.value for row in rows] == [3]
    assert notes == ["1 row(s) without a value left out"]


def test_a_repeated_row_is_read_once_with_a_note(tmp_path):
    rows, notes = series(tmp_path, "Year,Value\n2019,3\n2019,3.0\n2019, 3 \n")

    assert len(rows) == 1
    assert notes == ["2 repeated row(s) read once"]


def test_unnamed_empty_columns_are_ignored(tmp_path):
    rows, _notes = series(tmp_path, "Year,SEX,Value,,\n2019,F,3,,\n2020,F,4\n")

    assert [row.disaggregation for row in rows] == [(("SEX", "F"),), (("SEX", "F"),)]


def test_the_map_code_column_is_not_a_breakdown(tmp_path):
    rows, _notes = series(tmp_path, "Year,REF_AREA,GeoCode,Value\n2019,KZAKM,KZ03,3\n")

    assert (rows[0].region, rows[0].disaggregation) == ("KZAKM", ())


def test_values_keep_eight_decimal_places(tmp_path):
    rows, _notes = series(tmp_path, "Year,Value\n2019,18.41463344556467\n2020,1e-05\n")

    assert [row.value for row in rows] == [Decimal("18.41463345"), Decimal("0.00001000")]


def spreadsheet() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (spreadsheet(), "is a spreadsheet saved under a .csv name; export it as CSV (UTF-8)"),
        ("Year,Vaule\n2019,3\n", "the header has no Value column; it reads: Year, Vaule"),
        ("Yaer,Value\n2019,3\n", "the header has no Year column; it reads: Yaer, Value"),
        (
            "Year,Value\n2019,3\n2019,4\n",
            "lines 2 and 3 give two values for 2019: 3 and 4",
        ),
        (
            "Year,SEX,REF_AREA,Value\n2019,F,KZAKM,3\n2019,F,KZAKM,3.5\n",
            "lines 2 and 3 give two values for 2019, SEX=F, REF_AREA=KZAKM: 3 and 3.5",
        ),
        (
            "Year,REF_AREA,Value\n2019,KZAKM,3\n2019,3\n",
            "line 3 has 2 values but the header names 3",
        ),
        ("Year,Value\n2019,3,4\n", "line 2 has 3 values but the header names 2"),
        ("Year,Value\n2019,n/a\n", "line 2: value 'n/a' is not a number"),
        ("Year,Value\n2019,NaN\n", "line 2: value 'NaN' is not a number"),
        ("Year,Value\n2019,1e30\n", "line 2: value 1e30 has more than 16 digits before the point"),
        ("Year,Value\n2019-20,3\n", "line 2: '2019-20' is not a year"),
        ("Year,Value,\n2019,3,x\n", "line 2 has a value under a column without a name"),
        ("Year,SEX,SEX,Value\n2019,F,M,3\n", "the header names SEX more than once"),
        ("", "the file is empty"),
        (
            "\nYear,Value\n",
            "the first line is empty; a data file starts with a header such as Year,Value",
        ),
        (
            b"Year,Value\n2019,\xff\n",
            "not UTF-8 text (invalid byte at position 16; save it as UTF-8)",
        ),
    ],
)
def test_a_bad_data_file_is_refused_with_the_reason(tmp_path, content, reason):
    with pytest.raises(BadFile) as refused:
        series(tmp_path, content)

    assert refused.value.reason == reason
    assert str(refused.value) == f"data/indicator_1-1-1.csv: {reason}"


def test_a_spreadsheet_instead_of_the_csv_is_refused(repository):
    csv_path = repository.root / "data" / "indicator_1-1-1.csv"
    csv_path.rename(csv_path.with_suffix(".xlsx"))

    with pytest.raises(BadFile, match=r"indicator_1-1-1\.xlsx: is a \.xlsx file, not CSV"):
        repository.read_indicator("1-1-1")


def test_a_spreadsheet_next_to_the_csv_is_reported_and_the_csv_read(repository):
    (repository.root / "data" / "indicator_1-1-1.xlsx").write_bytes(spreadsheet())

    assert len(repository.read_indicator("1-1-1").rows) == 2
    assert [str(problem) for problem in repository.problems] == [
        "data/indicator_1-1-1.xlsx: is not a CSV file and was left out; the data are read from "
        "indicator_1-1-1.csv"
    ]


def test_a_configuration_naming_another_indicator_is_refused(repository):
    write_yaml(repository.root / "indicator-config" / "1-1-1.yml", {"indicator_number": "1.2.1"})

    with pytest.raises(BadFile, match=r"gives indicator number 1\.2\.1 but the file is named for"):
        repository.read_indicator("1-1-1")


def test_metadata_keys_that_yaml_reads_as_numbers_are_read_as_text(repository):
    write_yaml(repository.root / "meta" / "1-1-1.yml", {2019: "a note", "source_active_1": True})

    assert repository.read_indicator("1-1-1").metadata["en"] == {"2019": "a note"}


def test_a_folder_in_place_of_a_data_file_is_refused(repository):
    csv_path = repository.root / "data" / "indicator_1-1-1.csv"
    csv_path.unlink()
    csv_path.mkdir()

    with pytest.raises(BadFile, match=r"indicator_1-1-1\.csv: a directory, not a file$"):
        repository.read_indicator("1-1-1")


def test_broken_yaml_is_refused(repository):
    (repository.root / "meta" / "1-1-1.yml").write_text("title: [unclosed\n", encoding="utf-8")

    with pytest.raises(
        BadFile,
        match=r"meta/1-1-1.yml: not valid YAML \(did not find expected ',' or '\]' at line 2, "
        r"column 1\)$",
    ):
        repository.read_indicator("1-1-1")


def test_a_directory_that_is_not_a_repository_is_refused(tmp_path):
    with pytest.raises(BadRepository, match="has neither data/ nor indicator-config/"):
        Repository(tmp_path)
    with pytest.raises(BadRepository, match="is not a directory"):
        Repository(tmp_path / "missing")
