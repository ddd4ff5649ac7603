"""The partnerships page and the home page take the same queries however many pairs there are,
and show a few of each pair's events and grants, counting the rest."""

from datetime import date

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def _joint_events(count, *organisations, year=2023):
    for number in range(count):
        event = factories.EventFactory(
            title=f"Forum {year}-{number}", start_date=date(year, 1, number + 1)
        )
        event.goals.add(factories.goal(number % 17 + 1))
        for organisation in organisations:
            factories.EventOrganisationFactory(event=event, organisation=organisation)
        speaking = factories.OrganisationFactory(sector="media")
        factories.EventSpeakerFactory(event=event, organisation=speaking)


def _grants(count, funder, recipient):
    for number in range(count):
        factories.GrantFactory(funder=funder, recipient=recipient, year=2020 + number)


@pytest.mark.parametrize("size", [1, 12])
@pytest.mark.parametrize(
    "query", [{}, {"kind": "state-ngo"}, {"organisation": "ministry"}, {"ordering": "newest"}]
)
def test_partnerships_page_queries_do_not_grow_with_the_data(
    client, size, query, django_assert_max_num_queries
):
    ministry = factories.OrganisationFactory(slug="ministry", sector="state")
    ngo = factories.OrganisationFactory(sector="ngo")
    _joint_events(size, ministry, ngo)
    _grants(size, ministry, ngo)

    # form: goals, event years, grant years, the organisation chosen, organisations' records
    # counted five ways and the most active named; the pairs ranked and counted, their
    # organisations, events, grants, goals' links, goals; the network's organisations
    with django_assert_max_num_queries(17):
        response = client.get("/partnerships/", query)

    assert response.status_code == 200
    assert response.context["paginator"].count >= 1


@pytest.mark.parametrize("size", [1, 12])
def test_home_page_partnerships_take_the_same_queries_whatever_the_data(
    client, size, django_assert_max_num_queries
):
    ministry = factories.OrganisationFactory(sector="state")
    _joint_events(size, ministry, factories.OrganisationFactory(sector="ngo"))
    _grants(size, ministry, factories.OrganisationFactory())

    # goals with counts; four headline counts; latest events with organisers, speakers, goals,
    # targets, citations; recent grants; partnerships: ranked and counted, their
    # organisations, events, grants, goals' links, goals
    with django_assert_max_num_queries(18):
        response = client.get(reverse("home"))

    assert len(response.context["partnerships"]) == (4 if size == 1 else 5)


def test_partnerships_page_shows_the_newest_evidence_and_counts_the_rest(client):
    ministry = factories.OrganisationFactory(name="Ministry", sector="state")
    ngo = factories.OrganisationFactory(name="Legal aid", sector="ngo")
    _joint_events(7, ministry, ngo)
    _grants(2, ministry, ngo)

    response = client.get("/partnerships/", {"kind": "state-ngo"})

    [partnership] = response.context["partnership_list"]
    assert (len(partnership.events), partnership.event_count) == (5, 7)
    html = response.text
    assert "Forum 2023-6</a> (2023)" in html
    assert "Forum 2023-1</a>" not in html
    assert "… (7 joint events)" in html
    assert "(2 grants)" not in html  # both shown
    assert "Legal aid + Ministry" not in html  # names are links
    assert "NGO / civil society + State body · 2020–2023" in html
