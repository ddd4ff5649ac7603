import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from events.models import DatePrecision, EventKind
from organisations.models import Currency, Sector
from sdgportal.importing.evaluation import (
    RECORD_TYPES,
    Score,
    format_report,
    fuzzy_equal,
    load_gold,
    name_key,
    organisation_key,
    score,
    unit_equal,
)
from sdgportal.importing.records import (
    ArticleRecord,
    DocumentRecord,
    EventRecord,
    GrantRecord,
    Money,
    OrganisationRecord,
    PartialDate,
    PersonRecord,
    StatisticRecord,
)

GOLD_DIR = Path(__file__).parent / "gold"
SEEDS_DIR = Path(__file__).parents[3] / "seeds"
DOC = "tiny.txt"


def gold_document(**items):
    document = {"document": DOC, "articles": []}
    document.update({kind: items.get(kind, []) for kind in RECORD_TYPES})
    return {DOC: document}


def extracted_document(*articles):
    """One extracted document; each argument is a dict of record tuples for one article."""
    return [
        DocumentRecord(
            name=DOC,
            sha256="0" * 64,
            articles=[
                ArticleRecord(document=DOC, position=index, title=f"Article {index}", **records)
                for index, records in enumerate(articles, start=1)
            ],
        )
    ]


def gold_person(name, title="", organisation="", aliases=()):
    return {
        "name": name,
        "aliases": list(aliases),
        "title": title,
        "organisation": organisation,
        "quote": "",
    }


def gold_organisation(name, acronym="", sector="state", aliases=()):
    return {
        "name": name,
        "acronym": acronym,
        "aliases": list(aliases),
        "sector": sector,
        "country": "KZ",
        "quote": "",
    }


def gold_event(title, start=None, precision=None, city="", online=False):
    return {
        "title": title,
        "kind": "conference",
        "start": start,
        "start_precision": precision,
        "end": None,
        "end_precision": None,
        "city": city,
        "online": online,
        "country": "",
        "organisers": [],
        "partners": [],
        "speakers": [],
        "goals": [],
        "targets": [],
        "quote": "",
    }


def gold_grant(amount, currency, funder=""):
    return {
        "funder": funder,
        "recipient": "",
        "amount": amount,
        "currency": currency,
        "year": None,
        "purpose": "",
        "quote": "",
    }


def gold_statistic(value, unit, label=""):
    return {"label": label, "value": value, "unit": unit, "year": None, "area": "", "quote": ""}


def counts(item: Score):
    return (item.true_positives, item.false_positives, item.false_negatives)


# Scoring ---------------------------------------------------------------------------------------


def test_perfect_match_scores_one():
    gold = gold_document(
        people=[gold_person("Batima Mukina", "Chairman of the Board", "Civil Initiatives Center")],
        organisations=[gold_organisation("Civil Initiatives Center")],
        events=[gold_event("SDG conference", "2020-11-05", "day", online=True)],
        grants=[gold_grant("1800000000", "KZT", "Government of Kazakhstan")],
        statistics=[gold_statistic("16000", "NGOs")],
    )
    extracted = extracted_document(
        {
            "people": (
                PersonRecord(
                    "Batima Mukina",
                    title="Chairman of the Board",
                    organisation="Civil Initiatives Center",
                ),
            ),
            "organisations": (OrganisationRecord("Civil Initiatives Center", sector="state"),),
            "events": (
                EventRecord(
                    "Online conference on the SDGs",
                    "conference",
                    start=PartialDate(date(2020, 11, 5)),
                    online=True,
                ),
            ),
            "grants": (GrantRecord("State grants", money=Money(Decimal("1.8E+9"), "KZT")),),
            "statistics": (StatisticRecord("NGOs", Decimal("16000"), "NGO"),),
        }
    )
    scores = score(extracted, gold)
    assert list(scores) == list(RECORD_TYPES)
    for item in scores.values():
        assert counts(item) == (1, 0, 0)
        assert (item.precision, item.recall) == (1.0, 1.0)
        assert item.unmatched_gold == []
        assert item.unmatched_extracted == []
    assert scores["organisations"].sector_accuracy == 1.0


