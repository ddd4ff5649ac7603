import pytest

from indicators.models import Dimension
from tests import factories

pytestmark = pytest.mark.django_db


def test_goal_list_shows_the_17_goals_linking_to_their_pages(client):
    response = client.get("/goals/")

    assert response.status_code == 200
    assert [goal.number for goal in response.context["goal_list"]] == list(range(1, 18))
    assert 'href="/goals/16/"' in response.text


def test_goal_page_gathers_targets_indicators_events_grants_and_organisations(client):
    goal = factories.goal(16)
    factories.TargetFactory(code="16.3", title_en="Promote the rule of law")
    factories.NationalIndicatorFactory(code="16.3.1", title_en="Victims who reported")
    event = factories.EventFactory(title="Justice forum")
    event.goals.add(goal)
    organiser = factories.OrganisationFactory(name="Legal Aid Centre")
    factories.EventOrganisationFactory(event=event, organisation=organiser)
    factories.GrantFactory(title="Legal aid for villages").goals.add(goal)

    response = client.get("/goals/16/")

    assert response.status_code == 200
    for text in (
        "Goal 16: Peace, justice and strong institutions",
        "Promote the rule of law",
        "Victims who reported",
        "Justice forum",
        "Legal aid for villages",
        "Legal Aid Centre",
        'href="/events/?goal=16"',
    ):
        assert text in response.text


def test_goal_page_speaks_russian(client):
    goal = factories.goal(16)
    goal.short_title_ru = "Мир и правосудие"
    goal.save()

    response = client.get("/ru/goals/16/")

    assert "Мир и правосудие" in response.text


def test_goal_page_is_404_past_17(client):
    assert client.get("/goals/18/").status_code == 404


def test_goal_page_queries_do_not_grow_with_its_records(client, django_assert_num_queries):
    goal = factories.goal(5)
    for number in range(5):
        event = factories.EventFactory()
        event.goals.add(goal)
        factories.EventOrganisationFactory(event=event)
        factories.GrantFactory().goals.add(goal)
        factories.NationalIndicatorFactory(code=f"5.1.{number + 1}")

    # goal with counts, targets, indicators; events with their organisations' names and goals'
    # numbers; the goals of the badges; grants; organisations
    with django_assert_num_queries(7):
        client.get("/goals/5/")


def test_reporting_status_counts_indicators_by_goal_and_by_body(client):
    bureau = factories.OrganisationFactory(slug="stat", name="Bureau of National Statistics")
    complete = factories.NationalIndicatorFactory(code="16.1.1", reporting_status="complete")
    factories.NationalIndicatorFactory(code="16.1.2", reporting_status="notstarted")
    factories.NationalIndicatorFactory(code="5.1.1", reporting_status="complete")
    factories.IndicatorOrganisationFactory(indicator=complete, organisation=bureau)

    response = client.get("/indicators/status/")

    rows = {row["number"]: row for row in response.context["by_goal"]}
    assert (rows[16]["complete"], rows[16]["notstarted"], rows[16]["total"]) == (1, 1, 2)
    assert (rows[5]["complete"], rows[1]["total"]) == (1, 0)
    assert [
        (r["name"], r["complete"], r["total"]) for r in response.context["by_organisation"]
    ] == [("Bureau of National Statistics", 1, 1)]
    assert 'href="/organisations/stat/"' in response.text


def test_reporting_status_takes_two_queries(client, django_assert_num_queries):
    for number in range(1, 6):
        factories.IndicatorOrganisationFactory(
            indicator=factories.NationalIndicatorFactory(code=f"3.1.{number}")
        )

    with django_assert_num_queries(2):  # by goal, by responsible body
        client.get("/indicators/status/")


