"""Read a YAML file of names and values, or say in one sentence why it cannot be read."""

from pathlib import Path

import yaml
from django.utils.translation import gettext

from sdgportal.text_files import UnreadableFile, read_text_file

MAX_YAML_BYTES = 10 * 1024 * 1024  # a hundred times the largest file of the published data
# PyYAML builds nodes by recursing once per level of nesting, flow ([[[…]]]) or block (- - - …,
# or ever deeper indentation), and crashes the process past some ten thousand; no translation
# or metadata file nests more than a few.
MAX_NESTING = 100

try:  # libyaml's loader is ten times faster; PyYAML's wheels include it
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - a PyYAML built without libyaml
    _Loader = yaml.SafeLoader


def read_yaml_mapping(path: Path, *, max_bytes: int = MAX_YAML_BYTES) -> dict[str, object]:
    """The file's mapping with its keys as text ({} for a file of comments only), or raise
    UnreadableFile: not a text file, not YAML, nested too deep, or YAML that is not a mapping."""
    text = read_text_file(path, max_bytes=max_bytes)
    try:
        if _nests_deeper_than(MAX_NESTING, text):
            raise UnreadableFile(
                gettext("YAML nested more than %(limit)d levels deep") % {"limit": MAX_NESTING}
            )
        content = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise UnreadableFile(
            gettext("not valid YAML (%(problem)s)") % {"problem": _problem(error)}
        ) from None
    if content is None:
        return {}
    if isinstance(content, list):
        raise UnreadableFile(gettext("not a mapping of names to values but a list"))
    if not isinstance(content, dict):
        raise UnreadableFile(gettext("not a mapping of names to values but a single value"))
    return {str(key): value for key, value in content.items()}


def _nests_deeper_than(limit: int, text: str) -> bool:
    """Whether collections nest more than ``limit`` deep, told from the parser's events, which it
    produces with a stack of its own, and stopping at the first level past the limit."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limit:
                return True
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return False


def _problem(error: yaml.YAMLError) -> str:
    """The parser's complaint and where, e.g. "found unexpected end of stream at line 2"."""
    problem = " ".join(str(getattr(error, "problem", None) or error).split())
    mark = getattr(error, "problem_mark", None)
    return f"{problem} at line {mark.line + 1}, column {mark.column + 1}" if mark else problem
