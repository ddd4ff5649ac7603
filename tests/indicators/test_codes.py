import pytest

from indicators import codes


def test_sort_key_orders_codes_as_people_read_them():
    shuffled = ["16.a", "16.10", "1.2", "16.3.1", "16.2", "1.a", "16.10.2", "16.3", "10.5.1.1"]

    ordered = sorted(shuffled, key=codes.sort_key)

    assert ordered == [
        "1.2",
        "1.a",
        "10.5.1.1",
        "16.2",
        "16.3",
        "16.3.1",
        "16.10",
        "16.10.2",
        "16.a",
    ]


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("16.3", True),
        ("5.a", True),
        ("17.19", True),
        ("18.1", False),
        ("0.1", False),
        ("16", False),
        ("16.3.1", False),
        ("5.A", False),
    ],
)
def test_target_code_pattern(code, valid):
    assert bool(codes.TARGET_CODE.match(code)) is valid


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("16.3.1", True),
        ("10.5.1.1", True),
        ("5.a.1", True),
        ("16.3", False),
        ("18.1.1", False),
        ("16.3.x", False),
    ],
)
def test_indicator_code_pattern(code, valid):
    assert bool(codes.INDICATOR_CODE.match(code)) is valid


def test_goal_and_target_of_an_indicator():
    assert (codes.goal_of("10.5.1.1"), codes.target_of("10.5.1.1")) == (10, "10.5")


def test_from_dashed_turns_open_sdg_keys_into_codes():
    assert codes.from_dashed("16-a-1") == "16.a.1"
