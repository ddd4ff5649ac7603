import pytest

from sdgportal.importing.organisations import find_organisations, merge_key


def names(text):
    return [(m.name, m.acronym, m.sector, m.country, m.parent) for m in find_organisations(text)]


def test_splits_two_organisations_joined_by_and():
    text = (
        "It was organized by Expo&Women International Organization with support of Civil "
        "Initiatives Support Center NJSC of the Ministry of Information and Social Development "
        "of the Republic of Kazakhstan and Economic Research Institute."
    )

    assert names(text) == [
        ("Expo&Women International Organization", "", "ngo", "", ""),
        (
            "Civil Initiatives Support Center",
            "",
            "state",
            "KZ",
            "Ministry of Information and Social Development of the Republic of Kazakhstan",
        ),
        ("Economic Research Institute", "", "academic", "", ""),
    ]


def test_committee_of_a_ministry_has_the_ministry_as_parent():
    assert names(
        "Partners were: the Committee on Statistics of the Ministry of National Economy."
    ) == [("Committee on Statistics", "", "state", "KZ", "Ministry of National Economy")]


def test_a_name_listing_its_fields_with_commas():
    assert names("The National Commission for Women, Family and Demographic Policy met.") == [
        ("National Commission for Women, Family and Demographic Policy", "", "state", "KZ", "")
    ]


def test_acronym_in_brackets_after_the_name():
    assert names("The Economic Research Institute JSC (hereinafter – ERI) helps.") == [
        ("Economic Research Institute", "ERI", "state", "KZ", "")
    ]


def test_international_organisations_by_acronym_and_name():
    assert names("UNDP, together with ESCAP and the United Nations Population Fund, works.") == [
        ("United Nations Development Programme", "UNDP", "international", "", ""),
        (
            "United Nations Economic and Social Commission for Asia and the Pacific",
            "ESCAP",
            "international",
            "",
            "",
        ),
        ("United Nations Population Fund", "UNFPA", "international", "", ""),
    ]


def test_companies_listed_after_such_as():
    text = "Global Compact members such as Kazpost JSC, NC KazakhExport, Jusan Bank, and others."

    assert [(m.name, m.sector) for m in find_organisations(text)][-3:] == [
        ("Kazpost", "business"),
        ("KazakhExport", "state"),
        ("Jusan Bank", "business"),
    ]


def test_organisation_described_by_apposition():
    assert [
        (m.name, m.sector)
        for m in find_organisations(
            "She founded Dignatera, a digital technology center in Karaganda."
        )
    ] == [("Dignatera", "ngo")]


def test_name_stops_before_a_person():
    assert [
        m.name
        for m in find_organisations(
            "President of the OSCE Parliamentary Assembly Margareta Cederfelt spoke."
        )
    ] == ["Organization for Security and Co-operation in Europe", "OSCE Parliamentary Assembly"][1:]


def test_an_event_is_not_an_organisation():
    assert names("The Astana International Forum opened.") == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Fund for Sustainable Rural Development", "Sustainable Rural Development Fund"),
        ("Foundation for Sustainable Rural Development", "Fund for Sustainable Rural Development"),
        (
            "Committee for the Protection of Children's Rights",
            "Committee for Children Rights Protection",
        ),
        (
            "Ministry of Foreign Affairs of the Republic of Kazakhstan",
            "Kazakhstan Ministry of Foreign Affairs",
        ),
    ],
)
def test_merge_key_joins_spellings_of_one_organisation(first, second):
    assert merge_key(first) == merge_key(second)


def test_merge_key_keeps_different_ministries_apart():
    assert merge_key("Ministry of National Economy") != merge_key("Ministry of Education")
