"""Record pages' addresses without a full ``reverse()`` each: a list links to hundreds.

The pattern of a view taking a slug is reversed once per language and script prefix, with a
placeholder slug, and each address fills it in. Slugs are ASCII letters, digits, - and _,
which ``reverse()`` would leave as they are.
"""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language

PLACEHOLDER = "__slug__"


def slug_address(view_name: str, slug: str) -> str:
    """``reverse(view_name, kwargs={"slug": slug})``, for the active language."""
    return _pattern(view_name, get_language(), get_script_prefix()).replace(PLACEHOLDER, slug)


@functools.lru_cache(maxsize=256)
def _pattern(view_name: str, language: str | None, script_prefix: str) -> str:
    return reverse(view_name, kwargs={"slug": PLACEHOLDER})


@receiver(setting_changed)
def _forget_patterns(setting: str, **kwargs: object) -> None:
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"}:
        _pattern.cache_clear()
