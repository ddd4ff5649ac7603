from decimal import Decimal

import pytest
from django.utils import translation

from organisations.models import Sector
from sdgportal.templatetags.portal import goal_badges, number
from tests.factories import OrganisationFactory, goal


@pytest.mark.parametrize(
    ("value", "english", "russian"),
    [
        (Decimal("12.00000000"), "12", "12"),
        (Decimal("9.75000000"), "9.75", "9,75"),
        (6.5, "6.5", "6,5"),
        (100.0, "100", "100"),
        (Decimal("12345.5"), "12,345.5", "12\xa0345,5"),
        (0.0012, "0.0012", "0,0012"),
        (None, "", ""),
    ],
)
def test_number_drops_trailing_zeros_and_follows_the_language(value, english, russian):
    with translation.override("en"):
        assert number(value) == english
    with translation.override("ru"):
        assert number(value) == russian


@pytest.mark.django_db
def test_goal_badges_show_goals_or_their_numbers_alike_titled_in_the_language():
    five, sixteen = goal(5), goal(16)

    with translation.override("en"):
        from_goals = goal_badges([five, sixteen])
        from_numbers = goal_badges([5, 16])

    assert (
        from_goals
        == from_numbers
        == (
            '<ul class="goal-badges" aria-label="SDG goals">'
            f'<li class="goal-badge" style="--goal-colour: {five.colour}; '
            f'--goal-text: {five.text_colour}" title="{five.short_title}">5</li>'
            f'<li class="goal-badge" style="--goal-colour: {sixteen.colour}; '
            f'--goal-text: {sixteen.text_colour}" title="{sixteen.short_title}">16</li></ul>'
        )
    )
    assert goal_badges([]) == ""


@pytest.mark.django_db
def test_choice_labels_are_the_fields_display_in_the_active_language():
    ngo = OrganisationFactory(sector=Sector.NGO)
    unknown = OrganisationFactory(sector="")

    with translation.override("ru"):
        assert ngo.sector_label == ngo.get_sector_display() != Sector.NGO.value
        assert unknown.sector_label == unknown.get_sector_display() == ""
