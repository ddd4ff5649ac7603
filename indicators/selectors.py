"""Reusable reads about indicators and their data."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from indicators.maps import NO_DATA_COLOUR, LegendStep, colour_of, colour_steps, view_box
from indicators.models import DimensionValue, Goal, NationalIndicator, Observation, Region
from organisations.models import Organisation

# A breakdown value meaning "all of them", such as SEX=_T.
TOTAL_CODE = "_T"
# The Open SDG column of units, whose codes are named like breakdown values.
UNIT_DIMENSION = "UNIT_MEASURE"


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


def national_series(indicator: NationalIndicator, labels: dict[tuple[str, str], str]) -> dict:
    """The indicator's national values (no region) as chart series, one per breakdown.

    The headline series (no breakdown beyond its series) comes first; ``labels`` (from
    ``breakdown_labels``) name the breakdown values. Values in different units are different
    series.
    """
    series: dict[str, dict] = {}
    values = list(
        Observation.objects.filter(indicator=indicator, article__isnull=True, region__isnull=True)
        .order_by("year", "pk")
        .values_list("year", "value", "disaggregation", "is_headline", "unit")
    )
    several_units = _has_several_units(values)
    for year, value, breakdown, headline, unit in values:
        breakdown = _with_unit(breakdown, unit, several_units)
        key = breakdown_key(breakdown)
        entry = series.setdefault(
            key,
            {
                "key": key,
                "label": breakdown_label(breakdown, labels) or str(indicator.title),
                "headline": headline,
                "points": [],
            },
        )
        entry["points"].append([year, float(value)])
    ordered = sorted(series.values(), key=lambda entry: (not entry["headline"], entry["label"]))
    return {"unit": indicator.unit, "series": ordered}


def breakdown_key(breakdown: dict) -> str:
    """A breakdown as text, such as ``SEX=F; URBANISATION=U``; empty for none."""
    return "; ".join(f"{name}={code}" for name, code in sorted(breakdown.items()))


def breakdown_label(breakdown: dict, labels: dict[tuple[str, str], str]) -> str:
    return ", ".join(labels.get((name, code), code) for name, code in sorted(breakdown.items()))


def _has_several_units(rows: list[tuple]) -> bool:
    """Whether rows ending in their unit hold values in more than one unit."""
    return len({row[-1] for row in rows}) > 1


def _with_unit(breakdown: dict, unit: str, several_units: bool) -> dict:
    """The breakdown, naming the unit where the values come in several (it tells them apart)."""
    return {**breakdown, UNIT_DIMENSION: unit} if several_units and unit else breakdown


@dataclass
class RegionalSeries:
    """One breakdown of an indicator's regional values: year → region id → value."""

    key: str
    label: str
    values: dict[int, dict[int, float]] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        return sorted(self.values, reverse=True)


def regional_series(
    indicator: NationalIndicator, labels: dict[tuple[str, str], str]
) -> list[RegionalSeries]:
    """The indicator's values by region, one series per breakdown and unit, totals first."""
    found: dict[str, tuple[dict, RegionalSeries]] = {}
    values = list(
        Observation.objects.filter(indicator=indicator, article__isnull=True, region__isnull=False)
        .order_by("year", "pk")
        .values_list("year", "region_id", "value", "disaggregation", "unit")
    )
    several_units = _has_several_units(values)
    for year, region_id, value, breakdown, unit in values:
        breakdown = _with_unit(breakdown, unit, several_units)
        key = breakdown_key(breakdown)
        if key not in found:
            label = breakdown_label(breakdown, labels) or _("Total")
            found[key] = (breakdown, RegionalSeries(key, label))
        found[key][1].values.setdefault(year, {})[region_id] = float(value)

    def totals_first(entry: tuple[dict, RegionalSeries]) -> tuple:
        breakdown, series = entry
        parts = [code for code in breakdown.values() if code != TOTAL_CODE]
        return (len(parts), len(breakdown), series.label)

    return [series for _breakdown, series in sorted(found.values(), key=totals_first)]


@dataclass(frozen=True)
class MapArea:
    region: Region
    value: float | None
    colour: str


@dataclass(frozen=True)
class RegionalMap:
    """A year of a regional series: outlines to draw, every region's value, the legend."""

    series: RegionalSeries
    year: int
    drawn: list[MapArea]
    listed: list[MapArea]
    legend: list[LegendStep]
    view_box: str
    no_data_colour: str = NO_DATA_COLOUR


def regional_map(series: RegionalSeries, year: int) -> RegionalMap:
    values = series.values.get(year, {})
    steps = colour_steps(list(values.values()))
    regions = Region.objects.defer("boundary").filter(Q(outline__isnull=False) | Q(pk__in=values))
    areas = [
        MapArea(region, values.get(region.pk), colour_of(values.get(region.pk), steps))
        for region in regions.order_by("code")
    ]
    drawn = [area for area in areas if area.region.outline]
    # Larger regions first, so that cities drawn inside them stay visible on top.
    drawn.sort(key=lambda area: -_box_area(area.region.outline["box"]))
    return RegionalMap(
        series=series,
        year=year,
        drawn=drawn,
        listed=sorted(
            (area for area in areas if area.value is not None), key=lambda area: str(area.region)
        ),
        legend=steps,
        view_box=view_box([area.region.outline["box"] for area in drawn]) if drawn else "",
    )


def _box_area(box: list[int]) -> int:
    return (box[2] - box[0]) * (box[3] - box[1])
