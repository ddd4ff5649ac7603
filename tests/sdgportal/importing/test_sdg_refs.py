import pytest

from sdgportal.importing.records import SdgRef
from sdgportal.importing.sdg_refs import find_sdg_refs, goals_and_targets


def refs(text, *named):
    """SdgRefs for (fragment, goal, target) triples, each span where its fragment first occurs."""
    found = []
    for fragment, goal, target in named:
        offset = text.index(fragment)
        found.append(SdgRef(goal=goal, target=target, span=(offset, offset + len(fragment))))
    return found


@pytest.mark.parametrize(
    ("text", "named"),
    [
        # English goals
        ("the most urgent tasks of SDG 16 (PEACE, JUSTICE)", [("SDG 16", 16, "")]),
        ("awareness-raising work on SDG-16.", [("SDG-16", 16, "")]),
        ("#SDG5 and gender", [("SDG5", 5, "")]),
        ("under SDG #4 on education", [("SDG #4", 4, "")]),
        ("progress on SDG goal 13", [("SDG goal 13", 13, "")]),
        ("Goal 5 is about gender equality", [("Goal 5", 5, "")]),
        ("Global Goal 13 on climate", [("Global Goal 13", 13, "")]),
        (
            "advancing Sustainable Development Goal 5 (SDG5) on gender",
            [("Sustainable Development Goal 5", 5, "")],
        ),
        ("sustainable development goal 7: energy", [("sustainable development goal 7", 7, "")]),
        # English targets
        ("SDG 16.3 - promoting the rule of law", [("SDG 16.3", 16, "16.3")]),
        ("see SDG16.3.", [("SDG16.3", 16, "16.3")]),
        ("SDG 5.a on economic resources", [("SDG 5.a", 5, "5.a")]),
        ("national target 16.3 is on track", [("target 16.3", 16, "16.3")]),
        ("SDG target 5.5 on leadership", [("SDG target 5.5", 5, "5.5")]),
        ("Target 17.19 on statistics", [("Target 17.19", 17, "17.19")]),
        ("SDG indicator 16.3.1 is measured", [("SDG indicator 16.3.1", 16, "16.3")]),
        ("SDG 16.3.1 is measured", [("SDG 16.3.1", 16, "16.3")]),
        # Russian
        ("вклад в ЦУР 16 и развитие", [("ЦУР 16", 16, "")]),
        ("проект по ЦУР-5", [("ЦУР-5", 5, "")]),
        ("Цель 5 — гендерное равенство", [("Цель 5", 5, "")]),
        ("Цели устойчивого развития 16 и", [("Цели устойчивого развития 16", 16, "")]),
        ("в рамках цели устойчивого развития № 6", [("цели устойчивого развития № 6", 6, "")]),
        ("ЦУР 16.3 о верховенстве права", [("ЦУР 16.3", 16, "16.3")]),
        ("задача 16.2 о защите детей", [("задача 16.2", 16, "16.2")]),
        # Kazakh
        ("ТДМ 16 бойынша жұмыс", [("ТДМ 16", 16, "")]),
        ("16-мақсатқа қол жеткізу", [("16-мақсат", 16, "")]),
        ("4-ші мақсат білім туралы", [("4-ші мақсат", 4, "")]),
        ("5.a-міндет бойынша", [("5.a-міндет", 5, "5.a")]),
    ],
)
def test_find_sdg_refs_reads_each_form(text, named):
    assert find_sdg_refs(text) == refs(text, *named)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("SDGs 5 and 16", [("SDGs 5", 5, ""), ("16", 16, "")]),
        ("SDG 5, 10 and 16", [("SDG 5", 5, ""), ("10", 10, ""), ("16", 16, "")]),
        ("SDG 5, 10, and 16", [("SDG 5", 5, ""), ("10", 10, ""), ("16", 16, "")]),
        ("Goals 3 and 4 are linked", [("Goals 3", 3, ""), ("4", 4, "")]),
        ("SDG 8/9", [("SDG 8", 8, ""), ("9", 9, "")]),
        ("ЦУР 5 и 16", [("ЦУР 5", 5, ""), ("16", 16, "")]),
        ("ТДМ 3 және 4", [("ТДМ 3", 3, ""), ("4", 4, "")]),
        ("SDG targets 16.3 and 16.10", [("SDG targets 16.3", 16, "16.3"), ("16.10", 16, "16.10")]),
        ("targets 5.2, 5.3 and 5", [("targets 5.2", 5, "5.2"), ("5.3", 5, "5.3")]),
        ("SDG 16, 5 million people", [("SDG 16", 16, "")]),
    ],
)
def test_find_sdg_refs_reads_lists(text, named):
    assert find_sdg_refs(text) == refs(text, *named)


def test_find_sdg_refs_keeps_every_mention_in_order():
    text = "Work on SDG 16 and SDG 5.5 led to Goal 16 again (see SDG 5)."

    assert find_sdg_refs(text) == [
        SdgRef(goal=16, span=(8, 14)),
        SdgRef(goal=5, target="5.5", span=(19, 26)),
        SdgRef(goal=16, span=(34, 41)),
        SdgRef(goal=5, span=(53, 58)),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "the 2030 Agenda and its 17 SDGs",
        "Rooted in the 17 Goals, there are entry points",
        "ahead of the SDG Summit in September",
        "the 2023 SDG Summit: https://www.un.org/en/conferences/SDGSummit2023",
        "According to the SDG Index, Kazakhstan ranks 66th",
        "the Sustainable Development Goals (SDGs) in Kazakhstan",
        "Goal 18 does not exist, nor does SDG 0",
        "SDG 16.99 and SDG 5.z are no targets",
        "SDGs 2030 vision",
        "our goal 5 years from now",
        "the target 2.5 million people",
        "a target 5 for the region",
        "all SDGs 1-17",
        "Тұрақты дамудың 17 мақсаты",
        "Қазақстан 17 ТДМ",
    ],
)
def test_find_sdg_refs_ignores_what_names_no_goal(text):
    assert find_sdg_refs(text) == []


@pytest.mark.parametrize(
    ("text", "goals", "targets"),
    [
        ("", (), ()),
        ("SDG 16 and SDG-16", (16,), ()),
        (
            "SDG 16.10, SDG 16.2, SDG 16.a, Goal 5, SDG 5.5 and SDG 3",
            (3, 5, 16),
            ("5.5", "16.2", "16.10", "16.a"),
        ),
        ("target 16.3 only", (16,), ("16.3",)),
        ("ЦУР 5, ТДМ 4 и SDG 17.19", (4, 5, 17), ("17.19",)),
    ],
)
def test_goals_and_targets_sorts_distinct_goals_and_targets(text, goals, targets):
    assert goals_and_targets(text) == (goals, targets)
