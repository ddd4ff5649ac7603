from decimal import Decimal

import pytest
from django.db import DatabaseError

from indicators.models import (
    DimensionValue,
    IndicatorOrganisation,
    NationalIndicator,
    Observation,
    Region,
)
from indicators.national_data import import_national_data
from indicators.open_sdg import Repository
from organisations.models import Organisation, Sector
from sdgportal.models import ReviewStatus, SourceDocument
from tests import factories
from tests.indicators.open_sdg_sample import HOMICIDES, write_data, write_repository

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(tmp_path):
    return write_repository(tmp_path / "sdg-data")


def run(root):
    return import_national_data(Repository(root))


def observation_rows():
    return sorted(
        Observation.objects.values_list(
            "pk", "indicator__code", "year", "value", "region__code", "disaggregation"
        )
    )


def test_the_sample_imports_with_a_summary(root):
    summary = run(root)

    assert (summary.found, summary.imported, summary.skipped) == (3, 3, [])
    assert summary.created["indicators"] == 3
    assert summary.created["observations"] == 10
    assert summary.created["regions"] == 5
    assert summary.created["disaggregation values"] == 5  # F, M, Y0T17 and two units


def test_an_indicator_has_its_titles_links_and_metadata(root):
    factories.GlobalIndicatorFactory(code="16.1.1")
    run(root)

    homicides = NationalIndicator.objects.get(code="16.1.1")
    assert homicides.title_ru == "Жертвы умышленных убийств на 100 000"
    assert (homicides.unit_en, homicides.unit_ru) == ("per 100,000", "на 100 000 человек")
    assert (homicides.chart_type, homicides.reporting_status) == ("line", "complete")
    assert homicides.global_indicator.code == "16.1.1"
    assert [target.code for target in homicides.targets.all()] == ["16.1"]
    assert homicides.metadata["en"]["un_designated_tier"] == "1"
    assert homicides.document.name == "sdg-data-kazstat/data/indicator_16-1-1.csv"
    assert homicides.document.kind == SourceDocument.Kind.DATASET


def test_a_national_extra_is_linked_to_the_global_indicator_it_refines(root):
    factories.GlobalIndicatorFactory(code="10.5.1")
    run(root)

    extra = NationalIndicator.objects.get(code="10.5.1.1")
    assert (extra.goal_id, extra.global_indicator.code) == (10, "10.5.1")
    assert extra.observations.count() == 0


def test_observations_keep_breakdowns_and_regions_joined_to_boundaries(root):
    run(root)

    women = Observation.objects.get(indicator__code="16.1.1", disaggregation={"SEX": "F"})
    assert (women.year, women.value, women.unit, women.region) == (
        2015,
        Decimal("2.9"),
        "PER_100000_POP",
        None,
    )
    akmola = Observation.objects.get(indicator__code="16.1.1", region__code="KZAKM")
    assert (akmola.value, akmola.region.boundary_code) == (Decimal("6.1"), "KZ03")
    assert akmola.region.boundary["type"] == "Polygon"
    assert akmola.region.name_ru == "Акмолинская"
    assert DimensionValue.objects.get(dimension__code="SEX", code="F").label_kk == "әйелдер"


def test_national_values_and_news_figures_share_the_model_and_tell_apart(root):
    run(root)
    article = factories.ArticleFactory()
    news = factories.ObservationFactory(
        indicator=None, label="NGOs funded", document=article.document, article=article
    )

    assert Observation.objects.national().count() == 10
    assert list(Observation.objects.from_news()) == [news]


def test_responsible_organisations_are_matched_or_created_with_provenance(root):
    ministry = factories.OrganisationFactory(
        name="Ministry of Internal Affairs", slug="mvd", sector=Sector.STATE
    )
    run(root)

    homicides = NationalIndicator.objects.get(code="16.1.1")
    links = {
        (link.organisation.name, link.role)
        for link in IndicatorOrganisation.objects.filter(indicator=homicides)
    }
    committee = (
        "Committee on Statistics of the Ministry of National Economy of the Republic of Kazakhstan"
    )
    assert links == {
        ("Ministry of Internal Affairs", "compilation"),
        (committee, "compilation"),
        ("Ministry of Internal Affairs", "implementation"),  # written in Russian, matched
    }
    created = Organisation.objects.get(name=committee)
    assert (created.sector, created.review_status) == (Sector.STATE, ReviewStatus.IMPORTED)
    assert "Комитет по статистике Министерства национальной экономики Республики Казахстан" in (
        created.aliases
    )
    assert created.citations.get().document == homicides.document
    assert Organisation.objects.filter(pk=ministry.pk).get().aliases == []  # left as it was
    poverty = NationalIndicator.objects.get(code="1.1.1")
    assert [organisation.name for organisation in poverty.organisations.all()] == [
        "Ministry of Labour and Social Protection of Population of the Republic of Kazakhstan"
    ]


