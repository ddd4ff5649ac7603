from decimal import Decimal

import pytest
from django.utils import translation

from sdgportal.templatetags.portal import number


@pytest.mark.parametrize(
    ("value", "english", "russian"),
    [
        (Decimal("12.00000000"), "12", "12"),
        (Decimal("9.75000000"), "9.75", "9,75"),
        (6.5, "6.5", "6,5"),
        (100.0, "100", "100"),
        (Decimal("12345.5"), "12,345.5", "12\xa0345,5"),
        (0.0012, "0.0012", "0,0012"),
        (None, "", ""),
    ],
)
def test_number_drops_trailing_zeros_and_follows_the_language(value, english, russian):
    with translation.override("en"):
        assert number(value) == english
    with translation.override("ru"):
        assert number(value) == russian
