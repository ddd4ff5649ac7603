"""The read-only API of the SDG framework, national indicators and their observations."""

import csv
import io

import pytest
from django.utils import translation

from indicators.models import Dimension, NationalIndicator, Observation
from sdgportal.models import Article, SourceDocument
from tests.factories import (
    ArticleFactory,
    DimensionValueFactory,
    EventFactory,
    GlobalIndicatorFactory,
    GrantFactory,
    IndicatorOrganisationFactory,
    NationalIndicatorFactory,
    ObservationFactory,
    OrganisationFactory,
    RegionFactory,
    SourceDocumentFactory,
    TargetFactory,
    goal,
)

pytestmark = pytest.mark.django_db

NATIONAL_FILE = "sdg-data-kazstat/data/indicator_1-1-1.csv"
POVERTY = "Share of the population with income below the subsistence minimum"
POVERTY_RU = "Доля населения с доходами ниже прожиточного минимума"
POVERTY_KK = "Табысы ең төменгі күнкөріс деңгейінен төмен халықтың үлесі"
OBSERVATION_COLUMNS = [
    "id",
    "indicator",
    "goal",
    "label",
    "year",
    "value",
    "unit",
    "area",
    "region",
    "disaggregation",
    "source.kind",
    "source.document",
    "source.article",
    "source.quote",
    "source.dataset",
    "source.file",
    "unit_label",
    "disaggregation_labels",
]
INDICATOR_COLUMNS = [
    "code",
    "title",
    "unit",
    "sdg_goal",
    "sdg_targets",
    "global_indicator",
    "reporting_status",
    "latest.year",
    "latest.value",
    "latest.unit",
    "latest.series",
    "responsible_organisations",
    "observations",
]


@pytest.fixture(autouse=True)
def english_after_each_test():
    """``?lang=`` activates a language for the rest of the thread; later tests start afresh."""
    with translation.override("en"):
        yield


def translate_goal(number: int, **titles: str) -> None:
    """Goals come from a migration; the framework loader saves their titles."""
    record = goal(number)
    for field, title in titles.items():
        setattr(record, field, title)
    record.save()


def national_document() -> SourceDocument:
    return SourceDocumentFactory(name=NATIONAL_FILE, kind=SourceDocument.Kind.DATASET)


def poverty_indicator(**kwargs: object) -> NationalIndicator:
    return NationalIndicatorFactory(
        **({"code": "1.1.1", "title_en": POVERTY, "unit_en": "%"} | kwargs)
    )


def national_value(indicator: NationalIndicator, **kwargs: object) -> Observation:
    """A value of the national data, as the importer stores it."""
    return ObservationFactory(
        indicator=indicator, goal=indicator.goal, document=national_document(), **kwargs
    )


def news_article(position: int = 1) -> Article:
    return ArticleFactory(
        document=SourceDocumentFactory(name="page_007.txt"),
        position=position,
        title="Twelve new schools open in Turkestan region",
    )


def news_figure(article: Article | None = None, **kwargs: object) -> Observation:
    """A statistic quoted in a news article."""
    article = article or news_article()
    values = {
        "indicator": None,
        "goal": goal(4),
        "label": "Schools built",
        "year": 2023,
        "value": "12",
        "unit": "schools",
        "area": "Turkestan region",
        "quote": "Twelve new schools opened this year.",
    }
    return ObservationFactory(article=article, document=article.document, **(values | kwargs))


def results(response) -> list:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def codes(response) -> list[str]:
    return [record["code"] for record in results(response)]


def ids(response) -> list[int]:
    return [record["id"] for record in results(response)]


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8"))))


# Goals


def test_goal_detail_shows_the_whole_goal(api_client):
    translate_goal(5, title_en="Achieve gender equality and empower all women and girls")
    TargetFactory(code="5.a")
    TargetFactory(code="5.2")
    TargetFactory(code="5.1")
    for event in (EventFactory(), EventFactory()):
        event.goals.add(5)
    GrantFactory().goals.add(5)
    for code in ("5.1.1", "5.2.1", "5.a.1"):
        NationalIndicatorFactory(code=code)

    response = api_client.get("/api/v1/goals/5/")

    assert response.status_code == 200
    assert response.json() == {
        "number": 5,
        "short_title": "Gender equality",
        "title": "Achieve gender equality and empower all women and girls",
        "colour": "#FF3A21",
        "targets": ["5.1", "5.2", "5.a"],
        "event_count": 2,
        "grant_count": 1,
        "indicator_count": 3,
    }


def test_goal_list_shows_the_seventeen_goals_in_order(api_client):
    response = api_client.get("/api/v1/goals/")

    assert [goal["number"] for goal in results(response)] == list(range(1, 18))
    assert results(response)[0] == {
        "number": 1,
        "short_title": "No poverty",
        "title": "",
        "colour": "#E5243B",
        "targets": [],
        "event_count": 0,
        "grant_count": 0,
        "indicator_count": 0,
    }


def test_goal_list_search_finds_goals_by_title(api_client):
    translate_goal(3, title_en="Ensure healthy lives")

    by_short_title = api_client.get("/api/v1/goals/", {"search": "hunger"})
    by_title = api_client.get("/api/v1/goals/", {"search": "healthy"})
    nothing = api_client.get("/api/v1/goals/", {"search": "volcano"})

    assert [goal["number"] for goal in results(by_short_title)] == [2]
    assert [goal["number"] for goal in results(by_title)] == [3]
    assert results(nothing) == []


