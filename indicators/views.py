from typing import Any
from urllib.parse import urlencode

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView, TemplateView

from events.selectors import events_listed
from indicators.forms import RegionalMapForm
from indicators.metadata import metadata_facts
from indicators.models import Goal, NationalIndicator, Target
from indicators.selectors import (
    breakdown_labels,
    national_series,
    regional_map,
    regional_series,
    reporting_status_by_goal,
    reporting_status_by_organisation,
)
from organisations.models import Grant
from organisations.selectors import organisations_working_on
from sdgportal.selectors import goals_with_counts

SHOWN_PER_SECTION = 10


class GoalListView(ListView):
    template_name = "indicators/goal_list.html"

    def get_queryset(self) -> QuerySet[Goal]:
        return goals_with_counts()


class GoalDetailView(DetailView):
    template_name = "indicators/goal_detail.html"
    pk_url_kwarg = "number"

    def get_queryset(self) -> QuerySet[Goal]:
        return goals_with_counts().prefetch_related(
            Prefetch("targets", queryset=Target.objects.order_by("sort_key")),
            Prefetch(
                "national_indicators",
                queryset=NationalIndicator.objects.defer("metadata").order_by("sort_key"),
            ),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        goal = self.object
        return super().get_context_data(
            events=events_listed().filter(goals=goal)[:SHOWN_PER_SECTION],
            grants=Grant.objects.filter(goals=goal)
            .select_related("funder", "recipient")
            .order_by("-year", "title")[:SHOWN_PER_SECTION],
            organisations=organisations_working_on(goal.number).order_by("name")[
                : SHOWN_PER_SECTION * 3
            ],
            **kwargs,
        )


class ReportingStatusView(TemplateView):
    template_name = "indicators/reporting_status.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            statuses=NationalIndicator.ReportingStatus.choices,
            by_goal=reporting_status_by_goal(),
            by_organisation=reporting_status_by_organisation(),
            **kwargs,
        )


class IndicatorDetailView(DetailView):
    template_name = "indicators/indicator_detail.html"
    context_object_name = "indicator"
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_queryset(self) -> QuerySet[NationalIndicator]:
        return NationalIndicator.objects.select_related("goal", "global_indicator", "document")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        map_form = response.context_data["map_form"]
        if map_form and map_form.errors:
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        indicator = self.object
        labels = breakdown_labels()
        chart = national_series(indicator, labels)
        metadata = indicator.metadata or {}
        by_region = regional_series(indicator, labels)
        map_form = RegionalMapForm(self.request.GET, by_region) if by_region else None
        return super().get_context_data(
            chart=chart,
            headline=chart["series"][0] if chart["series"] else None,
            map_form=map_form,
            regional=regional_map(*map_form.chosen()) if map_form else None,
            metadata=metadata_facts(metadata.get(get_language()) or metadata.get("en") or {}),
            responsible=indicator.responsibilities.select_related("organisation"),
            csv_url=f"{reverse('api:observation-list')}?"
            + urlencode({"indicator": indicator.code, "format": "csv", "all": "true"}),
            **kwargs,
        )
