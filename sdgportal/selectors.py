"""Reads shared by the portal's pages."""

from django.db.models import Count, QuerySet

from indicators.models import Goal


def goals_with_counts() -> QuerySet[Goal]:
    """The 17 goals, each with how many events, grants and national indicators work on it."""
    return Goal.objects.annotate(
        event_count=Count("events", distinct=True),
        grant_count=Count("grants", distinct=True),
        indicator_count=Count("national_indicators", distinct=True),
    ).order_by("number")
