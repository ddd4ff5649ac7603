"""Read the global SDG framework from a directory in the Open SDG translations format.

``translations/<lang>/global_goals.yml`` holds ``1-title`` and ``1-short``;
``global_targets.yml`` holds ``1-1-title``; ``global_indicators.yml`` holds ``1-1-1-title``.
Pure: reads files, returns dataclasses, touches no database. A file that cannot be read raises
:class:`FrameworkError`; an entry that cannot be placed is listed in ``problems`` and left out.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from indicators import codes
from indicators.yaml_files import read_yaml_mapping
from sdgportal.text_files import UnreadableFile

FILES = {
    "goals": "global_goals.yml",
    "targets": "global_targets.yml",
    "indicators": "global_indicators.yml",
}
GOAL_KEY = re.compile(r"^(?P<code>\d+)-(?P<kind>title|short)$")
TARGET_KEY = re.compile(r"^(?P<code>\d+-[0-9a-z]+)-title$")
INDICATOR_KEY = re.compile(r"^(?P<code>\d+-[0-9a-z]+(?:-[0-9a-z]+)+)-title$")
# The longest goal titles the Goal table keeps (short_title, title); other titles have no limit.
GOAL_TITLE_LIMITS = {"short": 100, "title": 300}


class FrameworkError(Exception):
    """The directory cannot be read as SDG translations; the message says which file and why."""


@dataclass
class GoalTitles:
    number: int
    short_titles: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)


@dataclass
class CodedTitles:
    code: str
    titles: dict[str, str] = field(default_factory=dict)


@dataclass
class SdgFramework:
    languages: list[str]
    goals: dict[int, GoalTitles] = field(default_factory=dict)
    targets: dict[str, CodedTitles] = field(default_factory=dict)
    indicators: dict[str, CodedTitles] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def translations_root(directory: Path) -> Path:
    """Accept the repository folder or its ``translations/`` folder."""
    nested = directory / "translations"
    return nested if nested.is_dir() else directory


def read_sdg_framework(directory: Path, languages: Iterable[str]) -> SdgFramework:
    """Read goals, targets and indicators with their titles in each language found."""
    root = translations_root(directory)
    if not root.is_dir():
        raise FrameworkError(f"{directory} is not a directory")
    present = [lang for lang in languages if (root / lang).is_dir()]
    if not present:
        raise FrameworkError(f"{root} has none of the language folders {', '.join(languages)}")
    framework = SdgFramework(languages=present)
    for lang in present:
        _read_goals(framework, lang, _read_yaml(root / lang / FILES["goals"]))
        _read_coded(
            framework.targets,
            framework,
            lang,
            _read_yaml(root / lang / FILES["targets"]),
            TARGET_KEY,
            codes.TARGET_CODE,
        )
        _read_coded(
            framework.indicators,
            framework,
            lang,
            _read_yaml(root / lang / FILES["indicators"]),
            INDICATOR_KEY,
            codes.INDICATOR_CODE,
        )
    for code in framework.indicators:
        if codes.target_of(code) not in framework.targets:
            framework.problems.append(f"indicator {code}: its target is not in the targets file")
    return framework


def _read_yaml(path: Path) -> dict[str, object]:
    try:
        return read_yaml_mapping(path)
    except UnreadableFile as error:
        raise FrameworkError(f"{path}: {error.reason}") from None


def _clean(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _read_goals(framework: SdgFramework, lang: str, entries: dict[str, object]) -> None:
    for key, value in entries.items():
        match = GOAL_KEY.match(key)
        number = int(match["code"]) if match else 0
        where = f"{lang}/{FILES['goals']}: ignored key {key!r}"
        if not match or number not in codes.GOAL_RANGE:
            framework.problems.append(where)
            continue
        if isinstance(value, list | dict):
            framework.problems.append(f"{where}: not a text")
            continue
        text, limit = _clean(value), GOAL_TITLE_LIMITS[match["kind"]]
        if len(text) > limit:
            framework.problems.append(f"{where}: longer than {limit} characters")
            continue
        goal = framework.goals.setdefault(number, GoalTitles(number))
        target = goal.short_titles if match["kind"] == "short" else goal.titles
        if text:
            target[lang] = text


def _read_coded(
    into: dict[str, CodedTitles],
    framework: SdgFramework,
    lang: str,
    entries: dict[str, object],
    key_pattern: re.Pattern[str],
    code_pattern: re.Pattern[str],
) -> None:
    for key, value in entries.items():
        match = key_pattern.match(key)
        code = codes.from_dashed(match["code"]) if match else ""
        if not match or not code_pattern.match(code):
            framework.problems.append(f"{lang}: ignored key {key!r}")
            continue
        if isinstance(value, list | dict):
            framework.problems.append(f"{lang}: ignored key {key!r}: not a text")
            continue
        record = into.setdefault(code, CodedTitles(code))
        if text := _clean(value):
            record.titles[lang] = text