def test_a_rerun_changes_nothing(root, django_assert_max_num_queries):
    run(root)
    before = observation_rows()
    organisations = Organisation.objects.count()

    with django_assert_max_num_queries(30):
        summary = run(root)

    assert not summary.changed
    assert summary.unchanged["observations"] == 10
    assert observation_rows() == before
    assert Organisation.objects.count() == organisations


def test_a_changed_value_updates_exactly_that_value(root):
    run(root)
    before = {row[0]: row for row in observation_rows()}

    write_data(
        root,
        "16-1-1",
        HOMICIDES.replace("2016,PER_100000_POP,,,,4.6", "2016,PER_100000_POP,,,,4.7"),
    )
    summary = run(root)

    after = {row[0]: row for row in observation_rows()}
    changed = [pk for pk in before if before[pk] != after[pk]]
    assert len(changed) == 1
    assert after[changed[0]][2:4] == (2016, Decimal("4.7"))
    assert (summary.updated["observations"], summary.created["observations"]) == (1, 0)
    assert summary.unchanged["observations"] == 9


def test_a_removed_row_is_removed_and_a_new_one_added(root):
    run(root)

    write_data(root, "1-1-1", "Year,Units,Value\n2020,PT,0.2\n2021,PT,0.3\n")
    summary = run(root)

    values = Observation.objects.filter(indicator__code="1.1.1").values_list("year", "value")
    assert sorted(values) == [(2020, Decimal("0.2")), (2021, Decimal("0.3"))]
    assert (summary.deleted["observations"], summary.created["observations"]) == (1, 1)


def test_a_bad_file_is_skipped_and_everything_else_imports(root):
    write_data(root, "1-1-1", "Year,Units,Vaule\n2019,PT,0.1\n")

    summary = run(root)

    assert [str(problem) for problem in summary.skipped] == [
        "data/indicator_1-1-1.csv: the header has no Value column; it reads: Year, Units, Vaule"
    ]
    assert (summary.found, summary.imported) == (3, 2)
    assert set(NationalIndicator.objects.values_list("code", flat=True)) == {"10.5.1.1", "16.1.1"}


def test_an_indicator_whose_file_turns_bad_is_left_as_it_was(root):
    run(root)
    before = observation_rows()

    write_data(root, "16-1-1", HOMICIDES + "2016,PER_100000_POP,,,KZZHA,5.5\n")
    summary = run(root)

    assert summary.skipped[0].reason.startswith("lines 9 and 10 give two values for 2016")
    assert observation_rows() == before


def test_an_indicator_is_written_whole_or_not_at_all(root, monkeypatch):
    write_data(root, "1-1-1", "Year,Units,REF_AREA,Value\n2019,PT,KZNEW,0.1\n")
    write_data(root, "16-1-1", HOMICIDES + "2017,PER_100000_POP,,,KZNEW,4.0\n")

    def fail_on_poverty(objects, *args, **kwargs):
        if any(observation.year == 2019 for observation in objects):
            raise DatabaseError("disk full")
        return original(objects, *args, **kwargs)

    original = Observation.objects.bulk_create
    monkeypatch.setattr(Observation.objects, "bulk_create", fail_on_poverty)

    summary = run(root)

    assert [str(problem) for problem in summary.skipped] == [
        "data/indicator_1-1-1.csv: could not be saved (disk full)"
    ]
    assert not NationalIndicator.objects.filter(code="1.1.1").exists()
    assert not IndicatorOrganisation.objects.filter(indicator__code="1.1.1").exists()
    assert not Organisation.objects.filter(name__startswith="Ministry of Labour").exists()
    # The next indicator does not trip over the rows the failed one rolled back.
    homicides = NationalIndicator.objects.get(code="16.1.1")
    assert homicides.observations.filter(region__code="KZNEW").count() == 1
    assert summary.created["observations"] == 9
    assert summary.created["indicators"] == 2


def test_values_beyond_what_sqlite_keeps_do_not_change_on_a_rerun(root):
    write_data(root, "1-1-1", "Year,Units,Value\n2019,PT,12345678.12345678\n")
    run(root)

    summary = run(root)

    assert not summary.changed


def test_a_region_the_translations_lack_is_created_by_its_code(root):
    write_data(root, "1-1-1", "Year,Units,REF_AREA,Value\n2019,PT,KZNEW,0.1\n")

    run(root)

    region = Region.objects.get(code="KZNEW")
    assert (region.name, region.boundary_code) == ("", "")
    assert Observation.objects.get(indicator__code="1.1.1").region == region
