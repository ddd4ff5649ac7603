"""Template helpers of the public site."""

import re
from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def highlight(text: object, query: str) -> SafeString:
    """The text, HTML-escaped, with each word of the query marked (case-insensitive)."""
    escaped = escape(str(text))
    words = sorted({escape(word) for word in str(query).split()}, key=len, reverse=True)
    if not words:
        return mark_safe(escaped)
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda match: f"<mark>{match.group(0)}</mark>", escaped))


@register.filter
def get(mapping: dict, key: str) -> object:
    """``mapping[key]`` in a template, for keys held in variables."""
    return mapping.get(key)


@register.filter
def number(value: float | Decimal | None) -> str:
    """A number without trailing zeros, in the active language's format: 8, 9.75, 12 345,5."""
    if value is None:
        return ""
    exact = Decimal(str(value)).normalize()
    if exact == exact.to_integral_value():
        exact = exact.quantize(Decimal(1))
    return formats.number_format(exact, force_grouping=True)
