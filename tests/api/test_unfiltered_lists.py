"""A list asked for with none of its filters skips the filter set: that must change nothing."""

import pytest
from django.http import QueryDict
from rest_framework.test import APIRequestFactory

from events.filters import EventFilter
from sdgportal.api import router

FILTERED = [
    (prefix, viewset)
    for prefix, viewset, _basename in router.registry
    if getattr(viewset, "filterset_class", None) is not None
]


@pytest.mark.parametrize(("prefix", "viewset"), FILTERED, ids=[p for p, _v in FILTERED])
def test_an_empty_filter_set_filters_nothing(prefix, viewset):
    view = viewset(request=APIRequestFactory().get(f"/api/v1/{prefix}/"), action="list")
    queryset = view.get_queryset()

    filtered = viewset.filterset_class(QueryDict(), queryset=queryset, request=None).qs

    assert str(filtered.query) == str(queryset.query)


@pytest.mark.django_db
def test_a_list_without_filters_builds_no_filter_set(api_client, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("built a filter set")

    monkeypatch.setattr(EventFilter, "__init__", refuse)

    assert api_client.get("/api/v1/events/", {"page_size": 5}).status_code == 200
