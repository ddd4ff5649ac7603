import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.pages import form_errors, form_state, page_links

pytestmark = pytest.mark.django_db


def test_organisation_page_shows_its_events_and_people(client):
    organisation = factories.OrganisationFactory(slug="undp", name="UNDP Kazakhstan")
    factories.EventOrganisationFactory(
        organisation=organisation, event=factories.EventFactory(title="Civic Forum")
    )
    factories.PositionFactory(
        organisation=organisation, person=factories.PersonFactory(name="Aigerim Nurlanovna")
    )

    response = client.get("/organisations/undp/")

    assert response.status_code == 200
    for text in ("UNDP Kazakhstan", "Civic Forum", "Aigerim Nurlanovna", "Organiser"):
        assert text in response.text


def test_person_page_shows_positions_and_events(client):
    person = factories.PersonFactory(slug="aigerim", name="Aigerim Nurlanovna")
    factories.PositionFactory(person=person, title="Director")
    factories.EventSpeakerFactory(person=person, event=factories.EventFactory(title="Civic Forum"))

    response = client.get("/people/aigerim/")

    assert response.status_code == 200
    for text in ("Aigerim Nurlanovna", "Director", "Civic Forum"):
        assert text in response.text


def test_organisation_person_and_grant_pages_are_404_for_unknown_slugs(client):
    urls = ("/organisations/x/", "/people/x/", "/grants/x/")

    statuses = [client.get(url).status_code for url in urls]

    assert statuses == [404, 404, 404]


@pytest.mark.parametrize("relations", [1, 3, 25])
def test_organisation_page_queries_do_not_grow_with_relations(
    client, django_assert_max_num_queries, relations
):
    organisation = factories.OrganisationFactory(slug="undp")
    for _ in range(relations):
        shared = factories.EventOrganisationFactory(organisation=organisation).event
        factories.EventOrganisationFactory(event=shared)
        factories.EventSpeakerFactory(event=shared, organisation=factories.OrganisationFactory())
        factories.GrantFactory(funder=organisation, recipient=factories.OrganisationFactory())
        factories.GrantFactory(recipient=organisation)
        factories.PositionFactory(organisation=organisation)

    # organisation; its events and, past twenty, their count; the partners, ranked and
    # counted; grants given, grants received; its people
    with django_assert_max_num_queries(7):
        response = client.get("/organisations/undp/")

    assert response.status_code == 200
    assert len(response.context["partners"]) == min(4 * relations, 20)


def organisation_names(response):
    return [organisation.name for organisation in response.context["organisation_list"]]


def test_organisation_list_filters_by_sector_country_and_goal(client):
    ministry = factories.OrganisationFactory(
        name="Ministry of Justice", sector="state", country="KZ"
    )
    factories.OrganisationFactory(name="Ministry of Culture", sector="state", country="KZ")
    factories.OrganisationFactory(name="Legal Aid Centre", sector="ngo", country="KZ")
    event = factories.EventFactory()
    event.goals.add(factories.goal(16))
    factories.EventOrganisationFactory(event=event, organisation=ministry)

    response = client.get("/organisations/", {"sector": "state", "country": "KZ", "goal": 16})

    assert response.status_code == 200
    assert organisation_names(response) == ["Ministry of Justice"]
    assert '<option value="state" selected>' in response.text


def test_organisation_list_shows_counts_and_sorts(client):
    alpha = factories.OrganisationFactory(name="Alpha Fund")
    factories.OrganisationFactory(name="Beta Union")
    factories.EventOrganisationFactory(organisation=alpha)

    response = client.get("/organisations/", {"ordering": "-name"})

    assert organisation_names(response) == ["Beta Union", "Alpha Fund"]
    assert [o.event_count for o in response.context["organisation_list"]] == [0, 1]


def test_organisation_list_explains_a_bad_filter(client):
    response = client.get("/organisations/", {"sector": "pirates"})

    assert response.status_code == 400
    assert "Select a valid choice. pirates is not one of the available choices." in response.text


def test_organisation_list_queries_do_not_grow_with_the_rows(client, django_assert_num_queries):
    for _ in range(5):
        factories.EventOrganisationFactory()

    # count, organisations with their counts; the goals and countries of the filter form
    with django_assert_num_queries(4):
        client.get("/organisations/")


def grant_titles(response):
    return [grant.title for grant in response.context["grant_list"]]


def test_grant_list_filters_and_totals_per_currency(client):
    ministry = factories.OrganisationFactory(slug="minfin", name="Ministry of Finance")
    factories.GrantFactory(title="Small", funder=ministry, amount="1000.00", currency="KZT")
    factories.GrantFactory(title="Large", funder=ministry, amount="5000.00", currency="KZT")
    factories.GrantFactory(title="Dollars", funder=ministry, amount="300.00", currency="USD")
    factories.GrantFactory(title="Other funder", amount="7.00", currency="KZT")

    response = client.get("/grants/", {"funder": "minfin", "ordering": "title"})

    assert grant_titles(response) == ["Dollars", "Large", "Small"]
    assert [
        (row["currency"], row["count"], row["total"]) for row in response.context["totals"]
    ] == [
        ("KZT", 2, Decimal("6000.00")),
        ("USD", 1, Decimal("300.00")),
    ]


