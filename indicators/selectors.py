"""Reusable reads about indicators and their data."""

from django.db.models import Count, Q

from indicators.models import DimensionValue, Goal, NationalIndicator
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
