import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

MAIN_PAGES = [
    "/",
    "/events/",
    "/events/civic-forum/",
    "/organisations/",
    "/people/",
    "/grants/",
    "/partnerships/",
    "/grants/legal-aid/",
    "/people/aigerim/",
    "/organisations/civic-alliance/",
    "/goals/",
    "/goals/16/",
    "/indicators/status/",
    "/search/?q=civic",
    "/about/",
]


@pytest.fixture
def world():
    # A live server needs committed data; the flush between tests also empties the goals.
    factories.restore_built_in_goals()
    forum = factories.EventFactory(
        slug="civic-forum", title="Civic Forum on the SDGs", start_date="2023-11-28", city="Astana"
    )
    forum.goals.add(factories.goal(16))
    factories.EventOrganisationFactory(
        event=forum,
        organisation=factories.OrganisationFactory(name="Civic Alliance", slug="civic-alliance"),
    )
    factories.EventSpeakerFactory(event=forum)
    factories.CitationFactory(record=forum, quote="The Civic Forum gathered NGOs.")
    water = factories.EventFactory(slug="water-week", title="Water week", start_date="2022-03-22")
    water.goals.add(factories.goal(6))
    factories.GrantFactory(slug="legal-aid").goals.add(factories.goal(16))
    factories.PositionFactory(person__slug="aigerim")


def test_search_events_and_open_a_result(page, world):
    page.goto("/events/")
    page.get_by_label("Search", exact=True).fill("civic")
    page.get_by_role("button", name="Show events").click()

    page.get_by_role("link", name="Civic Forum on the SDGs").click()

    expect(page).to_have_url(re.compile(r"/events/civic-forum/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Civic Forum on the SDGs")
    expect(page.get_by_text("The Civic Forum gathered NGOs.")).to_be_visible()


def test_filter_events_by_goal_and_year(page, world):
    page.goto("/events/")
    page.get_by_label("Goal", exact=True).select_option("16")
    page.get_by_label("Year", exact=True).select_option("2023")
    page.get_by_role("button", name="Show events").click()

    expect(page).to_have_url(re.compile(r"goal=16.*year=2023"))
    expect(page.locator(".record-title")).to_have_text(["Civic Forum on the SDGs"])


@pytest.mark.parametrize(("language", "events"), [("ru", "Мероприятия"), ("kk", "Іс-шаралар")])
def test_switch_language(page, world, language, events):
    page.goto("/events/")
    page.get_by_label("Language", exact=True).select_option(language)
    page.get_by_role("button", name="Change").click()

    expect(page).to_have_url(re.compile(rf"/{language}/events/$"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_have_text(events)


def test_main_pages_have_no_serious_accessibility_violations(page, world):
    axe = Axe()
    serious = {}
    for path in MAIN_PAGES:
        page.goto(path)
        results = axe.run(page)
        found = [
            f"{violation['id']}: {violation['help']}"
            for violation in results.response["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        if found:
            serious[path] = found

    assert serious == {}


def test_indicator_chart_draws_and_follows_the_breakdown(page, world):
    indicator = factories.NationalIndicatorFactory(code="16.1.1", title_en="Victims of homicide")
    for year, total, women in ((2020, "5.1", "2.0"), (2021, "4.8", "1.9")):
        factories.ObservationFactory(indicator=indicator, year=year, value=total)
        factories.ObservationFactory(
            indicator=indicator, year=year, value=women, disaggregation={"SEX": "F"}
        )

    page.goto("/indicators/16.1.1/")

    expect(page.locator("#indicator-chart")).to_have_attribute("data-ready", "true")
    assert page.evaluate("Chart.getChart('indicator-chart').data.datasets[0].data.length") == 2
    page.get_by_label("Breakdown").select_option(label="F")
    assert page.evaluate("Chart.getChart('indicator-chart').data.datasets[0].data[0].y") == 2.0
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []


def test_indicator_map_draws_the_regions_and_follows_the_year(page, world):
    indicator = factories.NationalIndicatorFactory(code="3.2.1", title_en="Under-five mortality")
    akmola = factories.RegionFactory()
    almaty = factories.RegionFactory(
        code="KZALA",
        name_en="Almaty city",
        boundary={"type": "Polygon", "coordinates": [[[76, 43], [77, 43], [77, 44], [76, 43]]]},
    )
    for year, values in ((2020, ("9.5", "7.0")), (2021, ("9.0", "6.5"))):
        for region, value in zip((akmola, almaty), values, strict=True):
            factories.ObservationFactory(indicator=indicator, region=region, year=year, value=value)

    page.goto("/indicators/3.2.1/")

    regions = page.locator("[data-region-map] path")
    expect(regions).to_have_count(2)
    assert page.locator('[data-region="KZAKM"]').bounding_box()["width"] > 20
    assert page.locator('[data-region="KZAKM"]').get_attribute("fill") == "#08519c"  # highest
    expect(page.locator('[data-region="KZALA"] title')).to_have_text("Almaty city: 6.5")
    page.locator("#id_year").select_option("2020")  # applied without pressing Show
    expect(page).to_have_url(re.compile(r"year=2020"))
    expect(page.locator('[data-region="KZALA"] title')).to_have_text("Almaty city: 7")
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []


def test_partnerships_filter_and_the_network_leads_to_an_organisation(page, world):
    ministry = factories.OrganisationFactory(
        name="Ministry of Justice", slug="ministry-of-justice", sector="state"
    )
    ngo = factories.OrganisationFactory(name="Legal Aid Centre", slug="legal-aid", sector="ngo")
    forum = factories.EventFactory(title="Justice forum", start_date="2024-02-01")
    for organisation in (ministry, ngo):
        factories.EventOrganisationFactory(event=forum, organisation=organisation)

    page.goto("/partnerships/")
    expect(page.locator("[data-network] circle")).not_to_have_count(0)
    page.get_by_label("Kind").select_option(label="State and civil society")
    page.get_by_label("Year").select_option("2024")
    page.get_by_role("button", name="Show partnerships").click()

    expect(page).to_have_url(re.compile(r"kind=state-ngo.*year=2024"))
    expect(page.locator(".record-item")).to_have_count(1)
    expect(page.locator(".record-item")).to_contain_text("Justice forum")
    expect(page.locator("[data-network] circle")).to_have_count(2)
    page.locator('[data-organisation="legal-aid"]').click()
    expect(page).to_have_url(re.compile(r"/organisations/legal-aid/$"))
