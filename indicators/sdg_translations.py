"""Read the global SDG framework from a directory in the Open SDG translations format.

``translations/<lang>/global_goals.yml`` holds ``1-title`` and ``1-short``;
``global_targets.yml`` holds ``1-1-title``; ``global_indicators.yml`` holds ``1-1-1-title``.
Pure: reads files, returns dataclasses, touches no database.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from indicators import codes

FILES = {
    "goals": "global_goals.yml",
    "targets": "global_targets.yml",
    "indicators": "global_indicators.yml",
}
GOAL_KEY = re.compile(r"^(?P<code>\d+)-(?P<kind>title|short)$")
TARGET_KEY = re.compile(r"^(?P<code>\d+-[0-9a-z]+)-title$")
INDICATOR_KEY = re.compile(r"^(?P<code>\d+-[0-9a-z]+(?:-[0-9a-z]+)+)-title$")


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
        raise FrameworkError(f"{directory} is not a directory.")
    present = [lang for lang in languages if (root / lang).is_dir()]
    if not present:
        raise FrameworkError(f"{root} has none of the language folders {', '.join(languages)}.")
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
    if not path.is_file():
        raise FrameworkError(f"{path}: file is missing.")
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_Loader)
    except UnicodeDecodeError as error:
        raise FrameworkError(f"{path}: not UTF-8 text ({error.reason}).") from None
    except yaml.YAMLError as error:
        raise FrameworkError(f"{path}: not valid YAML ({error}).") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrameworkError(f"{path}: expected a mapping of keys to titles.")
    return {str(key): value for key, value in data.items()}


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _clean(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _read_goals(framework: SdgFramework, lang: str, entries: dict[str, object]) -> None:
    for key, value in entries.items():
        match = GOAL_KEY.match(key)
        number = int(match["code"]) if match else 0
        if not match or number not in codes.GOAL_RANGE:
            framework.problems.append(f"{lang}/{FILES['goals']}: ignored key {key!r}")
            continue
        goal = framework.goals.setdefault(number, GoalTitles(number))
        target = goal.short_titles if match["kind"] == "short" else goal.titles
        if text := _clean(value):
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
        record = into.setdefault(code, CodedTitles(code))
        if text := _clean(value):
            record.titles[lang] = text
