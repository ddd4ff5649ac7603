from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from indicators.maps import NO_DATA_COLOUR, PALETTE, colour_of, colour_steps, outline_of, view_box
from indicators.models import Region
from indicators.selectors import regional_map, regional_series
from tests.factories import DimensionValueFactory, ObservationFactory, RegionFactory

SQUARE = [[70, 50], [71, 50], [71, 51], [70, 51], [70, 50]]


def test_outline_is_an_svg_path_north_up_with_its_box():
    outline = outline_of({"type": "Polygon", "coordinates": [SQUARE]})

    # x is longitude shrunk by cos(48°), y is latitude upside down, in hundredths of a degree.
    assert outline == {
        "path": "M4684 -5000L4751 -5000 4751 -5100 4684 -5100Z",
        "box": [4684, -5100, 4751, -5000],
    }


def test_outline_keeps_every_polygon_and_hole():
    hole = [[70.2, 50.2], [70.2, 50.8], [70.8, 50.8], [70.8, 50.2], [70.2, 50.2]]
    far = [[80, 45], [81, 45], [81, 46], [80, 45]]
    outline = outline_of({"type": "MultiPolygon", "coordinates": [[SQUARE, hole], [far]]})

    assert outline["path"].count("M") == 3
    assert outline["box"] == [4684, -5100, 5420, -4500]


def test_outline_drops_detail_finer_than_a_pixel():
    wiggly = [[70 + step / 1000, 50 + (step % 2) / 1000] for step in range(1000)]
    ring = [*wiggly, [71, 51], [70, 51], [70, 50]]

    outline = outline_of({"type": "Polygon", "coordinates": [ring]})

    assert outline["path"].count(" ") < 20


def test_outline_redraws_a_ring_that_crosses_itself():
    bow_tie = [[70, 50], [71, 51], [71, 50], [70, 51], [70, 50]]

    outline = outline_of({"type": "Polygon", "coordinates": [bow_tie]})

    assert outline["path"].count("M") == 2


@pytest.mark.parametrize(
    "boundary",
    [
        {"type": "Point", "coordinates": [70, 50]},
        {"type": "Polygon"},
        {"type": "Polygon", "coordinates": "north"},
        {"type": "Polygon", "coordinates": []},
        {"coordinates": [SQUARE]},
        ["not", "geojson"],
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [2, 0], [0, 0]]]},  # no area
        {"type": "Polygon", "coordinates": [[[7e5, 5e6], [8e5, 5e6], [8e5, 6e6], [7e5, 5e6]]]},  # m
        {"type": "Polygon", "coordinates": [[[1e308, 0], [-1e308, 0], [0, 1e308], [1e308, 0]]]},
    ],
)
def test_outline_refuses_what_is_not_a_polygon(boundary):
    with pytest.raises(ValidationError):
        outline_of(boundary)


def test_colour_steps_split_the_range_evenly_light_to_dark():
    steps = colour_steps([Decimal(0), Decimal(5), Decimal(10)])

    assert [(step.low, step.high) for step in steps] == [(0, 2), (2, 4), (4, 6), (6, 8), (8, 10)]
    assert [step.colour for step in steps] == list(PALETTE)
    assert colour_of(Decimal(0), steps) == PALETTE[0]
    assert colour_of(Decimal("4.5"), steps) == PALETTE[2]
    assert colour_of(Decimal(10), steps) == PALETTE[-1]
    assert colour_of(None, steps) == NO_DATA_COLOUR


def test_one_value_everywhere_is_one_step():
    steps = colour_steps([Decimal(3), Decimal(3)])

    assert [(step.colour, step.low, step.high) for step in steps] == [(PALETTE[-1], 3, 3)]
    assert colour_steps([]) == []


def test_view_box_holds_every_box_with_a_margin():
    assert view_box([[0, -10, 5, 0], [3, -20, 8, -15]], margin=1) == "-1 -21 10 22"


@pytest.mark.django_db
def test_region_draws_its_outline_when_saved_and_forgets_it_without_a_boundary():
    region = RegionFactory(boundary={"type": "Polygon", "coordinates": [SQUARE]})
    assert region.outline["box"] == [4684, -5100, 4751, -5000]

    region.boundary = None
    region.save()
    region.refresh_from_db()
    assert region.outline is None


@pytest.mark.django_db
def test_region_with_a_bad_boundary_is_refused_by_the_admin_and_left_off_maps():
    region = RegionFactory.build(boundary={"type": "Point", "coordinates": [70, 50]})

    with pytest.raises(ValidationError) as refused:
        region.full_clean()
    assert refused.value.message_dict["boundary"] == [
        "Enter a GeoJSON Polygon or MultiPolygon geometry."
    ]
    region.save()
    assert region.outline is None


@pytest.mark.django_db
def test_regional_series_put_totals_first_and_name_the_breakdowns():
    akmola = RegionFactory()
    DimensionValueFactory()  # SEX F: Female
    for breakdown, value in (
        ({"SEX": "F", "URBANISATION": "U"}, 1),
        ({"SEX": "F"}, 2),
        ({"SEX": "_T"}, 3),
    ):
        ObservationFactory(region=akmola, disaggregation=breakdown, value=value, year=2020)
    indicator = ObservationFactory(region=akmola, value=4, year=2021, disaggregation={"SEX": "F"})
    ObservationFactory(indicator=indicator.indicator, value=9, year=2021)  # national: left out

    found = regional_series(indicator.indicator, {("SEX", "F"): "Female"})

    assert [(series.key, series.label) for series in found] == [
        ("SEX=_T", "_T"),
        ("SEX=F", "Female"),
        ("SEX=F; URBANISATION=U", "Female, U"),
    ]
    assert found[1].values == {2020: {akmola.pk: Decimal(2)}, 2021: {akmola.pk: Decimal(4)}}
    assert found[1].years == [2021, 2020]


@pytest.mark.django_db
def test_regional_map_draws_outlined_regions_and_lists_every_value():
    akmola = RegionFactory()
    city = RegionFactory(code="KZAKSU", name_en="city Aksu", boundary=None)
    RegionFactory(code="KZALA", name_en="Almaty city", boundary=None)  # no value, no outline
    observation = ObservationFactory(region=akmola, value=5)
    ObservationFactory(indicator=observation.indicator, region=city, value=7)
    [series] = regional_series(observation.indicator, {})

    drawn = regional_map(series, 2022)

    assert [(area.region, area.value) for area in drawn.drawn] == [(akmola, 5)]
    assert [(area.region.code, area.value) for area in drawn.listed] == [
        ("KZAKM", 5),
        ("KZAKSU", 7),
    ]
    assert drawn.drawn[0].colour == PALETTE[0]
    assert drawn.view_box
    assert Region.objects.count() == 3


@pytest.mark.django_db
def test_region_saved_with_only_its_boundary_updates_the_outline_too():
    region = RegionFactory()
    region.boundary = {"type": "Polygon", "coordinates": [SQUARE]}
    region.save(update_fields=["boundary"])

    region.refresh_from_db()
    assert region.outline["box"] == [4684, -5100, 4751, -5000]
