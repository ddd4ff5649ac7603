"""Record addresses filled into a pattern reversed once agree with reverse() in every language."""

import pytest
from django.urls import reverse
from django.utils import translation

from sdgportal.addresses import _pattern, slug_address


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
@pytest.mark.parametrize(
    "view_name",
    ["events:detail", "organisations:detail", "organisations:person", "organisations:grant"],
)
def test_slug_address_is_what_reverse_gives(view_name, language):
    with translation.override(language):
        for slug in ["astana-forum-2024", "undp", "a_b-9"]:
            assert slug_address(view_name, slug) == reverse(view_name, kwargs={"slug": slug})


def test_patterns_are_forgotten_when_the_urlconf_changes(settings):
    slug_address("events:detail", "forum")
    assert _pattern.cache_info().currsize

    settings.ROOT_URLCONF = "sdgportal.urls"

    assert _pattern.cache_info().currsize == 0
