import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from indicators.models import Goal, NationalIndicator, Observation, Target, readable_text_colour
from tests.factories import (
    GlobalIndicatorFactory,
    NationalIndicatorFactory,
    ObservationFactory,
    TargetFactory,
    goal,
)

pytestmark = pytest.mark.django_db


def test_the_17_goals_exist_with_names_and_colours_after_migrating():
    goals = list(Goal.objects.values_list("number", "short_title", "colour"))

    assert [number for number, _title, _colour in goals] == list(range(1, 18))
    assert goals[15] == (16, "Peace, justice and strong institutions", "#00689D")
    assert all(title and colour.startswith("#") for _number, title, colour in goals)


def test_goal_number_outside_1_to_17_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.create(number=18, short_title="Eighteen", colour="#000000")


def test_goal_number_outside_1_to_17_gets_a_clear_message():
    with pytest.raises(ValidationError) as error:
        Goal(number=18, short_title="Eighteen", colour="#000000").full_clean()

    assert error.value.message_dict == {"number": ["A goal number is between 1 and 17."]}


def test_goal_colour_must_be_a_hex_colour():
    record = goal(5)
    record.colour = "red"

    with pytest.raises(ValidationError) as error:
        record.full_clean()

    assert error.value.message_dict == {"colour": ["Enter a colour as #RRGGBB."]}


def test_target_code_must_belong_to_its_goal():
    with pytest.raises(ValidationError) as error:
        Target(code="16.3", goal=goal(5), title_en="x").full_clean()

    assert error.value.message_dict == {"goal": ["Target 16.3 belongs to goal 16."]}


def test_target_code_must_look_like_a_target():
    with pytest.raises(ValidationError) as error:
        Target(code="16-3", goal=goal(16), title_en="x").full_clean()

    assert error.value.message_dict == {
        "code": ["Enter a target code such as 16.3 or 5.a (goal 1–17, dot, target)."]
    }


def test_target_codes_are_unique():
    TargetFactory(code="5.a")

    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(code="5.a", goal=goal(5))


def test_targets_sort_in_reading_order():
    for code in ["16.a", "16.10", "16.2"]:
        TargetFactory(code=code)

    assert list(Target.objects.values_list("code", flat=True)) == ["16.2", "16.10", "16.a"]


def test_global_indicator_must_belong_to_its_target():
    indicator = GlobalIndicatorFactory.build(code="16.3.1", target=TargetFactory(code="16.2"))

    with pytest.raises(ValidationError) as error:
        indicator.full_clean()

    assert error.value.message_dict == {"target": ["Indicator 16.3.1 belongs to target 16.3."]}


def test_national_indicator_accepts_national_extra_codes():
    indicator = NationalIndicatorFactory(code="10.5.1.1", goal=goal(10))

    indicator.full_clean()

    assert str(NationalIndicator.objects.get()) == "10.5.1.1 Victims who reported to the police"


def test_national_indicator_must_belong_to_its_goal():
    with pytest.raises(ValidationError) as error:
        NationalIndicatorFactory.build(code="10.5.1.1", goal=goal(16)).full_clean()

    assert error.value.message_dict == {"goal": ["Indicator 10.5.1.1 belongs to goal 10."]}


def test_titles_follow_the_active_language_with_english_fallback(settings):
    indicator = NationalIndicatorFactory(title_en="Poverty rate", title_ru="Уровень бедности")

    from django.utils import translation

    with translation.override("ru"):
        russian = NationalIndicator.objects.get(pk=indicator.pk).title
    with translation.override("kk"):
        kazakh = NationalIndicator.objects.get(pk=indicator.pk).title

    assert (russian, kazakh) == ("Уровень бедности", "Poverty rate")


def test_observation_needs_an_indicator_or_a_label():
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.create(year=2020, value=5)


def test_observation_from_the_news_needs_only_a_label():
    observation = Observation.objects.create(
        label="social projects of NGOs", goal=goal(16), year=2020, value=116, unit="projects"
    )

    assert (str(observation), observation.is_from_news) == (
        "social projects of NGOs 2020: 116 projects",
        False,
    )


def test_observation_year_is_plausible():
    with pytest.raises(ValidationError) as error:
        ObservationFactory.build(year=1800, indicator=NationalIndicatorFactory()).full_clean()

    assert error.value.message_dict["year"] == [
        "Ensure this value is greater than or equal to 1900."
    ]


def test_observation_keeps_disaggregation_as_structured_data():
    observation = ObservationFactory(disaggregation={"SEX": "F", "AGE": "15-24"}, area="KZ-ALA")

    stored = Observation.objects.get(pk=observation.pk)

    assert (stored.disaggregation, stored.area) == ({"SEX": "F", "AGE": "15-24"}, "KZ-ALA")


def contrast(background: str, text: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(background), luminance(text)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.django_db
def test_every_goal_colour_has_readable_text():
    ratios = {goal.number: contrast(goal.colour, goal.text_colour) for goal in Goal.objects.all()}

    assert {number for number, ratio in ratios.items() if ratio < 4.5} == set()


@pytest.mark.parametrize(
    ("background", "text"), [("#FCC30B", "#000000"), ("#19486A", "#FFFFFF"), ("#FFFFFF", "#000000")]
)
def test_readable_text_colour(background, text):
    assert readable_text_colour(background) == text