def test_indicator_page_shows_the_series_table_metadata_and_csv(client):
    indicator = factories.NationalIndicatorFactory(
        code="16.3.1",
        title_en="Victims who reported",
        metadata={
            "en": {
                "indicator_definition": "Share of victims who reported to the police.",
                "goal_meta_link": "https://unstats.un.org/sdgs/metadata/files/Metadata-16-03-01.pdf",
                "goal_meta_link_text": "UN SDG metadata",
            }
        },
    )
    factories.ObservationFactory(indicator=indicator, year=2021, value="10.5")
    factories.ObservationFactory(indicator=indicator, year=2022, value="12.25")
    factories.ObservationFactory(
        indicator=indicator, year=2022, value="9", disaggregation={"SEX": "F"}
    )
    factories.DimensionValueFactory()  # SEX F: Female

    response = client.get("/indicators/16.3.1/")

    assert response.status_code == 200
    assert [series["label"] for series in response.context["chart"]["series"]] == [
        "Victims who reported",
        "Female",
    ]
    assert response.context["headline"]["points"] == [[2021, 10.5], [2022, 12.25]]
    for text in (
        '<th scope="row">2022</th><td>12.25</td>',
        "<dt>Definition</dt><dd>Share of victims who reported to the police.</dd>",
        '<dt>UN metadata</dt><dd><a href="https://unstats.un.org/sdgs/metadata/files/'
        'Metadata-16-03-01.pdf">UN SDG metadata</a></dd>',
        'href="/api/v1/observations/?indicator=16.3.1&amp;format=csv&amp;all=true"',
        'id="indicator-data" type="application/json"',
    ):
        assert text in response.text


def test_indicator_page_is_404_for_an_unknown_code(client):
    assert client.get("/indicators/99.9.9/").status_code == 404


def test_indicator_page_queries_do_not_grow_with_the_values(client, django_assert_num_queries):
    indicator = factories.NationalIndicatorFactory(code="16.3.1")
    for year in range(2000, 2020):
        factories.ObservationFactory(indicator=indicator, year=year)
        factories.ObservationFactory(indicator=indicator, year=year, disaggregation={"SEX": "F"})

    # indicator with goal, global indicator and document; breakdown labels; national values;
    # regional values; responsible bodies
    with django_assert_num_queries(5):
        client.get("/indicators/16.3.1/")


def _regional_indicator():
    indicator = factories.NationalIndicatorFactory(code="3.2.1", title_en="Under-five mortality")
    akmola = factories.RegionFactory()
    aksu = factories.RegionFactory(code="KZAKSU", name_en="city Aksu", boundary=None)
    factories.DimensionValueFactory()  # SEX F: Female
    for year, region, breakdown, value in (
        (2020, akmola, {}, "10.5"),
        (2021, akmola, {}, "9.75"),
        (2021, aksu, {}, "12"),
        (2019, akmola, {"SEX": "F"}, "8"),
    ):
        factories.ObservationFactory(
            indicator=indicator, year=year, region=region, disaggregation=breakdown, value=value
        )
    return indicator


def test_indicator_page_maps_the_latest_regional_totals(client):
    _regional_indicator()

    response = client.get("/indicators/3.2.1/")

    assert response.status_code == 200
    regional = response.context["regional"]
    assert (regional.series.label, regional.year) == ("Total", 2021)
    html = response.text
    assert '<svg viewBox="' in html
    assert html.count('<path d="M') == 1  # Akmola has a boundary, Aksu has none
    assert 'data-region="KZAKM"' in html
    assert "<title>Akmola: 9.75</title>" in html
    assert (
        '<th scope="row">city Aksu <span class="tag">not on the map</span></th><td>12</td>' in html
    )
    assert "9.75 – 10.2" in html  # the lightest legend step
    assert 'value="2020"' in html  # the years of the totals only
    assert 'value="2019"' not in html


def test_indicator_page_maps_the_chosen_breakdown_and_year(client):
    _regional_indicator()

    response = client.get("/indicators/3.2.1/", {"breakdown": "SEX=F", "year": "2019"})

    assert response.status_code == 200
    assert (response.context["regional"].series.label, response.context["regional"].year) == (
        "Female",
        2019,
    )
    assert "<title>Akmola: 8</title>" in response.text
    assert '<option value="SEX=F" selected>Female</option>' in response.text


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"year": "1990"}, "year"),
        ({"year": "soon"}, "year"),
        ({"breakdown": "AGE=Y0T4"}, "breakdown"),
    ],
)
def test_indicator_page_refuses_a_map_it_cannot_draw_and_says_why(client, query, field):
    _regional_indicator()

    response = client.get("/indicators/3.2.1/", query)

    assert response.status_code == 400
    assert response.context["map_form"].errors[field]
    assert 'class="form-errors" role="alert"' in response.text
    assert response.context["regional"].drawn  # a map of what could be used stays on show


