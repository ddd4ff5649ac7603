from decimal import Decimal

import pytest

from tests import factories

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


def test_organisation_and_person_pages_are_404_for_unknown_slugs(client):
    statuses = [client.get(url).status_code for url in ("/organisations/x/", "/people/x/")]

    assert statuses == [404, 404]


def test_detail_page_queries_do_not_grow_with_relations(client, django_assert_num_queries):
    organisation = factories.OrganisationFactory(slug="undp")
    person = factories.PersonFactory(slug="aigerim")
    for _ in range(3):
        shared = factories.EventOrganisationFactory(organisation=organisation).event
        factories.EventOrganisationFactory(event=shared)
        factories.GrantFactory(funder=organisation)
        factories.PositionFactory(organisation=organisation, person=person)
        factories.EventSpeakerFactory(person=person)

    # organisation, its events, its people; partners by events, by grants given and received,
    # the partners themselves; grants given, grants received
    with django_assert_num_queries(9):
        client.get("/organisations/undp/")
    with django_assert_num_queries(3):  # person, positions, events spoken at
        client.get("/people/aigerim/")


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

    # count, grants with funder and recipient, their goals, the totals; the goals, funders,
    # recipients and years of the filter form
    with django_assert_num_queries(8):
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

    # count, people, positions, events spoken at; the organisations of the filter form
    with django_assert_num_queries(5):
        client.get("/people/")


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
