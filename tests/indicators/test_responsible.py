import pytest

from indicators.responsible import (
    SourceDirectory,
    SourceName,
    is_state_body,
    name_key,
    organisation_names,
)


@pytest.mark.parametrize(
    ("statement", "names"),
    [
        (
            "Ministry of Finance of the Republic of Kazakhstan, Ministry of National economy of "
            "the Republic of Kazakhstan.",
            [
                "Ministry of Finance of the Republic of Kazakhstan",
                "Ministry of National economy of the Republic of Kazakhstan",
            ],
        ),
        (
            "Ministry of Finance of the Republic of Kazakhstan Ministry of Energy of the Republic "
            "of Kazakhstan",
            [
                "Ministry of Finance of the Republic of Kazakhstan",
                "Ministry of Energy of the Republic of Kazakhstan",
            ],
        ),
        (
            "Ministry of Ecology, Geology and Natural Resources of the Republic of Kazakhstan "
            "(RGP Kazgidromet), Local Executive Bodies",
            [
                "Ministry of Ecology, Geology and Natural Resources of the Republic of Kazakhstan",
                "Local Executive Bodies",
            ],
        ),
        (
            "Ministry of National economy of the Republic of Kazakhstan Committee on Statistics",
            [
                "Committee on Statistics of the Ministry of National economy of the Republic of "
                "Kazakhstan"
            ],
        ),
        (
            "Committee on Water Management Ministry of Ecology, Geology and Natural Resources of "
            "the Republic of Kazakhstan",
            [
                "Committee on Water Management of the Ministry of Ecology, Geology and Natural "
                "Resources of the Republic of Kazakhstan"
            ],
        ),
        (
            "Министерство энергетики РК (ДИК), КЛХЖМ Министерство сельского хозяйства РК, НБ РК",
            ["Министерство энергетики РК", "Министерство сельского хозяйства РК"],
        ),
        ("Верховный суд РК, заинтересованные государственные органы", ["Верховный суд РК"]),
        ("All sectoral government bodies; not defined", []),
        (
            "The Agency of the Republic of Kazakhstan for public service, international ratings",
            ["The Agency of the Republic of Kazakhstan for public service"],
        ),
    ],
)
def test_a_statement_is_split_into_the_bodies_it_names(statement, names):
    assert organisation_names(statement) == names


def test_name_keys_ignore_the_country_suffix_case_spelling_and_mixed_alphabets():
    assert name_key("Ministry of Healthcare of the Republic of Kazakhstan") == name_key(
        "Ministry of Health"
    )
    assert name_key("Сommittee on Statistics") == name_key("Committee on Statistics")
    assert name_key("Министерство финансов РК") == name_key(
        "Министерство финансов Республики Казахстан"
    )
    assert name_key("Organisation for economic co-operation and development") == name_key(
        "Organization for Economic Cooperation and Development"
    )


def test_russian_names_are_resolved_to_the_english_name_they_translate():
    directory = SourceDirectory(
        [
            {
                "en": "Ministry of Finance of the Republic of Kazakhstan, Ministry of Energy of "
                "the Republic of Kazakhstan",
                "ru": "Министерство финансов РК, Министерство энергетики РК",
            },
            {"en": "Ministry of Finance of the Republic of Kazakhstan", "ru": "Минфин"},
            {"en": "Ministry of Finance of the RK", "ru": "Министерство финансов РК"},
        ]
    )

    resolved = directory.resolve({"en": "Министерство финансов Республики Казахстан"})

    assert resolved == [
        SourceName(
            "Ministry of Finance of the Republic of Kazakhstan",
            (
                "Министерство финансов РК",
                "Министерство финансов Республики Казахстан",
                "Минфин",
            ),
        )
    ]


def test_an_untranslated_name_stands_as_written():
    directory = SourceDirectory([])

    assert directory.resolve({"ru": "Верховный суд РК"}) == [SourceName("Верховный суд РК")]


@pytest.mark.parametrize(
    ("name", "state"),
    [
        ("Ministry of Energy of the Republic of Kazakhstan", True),
        ("Local Executive Bodies", True),
        ("Верховный суд РК", True),
        ("Комитет лесного хозяйства", True),
        ("National Bank of the Republic of Kazakhstan", True),
        ("GlobalFindex", False),
        ("Baiterek holding", False),
    ],
)
def test_a_created_source_is_a_state_body_only_if_its_name_says_so(name, state):
    assert is_state_body(name) is state