def test_goal_list_orders_by_number_descending(api_client):
    response = api_client.get("/api/v1/goals/", {"ordering": "-number"})

    assert [goal["number"] for goal in results(response)] == list(range(17, 0, -1))


def test_goal_list_refuses_an_unknown_ordering(api_client):
    response = api_client.get("/api/v1/goals/", {"ordering": "colour"})

    assert response.status_code == 400
    assert response.json() == {
        "ordering": ["Select a valid choice. colour is not one of the available choices."]
    }


def test_goal_detail_titles_follow_the_language_and_fall_back_to_english(api_client):
    translate_goal(1, short_title_ru="Ликвидация нищеты")

    russian = api_client.get("/api/v1/goals/1/", {"lang": "ru"})
    kazakh = api_client.get("/api/v1/goals/1/", {"lang": "kk"})

    assert (russian.json()["short_title"], kazakh.json()["short_title"]) == (
        "Ликвидация нищеты",
        "No poverty",
    )


def test_goal_detail_unknown_number_is_404(api_client):
    response = api_client.get("/api/v1/goals/18/")

    assert response.status_code == 404
    assert response.json() == {"detail": "No Goal matches the given query."}


@pytest.mark.parametrize("goals_with_records", [1, 5])
def test_goal_list_queries_do_not_grow_with_related_records(
    api_client, django_assert_num_queries, goals_with_records
):
    for number in range(1, goals_with_records + 1):
        TargetFactory(code=f"{number}.1")
        TargetFactory(code=f"{number}.2")
        EventFactory().goals.add(number)
        GrantFactory().goals.add(number)
        NationalIndicatorFactory(code=f"{number}.1.1")

    # The page count, the goals with their three counts, the goals' targets.
    with django_assert_num_queries(3):
        response = api_client.get("/api/v1/goals/")

    assert [goal["number"] for goal in results(response) if goal["targets"]] == list(
        range(1, goals_with_records + 1)
    )


# Targets


def test_target_detail_shows_its_goal_title_and_global_indicators(api_client):
    TargetFactory(code="5.a", title_en="Undertake reforms to give women equal rights")
    GlobalIndicatorFactory(code="5.a.2", title_en="Laws guarantee women's equal rights")
    GlobalIndicatorFactory(code="5.a.1", title_en="Women owning agricultural land")

    response = api_client.get("/api/v1/targets/5.a/")

    assert response.status_code == 200
    assert response.json() == {
        "code": "5.a",
        "goal": 5,
        "title": "Undertake reforms to give women equal rights",
        "global_indicators": [
            {"code": "5.a.1", "title": "Women owning agricultural land"},
            {"code": "5.a.2", "title": "Laws guarantee women's equal rights"},
        ],
    }


def test_target_list_filters_by_goal(api_client):
    TargetFactory(code="5.1")
    TargetFactory(code="16.3")

    goal_five = api_client.get("/api/v1/targets/", {"goal": 5})
    goal_six = api_client.get("/api/v1/targets/", {"goal": 6})

    assert (codes(goal_five), codes(goal_six)) == (["5.1"], [])


@pytest.mark.parametrize("resource", ["targets", "indicators", "observations"])
@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("0", "Ensure this value is greater than or equal to 1."),
        ("18", "Ensure this value is less than or equal to 17."),
        ("five", "Enter a whole number."),
    ],
)
def test_list_refuses_a_goal_that_is_not_1_to_17(api_client, resource, value, error):
    response = api_client.get(f"/api/v1/{resource}/", {"goal": value})

    assert response.status_code == 400
    assert response.json() == {"goal": [error]}


def test_target_list_search_finds_targets_by_title(api_client):
    TargetFactory(code="16.3", title_en="Promote the rule of law")
    TargetFactory(code="5.1", title_en="End discrimination against women")

    found = api_client.get("/api/v1/targets/", {"search": "discrimination"})
    nothing = api_client.get("/api/v1/targets/", {"search": "volcano"})

    assert (codes(found), codes(nothing)) == (["5.1"], [])


def test_target_list_orders_by_code_in_reading_order(api_client):
    for code in ("5.a", "5.10", "5.2"):
        TargetFactory(code=code)

    ascending = api_client.get("/api/v1/targets/", {"ordering": "code"})
    descending = api_client.get("/api/v1/targets/", {"ordering": "-code"})

    assert (codes(ascending), codes(descending)) == (
        ["5.2", "5.10", "5.a"],
        ["5.a", "5.10", "5.2"],
    )


def test_target_detail_titles_follow_the_language_and_fall_back_to_english(api_client):
    TargetFactory(code="5.a", title_en="Undertake reforms", title_ru="Провести реформы")
    GlobalIndicatorFactory(code="5.a.1", title_en="Women owning land")

    response = api_client.get("/api/v1/targets/5.a/", {"lang": "ru"})

    assert response.json() == {
        "code": "5.a",
        "goal": 5,
        "title": "Провести реформы",
        "global_indicators": [{"code": "5.a.1", "title": "Women owning land"}],
    }


def test_target_detail_unknown_code_is_404(api_client):
    response = api_client.get("/api/v1/targets/5.z/")

    assert response.status_code == 404
    assert response.json() == {"detail": "No Target matches the given query."}