def test_grant_list_compares_amounts_within_a_currency_only(client):
    factories.GrantFactory(title="Small", amount="1000.00", currency="KZT")
    factories.GrantFactory(title="Large", amount="5000.00", currency="KZT")

    within = client.get("/grants/", {"currency": "KZT", "amount_min": 2000})
    across = client.get("/grants/", {"amount_min": 2000})

    assert grant_titles(within) == ["Large"]
    assert across.status_code == 400
    assert "Amounts are compared within one currency only" in across.text


def test_grant_list_links_to_a_csv_of_the_same_filters(client):
    response = client.get("/grants/", {"currency": "USD", "page": 1})

    assert '<a href="/api/v1/grants/?currency=USD&amp;format=csv&amp;all=true" download>' in (
        response.text
    )


def test_grant_list_queries_do_not_grow_with_the_rows(client, django_assert_num_queries):
    for _ in range(5):
        factories.GrantFactory().goals.add(factories.goal(16))

    # count, grants with funder and recipient, their goals, the totals; the goals and years of
    # the filter form, and the most active funders and recipients (counted, then named)
    with django_assert_num_queries(10):
        client.get("/grants/")


def test_people_list_filters_by_organisation_and_shows_positions(client):
    undp = factories.OrganisationFactory(slug="undp", name="UNDP Kazakhstan")
    factories.PositionFactory(
        person=factories.PersonFactory(name="Aigerim Nurlanovna"),
        organisation=undp,
        title="Director",
    )
    factories.PositionFactory(person=factories.PersonFactory(name="Bolat Serikov"))

    response = client.get("/people/", {"organisation": "undp"})

    assert [person.name for person in response.context["person_list"]] == ["Aigerim Nurlanovna"]
    assert "Director, UNDP Kazakhstan" in response.text


def test_people_list_queries_do_not_grow_with_the_rows(client, django_assert_num_queries):
    for _ in range(5):
        factories.EventSpeakerFactory(person=factories.PositionFactory().person)

    # count, people with how many events each spoke at, positions; the most active
    # organisations of the filter form (positions and speakers counted, then named)
    with django_assert_num_queries(6):
        response = client.get("/people/")

    assert response.text.count("spoke at 1 event") == 5


def test_organisation_page_shows_partners_and_how(client):
    ministry = factories.OrganisationFactory(
        slug="minjust", name="Ministry of Justice", sector="state"
    )
    ngo = factories.OrganisationFactory(name="Legal Aid Centre", sector="ngo")
    donor = factories.OrganisationFactory(name="Soros Foundation", sector="international")
    for _ in range(2):
        event = factories.EventFactory()
        factories.EventOrganisationFactory(event=event, organisation=ministry)
        factories.EventOrganisationFactory(event=event, organisation=ngo, role="partner")
    factories.GrantFactory(title="Legal aid grant", funder=ministry, recipient=ngo)
    factories.GrantFactory(title="Reform support", funder=donor, recipient=ministry)

    response = client.get("/organisations/minjust/")

    partners = [
        (p.organisation.name, p.joint_events, p.grants_to, p.grants_from)
        for p in response.context["partners"]
    ]
    assert partners == [("Legal Aid Centre", 2, 1, 0), ("Soros Foundation", 0, 0, 1)]
    for text in (
        "2 joint events; 1 grant given to them",
        "1 grant received from them",
        "Legal aid grant",
        "Reform support",
        "state and civil society",
    ):
        assert text in response.text


def badge_numbers(response) -> list[str]:
    return re.findall(r'<li class="goal-badge"[^>]*>(\d+)</li>', response.text)


def full_grant():
    """A grant with every field, two goals, a target and a quoted source."""
    grant = factories.GrantFactory(
        slug="eri-2020-1",
        identifier="360G-sdgportal-eri-2020-1",
        title="Monitoring SDG 16",
        funder=factories.OrganisationFactory(slug="minfin", name="Ministry of Finance"),
        operator=factories.OrganisationFactory(
            slug="cisc", name="Civil Initiatives Support Centre"
        ),
        recipient=factories.OrganisationFactory(slug="eri", name="Economic Research Institute"),
        instrument="state_grant",
        programme="State grants for NGOs",
        purpose="Monitor access to justice.",
        amount="25000000.50",
        currency="KZT",
        award_date=date(2020, 3, 15),
        year=2020,
    )
    grant.goals.set([factories.goal(16), factories.goal(5)])
    grant.targets.set([factories.TargetFactory(code="16.3")])
    factories.CitationFactory(
        record=grant,
        article__title="Ministry awards grants",
        article__url="https://news.kz/grants",
        quote="The institute receives 25 million tenge.",
    )
    return grant


