from datetime import date

import pytest

from organisations import partnerships as partnerships_module
from organisations.partnerships import (
    SECTOR_COLOURS,
    network_picture,
    partners_of,
    partnerships,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def ministry():
    return factories.OrganisationFactory(name="Ministry of Justice", sector="state")


@pytest.fixture
def ngo():
    return factories.OrganisationFactory(name="Legal Aid Centre", sector="ngo")


@pytest.fixture
def undp():
    return factories.OrganisationFactory(name="UNDP", sector="international")


def _joint_event(title, *organisations, on=date(2023, 5, 1), goals=()):
    event = factories.EventFactory(title=title, start_date=on)
    for organisation in organisations:
        factories.EventOrganisationFactory(event=event, organisation=organisation)
    event.goals.add(*(factories.goal(number) for number in goals))
    return event


def _names(partnership):
    return (partnership.first.name, partnership.second.name)


def _all(**narrowing):
    return partnerships(**narrowing)[:100]


def test_organisations_at_one_event_are_partners_in_pairs(ministry, ngo, undp):
    forum = _joint_event("Justice forum", ministry, ngo, undp, goals=[16])

    found = _all()

    assert sorted(_names(p) for p in found) == [
        ("Legal Aid Centre", "Ministry of Justice"),
        ("Legal Aid Centre", "UNDP"),
        ("Ministry of Justice", "UNDP"),
    ]
    state_and_ngo = next(p for p in found if p.kind == "state-ngo")
    assert state_and_ngo.events == [forum]
    assert [goal.number for goal in state_and_ngo.goals] == [16]
    assert state_and_ngo.years == [2023]
    assert state_and_ngo.is_state_and_civil_society


def test_a_speakers_organisation_takes_part_in_the_event(ministry, ngo):
    forum = _joint_event("Justice forum", ngo)
    factories.EventSpeakerFactory(event=forum, organisation=ministry)
    factories.EventSpeakerFactory(event=forum, organisation=ngo)  # no pair with itself
    factories.EventSpeakerFactory(event=forum, organisation=None)

    [partnership] = _all()

    assert _names(partnership) == ("Legal Aid Centre", "Ministry of Justice")
    assert partnership.events == [forum]


def test_funder_operator_and_recipient_of_a_grant_are_partners(ministry, ngo, undp):
    grant = factories.GrantFactory(funder=ministry, operator=undp, recipient=ngo, year=2021)
    factories.GrantFactory(funder=ministry, recipient=None)  # nobody to pair with

    found = _all()

    assert len(found) == 3
    assert all(p.grants == [grant] and p.years == [2021] for p in found)


def test_the_most_evidence_comes_first(ministry, ngo, undp):
    _joint_event("Justice forum", ministry, undp, on=date(2024, 1, 1))
    _joint_event("Legal aid week", ministry, ngo, on=date(2020, 1, 1))
    factories.GrantFactory(funder=ministry, recipient=ngo, year=2022)

    found = _all()

    assert [_names(p) for p in found] == [
        ("Legal Aid Centre", "Ministry of Justice"),
        ("Ministry of Justice", "UNDP"),
    ]
    assert (found[0].weight, found[0].years) == (2, [2020, 2022])
    assert [_names(p) for p in partnerships(ordering="newest")[:2]] == [
        ("Ministry of Justice", "UNDP"),
        ("Legal Aid Centre", "Ministry of Justice"),
    ]


def test_goal_and_year_narrow_the_evidence(ministry, ngo, undp):
    _joint_event("Justice forum", ministry, ngo, on=date(2023, 1, 1), goals=[16])
    _joint_event("Women's forum", ministry, ngo, on=date(2022, 1, 1), goals=[5])
    factories.GrantFactory(funder=undp, recipient=ngo, year=2023).goals.add(factories.goal(5))

    on_goal_5 = _all(goal=5)
    in_2023 = _all(year=2023)

    assert sorted((_names(p), [e.title for e in p.events]) for p in on_goal_5) == [
        (("Legal Aid Centre", "Ministry of Justice"), ["Women's forum"]),
        (("Legal Aid Centre", "UNDP"), []),
    ]
    assert sorted((_names(p), p.weight) for p in in_2023) == [
        (("Legal Aid Centre", "Ministry of Justice"), 1),
        (("Legal Aid Centre", "UNDP"), 1),
    ]
    assert _all(goal=1) == []
    assert (len(partnerships(year=1999)), _all(year=1999)) == (0, [])


def test_organisation_and_kind_narrow_the_pairs(ministry, ngo, undp):
    _joint_event("Justice forum", ministry, ngo, undp)

    assert [_names(p) for p in _all(organisation=undp)] == [
        ("Legal Aid Centre", "UNDP"),
        ("Ministry of Justice", "UNDP"),
    ]
    assert [_names(p) for p in _all(kind="international-state")] == [
        ("Ministry of Justice", "UNDP")
    ]
    [partnership] = _all(organisation=undp, kind="international-ngo")
    assert partnership.partner_of(undp) == ngo


@pytest.mark.parametrize("forums", [1, 8])
def test_partnerships_take_the_same_queries_for_one_event_or_many(
    ministry, ngo, forums, django_assert_num_queries
):
    for number in range(forums):
        event = _joint_event(f"Forum {number}", ministry, ngo, goals=[number % 17 + 1])
        factories.EventSpeakerFactory(event=event, organisation=factories.OrganisationFactory())
        factories.GrantFactory(funder=ministry, recipient=ngo).goals.add(factories.goal(3))

    # the pairs ranked and counted; their organisations; the newest events; the newest
    # grants; the goals of all the evidence; those goals
    with django_assert_num_queries(6):
        found = partnerships()[:30]
    assert [goal.number for p in found for goal in p.goals]
    assert len(found) == 1 + 2 * forums  # and each speaker's organisation with both

    with django_assert_num_queries(0):  # kept per data version
        assert partnerships()[:30] == found


def test_a_partnership_shows_its_newest_evidence_and_counts_the_rest(ministry, ngo):
    for year in range(2015, 2023):
        _joint_event(f"Forum {year}", ministry, ngo, on=date(year, 1, 1), goals=[year - 2014])
    for year in (None, 2019, 2021):
        factories.GrantFactory(funder=ministry, recipient=ngo, year=year, title=f"Grant {year}")
    _joint_event("Undated forum", ministry, ngo, on=None)

    [partnership] = _all()

    assert [event.title for event in partnership.events] == [
        f"Forum {year}" for year in range(2022, 2017, -1)
    ]
    assert [grant.title for grant in partnership.grants] == [
        "Grant 2021",
        "Grant 2019",
        "Grant None",
    ]
    assert (partnership.event_count, partnership.more_events, partnership.more_grants) == (
        9,
        4,
        0,
    )
    assert partnership.years == [2015, 2022]
    assert [goal.number for goal in partnership.goals] == list(range(1, 9))


def test_partnerships_are_ranked_in_blocks_and_sliced_across_them(monkeypatch, ministry):
    monkeypatch.setattr(partnerships_module, "RANKED_BLOCK", 3)
    others = [factories.OrganisationFactory(name=f"Body {n}") for n in range(7)]
    for number, other in enumerate(others):
        for _ in range(number % 3 + 1):  # 1, 2, 3, 1, 2, 3, 1 joint events
            _joint_event("Forum", ministry, other)
    strongest = [f"Body {n}" for n in (2, 5, 1, 4, 0, 3, 6)]

    found = partnerships()

    assert [p.first.name for p in found[2:7]] == strongest[2:7]
    assert [p.first.name for p in found[:30]] == strongest
    assert [p.first.name for p in found[6:]] == strongest[6:]
    assert (len(found), found[9:]) == (7, [])


def test_network_picture_draws_each_organisation_once_inside_the_picture(ministry, ngo, undp):
    _joint_event("Justice forum", ministry, ngo, undp)
    factories.GrantFactory(funder=undp, recipient=ngo)
    lone_pair = [factories.OrganisationFactory(sector="business") for _ in range(2)]
    _joint_event("Business breakfast", *lone_pair)

    picture = network_picture(partnerships(ordering="newest"))  # the strongest all the same

    assert sorted(node.organisation.name for node in picture.nodes) == sorted(
        [ministry.name, ngo.name, undp.name] + [o.name for o in lone_pair]
    )
    assert len(picture.links) == 4
    for node in picture.nodes:
        assert node.radius <= node.x <= picture.width - node.radius
        assert node.radius <= node.y <= picture.height - node.radius
    by_name = {node.organisation.name: node for node in picture.nodes}
    assert by_name["Legal Aid Centre"].colour == SECTOR_COLOURS["ngo"]
    assert by_name["Legal Aid Centre"].partner_count == 2
    assert by_name["Legal Aid Centre"].radius > by_name[lone_pair[0].name].radius
    strongest = max(picture.links, key=lambda link: link.width)
    assert {strongest.first.organisation, strongest.second.organisation} == {ngo, undp}
    assert network_picture(partnerships()) == picture  # the same picture every time


def test_network_picture_draws_the_strongest_and_counts_the_rest(ministry, ngo, undp):
    _joint_event("Justice forum", ministry, ngo, undp)

    picture = network_picture(partnerships(), limit=2)

    assert (len(picture.links), picture.left_out) == (2, 1)
    assert network_picture(partnerships(goal=1)) is None


def test_partners_of_an_organisation_say_how_they_worked_together(ministry, ngo, undp):
    forum = _joint_event("Justice forum", ngo)
    factories.EventSpeakerFactory(event=forum, organisation=ministry)
    _joint_event("Budget hearing", ministry, undp)  # the NGO took no part
    factories.GrantFactory(funder=ngo, recipient=ministry)
    factories.GrantFactory(funder=ministry, recipient=ngo)
    factories.GrantFactory(funder=ministry, recipient=ngo)

    found, total = partners_of(ngo)

    assert [(p.organisation.name, p.joint_events, p.grants_to, p.grants_from) for p in found] == [
        ("Ministry of Justice", 1, 1, 2)
    ]
    assert total == 1
    assert found[0].is_state_and_civil_society


def test_partners_of_an_operator_share_grants_without_giving_or_receiving(ministry, ngo, undp):
    factories.GrantFactory(funder=ministry, operator=undp, recipient=ngo)

    by_name = {p.organisation.name: p for p in partners_of(undp)[0]}
    as_funder = {p.organisation.name: p for p in partners_of(ministry)[0]}

    assert {
        name: (p.grants_to, p.grants_from, p.other_joint_grants) for name, p in by_name.items()
    } == {"Ministry of Justice": (0, 0, 1), "Legal Aid Centre": (0, 0, 1)}
    assert (as_funder["Legal Aid Centre"].grants_to, as_funder["UNDP"].other_joint_grants) == (
        1,
        1,
    )


def test_partners_of_rank_as_the_partnerships_of_the_organisation(ministry, ngo, undp):
    others = [factories.OrganisationFactory(name=f"Body {n}") for n in range(4)]
    forum = _joint_event("Forum", ministry, ngo, others[0], on=date(2021, 1, 1))
    factories.EventSpeakerFactory(event=forum, organisation=undp)
    factories.EventSpeakerFactory(event=forum, organisation=ministry)  # organiser and speaker
    _joint_event("Week", ministry, undp, others[1], on=date(2024, 1, 1))
    _joint_event("Undated", ministry, others[2], on=None)
    factories.EventSpeakerFactory(
        event=_joint_event("Talk", others[3], on=date(2019, 1, 1)), organisation=ministry
    )
    factories.GrantFactory(funder=ministry, operator=undp, recipient=ngo, year=2022)
    factories.GrantFactory(funder=others[3], recipient=ministry, year=None)
    factories.GrantFactory(funder=ministry, recipient=ministry, operator=others[1], year=2020)
    expected = [
        (p.partner_of(ministry).name, p.event_count, p.grant_count, p.is_state_and_civil_society)
        for p in _all(organisation=ministry)
    ]

    found, total = partners_of(ministry)
    first_two, same_total = partners_of(ministry, limit=2)

    assert [
        (p.organisation.name, p.joint_events, p.joint_grants, p.is_state_and_civil_society)
        for p in found
    ] == expected
    assert (total, same_total, len(expected)) == (6, 6, 6)
    assert [p.organisation for p in first_two] == [p.organisation for p in found[:2]]


def test_partners_of_take_one_query_whatever_the_evidence(ministry, ngo, django_assert_num_queries):
    for number in range(6):
        event = _joint_event(f"Forum {number}", ministry, ngo)
        factories.EventSpeakerFactory(event=event, organisation=factories.OrganisationFactory())
        factories.GrantFactory(funder=ministry, recipient=factories.OrganisationFactory())

    # the partners, ranked and counted
    with django_assert_num_queries(1):
        found, total = partners_of(ministry, limit=3)

    assert (len(found), total) == (3, 13)
    assert (found[0].organisation, found[0].joint_events) == (ngo, 6)