def test_indicator_map_of_a_breakdown_without_the_year_shows_its_latest(client):
    _regional_indicator()

    # The year was chosen for the totals; the women's series stops in 2019.
    response = client.get("/indicators/3.2.1/", {"breakdown": "SEX=F", "year": "2021"})

    assert response.status_code == 200
    assert (response.context["regional"].series.label, response.context["regional"].year) == (
        "Female",
        2019,
    )


def test_indicator_map_keeps_values_in_different_units_apart(client):
    indicator = factories.NationalIndicatorFactory(code="9.2.1")
    akmola = factories.RegionFactory()
    almaty = factories.RegionFactory(code="KZALA", name_en="Almaty city")
    factories.ObservationFactory(indicator=indicator, region=akmola, value="3537.8", unit="USD")
    factories.ObservationFactory(indicator=indicator, region=akmola, value="11.3", unit="PT")
    factories.ObservationFactory(indicator=indicator, region=almaty, value="4", unit="PT")

    response = client.get("/indicators/9.2.1/")

    series = response.context["map_form"].fields["breakdown"].choices
    assert series == [("UNIT_MEASURE=PT", "PT"), ("UNIT_MEASURE=USD", "USD")]
    assert [area.value for area in response.context["regional"].listed] == [11.3, 4.0]


def test_indicator_page_without_regional_values_has_no_map(client):
    indicator = factories.NationalIndicatorFactory(code="16.3.1")
    factories.ObservationFactory(indicator=indicator)

    response = client.get("/indicators/16.3.1/", {"year": "1990"})

    assert response.status_code == 200
    assert response.context["regional"] is None
    assert "<svg" not in response.text


def test_indicator_map_speaks_russian(client):
    _regional_indicator()

    response = client.get("/ru/indicators/3.2.1/")

    assert "По регионам" in response.text
    assert "нет данных" in response.text


def test_indicator_map_queries_do_not_grow_with_the_regions(client, django_assert_num_queries):
    indicator = factories.NationalIndicatorFactory(code="3.2.1")
    for number in range(20):
        region = factories.RegionFactory(code=f"KZ{number:02}")
        for year in (2020, 2021):
            factories.ObservationFactory(indicator=indicator, region=region, year=year)

    # the five of a page without regional values, and the regions to draw
    with django_assert_num_queries(6):
        client.get("/indicators/3.2.1/")


def test_goal_list_shows_how_many_records_each_goal_has(client):
    event = factories.EventFactory()
    event.goals.add(factories.goal(16))
    factories.GrantFactory().goals.add(factories.goal(16))
    factories.NationalIndicatorFactory(code="16.3.1")
    factories.NationalIndicatorFactory(code="16.3.2")

    response = client.get("/goals/")

    counts = {
        goal.number: (goal.event_count, goal.grant_count, goal.indicator_count)
        for goal in response.context["goal_list"]
    }
    assert (counts[16], counts[5]) == ((1, 1, 2), (0, 0, 0))
    assert "1 event, 1 grant, 2 indicators" in " ".join(response.text.split())


def test_goal_page_leaves_out_what_is_on_other_goals(client):
    factories.NationalIndicatorFactory(code="16.3.1", title_en="Victims who reported")
    factories.NationalIndicatorFactory(code="6.1.1", title_en="Safe drinking water")
    justice = factories.EventFactory(title="Justice forum")
    justice.goals.add(factories.goal(16))
    factories.EventOrganisationFactory(
        event=justice, organisation=factories.OrganisationFactory(name="Legal Aid Centre")
    )
    wells = factories.EventFactory(title="Village wells forum")
    wells.goals.add(factories.goal(6))
    factories.EventOrganisationFactory(
        event=wells, organisation=factories.OrganisationFactory(name="Water Users Union")
    )
    factories.GrantFactory(title="Legal aid for villages").goals.add(factories.goal(16))
    factories.GrantFactory(title="Wells for villages").goals.add(factories.goal(6))

    response = client.get("/goals/16/")

    assert (
        [event.title for event in response.context["events"]],
        [grant.title for grant in response.context["grants"]],
    ) == (["Justice forum"], ["Legal aid for villages"])
    for shown in ("Victims who reported", "Justice forum", "Legal aid for villages"):
        assert shown in response.text
    for left_out in (
        "Safe drinking water",
        "Village wells forum",
        "Wells for villages",
        "Water Users Union",
    ):
        assert left_out not in response.text


