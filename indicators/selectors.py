"""Reusable reads about indicators and their data."""

from django.db.models import Count, Q

from indicators.models import DimensionValue, Goal, NationalIndicator, Observation
from organisations.models import Organisation


def breakdown_labels() -> dict[tuple[str, str], str]:
    """(dimension code, value code) → the value's label in the active language, where named."""
    values = DimensionValue.objects.select_related("dimension").only(
        "code", "label", "dimension__code"
    )
    return {(value.dimension.code, value.code): value.label for value in values if value.label}


def reporting_status_by_goal() -> list[dict]:
    """Per goal: its number, short title and how many national indicators have each status."""
    statuses = {
        status: Count("national_indicators", filter=Q(national_indicators__reporting_status=status))
        for status in NationalIndicator.ReportingStatus.values
    }
    return list(
        Goal.objects.annotate(total=Count("national_indicators"), **statuses)
        .order_by("number")
        .values("number", "short_title", "colour", "total", *statuses)
    )


def reporting_status_by_organisation() -> list[dict]:
    """Per responsible organisation: how many of its indicators have each status, most first."""
    statuses = {
        status: Count(
            "indicator_responsibilities__indicator",
            filter=Q(indicator_responsibilities__indicator__reporting_status=status),
            distinct=True,
        )
        for status in NationalIndicator.ReportingStatus.values
    }
    return list(
        Organisation.objects.annotate(
            total=Count("indicator_responsibilities__indicator", distinct=True), **statuses
        )
        .filter(total__gt=0)
        .order_by("-total", "name")
        .values("slug", "name", "total", *statuses)
    )


def national_series(indicator: NationalIndicator) -> dict:
    """The indicator's national values (no region) as chart series, one per breakdown.

    The headline series (no breakdown beyond its series) comes first; labels use the
    breakdown values' names in the active language.
    """
    labels = breakdown_labels()
    series: dict[str, dict] = {}
    values = (
        Observation.objects.filter(indicator=indicator, article__isnull=True, region__isnull=True)
        .order_by("year", "pk")
        .values_list("year", "value", "disaggregation", "is_headline")
    )
    for year, value, breakdown, headline in values:
        key = "; ".join(f"{name}={code}" for name, code in sorted(breakdown.items()))
        entry = series.setdefault(
            key,
            {
                "key": key,
                "label": ", ".join(labels.get((n, c), c) for n, c in sorted(breakdown.items()))
                or str(indicator.title),
                "headline": headline,
                "points": [],
            },
        )
        entry["points"].append([year, float(value)])
    ordered = sorted(series.values(), key=lambda entry: (not entry["headline"], entry["label"]))
    return {"unit": indicator.unit, "series": ordered}
