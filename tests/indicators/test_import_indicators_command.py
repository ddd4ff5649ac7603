from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from indicators.models import IndicatorOrganisation, NationalIndicator, Observation, Region
from tests.indicators.open_sdg_sample import write_data, write_repository
from tests.indicators.test_open_sdg import spreadsheet

pytestmark = pytest.mark.django_db

REAL_DATA = Path(settings.SDG_NATIONAL_DATA_DIR)


def run(*args: object) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_indicators", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_prints_the_summary_and_exits_0_when_all_is_imported(tmp_path):
    root = write_repository(tmp_path / "sdg-data")

    status, out, err = run(str(root))

    assert status == 0
    assert "indicators found 3, imported 3, skipped 0" in out
    assert "  observations                     10        0        0          0" in out
    assert err == ""


def test_names_each_skipped_file_with_its_reason_and_exits_1(tmp_path):
    root = write_repository(tmp_path / "sdg-data")
    write_data(root, "1-1-1", spreadsheet())

    status, out, err = run(str(root))

    assert status == 1
    assert "indicators found 3, imported 2, skipped 1" in out
    assert err.strip() == (
        "Skipped data/indicator_1-1-1.csv: is a spreadsheet saved under a .csv name; "
        "export it as CSV (UTF-8)"
    )


def test_a_directory_in_another_format_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="is not an Open SDG data repository") as error:
        call_command("import_indicators", str(tmp_path), stdout=StringIO())

    assert error.value.returncode == 2


def test_without_data_at_the_default_path_it_says_so(settings, tmp_path):
    settings.SDG_NATIONAL_DATA_DIR = tmp_path / "missing"

    status, out, _err = run()

    assert status == 0
    assert "No national SDG data at" in out
    assert NationalIndicator.objects.count() == 0


@pytest.mark.skipif(not REAL_DATA.is_dir(), reason="needs ../shared/data/sdg-data-kazstat")
def test_imports_the_real_national_data():
    status, out, err = run(str(REAL_DATA))

    assert status == 1, out  # the published data have bad files; they are named
    skipped = err.strip().splitlines()
    assert any("indicator_3-1-1.xlsx: is not a CSV file" in line for line in skipped)
    assert any("indicator_4-c-1-2.csv: line 2 has 3 values" in line for line in skipped)
    assert all(line.startswith("Skipped data/indicator_") for line in skipped)
    assert NationalIndicator.objects.count() >= 250
    assert Observation.objects.national().count() >= 30000
    homicides = NationalIndicator.objects.get(code="16.1.1")
    assert homicides.observations.filter(disaggregation__SEX="F").exists()
    assert {"en", "ru", "kk"} <= set(homicides.metadata)
    assert homicides.organisations.filter(name__startswith="Ministry of Internal Affairs").exists()
    units_column = NationalIndicator.objects.get(code="16.6.2.2").observations.first()
    assert units_column.unit == "PT"  # a "Units" header
    assert Region.objects.get(code="KZAKM").boundary_code == "KZ03"
    assert Region.objects.exclude(boundary_code="").count() == 17
    assert IndicatorOrganisation.objects.count() >= 500

    status, out, _err = run(str(REAL_DATA))

    assert status == 1
    assert "indicators                        0        0        0" in out
    assert "observations                      0        0        0" in out