@pytest.mark.parametrize("targets", [1, 5])
def test_target_list_queries_do_not_grow_with_related_records(
    api_client, django_assert_num_queries, targets
):
    for number in range(1, targets + 1):
        GlobalIndicatorFactory(code=f"{number}.1.1")
        GlobalIndicatorFactory(code=f"{number}.1.2")

    # The page count, the targets, their global indicators.
    with django_assert_num_queries(3):
        response = api_client.get("/api/v1/targets/")

    assert [len(target["global_indicators"]) for target in results(response)] == [2] * targets


# National indicators


def test_indicator_detail_shows_the_whole_indicator(api_client):
    indicator = poverty_indicator(
        global_indicator=GlobalIndicatorFactory(code="1.2.1"),
        reporting_status=NationalIndicator.ReportingStatus.COMPLETE,
        metadata={"en": {"source": "Bureau of National Statistics"}},
    )
    indicator.targets.add(TargetFactory(code="1.2"), TargetFactory(code="1.1"))
    IndicatorOrganisationFactory(
        indicator=indicator,
        organisation=OrganisationFactory(slug="ministry-of-labour", name="Ministry of Labour"),
        role="implementation",
    )
    IndicatorOrganisationFactory(
        indicator=indicator,
        organisation=OrganisationFactory(slug="stat-bureau", name="Bureau of Statistics"),
        role="compilation",
    )
    national_value(indicator, year=2023, value="5.20")

    response = api_client.get("/api/v1/indicators/1.1.1/")

    assert response.status_code == 200
    assert response.json() == {
        "code": "1.1.1",
        "title": POVERTY,
        "unit": "%",
        "sdg_goal": 1,
        "sdg_targets": ["1.1", "1.2"],
        "global_indicator": "1.2.1",
        "reporting_status": "complete",
        "latest": {"year": 2023, "value": "5.2", "unit": "%", "series": None},
        "responsible_organisations": [
            {"slug": "stat-bureau", "name": "Bureau of Statistics", "role": "compilation"},
            {
                "slug": "ministry-of-labour",
                "name": "Ministry of Labour",
                "role": "implementation",
            },
        ],
        "observations": "http://testserver/api/v1/observations/?indicator=1.1.1",
        "metadata": {"source": "Bureau of National Statistics"},
    }


def test_indicator_list_shows_indicators_without_their_metadata(api_client):
    poverty_indicator(metadata={"en": {"source": "Bureau of National Statistics"}})

    response = api_client.get("/api/v1/indicators/")

    assert response.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "code": "1.1.1",
                "title": POVERTY,
                "unit": "%",
                "sdg_goal": 1,
                "sdg_targets": [],
                "global_indicator": None,
                "reporting_status": "notstarted",
                "latest": None,
                "responsible_organisations": [],
                "observations": "http://testserver/api/v1/observations/?indicator=1.1.1",
            }
        ],
    }


def test_indicator_latest_is_the_newest_national_total(api_client):
    indicator = poverty_indicator()
    national_value(indicator, year=2020, value="6.1")
    national_value(indicator, year=2022, value="5.2", disaggregation={"SERIES": "SI_POV_NAHC"})
    national_value(indicator, year=2021, value="5.8")
    national_value(indicator, year=2023, value="9.9", region=RegionFactory())
    national_value(indicator, year=2023, value="4.4", disaggregation={"SEX": "F"})
    news_figure(indicator=indicator, goal=goal(1), year=2024, value="3.0", unit="%")

    response = api_client.get("/api/v1/indicators/1.1.1/")

    assert response.json()["latest"] == {
        "year": 2022,
        "value": "5.2",
        "unit": "%",
        "series": "SI_POV_NAHC",
    }


def test_indicator_latest_is_null_without_a_national_total(api_client):
    indicator = poverty_indicator()
    national_value(indicator, year=2023, value="9.9", region=RegionFactory())
    national_value(indicator, year=2023, value="4.4", disaggregation={"SEX": "F"})
    news_figure(indicator=indicator, goal=goal(1), year=2024, value="3.0", unit="%")

    response = api_client.get("/api/v1/indicators/")

    assert results(response)[0]["latest"] is None


def test_indicator_list_filters_by_goal(api_client):
    poverty_indicator()
    NationalIndicatorFactory(code="16.3.1")

    goal_one = api_client.get("/api/v1/indicators/", {"goal": 1})
    goal_two = api_client.get("/api/v1/indicators/", {"goal": 2})

    assert (codes(goal_one), codes(goal_two)) == (["1.1.1"], [])


def test_indicator_list_filters_by_target(api_client):
    poverty_indicator().targets.add(TargetFactory(code="1.1"))
    NationalIndicatorFactory(code="1.2.1").targets.add(TargetFactory(code="1.2"))
    TargetFactory(code="1.3")

    target_one = api_client.get("/api/v1/indicators/", {"target": "1.1"})
    target_three = api_client.get("/api/v1/indicators/", {"target": "1.3"})

    assert (codes(target_one), codes(target_three)) == (["1.1.1"], [])


def test_indicator_list_refuses_an_unknown_target(api_client):
    response = api_client.get("/api/v1/indicators/", {"target": "1.9"})

    assert response.status_code == 400
    assert response.json() == {"target": ["There is no target “1.9”."]}


def test_indicator_list_filters_by_reporting_status(api_client):
    poverty_indicator(reporting_status=NationalIndicator.ReportingStatus.COMPLETE)
    NationalIndicatorFactory(code="1.2.1")

    complete = api_client.get("/api/v1/indicators/", {"reporting_status": "complete"})
    in_progress = api_client.get("/api/v1/indicators/", {"reporting_status": "inprogress"})

    assert (codes(complete), codes(in_progress)) == (["1.1.1"], [])