def test_nothing_to_find_and_nothing_found_scores_one():
    scores = score(extracted_document({}), gold_document())
    assert all((s.precision, s.recall) == (1.0, 1.0) for s in scores.values())


def test_missed_item_lowers_recall():
    gold = gold_document(people=[gold_person("Batima Mukina"), gold_person("Elvira Azimova")])
    extracted = extracted_document({"people": (PersonRecord("Batima Mukina"),)})
    people = score(extracted, gold)["people"]
    assert counts(people) == (1, 0, 1)
    assert (people.precision, people.recall) == (1.0, 0.5)
    assert [item["name"] for _, item in people.unmatched_gold] == ["Elvira Azimova"]


def test_missing_document_counts_every_gold_item_as_missed():
    gold = gold_document(statistics=[gold_statistic("116", "projects")])
    statistics = score([], gold)["statistics"]
    assert counts(statistics) == (0, 0, 1)
    assert statistics.recall == 0.0


def test_wrong_title_is_both_false_positive_and_false_negative():
    gold = gold_document(people=[gold_person("Yakup Beris", "Resident Representative", "UNDP")])
    extracted = extracted_document(
        {"people": (PersonRecord("Yakup Beris", title="Minister", organisation="UNDP"),)}
    )
    people = score(extracted, gold)["people"]
    assert counts(people) == (0, 1, 1)
    assert (people.precision, people.recall) == (0.0, 0.0)
    assert people.unmatched_extracted[0][1].title == "Minister"


def test_wrong_organisation_is_both_false_positive_and_false_negative():
    gold = gold_document(people=[gold_person("Yakup Beris", "Resident Representative", "UNDP")])
    extracted = extracted_document(
        {"people": (PersonRecord("Yakup Beris", title="Resident Representative"),)}
    )
    assert counts(score(extracted, gold)["people"]) == (0, 1, 1)


def test_fuzzy_titles_and_organisations_are_right():
    gold = gold_document(
        people=[
            gold_person(
                "Lyazyat Askarova",
                "Chairman of the Board, Project Manager",
                "Expo&Women International Organization",
            )
        ]
    )
    extracted = extracted_document(
        {
            "people": (
                PersonRecord(
                    "Lyazyat Askarova", title="Project Manager", organisation="Expo&Women"
                ),
            )
        }
    )
    assert counts(score(extracted, gold)["people"]) == (1, 0, 0)


def test_transliteration_variants_are_the_same_person():
    assert name_key("Dulat Zhekebayev") == name_key("Dulat Jekebaev")
    assert name_key("Arthur van Diesen") == name_key("Artur van Diesen")
    assert name_key("Kassym-Jomart Tokayev") == name_key("Kasym-Jomart Tokaev")
    assert name_key("Ms. Aigerim Yegemberdiyeva") == name_key("Aigerim Egemberdieva")
    assert name_key("Dulat Zhekebayev") != name_key("Dulat Kuantyrov")
    gold = gold_document(
        people=[
            gold_person("Dulat Zhekebayev", "Deputy Chairman"),
            gold_person("Arthur van Diesen", "Representative"),
        ]
    )
    extracted = extracted_document(
        {
            "people": (
                PersonRecord("Dulat Jekebaev", title="Deputy Chairman"),
                PersonRecord("Artur van Diesen", title="Representative"),
            )
        }
    )
    assert counts(score(extracted, gold)["people"]) == (2, 0, 0)


def test_aliases_identify_a_person():
    gold = gold_document(
        people=[gold_person("Armida Salsiah Alisjahbana", aliases=["Armida Alisjahbana"])]
    )
    extracted = extracted_document({"people": (PersonRecord("H.E. Armida Alisjahbana"),)})
    assert counts(score(extracted, gold)["people"]) == (1, 0, 0)