def test_grant_page_shows_each_field_with_its_organisations_linked(client):
    full_grant()

    response = client.get("/grants/eri-2020-1/")

    assert response.status_code == 200
    for html in (
        "<title>Monitoring SDG 16 — SDG Partnership Portal</title>",
        '<link rel="canonical" href="http://testserver/grants/eri-2020-1/">',
        '<li><a href="/grants/">Grants</a></li><li aria-current="page">Monitoring SDG 16</li>',
        "<h1>Monitoring SDG 16</h1>",
        '<dt>Funder</dt><dd><a href="/organisations/minfin/">Ministry of Finance</a></dd>',
        '<dt>Operator</dt><dd><a href="/organisations/cisc/">Civil Initiatives Support Centre'
        "</a></dd>",
        '<dt>Recipient</dt><dd><a href="/organisations/eri/">Economic Research Institute</a></dd>',
        "<dt>Instrument</dt><dd>State grant</dd>",
        "<dt>Programme</dt><dd>State grants for NGOs</dd>",
        '<dt>Amount</dt><dd>25,000,000.50 <abbr title="Kazakhstani tenge">KZT</abbr></dd>',
        '<dt>Award date</dt><dd><time datetime="2020-03-15">March 15, 2020</time></dd>',
        "<dt>SDG targets</dt><dd>16.3 Promote the rule of law</dd>",
        "<dt>Identifier</dt><dd><code>360G-sdgportal-eri-2020-1</code></dd>",
        "<h2>Purpose</h2>\n  <p>Monitor access to justice.</p>",
        '<li><a href="https://news.kz/grants">Ministry awards grants</a>'
        "<blockquote>The institute receives 25 million tenge.</blockquote></li>",
    ):
        assert html in response.text
    assert badge_numbers(response) == ["5", "16"]


def test_grant_page_without_award_date_gives_the_year_and_leaves_out_the_unknown(client):
    factories.GrantFactory(
        slug="unknown-1", funder=None, recipient=None, amount=None, currency="", year=2021
    )

    response = client.get("/grants/unknown-1/")

    for html in (
        "<dt>Funder</dt><dd>Not known</dd>",
        "<dt>Recipient</dt><dd>Not known</dd>",
        "<dt>Year</dt><dd>2021</dd>",
    ):
        assert html in response.text
    for left_out in ("Operator", "Amount", "Award date", "SDG goals", "Sources", "Other grants"):
        assert left_out not in response.text


def test_grant_page_lists_a_few_other_grants_of_the_funder_newest_first(client):
    funder = factories.OrganisationFactory(slug="eu", name="European Union")
    factories.GrantFactory(slug="main", funder=funder, year=2020)
    for year in (2018, 2021, None, 2019, 2017, 2016):
        factories.GrantFactory(title=f"EU grant {year}", funder=funder, year=year)
    factories.GrantFactory(title="From another funder", year=2022)

    response = client.get("/grants/main/")

    assert [grant.title for grant in response.context["other_grants"]] == [
        "EU grant 2021",
        "EU grant 2019",
        "EU grant 2018",
        "EU grant 2017",
        "EU grant 2016",
    ]
    assert "<h2>Other grants from European Union</h2>" in response.text
    assert '<a href="/grants/?funder=eu">All grants from this funder</a>' in response.text


def test_sitemap_gives_every_grant_in_three_languages(client):
    factories.GrantFactory(slug="eri-2020-1")

    response = client.get("/sitemap-grants.xml")

    assert re.findall(r"<loc>([^<]+)</loc>", response.text) == [
        "http://testserver/grants/eri-2020-1/",
        "http://testserver/ru/grants/eri-2020-1/",
        "http://testserver/kk/grants/eri-2020-1/",
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/grants/",
        "/organisations/minfin/",
        "/organisations/eri/",
        "/",
        "/goals/16/",
        "/search/?q=justice",
    ],
)
def test_pages_naming_a_grant_link_to_its_page(client, url):
    full_grant()

    response = client.get(url)

    assert response.text.count('<a href="/grants/eri-2020-1/">Monitoring SDG 16</a>') == 1


@pytest.mark.parametrize("relations", [1, 5])
def test_grant_page_queries_do_not_grow_with_relations(
    client, django_assert_max_num_queries, relations
):
    funder = factories.OrganisationFactory()
    grant = factories.GrantFactory(slug="g", funder=funder, operator=funder)
    grant.goals.set([factories.goal(number) for number in range(1, relations + 1)])
    grant.targets.set(
        [factories.TargetFactory(code=f"{number}.1") for number in range(1, relations + 1)]
    )
    for _ in range(relations):
        factories.CitationFactory(record=grant)
        factories.GrantFactory(funder=funder)

    # the grant joined to funder, operator and recipient; its goals, its targets, its sources
    # joined to document and article; the funder's other grants joined to their recipients
    with django_assert_max_num_queries(5):
        response = client.get("/grants/g/")

    shown = response.context["grant"]
    assert (
        len(badge_numbers(response)),
        len(shown.targets.all()),
        len(shown.citations.all()),
        len(response.context["other_grants"]),
    ) == (relations,) * 4


