"""Regional maps of national data: region outlines as SVG paths, coloured by value."""

import math
from dataclasses import dataclass

import shapely
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from shapely.geometry import shape

# Degrees of longitude shrink with latitude; at Kazakhstan's middle latitude one is 0.67 of
# a degree of latitude. Map units are hundredths of a degree of latitude.
MIDDLE_LATITUDE = 48
SCALE = 100
# Drop outline detail finer than this many degrees (about 2 km): a fraction of a pixel.
SIMPLIFY_TOLERANCE = 0.02
# ColorBrewer's five-class "Blues", light to dark: low values light, high values dark.
PALETTE = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
NO_DATA_COLOUR = "#e4e4e4"


def outline_of(boundary: dict) -> dict:
    """The SVG path of a GeoJSON polygon, simplified and projected, with its bounding box.

    Raises ValidationError for anything but a Polygon or MultiPolygon with an area, in
    degrees of longitude and latitude.
    """
    try:
        geometry = shape(boundary)
    except (AttributeError, KeyError, TypeError, ValueError, shapely.errors.ShapelyError):
        geometry = None
    if geometry is None or geometry.geom_type not in {"Polygon", "MultiPolygon"}:
        raise ValidationError(_("Enter a GeoJSON Polygon or MultiPolygon geometry."))
    if not geometry.is_empty:
        west, south, east, north = geometry.bounds
        if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
            raise ValidationError(
                _("Give the boundary in degrees: longitude −180 to 180, latitude −90 to 90.")
            )
    if not geometry.is_valid:  # rings that touch or cross: redrawn around the same area
        geometry = shapely.make_valid(geometry, method="structure", keep_collapsed=False)
    simplified = geometry.simplify(SIMPLIFY_TOLERANCE, preserve_topology=True)
    if simplified.is_empty or simplified.area == 0:
        raise ValidationError(_("The boundary has no area."))
    stretch = math.cos(math.radians(MIDDLE_LATITUDE)) * SCALE
    projected = shapely.transform(simplified, lambda points: points * [stretch, -SCALE])
    polygons = getattr(projected, "geoms", [projected])
    rings = [ring for polygon in polygons for ring in [polygon.exterior, *polygon.interiors]]
    path = "".join(_ring_path(ring.coords) for ring in rings)
    return {"path": path, "box": [round(edge) for edge in projected.bounds]}


def _ring_path(points: list[tuple[float, float]]) -> str:
    x, y = points[0]
    rest = " ".join(f"{round(x)} {round(y)}" for x, y in points[1:-1])
    return f"M{round(x)} {round(y)}L{rest}Z"


@dataclass(frozen=True)
class LegendStep:
    colour: str
    low: float
    high: float


def colour_steps(values: list[float]) -> list[LegendStep]:
    """Equal-width classes from the smallest value to the largest, one colour each."""
    if not values:
        return []
    low, high = min(values), max(values)
    if low == high:
        return [LegendStep(PALETTE[-1], low, high)]
    width = (high - low) / len(PALETTE)
    places = max(0, 2 - math.floor(math.log10(width)))  # three significant digits of a step
    inner = [round(low + width * step, places) for step in range(1, len(PALETTE))]
    edges = [low, *inner, high]
    return [LegendStep(colour, edges[n], edges[n + 1]) for n, colour in enumerate(PALETTE)]


def colour_of(value: float | None, steps: list[LegendStep]) -> str:
    if value is None:
        return NO_DATA_COLOUR
    for step in steps:
        if value <= step.high:
            return step.colour
    return steps[-1].colour


def view_box(boxes: list[list[int]], margin: int = 20) -> str:
    """The SVG viewBox holding every box, with a margin."""
    left = min(box[0] for box in boxes) - margin
    top = min(box[1] for box in boxes) - margin
    width = max(box[2] for box in boxes) + margin - left
    height = max(box[3] for box in boxes) + margin - top
    return f"{left} {top} {width} {height}"
