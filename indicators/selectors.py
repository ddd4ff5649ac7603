"""Reusable reads about indicators and their data."""

from indicators.models import DimensionValue


def breakdown_labels() -> dict[tuple[str, str], str]:
    """(dimension code, value code) → the value's label in the active language, where named."""
    values = DimensionValue.objects.select_related("dimension").only(
        "code", "label", "dimension__code"
    )
    return {(value.dimension.code, value.code): value.label for value in values if value.label}