def test_indicator_list_refuses_an_unknown_reporting_status(api_client):
    response = api_client.get("/api/v1/indicators/", {"reporting_status": "finished"})

    assert response.status_code == 400
    assert response.json() == {
        "reporting_status": ["Select a valid choice. finished is not one of the available choices."]
    }


def test_indicator_list_filters_by_responsible_organisation(api_client):
    bureau = OrganisationFactory(slug="stat-bureau")
    IndicatorOrganisationFactory(indicator=poverty_indicator(), organisation=bureau)
    NationalIndicatorFactory(code="1.2.1")
    OrganisationFactory(slug="ministry-of-labour")

    bureau_indicators = api_client.get("/api/v1/indicators/", {"organisation": "stat-bureau"})
    ministry_indicators = api_client.get(
        "/api/v1/indicators/", {"organisation": "ministry-of-labour"}
    )

    assert (codes(bureau_indicators), codes(ministry_indicators)) == (["1.1.1"], [])


def test_indicator_list_organisation_filter_lists_an_indicator_once(api_client):
    indicator = poverty_indicator()
    bureau = OrganisationFactory(slug="stat-bureau")
    IndicatorOrganisationFactory(indicator=indicator, organisation=bureau, role="compilation")
    IndicatorOrganisationFactory(indicator=indicator, organisation=bureau, role="implementation")

    response = api_client.get("/api/v1/indicators/", {"organisation": "stat-bureau"})

    assert (response.json()["count"], codes(response)) == (1, ["1.1.1"])


@pytest.mark.parametrize("words", ["population", "subsistence minimum", "1.1.1", "cent"])
def test_indicator_list_search_finds_indicators_by_code_title_or_unit(api_client, words):
    poverty_indicator(unit_en="per cent")
    NationalIndicatorFactory(code="16.3.1")

    response = api_client.get("/api/v1/indicators/", {"search": "cent" if words == "%" else words})

    assert codes(response) == ["1.1.1"]


def test_indicator_list_search_without_a_match_is_empty(api_client):
    poverty_indicator()

    response = api_client.get("/api/v1/indicators/", {"search": "volcano"})

    assert codes(response) == []


def test_indicator_list_search_matches_the_titles_shown_in_the_language(api_client):
    poverty_indicator(title_ru="Бедность")
    NationalIndicatorFactory(code="2.1.1", title_en="Undernourishment")

    russian_title = api_client.get("/api/v1/indicators/", {"lang": "ru", "search": "Бедность"})
    english_fallback = api_client.get(
        "/api/v1/indicators/", {"lang": "ru", "search": "Undernourishment"}
    )

    assert (codes(russian_title), codes(english_fallback)) == (["1.1.1"], ["2.1.1"])


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("code", ["1.2.1", "1.10.1", "2.1.1"]),
        ("-code", ["2.1.1", "1.10.1", "1.2.1"]),
        ("title", ["1.10.1", "2.1.1", "1.2.1"]),
        ("reporting_status", ["2.1.1", "1.2.1", "1.10.1"]),
        ("-reporting_status", ["1.10.1", "1.2.1", "2.1.1"]),
    ],
)
def test_indicator_list_orders_by_code_title_or_status(api_client, ordering, expected):
    NationalIndicatorFactory(code="2.1.1", title_en="Beta", reporting_status="complete")
    NationalIndicatorFactory(code="1.10.1", title_en="Alpha", reporting_status="notstarted")
    NationalIndicatorFactory(code="1.2.1", title_en="Gamma", reporting_status="inprogress")

    response = api_client.get("/api/v1/indicators/", {"ordering": ordering})

    assert codes(response) == expected


def test_indicator_detail_title_unit_and_metadata_follow_lang(api_client):
    poverty_indicator(
        title_ru=POVERTY_RU,
        unit_ru="процент",
        metadata={"en": {"source": "Statistics"}, "ru": {"source": "Статистика"}},
    )

    response = api_client.get("/api/v1/indicators/1.1.1/", {"lang": "ru"})

    assert {key: response.json()[key] for key in ("title", "unit", "metadata")} == {
        "title": POVERTY_RU,
        "unit": "процент",
        "metadata": {"source": "Статистика"},
    }


def test_indicator_detail_falls_back_to_english_without_a_translation(api_client):
    poverty_indicator(title_ru=POVERTY_RU, metadata={"en": {"source": "Statistics"}})

    response = api_client.get("/api/v1/indicators/1.1.1/", {"lang": "kk"})

    assert {key: response.json()[key] for key in ("title", "unit", "metadata")} == {
        "title": POVERTY,
        "unit": "%",
        "metadata": {"source": "Statistics"},
    }


def test_indicator_list_refuses_an_unknown_language(api_client):
    response = api_client.get("/api/v1/indicators/", {"lang": "de"})

    assert response.status_code == 400
    assert response.json() == {"lang": ["Choose one of: en, ru, kk."]}


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/goals/1/", "short_title"),
        ("/api/v1/targets/1.1/", "title"),
        ("/api/v1/indicators/1.1.1/", "title"),
    ],
)
def test_titles_follow_the_accept_language_header(api_client, url, field):
    translate_goal(1, short_title_kk=POVERTY_KK)
    TargetFactory(code="1.1", title_kk=POVERTY_KK)
    poverty_indicator(title_kk=POVERTY_KK)

    response = api_client.get(url, HTTP_ACCEPT_LANGUAGE="kk")

    assert response.json()[field] == POVERTY_KK