def test_person_page_shows_aliases_and_positions_with_their_dates(client):
    person = factories.PersonFactory(
        slug="aigerim", name="Aigerim Nurlanovna", aliases=["Aigerim Nurlanova", "Айгерим"]
    )
    undp = factories.OrganisationFactory(slug="undp", name="UNDP Kazakhstan")
    legal_aid = factories.OrganisationFactory(slug="legal-aid", name="Legal Aid Centre")
    factories.PositionFactory(
        person=person, organisation=legal_aid, title="Board member"
    )  # dates unknown
    factories.PositionFactory(
        person=person, organisation=undp, title="Director", start_date=date(2021, 2, 1)
    )
    factories.PositionFactory(
        person=person,
        organisation=None,
        title="Adviser",
        start_date=date(2018, 1, 10),
        end_date=date(2020, 12, 31),
    )
    factories.PositionFactory(
        person=person, organisation=None, title="Volunteer", end_date=date(2017, 5, 1)
    )

    response = client.get("/people/aigerim/")

    positions = [
        line.strip()
        for line in response.text.split("<h2>Positions</h2>")[1].split("</ul>")[0].splitlines()
        if line.strip().startswith("<li>")
    ]
    assert positions == [
        '<li>Director, <a href="/organisations/undp/">UNDP Kazakhstan</a> '
        '<span class="record-meta">(<time datetime="2021-02-01">Feb. 1, 2021</time> – current)'
        "</span></li>",
        '<li>Adviser <span class="record-meta">(<time datetime="2018-01-10">Jan. 10, 2018</time>'
        ' – <time datetime="2020-12-31">Dec. 31, 2020</time>)</span></li>',
        '<li>Board member, <a href="/organisations/legal-aid/">Legal Aid Centre</a></li>',
        '<li>Volunteer <span class="record-meta">(until May 1, 2017)</span></li>',
    ]
    assert "<dt>Also written as</dt><dd>Aigerim Nurlanova; Айгерим</dd>" in response.text
    for html in (
        "<title>Aigerim Nurlanovna — SDG Partnership Portal</title>",
        '<link rel="canonical" href="http://testserver/people/aigerim/">',
        '<li><a href="/people/">People</a></li><li aria-current="page">Aigerim Nurlanovna</li>',
    ):
        assert html in response.text


def test_person_page_shows_events_spoken_at_with_date_place_role_and_title(client):
    person = factories.PersonFactory(slug="aigerim")
    undp = factories.OrganisationFactory(slug="undp", name="UNDP Kazakhstan")
    forum = factories.EventFactory(
        slug="civic-forum",
        title="Civic Forum",
        start_date=date(2023, 6, 1),
        start_precision="month",
        city="Almaty",
    )
    webinar = factories.EventFactory(
        slug="webinar", title="SDG webinar", start_date=date(2022, 3, 4), city="", is_online=True
    )
    factories.EventSpeakerFactory(
        person=person, event=forum, role="moderator", title="Director", organisation=undp
    )
    factories.EventSpeakerFactory(person=person, event=webinar, title="")

    response = client.get("/people/aigerim/")

    for html in (
        '<h3 class="record-title"><a href="/events/civic-forum/">Civic Forum</a></h3>\n'
        '      <p class="record-meta"><time datetime="2023-06-01">June 2023</time> · Almaty</p>\n'
        '      <p>Moderator, Director, <a href="/organisations/undp/">UNDP Kazakhstan</a></p>',
        '<h3 class="record-title"><a href="/events/webinar/">SDG webinar</a></h3>\n'
        '      <p class="record-meta"><time datetime="2022-03-04">March 4, 2022</time>'
        " · Online</p>\n"
        "      <p>Speaker</p>",
    ):
        assert html in response.text
    assert response.text.index("Civic Forum") < response.text.index("SDG webinar")


def test_person_page_shows_the_goals_of_their_events_once_each_in_order(client):
    person = factories.PersonFactory(slug="aigerim")
    for numbers in ((16, 5), (5, 4)):
        event = factories.EventFactory()
        event.goals.set([factories.goal(number) for number in numbers])
        factories.EventSpeakerFactory(person=person, event=event)
    factories.EventFactory().goals.set([factories.goal(1)])

    response = client.get("/people/aigerim/")

    assert badge_numbers(response) == ["4", "5", "16"]


def test_person_page_shows_sources_with_quotes(client):
    person = factories.PersonFactory(slug="aigerim")
    factories.CitationFactory(
        record=person, article__title="Forum opens", quote="Aigerim Nurlanovna opened the forum."
    )

    response = client.get("/people/aigerim/")

    assert (
        "<li>Forum opens<blockquote>Aigerim Nurlanovna opened the forum.</blockquote></li>"
        in response.text
    )


@pytest.mark.parametrize("relations", [1, 5])
def test_person_page_queries_do_not_grow_with_relations(
    client, django_assert_max_num_queries, relations
):
    person = factories.PersonFactory(slug="aigerim")
    for number in range(1, relations + 1):
        factories.PositionFactory(person=person)
        event = factories.EventSpeakerFactory(
            person=person, organisation=factories.OrganisationFactory()
        ).event
        event.goals.set([factories.goal(number)])
        factories.CitationFactory(record=person)

    # the person; positions joined to organisations; events spoken at joined to event and
    # organisation; sources joined to document and article; the goals of those events
    with django_assert_max_num_queries(5):
        response = client.get("/people/aigerim/")

    shown = response.context["person"]
    assert (
        len(shown.positions.all()),
        len(response.context["appearances"]),
        len(shown.citations.all()),
        len(badge_numbers(response)),
    ) == (relations,) * 4


