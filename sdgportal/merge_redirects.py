"""Old addresses of merged records: their detail page or endpoint answers 301, not 404.

The slug a merge took away (``MergedRecord``) leads to the surviving record's address, with
the language prefix and query string of the request; chains of merges lead to the last one.
"""

from typing import Any

from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect

from sdgportal.merging import survivor_of


class FollowsMerges:
    """The redirect to the survivor of a merged-away slug; the address depends on the view."""

    def redirect_to_survivor(self, request: HttpRequest, slug: str) -> HttpResponse | None:
        survivor = survivor_of(self.get_queryset().model, slug)
        if survivor is None:
            return None
        location = self.address_of(survivor)
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{location}?{query}" if query else location)

    def address_of(self, survivor: Model) -> str:
        raise NotImplementedError


class PageFollowsMerges(FollowsMerges):
    """For a public DetailView: the survivor's page, in the language of the request."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = self.redirect_to_survivor(request, kwargs[self.slug_url_kwarg])
            if moved is None:
                raise
            return moved

    def address_of(self, survivor: Model) -> str:
        return survivor.get_absolute_url()


class EndpointFollowsMerges(FollowsMerges):
    """For an API viewset: its detail endpoint of the survivor."""

    def retrieve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            moved = self.redirect_to_survivor(
                request, kwargs[self.lookup_url_kwarg or self.lookup_field]
            )
            if moved is None:
                raise
            return moved

    def address_of(self, survivor: Model) -> str:
        lookup = {self.lookup_field: getattr(survivor, self.lookup_field)}
        return self.reverse_action("detail", kwargs=lookup, request=None)