def test_indicator_lang_parameter_wins_over_accept_language(api_client):
    poverty_indicator(title_ru=POVERTY_RU, title_kk=POVERTY_KK)

    response = api_client.get("/api/v1/indicators/", {"lang": "ru"}, HTTP_ACCEPT_LANGUAGE="kk")

    assert results(response)[0]["title"] == POVERTY_RU


def test_indicator_accept_language_without_a_translation_falls_back_to_english(api_client):
    poverty_indicator(title_ru=POVERTY_RU)

    response = api_client.get("/api/v1/indicators/", HTTP_ACCEPT_LANGUAGE="kk")

    assert results(response)[0]["title"] == POVERTY


def test_indicator_list_as_csv_is_one_flat_row_per_indicator(api_client):
    indicator = poverty_indicator(global_indicator=GlobalIndicatorFactory(code="1.2.1"))
    indicator.targets.add(TargetFactory(code="1.1"), TargetFactory(code="1.2"))
    IndicatorOrganisationFactory(
        indicator=indicator,
        organisation=OrganisationFactory(slug="stat-bureau", name="Bureau of Statistics"),
    )
    national_value(indicator, year=2022, value="5.20", disaggregation={"SERIES": "SI_POV_NAHC"})
    NationalIndicatorFactory(code="16.3.1", title_en="=Victims reporting", unit_en="")

    response = api_client.get("/api/v1/indicators/", {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_rows(response) == [
        INDICATOR_COLUMNS,
        [
            "1.1.1",
            POVERTY,
            "%",
            "1",
            "1.1 | 1.2",
            "1.2.1",
            "notstarted",
            "2022",
            "5.2",
            "%",
            "SI_POV_NAHC",
            "Bureau of Statistics (role: compilation)",
            "http://testserver/api/v1/observations/?indicator=1.1.1",
        ],
        [
            "16.3.1",
            "'=Victims reporting",
            "",
            "16",
            "",
            "",
            "notstarted",
            "",
            "",
            "",
            "",
            "",
            "http://testserver/api/v1/observations/?indicator=16.3.1",
        ],
    ]


def test_indicator_csv_export_streams_every_matching_indicator_in_the_language(api_client):
    poverty_indicator(title_ru=POVERTY_RU)
    NationalIndicatorFactory(code="1.2.1", title_en="Multidimensional poverty")
    NationalIndicatorFactory(code="16.3.1")

    response = api_client.get(
        "/api/v1/indicators/",
        {"format": "csv", "all": "true", "goal": 1, "lang": "ru"},
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="indicators.csv"'
    assert [row[:2] for row in csv_rows(response)] == [
        ["code", "title"],
        ["1.1.1", POVERTY_RU],
        ["1.2.1", "Multidimensional poverty"],
    ]


def test_indicator_full_export_needs_csv(api_client):
    response = api_client.get("/api/v1/indicators/", {"all": "true"})

    assert response.status_code == 400
    assert response.json() == {
        "all": ["A full export is CSV: add format=csv, or page through JSON."]
    }


def test_indicator_list_error_as_csv_names_the_parameter(api_client):
    response = api_client.get("/api/v1/indicators/", {"format": "csv", "target": "1.9"})

    assert response.status_code == 400
    assert csv_rows(response) == [
        ["field", "error"],
        ["target", "There is no target “1.9”."],
    ]


def test_indicator_detail_unknown_code_is_404(api_client):
    response = api_client.get("/api/v1/indicators/1.1.9/")

    assert response.status_code == 404
    assert response.json() == {"detail": "No NationalIndicator matches the given query."}


@pytest.mark.parametrize("indicators", [1, 5])
def test_indicator_list_queries_do_not_grow_with_related_records(
    api_client, django_assert_num_queries, indicators
):
    for number in range(1, indicators + 1):
        code = f"{number}.1.1"
        indicator = NationalIndicatorFactory(
            code=code, global_indicator=GlobalIndicatorFactory(code=code)
        )
        indicator.targets.add(TargetFactory(code=f"{number}.1"), TargetFactory(code=f"{number}.2"))
        IndicatorOrganisationFactory(indicator=indicator)
        IndicatorOrganisationFactory(indicator=indicator, role="implementation")
        national_value(indicator, year=2021)
        national_value(indicator, year=2022, region=RegionFactory())

    # The page count; the indicators with their global indicator and latest value (subqueries);
    # their targets; their responsible organisations.
    with django_assert_num_queries(4):
        response = api_client.get("/api/v1/indicators/")

    assert [
        (len(record["sdg_targets"]), len(record["responsible_organisations"]), record["latest"])
        for record in results(response)
    ] == [(2, 2, {"year": 2021, "value": "12.5", "unit": "%", "series": None})] * indicators


# Observations


def test_observation_detail_shows_a_whole_national_value(api_client):
    indicator = poverty_indicator()
    observation = national_value(
        indicator,
        year=2022,
        value="12.50",
        region=RegionFactory(code="KZAKM", name_en="Akmola"),
        disaggregation={"SEX": "F"},
    )
    DimensionValueFactory()  # SEX F: Female

    response = api_client.get(f"/api/v1/observations/{observation.pk}/")

    assert response.status_code == 200
    assert response.json() == {
        "id": observation.pk,
        "indicator": "1.1.1",
        "goal": 1,
        "label": "",
        "year": 2022,
        "value": "12.5",
        "unit": "%",
        "area": "Akmola",
        "region": "KZAKM",
        "disaggregation": {"SEX": "F"},
        "source": {
            "kind": "national",
            "document": NATIONAL_FILE,
            "article": None,
            "quote": "",
            "dataset": "sdg-data-kazstat",
            "file": "data/indicator_1-1-1.csv",
        },
        "unit_label": None,
        "disaggregation_labels": {"SEX": "Female"},
    }


def test_observation_detail_shows_a_whole_news_figure(api_client):
    observation = news_figure(value="120.00000000")

    response = api_client.get(f"/api/v1/observations/{observation.pk}/")

    assert response.status_code == 200
    assert response.json() == {
        "id": observation.pk,
        "indicator": None,
        "goal": 4,
        "label": "Schools built",
        "year": 2023,
        "value": "120",
        "unit": "schools",
        "area": "Turkestan region",
        "region": None,
        "disaggregation": {},
        "source": {
            "kind": "news",
            "document": "page_007.txt",
            "article": "Twelve new schools open in Turkestan region",
            "quote": "Twelve new schools opened this year.",
            "dataset": None,
            "file": None,
        },
        "unit_label": None,
        "disaggregation_labels": {},
    }


def test_observation_labels_follow_the_language(api_client):
    unit = DimensionValueFactory(
        dimension=Dimension.objects.create(code="UNIT_MEASURE"), code="PT", label_en="percent"
    )
    unit.label_ru = "процент"
    unit.save()
    female = DimensionValueFactory()
    female.label_ru = "женщины"
    female.save()
    national_value(poverty_indicator(), unit="PT", disaggregation={"SEX": "F", "AGE": "Y15T24"})

    response = api_client.get("/api/v1/observations/", {"lang": "ru"})

    record = results(response)[0]
    assert (record["unit_label"], record["disaggregation_labels"]) == (
        "процент",
        {"SEX": "женщины", "AGE": "Y15T24"},
    )


def test_observation_area_is_the_region_name_in_the_language(api_client):
    region = RegionFactory(code="KZAKM", name_en="Akmola", name_ru="Акмолинская область")
    RegionFactory(code="KZALA", name_en="Almaty")
    indicator = poverty_indicator()
    national_value(indicator, year=2021, region=region)
    national_value(indicator, year=2022, region=RegionFactory(code="KZALA"))

    response = api_client.get("/api/v1/observations/", {"lang": "ru"})

    assert [record["area"] for record in results(response)] == ["Акмолинская область", "Almaty"]


def test_observation_list_filters_by_indicator(api_client):
    first = national_value(poverty_indicator())
    national_value(NationalIndicatorFactory(code="1.2.1"))
    NationalIndicatorFactory(code="1.3.1")

    poverty = api_client.get("/api/v1/observations/", {"indicator": "1.1.1"})
    without_values = api_client.get("/api/v1/observations/", {"indicator": "1.3.1"})

    assert (ids(poverty), ids(without_values)) == ([first.pk], [])


def test_observation_list_refuses_an_unknown_indicator(api_client):
    response = api_client.get("/api/v1/observations/", {"indicator": "1.1.9"})

    assert response.status_code == 400
    assert response.json() == {"indicator": ["There is no national indicator “1.1.9”."]}


def test_observation_list_filters_by_goal(api_client):
    national = national_value(poverty_indicator())
    news = news_figure()

    goal_one = api_client.get("/api/v1/observations/", {"goal": 1})
    goal_four = api_client.get("/api/v1/observations/", {"goal": 4})
    goal_five = api_client.get("/api/v1/observations/", {"goal": 5})

    assert (ids(goal_one), ids(goal_four), ids(goal_five)) == ([national.pk], [news.pk], [])


def test_observation_list_filters_by_year(api_client):
    indicator = poverty_indicator()
    values = {year: national_value(indicator, year=year).pk for year in (2020, 2021, 2022, 2023)}

    exact = api_client.get("/api/v1/observations/", {"year": 2021})
    absent = api_client.get("/api/v1/observations/", {"year": 2019})
    between = api_client.get("/api/v1/observations/", {"year_from": 2021, "year_to": 2022})
    since = api_client.get("/api/v1/observations/", {"year_from": 2023})
    until = api_client.get("/api/v1/observations/", {"year_to": 2020})

    assert (ids(exact), ids(absent), ids(between), ids(since), ids(until)) == (
        [values[2021]],
        [],
        [values[2021], values[2022]],
        [values[2023]],
        [values[2020]],
    )


@pytest.mark.parametrize(
    ("parameters", "errors"),
    [
        (
            {"year_from": 2023, "year_to": 2020},
            {"year_to": ["The range is reversed: year_to is less than year_from."]},
        ),
        ({"year": 1899}, {"year": ["Ensure this value is greater than or equal to 1900."]}),
        (
            {"year_from": 1899},
            {"year_from": ["Ensure this value is greater than or equal to 1900."]},
        ),
        ({"year_to": 2101}, {"year_to": ["Ensure this value is less than or equal to 2100."]}),
        ({"year": "2020s"}, {"year": ["Enter a whole number."]}),
    ],
)
def test_observation_list_refuses_an_impossible_year(api_client, parameters, errors):
    response = api_client.get("/api/v1/observations/", parameters)

    assert response.status_code == 400
    assert response.json() == errors


@pytest.mark.parametrize("area", ["KZAKM", "kzakm", "Akmola", "AKMOLA", "akmola"])
def test_observation_list_filters_by_region_code_or_name(api_client, area):
    region = RegionFactory(code="KZAKM", name_en="Akmola")
    indicator = poverty_indicator()
    in_akmola = national_value(indicator, region=region)
    national_value(indicator, region=RegionFactory(code="KZALA", name_en="Almaty"))
    national_value(indicator)

    response = api_client.get("/api/v1/observations/", {"area": area})

    assert ids(response) == [in_akmola.pk]


def test_observation_list_filters_by_the_area_an_article_names(api_client):
    figure = news_figure(area="Turkestan region")
    national_value(poverty_indicator(), region=RegionFactory(code="KZAKM", name_en="Akmola"))

    found = api_client.get("/api/v1/observations/", {"area": "turkestan REGION"})
    nothing = api_client.get("/api/v1/observations/", {"area": "Turkestan"})

    assert (ids(found), ids(nothing)) == ([figure.pk], [])


def test_observation_list_filters_by_the_area_shown_in_the_language(api_client):
    region = RegionFactory(code="KZAKM", name_en="Akmola", name_ru="Акмолинская область")
    observation = national_value(poverty_indicator(), region=region)

    response = api_client.get(
        "/api/v1/observations/", {"lang": "ru", "area": "Акмолинская область"}
    )

    assert ids(response) == [observation.pk]


def test_observation_list_filters_by_disaggregation(api_client):
    indicator = poverty_indicator()
    women = national_value(indicator, disaggregation={"SEX": "F"})
    young_women = national_value(indicator, disaggregation={"AGE": "Y15T24", "SEX": "F"})
    national_value(indicator, disaggregation={"SEX": "M"})
    national_value(indicator)

    female = api_client.get("/api/v1/observations/", {"disaggregation": "SEX:F"})
    both = api_client.get("/api/v1/observations/", {"disaggregation": ["SEX:F", "AGE:Y15T24"]})
    nobody = api_client.get("/api/v1/observations/", {"disaggregation": "SEX:X"})

    assert (ids(female), ids(both), ids(nobody)) == (
        [women.pk, young_women.pk],
        [young_women.pk],
        [],
    )


@pytest.mark.parametrize("pair", ["sex:F", "SEX", "SEX:", ":F", "SEX__contains:F"])
def test_observation_list_refuses_a_malformed_disaggregation(api_client, pair):
    response = api_client.get("/api/v1/observations/", {"disaggregation": pair})

    assert response.status_code == 400
    assert response.json() == {
        "disaggregation": [f"Select a valid choice. {pair} is not one of the available choices."]
    }


def test_observation_list_total_separates_national_totals(api_client):
    indicator = poverty_indicator()
    total = national_value(indicator, year=2021)
    series_total = national_value(indicator, year=2022, disaggregation={"SERIES": "SI_POV"})
    regional = national_value(indicator, year=2023, region=RegionFactory())
    women = national_value(indicator, year=2024, disaggregation={"SEX": "F"})
    figure = news_figure(indicator=indicator, year=2025)

    totals = api_client.get("/api/v1/observations/", {"total": "true"})
    others = api_client.get("/api/v1/observations/", {"total": "false"})

    assert (ids(totals), ids(others)) == (
        [total.pk, series_total.pk],
        [regional.pk, women.pk, figure.pk],
    )


@pytest.mark.parametrize("value", ["maybe", "1", "yes", "True"])
def test_observation_list_refuses_a_total_that_is_not_true_or_false(api_client, value):
    response = api_client.get("/api/v1/observations/", {"total": value})

    assert response.status_code == 400
    assert response.json() == {"total": ['Give "true" or "false".']}


def test_observation_list_filters_by_source(api_client):
    national = national_value(poverty_indicator())
    figure = news_figure()

    from_data = api_client.get("/api/v1/observations/", {"source": "national"})
    from_news = api_client.get("/api/v1/observations/", {"source": "news"})

    assert (ids(from_data), ids(from_news)) == ([national.pk], [figure.pk])


def test_observation_list_refuses_an_unknown_source(api_client):
    response = api_client.get("/api/v1/observations/", {"source": "survey"})

    assert response.status_code == 400
    assert response.json() == {
        "source": ["Select a valid choice. survey is not one of the available choices."]
    }


def test_observation_source_filter_agrees_with_the_source_kind(api_client):
    ObservationFactory(indicator=poverty_indicator(), document=None)

    shown = results(api_client.get("/api/v1/observations/"))[0]["source"]["kind"]
    filtered = api_client.get("/api/v1/observations/", {"source": shown})

    assert (shown, filtered.json()["count"]) == ("national", 1)


@pytest.mark.parametrize("words", ["schools", "Turkestan", "opened this year"])
def test_observation_list_search_finds_label_area_or_quote(api_client, words):
    figure = news_figure()
    national_value(poverty_indicator())

    response = api_client.get("/api/v1/observations/", {"search": words})

    assert ids(response) == [figure.pk]


def test_observation_list_search_finds_indicator_title_and_region_name(api_client):
    in_akmola = national_value(
        poverty_indicator(), region=RegionFactory(code="KZAKM", name_en="Akmola")
    )
    national_value(NationalIndicatorFactory(code="16.3.1"))
    news_figure()

    by_title = api_client.get("/api/v1/observations/", {"search": "subsistence"})
    by_region = api_client.get("/api/v1/observations/", {"search": "akmola"})
    nothing = api_client.get("/api/v1/observations/", {"search": "volcano"})

    assert (ids(by_title), ids(by_region), ids(nothing)) == ([in_akmola.pk], [in_akmola.pk], [])


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("year", ["c", "b", "a"]),
        ("-year", ["a", "b", "c"]),
        ("value", ["b", "a", "c"]),
        ("-value", ["c", "a", "b"]),
        ("indicator", ["b", "c", "a"]),
        ("-indicator", ["a", "c", "b"]),
    ],
)
def test_observation_list_orders_by_year_value_or_indicator(api_client, ordering, expected):
    observations = {
        "a": national_value(NationalIndicatorFactory(code="1.10.1"), year=2023, value="20"),
        "b": national_value(NationalIndicatorFactory(code="1.2.1"), year=2022, value="3.5"),
        "c": national_value(NationalIndicatorFactory(code="1.3.1"), year=2021, value="100"),
    }
    names = {observation.pk: name for name, observation in observations.items()}

    response = api_client.get("/api/v1/observations/", {"ordering": ordering})

    assert [names[pk] for pk in ids(response)] == expected


def test_observation_list_as_csv_is_one_flat_row_per_value(api_client):
    indicator = poverty_indicator()
    regional = national_value(
        indicator,
        year=2021,
        value="-1.50",
        region=RegionFactory(code="KZAKM", name_en="Akmola"),
        disaggregation={"AGE": "Y15T24", "SEX": "F"},
    )
    figure = news_figure(indicator=indicator, goal=goal(1), year=2023)

    response = api_client.get("/api/v1/observations/", {"format": "csv"})

    assert response.status_code == 200
    assert csv_rows(response) == [
        OBSERVATION_COLUMNS,
        [
            str(regional.pk),
            "1.1.1",
            "1",
            "",
            "2021",
            "-1.5",
            "%",
            "Akmola",
            "KZAKM",
            "AGE=Y15T24; SEX=F",
            "national",
            NATIONAL_FILE,
            "",
            "",
            "sdg-data-kazstat",
            "data/indicator_1-1-1.csv",
            "",
            "AGE=Y15T24; SEX=F",
        ],
        [
            str(figure.pk),
            "1.1.1",
            "1",
            "Schools built",
            "2023",
            "12",
            "schools",
            "Turkestan region",
            "",
            "",
            "news",
            "page_007.txt",
            "Twelve new schools open in Turkestan region",
            "Twelve new schools opened this year.",
            "",
            "",
            "",
            "",
        ],
    ]


def test_observation_csv_export_streams_every_matching_value(api_client):
    indicator = poverty_indicator()
    values = [national_value(indicator, year=year) for year in (2020, 2021, 2022)]
    national_value(NationalIndicatorFactory(code="1.2.1"))

    response = api_client.get(
        "/api/v1/observations/",
        {"format": "csv", "all": "true", "indicator": "1.1.1"},
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="observations.csv"'
    assert csv_rows(response) == [
        OBSERVATION_COLUMNS,
        *(
            [
                str(value.pk),
                "1.1.1",
                "1",
                "",
                str(value.year),
                "12.5",
                "%",
                "",
                "",
                "",
                "national",
                NATIONAL_FILE,
                "",
                "",
                "sdg-data-kazstat",
                "data/indicator_1-1-1.csv",
                "",
                "",
            ]
            for value in values
        ),
    ]


@pytest.mark.parametrize("url", ["/api/v1/observations/999999/", "/api/v1/observations/one/"])
def test_observation_detail_unknown_id_is_404(api_client, url):
    response = api_client.get(url)

    assert response.status_code == 404


@pytest.mark.parametrize("observations", [1, 5])
def test_observation_list_queries_do_not_grow_with_related_records(
    api_client, django_assert_num_queries, observations
):
    indicator = poverty_indicator()
    for year in range(2020, 2020 + observations):
        news_figure(
            news_article(position=year),
            indicator=indicator,
            year=year,
            region=RegionFactory(code=f"KZ{year}", name_en=f"Region {year}"),
        )

    # The page count; the values with their indicator, region, document and article; the
    # labels of the breakdown values.
    with django_assert_num_queries(3):
        response = api_client.get("/api/v1/observations/")

    assert [(record["indicator"], record["source"]["article"]) for record in results(response)] == [
        ("1.1.1", "Twelve new schools open in Turkestan region")
    ] * observations


# Every resource here is read-only.

READ_ONLY_LISTS = [
    "/api/v1/goals/",
    "/api/v1/targets/",
    "/api/v1/indicators/",
    "/api/v1/observations/",
]


@pytest.mark.parametrize("url", READ_ONLY_LISTS)
def test_staff_cannot_create_framework_records(staff_api_client, url):
    response = staff_api_client.post(url, {"code": "1.1"}, format="json")

    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "POST" not allowed.'}


@pytest.mark.parametrize("url", READ_ONLY_LISTS)
def test_anonymous_clients_cannot_create_framework_records(api_client, url):
    response = api_client.post(url, {"code": "1.1"}, format="json")

    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_staff_cannot_delete_an_indicator(staff_api_client):
    poverty_indicator()

    response = staff_api_client.delete("/api/v1/indicators/1.1.1/")

    assert (response.status_code, NationalIndicator.objects.count()) == (405, 1)
