"""Demo national indicators and their observations across years, regions and breakdowns."""

from collections.abc import Iterator
from itertools import islice
from math import ceil
from random import Random

from indicators import codes
from indicators.models import (
    Dimension,
    DimensionValue,
    GlobalIndicator,
    Goal,
    IndicatorOrganisation,
    NationalIndicator,
    Observation,
    Region,
    Target,
    is_headline,
)
from indicators.services import translated
from organisations.models import Organisation
from sdgportal.demo.records import BATCH
from sdgportal.models import SourceDocument

DEMO_DATASET = "demo/national-data.csv"
YEARS = range(2010, 2025)
REGIONS = [
    ("KZAKM", "Akmola Region", "Акмолинская область"),
    ("KZAKT", "Aktobe Region", "Актюбинская область"),
    ("KZALM", "Almaty Region", "Алматинская область"),
    ("KZATY", "Atyrau Region", "Атырауская область"),
    ("KZZAP", "West Kazakhstan Region", "Западно-Казахстанская область"),
    ("KZZHA", "Zhambyl Region", "Жамбылская область"),
    ("KZKAR", "Karaganda Region", "Карагандинская область"),
    ("KZKUS", "Kostanay Region", "Костанайская область"),
    ("KZKZY", "Kyzylorda Region", "Кызылординская область"),
    ("KZMAN", "Mangystau Region", "Мангистауская область"),
    ("KZPAV", "Pavlodar Region", "Павлодарская область"),
    ("KZSEV", "North Kazakhstan Region", "Северо-Казахстанская область"),
    ("KZTUR", "Turkestan Region", "Туркестанская область"),
    ("KZVOS", "East Kazakhstan Region", "Восточно-Казахстанская область"),
    ("KZABY", "Abai Region", "Абайская область"),
    ("KZZHT", "Zhetysu Region", "Жетысуская область"),
    ("KZULY", "Ulytau Region", "Улытауская область"),
    ("KZAST", "Astana", "Астана"),
    ("KZALA", "Almaty", "Алматы"),
    ("KZSHY", "Shymkent", "Шымкент"),
]
BREAKDOWNS = {
    ("SEX", "Sex"): [("F", "Female"), ("M", "Male")],
    ("URBANISATION", "Urbanisation"): [("U", "Urban"), ("R", "Rural")],
    ("AGE", "Age"): [("Y15T24", "15–24"), ("Y25T64", "25–64"), ("Y_GE65", "65 and over")],
}
MEASURES = [
    ("Proportion of the population", "Доля населения", "%", "%"),
    ("Rate per 100 000 population", "Показатель на 100 000 населения", "per 100 000", "на 100 000"),
    ("Number of people", "Число людей", "persons", "человек"),
    ("Spending", "Расходы", "KZT million", "млн тенге"),
]


def create_statistics(count: int, organisations: list[Organisation], rng: Random) -> dict:
    """``count`` observations spread over the national indicators (demo ones if none exist)."""
    dataset = SourceDocument.objects.create(
        name=DEMO_DATASET, kind=SourceDocument.Kind.DATASET, title="Demo national SDG data"
    )
    indicators = list(NationalIndicator.objects.order_by("sort_key"))
    if not indicators:
        indicators = _create_indicators(max(3, ceil(count / 2500)), dataset, rng)
        compilers = [o for o in organisations if o.sector == "state"] or organisations
        IndicatorOrganisation.objects.bulk_create(
            IndicatorOrganisation(
                indicator=indicator,
                organisation=rng.choice(compilers),
                role=IndicatorOrganisation.Role.COMPILATION,
            )
            for indicator in indicators
        )
    series = _series(_regions(), _breakdowns())
    per_indicator = ceil(count / len(indicators))
    rows = (
        observation
        for indicator in indicators
        for observation in islice(_observations(indicator, series, dataset, rng), per_indicator)
    )
    created = 0
    while chunk := list(islice(rows, min(20 * BATCH, count - created))):
        Observation.objects.bulk_create(chunk, batch_size=BATCH)
        created += len(chunk)
    return {"national indicators": len(indicators), "observations": created}


