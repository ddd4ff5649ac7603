import pytest
from django.urls import reverse

from tests import factories
from tests.factories import EventFactory, GrantFactory, goal

pytestmark = pytest.mark.django_db


def test_home_page_shows_the_17_goals_with_their_counts(client):
    EventFactory().goals.add(goal(16))
    GrantFactory().goals.add(goal(16))

    response = client.get(reverse("home"))

    goals = list(response.context["goals"])
    assert response.status_code == 200
    assert [g.number for g in goals] == list(range(1, 18))
    assert (goals[15].event_count, goals[15].grant_count, goals[0].event_count) == (1, 1, 0)
    assert "Peace, justice and strong institutions" in response.text
    assert "--goal-colour: #00689D" in response.text


def test_home_page_speaks_russian_under_its_prefix(client):
    goal_16 = goal(16)
    goal_16.short_title_ru = "Мир, правосудие и эффективные институты"
    goal_16.save()

    response = client.get("/ru/")

    assert response.status_code == 200
    assert '<html lang="ru">' in response.text
    assert "Мир, правосудие и эффективные институты" in response.text


def test_home_page_queries_do_not_grow_with_data(client, django_assert_max_num_queries):
    for _ in range(3):
        EventFactory().goals.add(goal(5))

    # goals with counts; four headline counts; partnerships; latest events with their
    # organisations' names and goals' numbers; the goals of the badges; recent grants
    with django_assert_max_num_queries(9):
        client.get(reverse("home"))


@pytest.mark.parametrize(
    ("language", "next_url", "url"),
    [
        ("kk", "/", "/kk/"),
        ("kk", "/ru/events/?goal=16", "/kk/events/?goal=16"),
        ("en", "/ru/events/", "/events/"),
        ("xx", "/ru/events/", "/ru/events/"),
        ("kk", "https://evil.example.org/", "/kk/"),
    ],
)
def test_language_switcher_leads_to_the_page_in_the_language_chosen(
    client, language, next_url, url
):
    response = client.get(reverse("switch-language"), {"language": language, "next": next_url})

    assert (response.status_code, response.url) == (302, url)


def test_home_page_shows_figures_latest_records_and_partnerships(client):
    ministry = factories.OrganisationFactory(name="Ministry of Justice", sector="state")
    ngo = factories.OrganisationFactory(name="Legal Aid Centre", sector="ngo")
    for title in ("Justice forum", "Legal aid week"):
        event = EventFactory(title=title)
        factories.EventOrganisationFactory(event=event, organisation=ministry)
        factories.EventOrganisationFactory(event=event, organisation=ngo, role="partner")
    GrantFactory(title="Legal aid for villages")

    response = client.get(reverse("home"))

    partnership, funding = response.context["partnerships"]
    assert response.context["figures"] == {
        "events": 2,
        "organisations": 4,
        "grants": 1,
        "indicators": 0,
    }
    assert [e.title for e in response.context["latest_events"]] == [
        "Legal aid week",
        "Justice forum",
    ]
    assert ({partnership.first.name, partnership.second.name}, len(partnership.events)) == (
        {"Ministry of Justice", "Legal Aid Centre"},
        2,
    )
    assert [grant.title for grant in funding.grants] == ["Legal aid for villages"]
    assert partnership.is_state_and_civil_society
    assert "state and civil society" in response.text
    assert "Legal aid for villages" in response.text
