"""Template helpers of the public site (and a few of the admin's)."""

import re
from collections.abc import Iterable
from datetime import timedelta
from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from indicators.models import Goal
from sdgportal.search_keys import search_key
from sdgportal.selectors import goals_by_number

register = template.Library()


@register.filter
def highlight(text: object, query: str) -> SafeString:
    """The text, HTML-escaped, with each word of the query marked (case-insensitive).

    A word of the text that the query word matches only by its search key, spelled in
    another alphabet or transliteration (Назарбаева for Nazarbayev), is marked whole.
    """
    text, words = str(text), set(str(query).split())
    spans = [
        match.span()
        for word in words
        for match in re.finditer(re.escape(word), text, re.IGNORECASE)
    ]
    keys = {key for key in map(search_key, words) if key.count(" ") == 1}
    for token in re.finditer(r"[^\W_]+", text):
        if not any(start < token.end() and token.start() < end for start, end in spans) and any(
            search_key(token.group()).startswith(key) for key in keys
        ):
            spans.append(token.span())
    marked, position = [], 0
    for start, end in _merged(spans):
        marked += [escape(text[position:start]), "<mark>", escape(text[start:end]), "</mark>"]
        position = end
    marked.append(escape(text[position:]))
    return mark_safe("".join(marked))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@register.simple_tag
def goal_badges(goals: Iterable[Goal | int]) -> str:
    """The goals' coloured numbers, each titled with its name; given goals or their numbers."""
    shown = list(goals)
    if shown and isinstance(shown[0], int):
        by_number = goals_by_number()
        shown = [by_number[number] for number in shown]
    if not shown:
        return ""
    badges = format_html_join(
        "",
        '<li class="goal-badge" style="--goal-colour: {}; --goal-text: {}" title="{}">{}</li>',
        ((goal.colour, goal.text_colour, goal.short_title, goal.number) for goal in shown),
    )
    return format_html('<ul class="goal-badges" aria-label="{}">{}</ul>', _("SDG goals"), badges)


@register.filter
def get(mapping: dict, key: str) -> object:
    """``mapping[key]`` in a template, for keys held in variables."""
    return mapping.get(key)


@register.filter
def whole_minutes(duration: timedelta) -> int:
    """A duration in whole minutes, rounded up: a wait is never shorter than said."""
    return -(-int(duration.total_seconds()) // 60)


@register.filter
def number(value: float | Decimal | None) -> str:
    """A number without trailing zeros, in the active language's format: 8, 9.75, 12 345,5."""
    if value is None:
        return ""
    exact = Decimal(str(value)).normalize()
    if exact == exact.to_integral_value():
        exact = exact.quantize(Decimal(1))
    return formats.number_format(exact, force_grouping=True)