def test_person_page_shows_the_latest_events_and_links_to_all(
    client, django_assert_max_num_queries
):
    person = factories.PersonFactory(slug="aigerim")
    for day in range(1, 26):
        factories.EventSpeakerFactory(
            person=person, event=factories.EventFactory(start_date=date(2024, 1, day))
        )

    # as above, and the count of all the events
    with django_assert_max_num_queries(6):
        response = client.get("/people/aigerim/")

    shown = [appearance.event.start_date.day for appearance in response.context["appearances"]]
    assert shown == list(range(25, 5, -1))
    assert '<a href="/events/?person=aigerim">All 25 events</a>' in response.text


def test_organisation_list_filters_by_country_offering_the_countries_named(client):
    factories.OrganisationFactory(name="Legal Aid Centre", country="KZ")
    factories.OrganisationFactory(name="Tashkent Bar", country="UZ")
    factories.OrganisationFactory(name="Nowhere Fund", country="")

    response = client.get("/organisations/", {"country": "UZ"})

    assert organisation_names(response) == ["Tashkent Bar"]
    assert "Legal Aid Centre" not in response.text
    assert form_state(response) == {"country": "UZ"}
    assert response.context["countries"] == [("KZ", "Kazakhstan"), ("UZ", "Uzbekistan")]


def test_organisation_list_filters_by_goal_through_events_grants_and_indicators(client):
    organiser = factories.OrganisationFactory(name="A Organiser")
    funder = factories.OrganisationFactory(name="B Funder")
    recipient = factories.OrganisationFactory(name="C Recipient")
    statistics = factories.OrganisationFactory(name="D Statistics")
    elsewhere = factories.OrganisationFactory(name="E Water Works")
    event = factories.EventFactory()
    event.goals.add(factories.goal(16))
    factories.EventOrganisationFactory(event=event, organisation=organiser)
    factories.GrantFactory(funder=funder, recipient=recipient).goals.add(factories.goal(16))
    factories.IndicatorOrganisationFactory(
        indicator=factories.NationalIndicatorFactory(code="16.1.1"), organisation=statistics
    )
    other = factories.EventFactory()
    other.goals.add(factories.goal(6))
    factories.EventOrganisationFactory(event=other, organisation=elsewhere)

    response = client.get("/organisations/", {"goal": 16})

    assert organisation_names(response) == [
        "A Organiser",
        "B Funder",
        "C Recipient",
        "D Statistics",
    ]
    assert "E Water Works" not in response.text
    assert form_state(response) == {"goal": "16"}


def test_organisation_list_searches_names_and_acronyms(client):
    factories.OrganisationFactory(name="United Nations Development Programme", acronym="UNDP")
    factories.OrganisationFactory(name="Legal Aid Centre")

    response = client.get("/organisations/", {"search": "undp"})

    assert organisation_names(response) == ["United Nations Development Programme"]
    assert "Legal Aid Centre" not in response.text
    assert form_state(response) == {"search": "undp"}


@pytest.mark.parametrize(
    ("ordering", "names"),
    [("name", ["Alpha Fund", "Beta Union"]), ("-name", ["Beta Union", "Alpha Fund"])],
)
def test_organisation_list_sorts_by_each_offered_option(client, ordering, names):
    factories.OrganisationFactory(name="Beta Union")
    factories.OrganisationFactory(name="Alpha Fund")

    response = client.get("/organisations/", {"ordering": ordering})

    assert organisation_names(response) == names
    assert form_state(response) == {"ordering": ordering}


@pytest.mark.parametrize(
    ("query", "error"),
    [
        (
            {"country": "XX"},
            "country: Select a valid choice. XX is not one of the available choices.",
        ),
        ({"goal": "18"}, "goal: Ensure this value is less than or equal to 17."),
        ({"goal": "peace"}, "goal: Enter a whole number."),
        (
            {"ordering": "colour"},
            "ordering: Select a valid choice. colour is not one of the available choices.",
        ),
    ],
)
def test_organisation_list_refuses_each_kind_of_bad_filter_and_says_why(client, query, error):
    factories.OrganisationFactory(name="Legal Aid Centre")

    response = client.get("/organisations/", query)

    assert response.status_code == 400
    assert form_errors(response) == [error]
    assert organisation_names(response) == []


def test_organisation_list_pages_keep_the_filters(client):
    for number in range(31):
        factories.OrganisationFactory(name=f"Ministry {number:02}", sector="state")
    factories.OrganisationFactory(name="Legal Aid Centre", sector="ngo")

    first = client.get("/organisations/", {"sector": "state", "ordering": "-name"})
    second = client.get("/organisations/", {"sector": "state", "ordering": "-name", "page": 2})

    assert len(first.context["organisation_list"]) == 30
    assert page_links(first) == ["?sector=state&amp;ordering=-name&amp;page=2"]
    assert organisation_names(second) == ["Ministry 00"]
    assert page_links(second) == ["?sector=state&amp;ordering=-name&amp;page=1"]


def person_names(response):
    return [person.name for person in response.context["person_list"]]


def test_people_list_shows_the_chosen_organisation_as_selected(client):
    undp = factories.OrganisationFactory(slug="undp", name="UNDP Kazakhstan")
    factories.PositionFactory(person=factories.PersonFactory(name="Aigerim"), organisation=undp)
    factories.PositionFactory(person=factories.PersonFactory(name="Bolat"))

    response = client.get("/people/", {"organisation": "undp"})

    assert person_names(response) == ["Aigerim"]
    assert "Bolat" not in response.text
    assert form_state(response) == {"organisation": "undp"}


