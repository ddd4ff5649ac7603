"""Find the Sustainable Development Goals and targets a text names, in English, Russian, Kazakh.

A number counts only after a goal keyword ("SDG 16", "Goals 3 and 4", "ЦУР 5", "ТДМ 16") or,
in Kazakh, before one ("16-мақсат"); "the 17 SDGs" and "SDG Summit" name no goal. Targets are
checked against the official framework: "SDG 16.3" and "SDG 5.a" exist, "SDG 16.99" does not.
"""

import re

from sdgportal.importing.records import SdgRef

# Goal number: (numbered targets, lettered targets), as adopted in the 2030 Agenda.
_TARGETS = {
    1: (5, "ab"),
    2: (5, "abc"),
    3: (9, "abcd"),
    4: (7, "abc"),
    5: (6, "abc"),
    6: (6, "ab"),
    7: (3, "ab"),
    8: (10, "ab"),
    9: (5, "abc"),
    10: (7, "abc"),
    11: (7, "abc"),
    12: (8, "abc"),
    13: (3, "ab"),
    14: (7, "abc"),
    15: (9, "abc"),
    16: (10, "ab"),
    17: (19, ""),
}

# A goal, or a goal and target, optionally with an indicator number that is read past: 16.3.1.
_REF = (
    r"(?<![\d.])(?P<goal>\d{1,2})(?:\.(?P<target>\d{1,2}|[a-z])(?:\.\d{1,2})?)?(?!\w|\.\d|-\d)"
    r"(?!\s*(?:%|percent|per\s+cent|million|billion|thousand|млн|млрд|тыс|процент))"
)
_SEPARATOR = r"(?:\s*[,;/&]\s*(?:(?:and|or|и|или|және)\s+)?|\s+(?:and|or|и|или|және)\s+)"
_LIST = rf"{_REF}(?:{_SEPARATOR}{_REF.replace('?P<goal>', '').replace('?P<target>', '')})*"
_KEYWORD = (
    r"(?-i:SDGs?)(?:\s+(?:goals?|targets?|indicators?)(?=[\s\d]))?"
    r"|(?:sustainable\s+development\s+|global\s+)goals?|(?-i:Goals?|GOALS?)"
    r"|(?-i:ЦУР|ТДМ)(?:\s+(?:цел[ьи]|задач[аи]))?"
    r"|цел(?:ь|и|ей|ям|ями|ях)\s+устойчивого\s+развития|(?-i:Цел(?:ь|и|ей|ям|ями|ях))"
    r"|targets?|задач(?:а|и|е|у|ей|ам|ами|ах)"
)
_TARGET_KEYWORD = re.compile(r"(?:targets?|indicators?|задач\w*)\Z", re.IGNORECASE)
# Two patterns, not one alternation: each opens with a cheap test the engine can skip ahead by.
_MENTION = re.compile(
    rf"(?=[SGTЦТЗ])(?<!\w)(?P<keyword>{_KEYWORD})\s*(?:#|№|No\.?)?\s*[-‑–]?\s*(?P<list>{_LIST})",
    re.IGNORECASE,
)
# Kazakh puts the number first: "16-мақсат" (goal 16), "16.3-міндет" (target 16.3).
_KK_MENTION = re.compile(
    r"(?P<goal>\d(?<![\d.]\d)\d?)(?:\.(?P<target>\d{1,2}|[a-z]))?\s*-\s*"
    r"(?:ші|шы|інші|ыншы)?\s*(?P<noun>мақсат|міндет)",
    re.IGNORECASE,
)
_ITEM = re.compile(_REF, re.IGNORECASE)
_OPEN_BRACKET = re.compile(r"\s*[(\[]\s*")


def find_sdg_refs(text: str) -> list[SdgRef]:
    """Every goal or target named, in reading order; "Goal 5 (SDG5)" counts once."""
    refs: list[SdgRef] = []
    previous_end, previous_refs = -1, ()  # the mention before, for "Goal 5 (SDG5)"
    matches = sorted([*_MENTION.finditer(text), *_KK_MENTION.finditer(text)], key=re.Match.start)
    for match in matches:
        found = tuple(_refs_of(match))
        if not found or match.start() < previous_end:
            continue
        named = {(ref.goal, ref.target) for ref in found}
        restated = {(ref.goal, ref.target) for ref in previous_refs}
        if named == restated and _OPEN_BRACKET.fullmatch(text, previous_end, match.start()):
            continue
        refs.extend(found)
        previous_end, previous_refs = match.end(), found
    return refs


def goals_and_targets(text: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """Distinct goals (with those of named targets) and distinct targets, both sorted."""
    refs = find_sdg_refs(text)
    goals = sorted({ref.goal for ref in refs})
    targets = sorted({ref.target for ref in refs if ref.target}, key=_target_order)
    return tuple(goals), tuple(targets)


def _refs_of(match: re.Match[str]) -> list[SdgRef]:
    """The valid goals and targets of one mention, each with its own span (the first one's
    starting at the keyword); after "target" only targets count."""
    if match.re is _KK_MENTION:
        is_target = match["noun"].lower() == "міндет"
        if is_target != bool(match["target"]):
            return []
        ref = _ref(match["goal"], match["target"], match.span())
        return [ref] if ref else []
    targets_only = bool(_TARGET_KEYWORD.search(match["keyword"]))
    refs = []
    for index, item in enumerate(_ITEM.finditer(match.string, *match.span("list"))):
        if targets_only and not item["target"]:
            continue
        span = (match.start() if index == 0 else item.start(), item.end())
        ref = _ref(item["goal"], item["target"], span)
        if ref:
            refs.append(ref)
    return refs


def _ref(goal_digits: str, target_part: str | None, span: tuple[int, int]) -> SdgRef | None:
    goal = int(goal_digits)
    if goal not in _TARGETS:
        return None
    if target_part is None:
        return SdgRef(goal=goal, span=span)
    numbered, lettered = _TARGETS[goal]
    part = target_part.lower()
    if not (part in lettered if part.isalpha() else 1 <= int(part) <= numbered):
        return None
    return SdgRef(goal=goal, target=f"{goal}.{int(part) if part.isdigit() else part}", span=span)


def _target_order(target: str) -> tuple[int, int, str]:
    goal, part = target.split(".")
    return (int(goal), int(part), "") if part.isdigit() else (int(goal), 100, part)