def test_acronym_matches_full_name_of_organisation():
    gold = gold_document(
        organisations=[
            gold_organisation("Economic Research Institute", "ERI"),
            gold_organisation("United Nations Development Programme", "UNDP", "international"),
            gold_organisation(
                "Fund for Sustainable Rural Development",
                sector="ngo",
                aliases=["Sustainable Rural Development Fund"],
            ),
        ]
    )
    extracted = extracted_document(
        {
            "organisations": (
                OrganisationRecord("ERI", sector="state"),
                OrganisationRecord("UN Development Programme", acronym="UNDP", sector="state"),
                OrganisationRecord("Sustainable Rural Development Fund PF", sector="ngo"),
            )
        }
    )
    organisations = score(extracted, gold)["organisations"]
    assert counts(organisations) == (3, 0, 0)
    assert (organisations.sector_agreed, organisations.sector_compared) == (2, 3)


def test_legal_forms_are_ignored_in_organisation_names():
    gold = gold_document(organisations=[gold_organisation("Kazakhstan Temir Zholy")])
    extracted = extracted_document(
        {"organisations": (OrganisationRecord("NC Kazakhstan Temir Zholy JSC"),)}
    )
    assert counts(score(extracted, gold)["organisations"]) == (1, 0, 0)


def test_organisation_keys_ignore_national_suffix_and_spell_out_un():
    assert organisation_key("Ministry of Foreign Affairs of the Republic of Kazakhstan") == (
        "ministry of foreign affairs"
    )
    assert organisation_key("UN Security Council") == organisation_key(
        "United Nations Security Council"
    )
    assert organisation_key("State Enterprise “Republican Forest Breeding and Seed Centre”") == (
        "republican forest breeding and seed centre"
    )
    assert organisation_key("Ministry of Agriculture of Hungary") != organisation_key(
        "Ministry of Agriculture"
    )


def test_parent_completes_the_name_of_an_extracted_organisation():
    gold = gold_document(
        organisations=[
            gold_organisation("Committee on Statistics of the Ministry of National Economy")
        ]
    )
    extracted = extracted_document(
        {
            "organisations": (
                OrganisationRecord(
                    "Committee on Statistics", parent="Ministry of National Economy"
                ),
            )
        }
    )
    assert counts(score(extracted, gold)["organisations"]) == (1, 0, 0)


def test_person_organisation_given_as_acronym_is_right():
    gold = gold_document(
        people=[
            gold_person(
                "Yakup Beris", "Resident Representative", "United Nations Development Programme"
            )
        ],
        organisations=[gold_organisation("United Nations Development Programme", "UNDP")],
    )
    extracted = extracted_document(
        {
            "people": (
                PersonRecord("Yakup Beris", title="Resident Representative", organisation="UNDP"),
            )
        }
    )
    assert counts(score(extracted, gold)["people"]) == (1, 0, 0)


def test_conversion_amount_does_not_create_a_second_grant_match():
    gold = gold_document(grants=[gold_grant("1800000000", "KZT", "Government of Kazakhstan")])
    grant = GrantRecord("Grants to NGOs", money=Money(Decimal("1800000000"), "KZT"))
    conversion = GrantRecord("Grants to NGOs", money=Money(Decimal("4300000"), "USD"))
    assert counts(score(extracted_document({"grants": (grant, conversion)}), gold)["grants"]) == (
        1,
        1,
        0,
    )
    assert counts(score(extracted_document({"grants": (conversion,)}), gold)["grants"]) == (
        0,
        1,
        1,
    )


def test_grants_without_amount_match_on_funder():
    gold = gold_document(grants=[gold_grant(None, "", "Civil Initiatives Support Center")])
    right = GrantRecord("Mini-grants", funder="Civil Initiatives Support Center NJSC")
    wrong = GrantRecord("Mini-grants", funder="UNICEF")
    priced = GrantRecord(
        "Mini-grants", funder="Civil Initiatives Support Center", money=Money(Decimal(5), "KZT")
    )
    assert counts(score(extracted_document({"grants": (right,)}), gold)["grants"]) == (1, 0, 0)
    assert counts(score(extracted_document({"grants": (wrong,)}), gold)["grants"]) == (0, 1, 1)
    assert counts(score(extracted_document({"grants": (priced,)}), gold)["grants"]) == (0, 1, 1)


