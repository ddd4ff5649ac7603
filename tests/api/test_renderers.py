"""The API's JSON renderer writes exactly what DRF's would, only faster."""

import datetime
import decimal
import uuid
from collections import OrderedDict

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer

from sdgportal.rest.renderers import FastJSONRenderer

SAMPLES = [
    {"title": "Форум «ЦУР»", "ok": True, "none": None, "count": 3, "share": 0.25},
    {"quote": "line\u2028break\u2029end", "html": "<b>&amp;</b> / \\"},
    {"when": datetime.datetime(2024, 5, 1, 9, 30, 15, 123456, tzinfo=datetime.UTC)},
    {"day": datetime.date(2024, 5, 1), "time": datetime.time(9, 30), "uuid": uuid.UUID(int=7)},
    {"amount": decimal.Decimal("12.50"), "label": gettext_lazy("Events")},
    OrderedDict([("b", [1, 2, {"c": []}]), ("a", {})]),
    {1: "integer key", "big": 2**70},
    [],
]


@pytest.mark.parametrize("data", SAMPLES)
def test_the_bytes_are_drfs(data):
    assert FastJSONRenderer().render(data) == JSONRenderer().render(data)


def test_indented_json_is_drfs():
    data = {"a": [1, {"b": 2}]}
    media_type = "application/json; indent=4"

    rendered = FastJSONRenderer().render(data, media_type, {})

    assert rendered == JSONRenderer().render(data, media_type, {})
    assert b"\n    " in rendered


def test_nothing_is_empty():
    assert FastJSONRenderer().render(None) == b""