def test_goal_page_links_to_the_lists_filtered_by_the_goal(client):
    event = factories.EventFactory()
    event.goals.add(factories.goal(16))
    factories.EventOrganisationFactory(event=event)
    factories.GrantFactory().goals.add(factories.goal(16))

    response = client.get("/goals/16/")

    for link in (
        '<a href="/events/?goal=16">All 1 event on this goal</a>',
        '<a href="/grants/?goal=16">All grants on this goal</a>',
        '<a href="/organisations/?goal=16">All organisations on this goal</a>',
    ):
        assert link in response.text


def test_reporting_status_lists_only_bodies_responsible_for_indicators_most_first(client):
    bureau = factories.OrganisationFactory(slug="stat", name="Bureau of National Statistics")
    ministry = factories.OrganisationFactory(slug="minjust", name="Ministry of Justice")
    factories.OrganisationFactory(name="Legal Aid Centre")
    for code in ("16.1.1", "16.1.2"):
        factories.IndicatorOrganisationFactory(
            indicator=factories.NationalIndicatorFactory(code=code), organisation=bureau
        )
    factories.IndicatorOrganisationFactory(
        indicator=factories.NationalIndicatorFactory(code="16.3.1"), organisation=ministry
    )

    response = client.get("/indicators/status/")

    assert [(row["name"], row["total"]) for row in response.context["by_organisation"]] == [
        ("Bureau of National Statistics", 2),
        ("Ministry of Justice", 1),
    ]
    assert "Legal Aid Centre" not in response.text
    assert "No responsible bodies are recorded yet." not in response.text


def test_reporting_status_says_so_when_no_body_is_recorded(client):
    factories.NationalIndicatorFactory(code="16.1.1")

    response = client.get("/indicators/status/")

    assert '<td colspan="6">No responsible bodies are recorded yet.</td>' in response.text


def test_indicator_csv_link_downloads_that_indicators_values_only(client):
    indicator = factories.NationalIndicatorFactory(code="16.3.1")
    factories.ObservationFactory(indicator=indicator, year=2021, value="10.5")
    factories.ObservationFactory(
        indicator=indicator, year=2022, value="9", disaggregation={"SEX": "F"}
    )
    factories.ObservationFactory(
        indicator=factories.NationalIndicatorFactory(code="16.3.2"), year=2021, value="77"
    )
    page = client.get("/indicators/16.3.1/")

    response = client.get(page.context["csv_url"])

    header, *lines = b"".join(response.streaming_content).decode().splitlines()
    rows = [dict(zip(header.split(","), line.split(","), strict=True)) for line in lines]
    assert f'href="{page.context["csv_url"].replace("&", "&amp;")}"' in page.text
    assert (response.status_code, response["Content-Type"]) == (200, "text/csv; charset=utf-8")
    assert [
        (row["indicator"], row["year"], row["value"], row["disaggregation"]) for row in rows
    ] == [
        ("16.3.1", "2021", "10.5", ""),
        ("16.3.1", "2022", "9", "SEX=F"),
    ]


def test_indicator_chart_keeps_values_in_different_units_apart(client):
    indicator = factories.NationalIndicatorFactory(code="9.2.1")
    for year, percent, dollars in ((2020, "11.3", "1027"), (2021, "11.5", "1040")):
        factories.ObservationFactory(indicator=indicator, year=year, value=percent, unit="PT")
        factories.ObservationFactory(indicator=indicator, year=year, value=dollars, unit="USD")
    units = Dimension.objects.create(code="UNIT_MEASURE")
    factories.DimensionValueFactory(dimension=units, code="USD", label_en="US dollars")

    response = client.get("/indicators/9.2.1/")

    chart = response.context["chart"]["series"]
    assert [(series["label"], series["points"]) for series in chart] == [
        ("PT", [[2020, 11.3], [2021, 11.5]]),
        ("US dollars", [[2020, 1027.0], [2021, 1040.0]]),
    ]