def test_matching_is_one_to_one():
    two_gold = gold_document(
        statistics=[gold_statistic("30", "%", "glaciers"), gold_statistic("30", "%", "students")]
    )
    one = StatisticRecord("glaciers shrank", Decimal("30"), "percent")
    assert counts(score(extracted_document({"statistics": (one,)}), two_gold)["statistics"]) == (
        1,
        0,
        1,
    )
    one_gold = gold_document(statistics=[gold_statistic("30", "%", "glaciers")])
    other = StatisticRecord("women among IT students", Decimal("30"), "per cent")
    assert counts(
        score(extracted_document({"statistics": (one, other)}), one_gold)["statistics"]
    ) == (1, 1, 0)


def test_one_to_one_matching_finds_the_best_assignment():
    gold = gold_document(
        events=[
            gold_event("Forum", "2023-06-01", "month", "Astana"),
            gold_event("Session", "2023-06-08", "day", "Astana"),
        ]
    )
    june = PartialDate(date(2023, 6, 1), "month")
    extracted = extracted_document(
        {
            "events": (
                EventRecord(
                    "Session", "session", start=PartialDate(date(2023, 6, 8)), city="Astana"
                ),
                EventRecord("Forum", "forum", start=june, city="Astana"),
            )
        }
    )
    assert counts(score(extracted, gold)["events"]) == (2, 0, 0)


def test_statistic_needs_equal_value_and_unit():
    gold = gold_document(statistics=[gold_statistic("12", "laboratories")])
    same = StatisticRecord("labs", Decimal("12.0"), "laboratory")
    other_unit = StatisticRecord("labs", Decimal("12"), "schools")
    other_value = StatisticRecord("labs", Decimal("13"), "laboratories")
    assert counts(score(extracted_document({"statistics": (same,)}), gold)["statistics"]) == (
        1,
        0,
        0,
    )
    for wrong in (other_unit, other_value):
        result = score(extracted_document({"statistics": (wrong,)}), gold)["statistics"]
        assert counts(result) == (0, 1, 1)


def test_events_match_on_date_and_place():
    gold = gold_document(events=[gold_event("Side event", "2022-07-15", "day", "New York")])
    july_15 = PartialDate(date(2022, 7, 15))
    right = EventRecord("Parallel presentation", "side_event", start=july_15, city="new york")
    other_city = EventRecord("Side event", "side_event", start=july_15, city="Astana")
    month_only = EventRecord(
        "Side event", "side_event", start=PartialDate(date(2022, 7, 15), "month"), city="New York"
    )
    online = EventRecord("Side event", "side_event", start=july_15, city="New York", online=True)
    assert counts(score(extracted_document({"events": (right,)}), gold)["events"]) == (1, 0, 0)
    for wrong in (other_city, month_only, online):
        assert counts(score(extracted_document({"events": (wrong,)}), gold)["events"]) == (0, 1, 1)


def test_undated_events_match_on_title():
    gold = gold_document(events=[gold_event("SDG Media Zone", city="Astana")])
    right = EventRecord("The SDG Media Zone", "side_event", city="Astana")
    wrong = EventRecord("Astana International Forum", "forum", city="Astana")
    assert counts(score(extracted_document({"events": (right,)}), gold)["events"]) == (1, 0, 0)
    assert counts(score(extracted_document({"events": (wrong,)}), gold)["events"]) == (0, 1, 1)


def test_repeats_across_articles_of_a_document_count_once():
    gold = gold_document(
        people=[gold_person("Michaela Friberg-Storey", "Resident Coordinator", "United Nations")],
        organisations=[gold_organisation("United Nations", "UN", "international")],
    )
    person = PersonRecord(
        "Michaela Friberg-Storey", title="Resident Coordinator", organisation="UN"
    )
    organisation = OrganisationRecord("UN", sector="international")
    extracted = extracted_document(
        {"people": (person,), "organisations": (organisation,)},
        {"people": (person,), "organisations": (organisation,)},
    )
    scores = score(extracted, gold)
    assert counts(scores["people"]) == (1, 0, 0)
    assert counts(scores["organisations"]) == (1, 0, 0)


