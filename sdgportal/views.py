from typing import Any

from django import forms
from django.conf import settings
from django.db.models import F
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from django_filters.views import FilterView

from events.selectors import events_listed
from organisations.models import Grant
from organisations.partnerships import partnerships
from sdgportal.health import readiness
from sdgportal.rest.filters import MAX_SEARCH_LENGTH
from sdgportal.search import validate_search_words
from sdgportal.selectors import goals_with_counts_listed, headline_figures, source_counts
from sdgportal.site_search import search_everything
from sdgportal.validators import validate_text

LATEST = 5


class HomeView(TemplateView):
    template_name = "sdgportal/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            goals=goals_with_counts_listed(),
            figures=headline_figures(),
            latest_events=events_listed()[:LATEST],
            recent_grants=Grant.objects.select_related("funder", "recipient").order_by(
                F("year").desc(nulls_last=True), "-pk"
            )[:LATEST],
            partnerships=partnerships()[:LATEST],
            **kwargs,
        )


class AboutView(TemplateView):
    template_name = "sdgportal/about.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**source_counts(), **kwargs)


class SearchForm(forms.Form):
    q = forms.CharField(
        max_length=MAX_SEARCH_LENGTH, validators=[validate_text, validate_search_words]
    )


class SearchView(TemplateView):
    template_name = "sdgportal/search.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = SearchForm(request.GET)
        asked = bool(request.GET.get("q", "").strip())
        groups = search_everything(form.cleaned_data["q"]) if form.is_valid() else []
        response = self.render_to_response(
            self.get_context_data(form=form, groups=groups, query=request.GET.get("q", ""))
        )
        if asked and not form.is_valid():
            response.status_code = 400
        return response


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """The process is up: answers without the database or the cache (liveness)."""
    return JsonResponse({"status": "ok"})


@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    """The database and the cache answer (readiness): 200, else 503 naming what is down."""
    services = readiness()
    ok = all(state == "ok" for state in services.values())
    response = JsonResponse({"status": "ok" if ok else "unavailable", **services})
    response.status_code = 200 if ok else 503
    return response


def switch_language(request: HttpRequest) -> HttpResponseRedirect:
    """The page the reader was on, in the language chosen: a plain GET, so that the switcher
    needs no CSRF token and every page stays the same for every anonymous reader."""
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    language = request.GET.get("language", "")
    if not translation.check_for_language(language):
        return HttpResponseRedirect(next_url)
    current = translation.get_language_from_path(next_url) or settings.LANGUAGE_CODE
    with translation.override(current):
        return HttpResponseRedirect(translate_url(next_url, language))


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"


class FilteredListView(FilterView):
    """A list page whose filters live in the URL; a bad filter shows the form with a 400."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        if self.filterset.is_bound and not self.filterset.is_valid():
            response.status_code = 400
        return response
