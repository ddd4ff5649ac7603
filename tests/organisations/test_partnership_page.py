from datetime import date

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def evidence():
    ministry = factories.OrganisationFactory(
        name="Ministry of Justice", slug="ministry-of-justice", sector="state"
    )
    ngo = factories.OrganisationFactory(name="Legal Aid Centre", slug="legal-aid", sector="ngo")
    undp = factories.OrganisationFactory(name="UNDP", slug="undp", sector="international")
    forum = factories.EventFactory(
        title="Justice forum", slug="justice-forum", start_date=date(2023, 5, 1)
    )
    forum.goals.add(factories.goal(16))
    for organisation in (ministry, ngo):
        factories.EventOrganisationFactory(event=forum, organisation=organisation)
    factories.GrantFactory(
        title="Women's shelters", slug="womens-shelters", funder=undp, recipient=ngo, year=2021
    ).goals.add(factories.goal(5))
    return ministry, ngo, undp


def _pairs(response):
    return [(p.first.name, p.second.name) for p in response.context["partnership_list"]]


def test_partnerships_page_lists_pairs_with_their_evidence_and_a_network(client, evidence):
    response = client.get("/partnerships/")

    assert response.status_code == 200
    assert _pairs(response) == [
        ("Legal Aid Centre", "Ministry of Justice"),
        ("Legal Aid Centre", "UNDP"),
    ]
    html = response.text
    for text in (
        "<title>Partnerships — SDG Partnership Portal</title>",
        '<a href="/events/justice-forum/">Justice forum</a> (2023)',
        '<a href="/grants/womens-shelters/">Women&#x27;s shelters</a> (2021)',
        '<span class="tag">state and civil society</span>',
        "NGO / civil society + State body · 2023",
        'href="/partnerships/"',  # in the site navigation
        "2 partnerships",
    ):
        assert text in html
    assert html.count('<circle cx="') == 3
    assert html.count("<line ") == 2
    assert 'data-organisation="legal-aid"' in html
    assert '<link rel="canonical"' in html


@pytest.mark.parametrize(
    ("query", "pairs"),
    [
        ({"goal": "16"}, [("Legal Aid Centre", "Ministry of Justice")]),
        ({"goal": "5"}, [("Legal Aid Centre", "UNDP")]),
        ({"year": "2021"}, [("Legal Aid Centre", "UNDP")]),
        ({"organisation": "ministry-of-justice"}, [("Legal Aid Centre", "Ministry of Justice")]),
        ({"kind": "international-ngo"}, [("Legal Aid Centre", "UNDP")]),
        ({"kind": "international-state"}, []),
        (
            {"ordering": "newest"},
            [("Legal Aid Centre", "Ministry of Justice"), ("Legal Aid Centre", "UNDP")],
        ),
        ({"goal": "", "year": "", "kind": ""}, None),  # empty fields filter nothing
    ],
)
def test_partnerships_page_filters_from_the_url(client, evidence, query, pairs):
    response = client.get("/partnerships/", query)

    assert response.status_code == 200
    expected = pairs if pairs is not None else _pairs(client.get("/partnerships/"))
    assert _pairs(response) == expected
    for value in query.values():
        if value:
            assert f'value="{value}" selected' in response.text


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"goal": "18"}, "goal"),
        ({"year": "last"}, "year"),
        ({"organisation": "nobody"}, "organisation"),
        ({"kind": "friends"}, "kind"),
        ({"ordering": "loudest"}, "ordering"),
    ],
)
def test_partnerships_page_refuses_a_bad_filter_and_says_why(client, evidence, query, field):
    response = client.get("/partnerships/", query)

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert 'class="form-errors" role="alert"' in response.text
    assert response.context["partnership_list"] == []


def test_partnerships_page_says_so_when_nothing_matches(client):
    response = client.get("/partnerships/")

    assert response.status_code == 200
    assert "No partnerships match these filters." in response.text
    assert "<svg" not in response.text


def test_partnerships_page_paginates(client):
    hub = factories.OrganisationFactory(name="Hub")
    for _ in range(31):
        event = factories.EventOrganisationFactory().event
        factories.EventOrganisationFactory(event=event, organisation=hub)

    first = client.get("/partnerships/")
    second = client.get("/partnerships/", {"page": "2"})

    assert len(first.context["partnership_list"]) == 30
    assert len(second.context["partnership_list"]) == 1
    assert client.get("/partnerships/", {"page": "9"}).status_code == 404


def test_partnerships_page_speaks_russian(client, evidence):
    response = client.get("/ru/partnerships/")

    assert '<html lang="ru">' in response.text
    assert "<h1>Партнёрства</h1>" in response.text


def test_partnerships_page_queries_do_not_grow_with_the_pairs(
    client, evidence, django_assert_num_queries
):
    for _ in range(10):
        event = factories.EventFactory()
        event.goals.add(factories.goal(3))
        for _ in range(3):
            factories.EventOrganisationFactory(event=event)

    # form: goals, event years, grant years, organisations' records counted five ways and the
    # most active named; partnerships: ranked and counted, their organisations, events,
    # grants, goals' links, goals; the network's organisations
    with django_assert_num_queries(16):
        response = client.get("/partnerships/")
    assert response.context["paginator"].count == 32


def test_partnerships_network_draws_the_strongest_whatever_the_list_order(client):
    ministry = factories.OrganisationFactory(name="Ministry", slug="ministry")
    ngo = factories.OrganisationFactory(name="Old friend", slug="old-friend")
    for year in range(2010, 2015):
        event = factories.EventFactory(start_date=date(year, 1, 1))
        for organisation in (ministry, ngo):
            factories.EventOrganisationFactory(event=event, organisation=organisation)
    for _ in range(60):  # newer, weaker pairs
        event = factories.EventFactory(start_date=date(2024, 1, 1))
        factories.EventOrganisationFactory(event=event)
        factories.EventOrganisationFactory(event=event)

    response = client.get("/partnerships/", {"ordering": "newest"})

    assert 'data-organisation="old-friend"' in response.text
    assert response.context["network"].left_out == 1
    assert "Old friend: 1 partner</title>" in response.text