def test_documents_are_scored_separately():
    gold = gold_document(people=[gold_person("Batima Mukina")])
    elsewhere = [
        DocumentRecord(
            name="other.txt",
            sha256="",
            articles=[
                ArticleRecord("other.txt", 1, "Other", people=(PersonRecord("Batima Mukina"),))
            ],
        )
    ]
    assert counts(score(elsewhere, gold)["people"]) == (0, 0, 1)


def test_text_comparisons():
    assert fuzzy_equal("", "")
    assert not fuzzy_equal("Director", "")
    assert fuzzy_equal("Resident Coordinator", "UN Resident Coordinator in Kazakhstan")
    assert not fuzzy_equal("Minister", "Resident Representative")
    assert unit_equal("%", "per cent")
    assert unit_equal("NGOs", "NGO")
    assert unit_equal("meetings", "virtual meetings")
    assert not unit_equal("%", "people")


def test_format_report():
    scores = {
        "people": Score(true_positives=3, false_positives=1, false_negatives=2),
        "organisations": Score(true_positives=2, sector_agreed=1, sector_compared=2),
    }
    assert format_report(scores) == (
        "type              TP    FP    FN  precision  recall\n"
        "people             3     1     2       0.75    0.60\n"
        "organisations      2     0     0       1.00    1.00\n"
        "sector accuracy of matched organisations: 0.50 (1/2)"
    )


def test_load_gold_keys_files_by_document(tmp_path):
    for name in ("b", "a"):
        data = {"document": f"{name}.txt", "people": []}
        (tmp_path / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not gold", encoding="utf-8")
    assert load_gold(tmp_path) == {
        "a.txt": {"document": "a.txt", "people": []},
        "b.txt": {"document": "b.txt", "people": []},
    }


# The gold itself ---------------------------------------------------------------------------------

GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))
TOP_KEYS = {"document", "articles", *RECORD_TYPES}
KEYS = {
    "articles": {"title", "published"},
    "events": {
        "title",
        "kind",
        "start",
        "start_precision",
        "end",
        "end_precision",
        "city",
        "online",
        "country",
        "organisers",
        "partners",
        "speakers",
        "goals",
        "targets",
        "quote",
    },
    "people": {"name", "aliases", "title", "organisation", "quote"},
    "organisations": {"name", "acronym", "aliases", "sector", "country", "quote"},
    "grants": {"funder", "recipient", "amount", "currency", "year", "purpose", "quote"},
    "statistics": {"label", "value", "unit", "year", "area", "quote"},
}
SPEAKER_ROLES = {"speaker", "moderator", "keynote", "presenter", "panellist"}
PLAIN_DECIMAL = re.compile(r"^\d+(\.\d+)?$")
COUNTRY = re.compile(r"^([A-Z]{2})?$")
TARGET = re.compile(r"^(\d{1,2})\.(\d{1,2}|[a-z])$")


def collapse(text):
    return " ".join(text.split())


def check_date(value, precision):
    if value is None:
        assert precision is None
        return
    day = date.fromisoformat(value)
    assert precision in DatePrecision.values
    if precision in ("month", "year"):
        assert day.day == 1
    if precision == "year":
        assert day.month == 1


