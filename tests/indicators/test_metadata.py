from django.utils import translation

from indicators.metadata import MetadataFact, metadata_facts


def test_metadata_fields_get_labels_in_their_order():
    facts = metadata_facts(
        {
            "indicator_definition": "Deaths under five per 1000 births",
            "source_data_1": "Civil registry",
            "source_data_2": "Household survey",
            "un_custodian_agency": "UNICEF",
            "national_note": "Revised in 2021",
        }
    )

    assert facts == [
        MetadataFact("Definition", "Deaths under five per 1000 births"),
        MetadataFact("Data source", "Civil registry"),
        MetadataFact("Data source 2", "Household survey"),
        MetadataFact("UN custodian agency", "UNICEF"),
        MetadataFact("National note", "Revised in 2021"),
    ]


def test_un_metadata_link_carries_its_text_and_loose_link_texts_are_dropped():
    facts = metadata_facts(
        {
            "goal_meta_link": "https://unstats.un.org/sdgs/metadata/files/Metadata-03-02-01.pdf",
            "goal_meta_link_text": "UN SDG metadata (PDF)",
            "source_url_text_1": "Link to source",
            "customisation": "  ",
        }
    )

    assert facts == [
        MetadataFact(
            "UN metadata",
            "UN SDG metadata (PDF)",
            url="https://unstats.un.org/sdgs/metadata/files/Metadata-03-02-01.pdf",
        )
    ]


def test_a_link_that_is_not_a_web_address_stays_text():
    [fact] = metadata_facts({"goal_meta_link": "javascript:alert(1)"})

    assert (fact.text, fact.url) == ("javascript:alert(1)", "")


def test_metadata_labels_follow_the_language():
    with translation.override("ru"):
        [fact] = metadata_facts({"un_designated_tier": "1"})

    assert fact.label == "Уровень ООН"


def test_source_addresses_are_links_with_their_texts():
    facts = metadata_facts(
        {
            "source_url_1": "https://stat.gov.kz/en/",
            "source_url_text_1": "Bureau of National Statistics",
            "source_url_2": "https://egov.kz",
        }
    )

    assert facts == [
        MetadataFact("Source", "Bureau of National Statistics", url="https://stat.gov.kz/en/"),
        MetadataFact("Source 2", "https://egov.kz", url="https://egov.kz"),
    ]
