"""Read a YAML file of names and values, or say in one sentence why it cannot be read."""

import re
from pathlib import Path

import yaml

from sdgportal.text_files import UnreadableFile, read_text_file

MAX_YAML_BYTES = 10 * 1024 * 1024  # a hundred times the largest file of the published data
# libyaml recurses once per level of a flow collection ([[[…]]]) and crashes the process past
# some ten thousand; no translation or metadata file nests more than a few.
MAX_NESTING = 100
_BRACKET = re.compile(r"[\[\]{}]")

try:  # libyaml's loader is ten times faster; PyYAML's wheels include it
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - a PyYAML built without libyaml
    _Loader = yaml.SafeLoader


def read_yaml_mapping(path: Path, *, max_bytes: int = MAX_YAML_BYTES) -> dict[str, object]:
    """The file's mapping with its keys as text ({} for a file of comments only), or raise
    UnreadableFile: not a text file, not YAML, or YAML that is not a mapping."""
    text = read_text_file(path, max_bytes=max_bytes)
    if _nesting(text) > MAX_NESTING:
        raise UnreadableFile(f"YAML nested more than {MAX_NESTING} levels deep")
    try:
        content = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise UnreadableFile(f"not valid YAML ({_problem(error)})") from None
    if content is None:
        return {}
    if not isinstance(content, dict):
        kind = "a list" if isinstance(content, list) else "a single value"
        raise UnreadableFile(f"not a mapping of names to values but {kind}")
    return {str(key): value for key, value in content.items()}


def _nesting(text: str) -> int:
    """How deep brackets nest, counting those in quoted text too: an upper bound, quickly."""
    depth = deepest = 0
    for match in _BRACKET.finditer(text):
        depth = depth + 1 if match[0] in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
        if deepest > MAX_NESTING:
            break
    return deepest


def _problem(error: yaml.YAMLError) -> str:
    """The parser's complaint and where, e.g. "found unexpected end of stream at line 2"."""
    problem = " ".join(str(getattr(error, "problem", None) or error).split())
    mark = getattr(error, "problem_mark", None)
    return f"{problem} at line {mark.line + 1}, column {mark.column + 1}" if mark else problem
