import pytest

from sdgportal.importing.organisations import find_organisations
from sdgportal.importing.people import find_person_mentions, group_people
from sdgportal.importing.text import sentences


def people(text):
    organisations = find_organisations(text)
    mentions = find_person_mentions(text, sentences(text), organisations)
    return [(p.name, p.aliases, p.title, p.organisation) for p in group_people(mentions)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"We support rural projects", said Aigul Bekova, Chairman of the Board of the '
            "Green Steppe Foundation.",
            ("Aigul Bekova", [], "Chairman of the Board", "Green Steppe Foundation"),
        ),
        (
            "UNICEF Representative in Kazakhstan Jan Novak noted the progress.",
            ("Jan Novak", [], "Representative", "United Nations Children's Fund"),
        ),
        (
            "Commissioner for Human Rights, Marat Seitov, emphasized the law.",
            ("Marat Seitov", [], "Commissioner for Human Rights", ""),
        ),
        (
            "According to Erlan Dosov, Minister of Energy of Kazakhstan, prices rise.",
            ("Erlan Dosov", [], "Minister", "Ministry of Energy"),
        ),
        (
            "The session was moderated by the Deputy Head of UNDP in Kazakhstan, Ana Lopez.",
            ("Ana Lopez", [], "Deputy Head", "United Nations Development Programme"),
        ),
    ],
)
def test_title_and_organisation_in_every_word_order(text, expected):
    assert people(text) == [expected]


def test_same_person_in_two_spellings_is_one_person():
    text = (
        "From the speech of Nurlan Zhakupov, Director of the Rural Institute: it works. "
        '"It helps," added Nurlan Jakupov.'
    )

    assert people(text) == [("Nurlan Zhakupov", ["Nurlan Jakupov"], "Director", "Rural Institute")]


def test_first_name_and_patronymic_join_the_person():
    text = (
        '"Many seminars were held," said Aizhan Serikova, Head of the Women Forward Foundation. '
        "Aizhan Bolatovna addressed all citizens."
    )

    assert people(text)[0][:2] == ("Aizhan Serikova", ["Aizhan Bolatovna"])


def test_capitalised_words_without_a_person_signal_are_not_people():
    assert people("The Regional Platform on Sustainable Development opened in Almaty.") == []


def test_short_reference_resolves_to_the_organisation_named_before():
    text = (
        "The Civil Initiatives Support Center runs contests. "
        '"We help", said Batima Sarsen, Chairman of the Center Board.'
    )

    assert people(text) == [
        ("Batima Sarsen", [], "Chairman of Board", "Civil Initiatives Support Center")
    ]