def test_people_list_filters_by_an_organisation_spoken_for(client):
    undp = factories.OrganisationFactory(slug="undp")
    factories.EventSpeakerFactory(person=factories.PersonFactory(name="Aigerim"), organisation=undp)
    factories.EventSpeakerFactory(person=factories.PersonFactory(name="Bolat"))

    response = client.get("/people/", {"organisation": "undp"})

    assert person_names(response) == ["Aigerim"]


def test_people_list_offers_the_organisations_people_spoke_for(client):
    undp = factories.OrganisationFactory(slug="undp")
    factories.EventSpeakerFactory(organisation=undp)

    response = client.get("/people/", {"organisation": "undp"})

    assert form_state(response) == {"organisation": "undp"}


def test_people_list_searches_names_and_position_titles(client):
    factories.PositionFactory(person=factories.PersonFactory(name="Aigerim"), title="Ombudsman")
    factories.PositionFactory(person=factories.PersonFactory(name="Bolat"), title="Director")

    by_title = client.get("/people/", {"search": "ombudsman"})
    by_name = client.get("/people/", {"search": "bolat"})

    assert (person_names(by_title), person_names(by_name)) == (["Aigerim"], ["Bolat"])
    assert "Bolat" not in by_title.text
    assert form_state(by_title) == {"search": "ombudsman"}


@pytest.mark.parametrize(
    ("ordering", "names"),
    [("name", ["Aigerim", "Bolat"]), ("-name", ["Bolat", "Aigerim"])],
)
def test_people_list_sorts_by_each_offered_option(client, ordering, names):
    factories.PersonFactory(name="Bolat")
    factories.PersonFactory(name="Aigerim")

    response = client.get("/people/", {"ordering": ordering})

    assert person_names(response) == names
    assert form_state(response) == {"ordering": ordering}


@pytest.mark.parametrize(
    ("query", "error"),
    [
        (
            {"organisation": "nobody"},
            "organisation: There is no organisation “nobody”.",
        ),
        (
            {"ordering": "age"},
            "ordering: Select a valid choice. age is not one of the available choices.",
        ),
    ],
)
def test_people_list_refuses_a_bad_filter_and_says_why(client, query, error):
    factories.PersonFactory(name="Aigerim")

    response = client.get("/people/", query)

    assert response.status_code == 400
    assert form_errors(response) == [error]
    assert person_names(response) == []


def test_people_list_pages_keep_the_filters(client):
    for number in range(31):
        factories.PersonFactory(name=f"Aigerim {number:02}")
    factories.PersonFactory(name="Bolat")

    first = client.get("/people/", {"search": "aigerim", "ordering": "-name"})
    second = client.get("/people/", {"search": "aigerim", "ordering": "-name", "page": 2})

    assert len(first.context["person_list"]) == 30
    assert page_links(first) == ["?search=aigerim&amp;ordering=-name&amp;page=2"]
    assert person_names(second) == ["Aigerim 00"]


def test_grant_list_filters_by_recipient(client):
    eri = factories.OrganisationFactory(slug="eri", name="Economic Research Institute")
    factories.GrantFactory(title="Monitoring", recipient=eri)
    factories.GrantFactory(title="Legal aid")

    response = client.get("/grants/", {"recipient": "eri"})

    assert grant_titles(response) == ["Monitoring"]
    assert "Legal aid" not in response.text
    assert form_state(response) == {"recipient": "eri"}


def test_grant_list_filters_by_funder_showing_it_selected(client):
    minfin = factories.OrganisationFactory(slug="minfin", name="Ministry of Finance")
    factories.GrantFactory(title="State grant", funder=minfin)
    factories.GrantFactory(title="Foreign grant")

    response = client.get("/grants/", {"funder": "minfin"})

    assert grant_titles(response) == ["State grant"]
    assert "Foreign grant" not in response.text
    assert form_state(response) == {"funder": "minfin"}


def test_grant_list_filters_by_year(client):
    factories.GrantFactory(title="Grant of 2021", year=2021)
    factories.GrantFactory(title="Grant of 2020", year=2020)

    response = client.get("/grants/", {"year": 2021})

    assert grant_titles(response) == ["Grant of 2021"]
    assert "Grant of 2020" not in response.text
    assert form_state(response) == {"year": "2021"}


def test_grant_list_filters_by_currency(client):
    factories.GrantFactory(title="In tenge", currency="KZT")
    factories.GrantFactory(title="In dollars", currency="USD")

    response = client.get("/grants/", {"currency": "USD"})

    assert grant_titles(response) == ["In dollars"]
    assert "In tenge" not in response.text
    assert form_state(response) == {"currency": "USD"}


def test_grant_list_filters_by_an_amount_range_within_a_currency(client):
    for title, amount in (("Small", "1000.00"), ("Middle", "3000.00"), ("Large", "5000.00")):
        factories.GrantFactory(title=title, amount=amount, currency="KZT")
    factories.GrantFactory(title="Dollars", amount="3000.00", currency="USD")

    response = client.get("/grants/", {"currency": "KZT", "amount_min": 2000, "amount_max": 4000})

    assert grant_titles(response) == ["Middle"]
    assert form_state(response) == {"currency": "KZT", "amount_min": "2000", "amount_max": "4000"}


