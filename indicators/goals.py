"""The 17 Sustainable Development Goals as the portal knows them without any data directory.

Short names and the official colours of the UN SDG communication guidelines.
"""

from typing import NamedTuple


class BuiltInGoal(NamedTuple):
    number: int
    short_title: str
    colour: str


BUILT_IN_GOALS: tuple[BuiltInGoal, ...] = (
    BuiltInGoal(1, "No poverty", "#E5243B"),
    BuiltInGoal(2, "Zero hunger", "#DDA63A"),
    BuiltInGoal(3, "Good health and well-being", "#4C9F38"),
    BuiltInGoal(4, "Quality education", "#C5192D"),
    BuiltInGoal(5, "Gender equality", "#FF3A21"),
    BuiltInGoal(6, "Clean water and sanitation", "#26BDE2"),
    BuiltInGoal(7, "Affordable and clean energy", "#FCC30B"),
    BuiltInGoal(8, "Decent work and economic growth", "#A21942"),
    BuiltInGoal(9, "Industry, innovation and infrastructure", "#FD6925"),
    BuiltInGoal(10, "Reduced inequalities", "#DD1367"),
    BuiltInGoal(11, "Sustainable cities and communities", "#FD9D24"),
    BuiltInGoal(12, "Responsible consumption and production", "#BF8B2E"),
    BuiltInGoal(13, "Climate action", "#3F7E44"),
    BuiltInGoal(14, "Life below water", "#0A97D9"),
    BuiltInGoal(15, "Life on land", "#56C02B"),
    BuiltInGoal(16, "Peace, justice and strong institutions", "#00689D"),
    BuiltInGoal(17, "Partnerships for the goals", "#19486A"),
)