def _regions() -> list[int]:
    if not Region.objects.exists():
        Region.objects.bulk_create(
            Region(code=code, name=en, name_en=en, name_ru=ru) for code, en, ru in REGIONS
        )
    return list(Region.objects.order_by("code").values_list("pk", flat=True))


def _breakdowns() -> list[dict[str, str]]:
    """Each breakdown of a value, after the total (``{}``); creates the codes' names."""
    breakdowns: list[dict[str, str]] = [{}]
    for (code, name), values in BREAKDOWNS.items():
        dimension, _created = Dimension.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name}
        )
        for value, label in values:
            DimensionValue.objects.get_or_create(
                dimension=dimension, code=value, defaults={"label": label, "label_en": label}
            )
            breakdowns.append({code: value})
    return breakdowns


def _series(regions: list[int], breakdowns: list[dict]) -> list[tuple[int | None, dict]]:
    """Region and breakdown of each series, the national totals first."""
    return [(region, breakdown) for region in [None, *regions] for breakdown in breakdowns]


def _create_indicators(count: int, dataset: SourceDocument, rng: Random) -> list[NationalIndicator]:
    goals = {goal.number: goal for goal in Goal.objects.all()}
    targets: dict[int, list[str]] = {}
    for code, goal in Target.objects.order_by("sort_key").values_list("code", "goal_id"):
        targets.setdefault(goal, []).append(code)
    global_ids = dict(GlobalIndicator.objects.values_list("code", "pk"))
    target_ids = dict(Target.objects.values_list("code", "pk"))
    indicators = []
    for number in range(count):
        goal, turn = number % 17 + 1, number // 17
        goal_targets = targets.get(goal) or [f"{goal}.{n}" for n in range(1, 6)]
        code = f"{goal_targets[turn % len(goal_targets)]}.{turn // len(goal_targets) + 1}"
        title, title_ru, unit, unit_ru = rng.choice(MEASURES)
        short = goals[goal].short_title
        indicators.append(
            NationalIndicator(
                code=code,
                sort_key=codes.sort_key(code),
                goal_id=goal,
                **translated("title", {"en": f"{title}: {short}", "ru": f"{title_ru} ({code})"}),
                **translated("unit", {"en": unit, "ru": unit_ru}),
                title=f"{title}: {short}",
                unit=unit,
                global_indicator_id=global_ids.get(code),
                reporting_status=NationalIndicator.ReportingStatus.COMPLETE,
                document=dataset,
            )
        )
    indicators = NationalIndicator.objects.bulk_create(indicators, batch_size=BATCH)
    NationalIndicator.targets.through.objects.bulk_create(
        NationalIndicator.targets.through(nationalindicator=indicator, target_id=target_ids[target])
        for indicator in indicators
        if (target := codes.target_of(indicator.code)) in target_ids
    )
    return indicators


def _observations(
    indicator: NationalIndicator,
    series: list[tuple[int | None, dict]],
    dataset: SourceDocument,
    rng: Random,
) -> Iterator[Observation]:
    """Each series of the indicator over the years: a level, a trend, a little noise."""
    level, trend = rng.uniform(1, 100), rng.uniform(-0.03, 0.05)
    unit = indicator.unit_en or indicator.unit
    for region, breakdown in series:
        factor = rng.uniform(0.6, 1.4)
        headline = is_headline(region, breakdown)
        for year in YEARS:
            value = level * factor * (1 + trend) ** (year - YEARS[0]) * rng.uniform(0.97, 1.03)
            yield Observation(
                indicator=indicator,
                goal_id=indicator.goal_id,
                year=year,
                value=f"{value:.2f}",
                unit=unit,
                region_id=region,
                disaggregation=breakdown,
                document=dataset,
                is_headline=headline,
            )
