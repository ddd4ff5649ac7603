"""A tiny national data repository in the Open SDG format, written for tests.

Three indicators: 16.1.1 (global, by sex, age and region, with sources), 1.1.1 (global, national
total only) and the national extra 10.5.1.1 (no data file yet).
"""

import json
from pathlib import Path

import yaml

TRANSLATIONS = {
    "en": {
        "global_indicators": {"16-1-1-title": "Victims of intentional homicide per 100,000"},
        "national_indicators": {
            "16-1-1-title": "Victims of intentional homicide per 100,000, by sex and age",
            "1-1-1-title": "Population below the international poverty line",
            "10-5-1-1-title": "Assets of the banking sector",
        },
        "SEX": {"SEX": "Sex", "F": "Female", "M": "Male"},
        "AGE": {"AGE": "Age", "Y0T17": "0-17 years"},
        "UNIT_MEASURE": {"UNIT_MEASURE": "Unit", "PER_100000_POP": "per 100,000", "PT": "Percent"},
        "REF_AREA": {
            "REF_AREA": "Regions",
            "KZAKM": "Akmola",
            "KZALA": "Almaty city",
            "KZNS": "Astana city",
            "KZZHA": "Zhambyl",
            "KZAKS": "city Aksay",
        },
        "sources": {
            "16-1-1-source_compilation_1": "Ministry of Internal Affairs of the Republic of "
            "Kazakhstan, Committee on Statistics of the Ministry of National Economy of the "
            "Republic of Kazakhstan",
            "16-1-1-source_implementation_1": "Министерство внутренних дел РК",
            "1-1-1-source_implementation_1": "Ministry of Labour and Social Protection of "
            "Population of the Republic of Kazakhstan, not defined",
        },
        "comments_limitations": {"16-1-1": "Counts registered crimes only."},
    },
    "ru": {
        "global_indicators": {"16-1-1-title": "Жертвы умышленных убийств на 100 000"},
        "national_indicators": {
            "16-1-1-title": "Число жертв умышленных убийств на 100 000 человек",
            "1-1-1-title": "Доля населения ниже международной черты бедности",
        },
        "SEX": {"SEX": "Пол", "F": "Женщины", "M": "Мужчины"},
        "UNIT_MEASURE": {"PER_100000_POP": "на 100 000 человек", "PT": "процент"},
        "REF_AREA": {
            "KZAKM": "Акмолинская",
            "KZALA": "г_Алматы",
            "KZNS": "г_Астана",
            "KZZHA": "Жымбылская",
            "KZAKS": "г.Аксай",
        },
        "sources": {
            "16-1-1-source_compilation_1": "Министерство внутренних дел Республики Казахстан, "
            "Комитет по статистике Министерства национальной экономики Республики Казахстан",
            "16-1-1-source_implementation_1": "Министерство внутренних дел РК",
        },
        "comments_limitations": {"16-1-1": "Только зарегистрированные преступления."},
    },
    "kk": {
        "national_indicators": {"16-1-1-title": "100 000 адамға шаққандағы қасақана кісі өлтіру"},
        "SEX": {"SEX": "Жынысы", "F": "әйелдер", "M": "ерлер"},
        "REF_AREA": {"KZAKM": "Ақмола"},
    },
}

CONFIGS = {
    "16-1-1": {
        "indicator_number": "16.1.1",
        "indicator_name": "global_indicators.16-1-1-title",
        "graph_title": "national_indicators.16-1-1-title",
        "graph_type": "line",
        "reporting_status": "complete",
        "computation_units": "data.на 100 000 человек",
    },
    "1-1-1": {
        "indicator_number": "1.1.1",
        "indicator_name": "national_indicators.1-1-1-title",
        "graph_type": "bar",
        "reporting_status": "complete",
        "computation_units": "UNIT_MEASURE.PT",
    },
    "10-5-1-1": {
        "indicator_number": "10.5.1.1",
        "indicator_name": "national_indicators.10-5-1-1-title",
        "reporting_status": "notstarted",
    },
}

METAS = {
    "16-1-1": {
        "source_active_1": True,
        "source_compilation_1": "sources.16-1-1-source_compilation_1",
        "source_implementation_1": "sources.16-1-1-source_implementation_1",
        "comments_limitations": "comments_limitations.16-1-1",
        "un_custodian_agency": "UNODC, WHO",
        "un_designated_tier": "1",
    },
    "1-1-1": {"source_implementation_1": "sources.1-1-1-source_implementation_1"},
}

HOMICIDES = """Year,UNIT_MEASURE,SEX,AGE,REF_AREA,Value
2015,PER_100000_POP,,,,4.9
2015,PER_100000_POP,M,,,7.2
2015,PER_100000_POP,F,,,2.9
2015,PER_100000_POP,,Y0T17,,0.9
2015,PER_100000_POP,,,KZAKM,6.1
2016,PER_100000_POP,,,,4.6
2016,PER_100000_POP,,,KZALA,3.3
2016,PER_100000_POP,,,KZZHA,5.0
"""

POVERTY = """Year,Units,Value
2019,PT,0.1
2020,PT,0.2
"""

BOUNDARY = {"type": "Polygon", "coordinates": [[[69.0, 51.0], [70.0, 51.0], [70.0, 52.0]]]}
REGION_SHAPES = {
    "KZ03": "Акмолинская",
    "KZ02": "г.Алматы",
    "KZ05": "г.Нур-Султан",
    "KZ17": "Жамбылская",
}


def write_repository(root: Path) -> Path:
    """Write the sample under ``root`` and return it."""
    for lang, groups in TRANSLATIONS.items():
        for group, texts in groups.items():
            write_yaml(root / "translations" / lang / f"{group}.yml", texts)
    for file_id, config in CONFIGS.items():
        write_yaml(root / "indicator-config" / f"{file_id}.yml", config)
    for file_id, meta in METAS.items():
        write_yaml(root / "meta" / f"{file_id}.yml", meta)
    write_data(root, "16-1-1", HOMICIDES)
    write_data(root, "1-1-1", POVERTY)
    features = [
        {"type": "Feature", "properties": {"kzCode": code, "kzName": name}, "geometry": BOUNDARY}
        for code, name in REGION_SHAPES.items()
    ]
    (root / "regions.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
        encoding="utf-8",
    )
    return root


def write_yaml(path: Path, content: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")


def write_data(root: Path, file_id: str, text: str | bytes) -> Path:
    path = root / "data" / f"indicator_{file_id}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path