def test_there_is_gold_for_every_seed_document():
    assert [path.stem for path in GOLD_FILES] == sorted(p.stem for p in SEEDS_DIR.glob("*.txt"))


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda path: path.stem)
def test_gold_file_is_valid(path):
    raw = path.read_text(encoding="utf-8")
    gold = json.loads(raw)
    assert raw == json.dumps(gold, ensure_ascii=False, indent=2) + "\n"
    assert set(gold) == TOP_KEYS
    assert gold["document"] == f"{path.stem}.txt"
    text = collapse((SEEDS_DIR / gold["document"]).read_text(encoding="utf-8"))

    for kind, required in KEYS.items():
        for item in gold[kind]:
            assert set(item) == required, (kind, item)
            if "quote" in item:
                assert item["quote"].strip(), (kind, item)
                assert collapse(item["quote"]) in text, (kind, item["quote"])

    for article in gold["articles"]:
        assert article["title"].strip()
        check_date(article["published"], "day" if article["published"] else None)

    organisation_names, organisation_keys = set(), set()
    for organisation in gold["organisations"]:
        keys = {organisation_key(name) for name in [organisation["name"], *organisation["aliases"]]}
        keys |= {organisation_key(organisation["acronym"])} if organisation["acronym"] else set()
        assert not keys & organisation_keys, keys & organisation_keys
        organisation_keys |= keys
        assert organisation["sector"] in Sector.values
        assert COUNTRY.match(organisation["country"])
        names = {organisation["name"], *organisation["aliases"]}
        names |= {organisation["acronym"]} if organisation["acronym"] else set()
        assert not names & organisation_names, names & organisation_names
        organisation_names |= names

    person_names, person_keys = set(), set()
    for person in gold["people"]:
        keys = {name_key(name) for name in [person["name"], *person["aliases"]]}
        assert not keys & person_keys, person
        person_keys |= keys
        person_names |= {person["name"], *person["aliases"]}
        assert person["organisation"] in organisation_names | {""}, person

    for event in gold["events"]:
        assert event["kind"] in EventKind.values
        check_date(event["start"], event["start_precision"])
        check_date(event["end"], event["end_precision"])
        assert isinstance(event["online"], bool)
        assert COUNTRY.match(event["country"])
        assert set(event["organisers"] + event["partners"]) <= organisation_names, event
        for speaker in event["speakers"]:
            assert set(speaker) == {"name", "role"}
            assert speaker["name"] in person_names, speaker
            assert speaker["role"] in SPEAKER_ROLES
        assert all(isinstance(goal, int) and 1 <= goal <= 17 for goal in event["goals"])
        for target in event["targets"]:
            assert int(TARGET.match(target).group(1)) in event["goals"]

    for grant in gold["grants"]:
        if grant["amount"] is None:
            assert grant["currency"] == ""
        else:
            assert PLAIN_DECIMAL.match(grant["amount"])
            assert grant["currency"] in Currency.values
        assert grant["year"] is None or isinstance(grant["year"], int)
        assert grant["funder"] or grant["amount"]

    for statistic in gold["statistics"]:
        assert PLAIN_DECIMAL.match(statistic["value"])
        assert statistic["unit"].strip()
        assert statistic["label"].strip()
        assert statistic["year"] is None or isinstance(statistic["year"], int)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda path: path.stem)
def test_gold_scores_perfectly_against_itself(path):
    """The gold, turned into records, matches itself: the matching rules accept every item."""
    gold = load_gold(GOLD_DIR)
    annotation = gold[f"{path.stem}.txt"]

    def partial(value, precision):
        return PartialDate(date.fromisoformat(value), precision) if value else None

    article = ArticleRecord(
        document=annotation["document"],
        position=1,
        title="",
        people=tuple(
            PersonRecord(p["name"], tuple(p["aliases"]), p["title"], p["organisation"])
            for p in annotation["people"]
        ),
        organisations=tuple(
            OrganisationRecord(o["name"], o["acronym"], tuple(o["aliases"]), o["sector"])
            for o in annotation["organisations"]
        ),
        events=tuple(
            EventRecord(
                e["title"],
                e["kind"],
                partial(e["start"], e["start_precision"]),
                partial(e["end"], e["end_precision"]),
                e["city"],
                e["online"],
            )
            for e in annotation["events"]
        ),
        grants=tuple(
            GrantRecord(
                "",
                funder=g["funder"],
                money=Money(Decimal(g["amount"]), g["currency"]) if g["amount"] else None,
            )
            for g in annotation["grants"]
        ),
        statistics=tuple(
            StatisticRecord(s["label"], Decimal(s["value"]), s["unit"])
            for s in annotation["statistics"]
        ),
    )
    document = DocumentRecord(name=annotation["document"], sha256="", articles=[article])
    scores = score([document], {annotation["document"]: annotation})
    for kind, item in scores.items():
        expected = len(annotation[kind])
        assert counts(item) == (expected, 0, 0), (kind, item.unmatched_gold)
    assert scores["organisations"].sector_accuracy in (None, 1.0)
