"""API endpoints for the SDG framework, national indicators and observations (read-only)."""

from functools import cached_property

from django.db.models import Count, F, OuterRef, Prefetch, QuerySet, Subquery

from indicators.filters import (
    GoalListFilter,
    NationalIndicatorFilter,
    ObservationFilter,
    TargetFilter,
)
from indicators.models import (
    GlobalIndicator,
    Goal,
    IndicatorOrganisation,
    NationalIndicator,
    Observation,
    Target,
)
from indicators.selectors import breakdown_labels
from indicators.serializers import (
    GoalSerializer,
    NationalIndicatorDetailSerializer,
    NationalIndicatorSerializer,
    ObservationSerializer,
    TargetSerializer,
)
from sdgportal.rest.viewsets import ReadOnlyViewSet


class GoalViewSet(ReadOnlyViewSet):
    """The 17 Sustainable Development Goals, with what the portal holds on each."""

    serializer_class = GoalSerializer
    filterset_class = GoalListFilter
    lookup_value_regex = "[0-9]+"
    export_name = "goals"

    def get_queryset(self) -> QuerySet:
        return Goal.objects.annotate(
            event_count=Count("events", distinct=True),
            grant_count=Count("grants", distinct=True),
            indicator_count=Count("national_indicators", distinct=True),
        ).prefetch_related("targets")


class TargetViewSet(ReadOnlyViewSet):
    """The 169 SDG targets with their global indicators."""

    serializer_class = TargetSerializer
    filterset_class = TargetFilter
    lookup_field = "code"
    export_name = "targets"

    def get_queryset(self) -> QuerySet:
        return Target.objects.prefetch_related(
            Prefetch("indicators", queryset=GlobalIndicator.objects.order_by("sort_key"))
        )


class NationalIndicatorViewSet(ReadOnlyViewSet):
    """Kazakhstan's national SDG indicators, with the latest national value."""

    filterset_class = NationalIndicatorFilter
    lookup_field = "code"
    export_name = "indicators"

    def get_serializer_class(self) -> type:
        if self.action == "retrieve":
            return NationalIndicatorDetailSerializer
        return NationalIndicatorSerializer

    def get_queryset(self) -> QuerySet:
        latest = Observation.objects.filter(indicator=OuterRef("pk"), is_headline=True).order_by(
            "-year", "pk"
        )
        indicators = NationalIndicator.objects.all()
        if self.action != "retrieve":
            indicators = indicators.defer("metadata")
        return (
            indicators.select_related("global_indicator")
            .prefetch_related(
                "targets",
                Prefetch(
                    "responsibilities",
                    queryset=IndicatorOrganisation.objects.select_related("organisation"),
                ),
            )
            .annotate(
                latest_year=Subquery(latest.values("year")[:1]),
                latest_value=Subquery(latest.values("value")[:1]),
                latest_unit=Subquery(latest.values("unit")[:1]),
                latest_breakdown=Subquery(latest.values("disaggregation")[:1]),
            )
        )


class ObservationViewSet(ReadOnlyViewSet):
    """Values of the national indicator series, and figures quoted in news articles."""

    serializer_class = ObservationSerializer
    filterset_class = ObservationFilter
    lookup_value_regex = "[0-9]+"
    export_name = "observations"

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "labels": self._labels}

    @cached_property
    def _labels(self) -> dict[tuple[str, str], str]:
        return breakdown_labels()

    def get_queryset(self) -> QuerySet:
        # An indicator's metadata and a region's boundary are large JSON the list never shows.
        return (
            Observation.objects.select_related("indicator", "region", "document", "article")
            .defer("indicator__metadata", "region__boundary")
            .order_by(F("indicator__sort_key").asc(nulls_last=True), "year", "pk")
        )
