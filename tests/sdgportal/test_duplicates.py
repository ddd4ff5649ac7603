from datetime import date

import pytest

from events.models import Event
from organisations.models import Organisation
from sdgportal.duplicates import Candidate, DuplicateGroup, Reason, candidates_of
from sdgportal.duplicates import likely_duplicates as found
from tests import factories


@pytest.mark.parametrize(
    ("first", "second", "reasons"),
    [
        (Candidate(1, "Nursultan Nazarbayev"), Candidate(2, "Нурсултан Назарбаев"), ["spelled"]),
        (
            Candidate(1, "Kazakhstan Red Crescent"),
            Candidate(2, "KAZAKHSTAN RED CRESCENT"),
            ["same"],
        ),
        (Candidate(1, "Aigerim Sarsenova"), Candidate(2, "Sarsenova Aigerim"), ["order"]),
        (
            Candidate(1, "Eurasia Fund", aliases=("Фонд Евразия",)),
            Candidate(2, "Фонд Евразия"),
            ["alias"],
        ),
        (
            Candidate(1, "ПРООН", acronym="UNDP"),
            Candidate(2, "UN Development Prog.", acronym="UNDP"),
            ["acronym"],
        ),
        (
            Candidate(1, "UN Development Programme", acronym="UNDP"),
            Candidate(2, "United Nations Development Programme"),
            ["initials"],
        ),
        (Candidate(1, "United Nations Development Programme"), Candidate(2, "UNDP"), ["initials"]),
        (
            Candidate(1, "Программа развития ООН", acronym="ПРООН"),
            Candidate(2, "Программа развития Организации Объединённых Наций"),
            ["initials"],
        ),
        (
            Candidate(1, "Ministry of Healthcare"),
            Candidate(2, "Ministry of Helthcare"),
            ["similar"],
        ),
        (
            Candidate(1, "Ministry of Information and Communication of the Republic"),
            Candidate(2, "Ministry of Information and Communications of the Republic"),
            ["similar"],
        ),
        (
            Candidate(1, "National Commission for Women, Family and Demographic Policy"),
            Candidate(2, "National Commission for Women Affairs, Family and Demographic Policy"),
            ["similar"],
        ),
    ],
)
def test_likely_duplicates_links_names_that_are_one(first, second, reasons):
    named = {
        "same": Reason.SAME_NAME,
        "spelled": Reason.SPELLED_OTHERWISE,
        "order": Reason.WORD_ORDER,
        "alias": Reason.ALIAS,
        "acronym": Reason.SAME_ACRONYM,
        "initials": Reason.ACRONYM_OF_NAME,
        "similar": Reason.SIMILAR,
    }

    assert found([first, second]) == [
        DuplicateGroup(pks=(1, 2), reasons=tuple(named[reason] for reason in reasons))
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (Candidate(1, "Civil Initiative 1"), Candidate(2, "Civil Initiative 2")),
        (Candidate(1, "School No. 5 of Almaty"), Candidate(2, "School No. 6 of Almaty")),
        (Candidate(1, "Ministry of Healthcare"), Candidate(2, "Ministry of Education")),
        (
            Candidate(1, "Ministry of Finance of the Republic of Kazakhstan"),
            Candidate(2, "Ministry of Defense of the Republic of Kazakhstan"),
        ),
        (
            Candidate(1, "Ministry of Internal Affairs of the Republic of Kazakhstan"),
            Candidate(2, "Ministry of Foreign Affairs of the Republic of Kazakhstan"),
        ),
        (Candidate(1, "Ulan Nurov"), Candidate(2, "UN", acronym="UN")),
        (Candidate(1, "Asian Development Bank"), Candidate(2, "Almaty Design Bureau")),
        (
            Candidate(1, "Forum", scope=date(2022, 5, 1)),
            Candidate(2, "Forum", scope=date(2023, 5, 1)),
        ),
    ],
)
def test_likely_duplicates_leaves_different_records_apart(first, second):
    assert found([first, second]) == []


def test_records_linked_through_a_third_form_one_group():
    records = [
        Candidate(1, "Eurasia Foundation of Central Asia", acronym="EFCA"),
        Candidate(2, "EFCA"),
        Candidate(3, "Eurasia Foundation of Central Asia"),
        Candidate(4, "Soros Foundation"),
    ]

    assert found(records) == [
        DuplicateGroup(
            pks=(1, 2, 3),
            reasons=(Reason.SAME_NAME, Reason.SAME_ACRONYM, Reason.ACRONYM_OF_NAME),
        )
    ]


@pytest.mark.django_db
def test_candidates_are_read_with_their_acronyms_aliases_and_scope():
    organisation = factories.OrganisationFactory(name="ПРООН", acronym="UNDP", aliases=["ПРООН РК"])
    event = factories.EventFactory(title="Civil Forum", start_date=date(2023, 5, 1))

    assert candidates_of(Organisation) == [
        Candidate(organisation.pk, "ПРООН", acronym="UNDP", aliases=("ПРООН РК",))
    ]
    assert candidates_of(Event, within="start_date") == [
        Candidate(event.pk, "Civil Forum", scope=date(2023, 5, 1))
    ]