def test_grant_list_filters_by_goal(client):
    factories.GrantFactory(title="Legal aid").goals.add(factories.goal(16))
    factories.GrantFactory(title="Village wells").goals.add(factories.goal(6))

    response = client.get("/grants/", {"goal": 16})

    assert grant_titles(response) == ["Legal aid"]
    assert "Village wells" not in response.text
    assert form_state(response) == {"goal": "16"}


def test_grant_list_searches_titles_and_organisations(client):
    eri = factories.OrganisationFactory(name="Economic Research Institute")
    factories.GrantFactory(title="Monitoring", recipient=eri)
    factories.GrantFactory(title="Legal aid")

    response = client.get("/grants/", {"search": "economic"})

    assert grant_titles(response) == ["Monitoring"]
    assert "Legal aid" not in response.text
    assert form_state(response) == {"search": "economic"}


@pytest.mark.parametrize(
    ("ordering", "titles"),
    [
        ("-year", ["Bravo 2022", "Charlie 2021", "Alpha 2020"]),
        ("year", ["Alpha 2020", "Charlie 2021", "Bravo 2022"]),
        ("title", ["Alpha 2020", "Bravo 2022", "Charlie 2021"]),
    ],
)
def test_grant_list_sorts_by_each_offered_option(client, ordering, titles):
    factories.GrantFactory(title="Charlie 2021", year=2021)
    factories.GrantFactory(title="Alpha 2020", year=2020)
    factories.GrantFactory(title="Bravo 2022", year=2022)

    response = client.get("/grants/", {"ordering": ordering})

    assert grant_titles(response) == titles
    assert form_state(response) == {"ordering": ordering}


def test_grant_list_shows_a_total_per_currency_of_the_grants_filtered(client):
    factories.GrantFactory(amount="1000.00", currency="KZT", year=2021)
    factories.GrantFactory(amount="2500.50", currency="KZT", year=2021)
    factories.GrantFactory(amount="300.00", currency="USD", year=2021)
    factories.GrantFactory(amount=None, currency="", year=2021)
    factories.GrantFactory(amount="9999.00", currency="EUR", year=2020)

    response = client.get("/grants/", {"year": 2021})

    table = re.search(r'<table class="totals">.*?</table>', response.text, re.S).group(0)
    assert re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", table) == [
        ("KZT", "2", "3,500.50"),
        ("USD", "1", "300.00"),
    ]


def test_grant_list_shows_no_totals_for_a_bad_filter(client):
    factories.GrantFactory(amount="1000.00", currency="KZT")

    response = client.get("/grants/", {"currency": "XYZ"})

    assert response.status_code == 400
    assert '<table class="totals">' not in response.text


def test_grant_list_csv_link_downloads_the_filtered_grants(client):
    minfin = factories.OrganisationFactory(slug="minfin", name="Ministry of Finance")
    factories.GrantFactory(title="Older", funder=minfin, year=2020, currency="KZT")
    factories.GrantFactory(title="Newer", funder=minfin, year=2021, currency="KZT")
    factories.GrantFactory(title="In dollars", funder=minfin, year=2021, currency="USD")
    factories.GrantFactory(title="Other funder", year=2021, currency="KZT")
    page = client.get("/grants/", {"funder": "minfin", "currency": "KZT", "ordering": "year"})
    link = re.search(r'<a href="([^"]*)" download>Download as CSV</a>', page.text).group(1)

    response = client.get(link.replace("&amp;", "&"))

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert (response.status_code, response["Content-Type"]) == (200, "text/csv; charset=utf-8")
    assert [(row["title"], row["funder.slug"], row["currency"]) for row in rows] == [
        ("Older", "minfin", "KZT"),
        ("Newer", "minfin", "KZT"),
    ]


def test_grant_list_csv_link_takes_the_empty_fields_a_submitted_form_sends(client):
    factories.GrantFactory(title="Monitoring")
    empty = dict.fromkeys(
        ("search", "funder", "recipient", "year", "goal", "currency", "amount_min", "amount_max"),
        "",
    )
    page = client.get("/grants/", {**empty, "ordering": "-year"})
    link = re.search(r'<a href="([^"]*)" download>Download as CSV</a>', page.text).group(1)

    response = client.get(link.replace("&amp;", "&"))

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert (page.status_code, response.status_code) == (200, 200)
    assert [row["title"] for row in rows] == ["Monitoring"]


def test_grant_list_csv_link_works_when_the_page_has_a_tracking_or_repeated_parameter(client):
    factories.GrantFactory(title="Monitoring")
    page = client.get("/grants/?utm_source=newsletter&currency=USD&currency=KZT")
    link = re.search(r'<a href="([^"]*)" download>Download as CSV</a>', page.text).group(1)

    response = client.get(link.replace("&amp;", "&"))

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert (page.status_code, response.status_code) == (200, 200)
    assert "utm_source" not in link
    assert [row["title"] for row in rows] == ["Monitoring"]  # in KZT, as the page showed


