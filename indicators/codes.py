"""SDG codes of goals, targets and indicators: ``16``, ``5.a``, ``16.3.1``, ``10.5.1.1``."""

import re

GOAL_RANGE = range(1, 18)
TARGET_CODE = re.compile(r"^(?P<goal>1[0-7]|[1-9])\.(?P<target>[1-9][0-9]?|[a-z])$")
INDICATOR_CODE = re.compile(
    r"^(?P<goal>1[0-7]|[1-9])\.(?P<target>[1-9][0-9]?|[a-z])\.[1-9][0-9]?(\.[1-9][0-9]?)*$"
)


def sort_key(code: str) -> str:
    """A string that sorts codes in reading order: 1.2 < 1.10 < 1.a, 16.3.1 < 16.10.1."""
    parts = []
    for part in code.split("."):
        parts.append(f"{int(part):03d}" if part.isdigit() else f"{part:>3}".replace(" ", "z"))
    return ".".join(parts)


def goal_of(code: str) -> int:
    """The goal number a target or indicator code belongs to."""
    return int(code.split(".", 1)[0])


def target_of(indicator_code: str) -> str:
    """The target code an indicator code belongs to: ``16.3.1`` → ``16.3``."""
    goal, target, *_ = indicator_code.split(".")
    return f"{goal}.{target}"


def from_dashed(key: str) -> str:
    """Open SDG writes codes with dashes (``16-3-1``); the portal writes them with dots."""
    return key.replace("-", ".")
