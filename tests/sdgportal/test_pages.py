import pytest
from django.urls import reverse

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

    with django_assert_max_num_queries(1):  # the goals with their counts
        client.get(reverse("home"))


def test_language_switcher_sets_the_language(client):
    response = client.post(reverse("set_language"), {"language": "kk", "next": "/"})

    assert (response.status_code, response.url) == (302, "/kk/")