@pytest.mark.parametrize(
    ("query", "error"),
    [
        (
            {"funder": "nobody"},
            "funder: There is no organisation “nobody”.",
        ),
        (
            {"recipient": "nobody"},
            "recipient: There is no organisation “nobody”.",
        ),
        ({"year": "last"}, "year: Enter a whole number."),
        (
            {"currency": "XYZ"},
            "currency: Select a valid choice. XYZ is not one of the available choices.",
        ),
        ({"goal": "0"}, "goal: Ensure this value is greater than or equal to 1."),
        (
            {"currency": "KZT", "amount_min": "-1"},
            "amount_min: Ensure this value is greater than or equal to 0.",
        ),
        ({"currency": "KZT", "amount_max": "lots"}, "amount_max: Enter a number."),
        (
            {"currency": "KZT", "amount_min": "5000", "amount_max": "1000"},
            "amount_max: The range is reversed: amount_max is less than amount_min.",
        ),
        (
            {"amount_max": "1000"},
            "amount_max: Amounts are compared within one currency only: add currency "
            "(e.g. currency=KZT).",
        ),
        (
            {"ordering": "amount"},
            "ordering: Amounts are ordered within one currency only: add currency (e.g. KZT).",
        ),
        (
            {"ordering": "colour"},
            "ordering: Select a valid choice. colour is not one of the available choices.",
        ),
    ],
)
def test_grant_list_refuses_each_kind_of_bad_filter_and_says_why(client, query, error):
    factories.GrantFactory(title="Monitoring")

    response = client.get("/grants/", query)

    assert response.status_code == 400
    assert form_errors(response) == [error]
    assert grant_titles(response) == []
    assert "Monitoring" not in response.text


def test_grant_list_pages_keep_the_filters(client):
    for number in range(31):
        factories.GrantFactory(title=f"Grant {number:02}", currency="USD")
    factories.GrantFactory(title="In tenge", currency="KZT")

    first = client.get("/grants/", {"currency": "USD", "ordering": "title"})
    second = client.get("/grants/", {"currency": "USD", "ordering": "title", "page": 2})

    assert len(first.context["grant_list"]) == 30
    assert page_links(first) == ["?currency=USD&amp;ordering=title&amp;page=2"]
    assert grant_titles(second) == ["Grant 30"]
    assert (
        '<a href="/api/v1/grants/?currency=USD&amp;ordering=title&amp;format=csv&amp;all=true"'
        in (second.text)
    )


def test_organisation_page_shows_twenty_of_each_and_links_to_the_rest(client):
    hub = factories.OrganisationFactory(name="Hub", slug="hub")
    for _ in range(21):
        event = factories.EventOrganisationFactory(organisation=hub).event
        factories.EventOrganisationFactory(event=event)
        factories.GrantFactory(funder=hub)
        factories.GrantFactory(recipient=hub)
        factories.PositionFactory(organisation=hub)

    response = client.get("/organisations/hub/")

    html = response.text
    assert len(response.context["partners"]) == 20
    assert len(response.context["grants_given"]) == len(response.context["grants_received"]) == 20
    assert len(response.context["positions"]) == 20
    assert html.count('<li><a href="/events/forum-on-the-sdgs-') == 20
    for link in (
        '<a href="/events/?organisation=hub">All 21 events</a>',
        '<a href="/partnerships/?organisation=hub">All 63 partnerships with their evidence</a>',
        '<a href="/grants/?funder=hub">All grants given</a>',
        '<a href="/grants/?recipient=hub">All grants received</a>',
        'The first 20 are shown. <a href="/people/?organisation=hub">All of them in the list</a>',
    ):
        assert link in html


def test_organisation_page_with_few_records_links_to_no_rest(client):
    hub = factories.OrganisationFactory(name="Hub", slug="hub")
    factories.GrantFactory(funder=hub)

    html = client.get("/organisations/hub/").text

    assert "All grants given" not in html
    assert "/events/?organisation=hub" not in html
    assert "/people/?organisation=hub" not in html


def test_organisation_filters_offer_the_most_active_and_the_chosen_one(client, monkeypatch):
    monkeypatch.setattr("organisations.selectors.MOST_ACTIVE_CHOICES", 2)
    busy, busier, quiet = (
        factories.OrganisationFactory(slug=slug, name=name)
        for slug, name in [("busy", "Busy"), ("busier", "Busier"), ("quiet", "Quiet")]
    )
    for organisation, people in [(busy, 2), (busier, 3), (quiet, 1)]:
        for _ in range(people):
            factories.PositionFactory(organisation=organisation)

    offered = client.get("/people/").context["organisations"]
    chosen = client.get("/people/", {"organisation": "quiet"}).context["organisations"]

    assert offered == [("busier", "Busier"), ("busy", "Busy")]
    assert chosen == [("busier", "Busier"), ("busy", "Busy"), ("quiet", "Quiet")]


def test_grant_totals_are_summed_once_per_data_version_and_filter(client):
    factories.GrantFactory(amount=100, currency="KZT")
    client.get("/grants/")

    with CaptureQueriesContext(connection) as again:
        client.get("/grants/", HTTP_ACCEPT="text/html, x-other/1")  # not the stored page
    factories.GrantFactory(amount=50, currency="KZT")
    changed = client.get("/grants/", HTTP_ACCEPT="text/html, x-other/2")

    assert not [query for query in again if "SUM(" in query["sql"]]
    assert [(total["count"], total["total"]) for total in changed.context["totals"]] == [(2, 150)]
