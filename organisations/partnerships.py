"""Partnerships: pairs of organisations with shared evidence, joint events or grants."""

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx
from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventOrganisation, EventSpeaker
from indicators.models import Goal
from organisations.models import Grant, Organisation, Sector
from sdgportal.caching import per_data_version

# Kinds of partnership a reader can ask for, as the two sectors involved.
KINDS = {
    "state-ngo": (_("State and civil society"), {Sector.STATE, Sector.NGO}),
    "international-ngo": (_("International and civil society"), {Sector.INTERNATIONAL, Sector.NGO}),
    "international-state": (_("International and state"), {Sector.INTERNATIONAL, Sector.STATE}),
}

# Okabe and Ito's palette, told apart by readers with any kind of colour blindness.
SECTOR_COLOURS = {
    Sector.STATE: "#0072b2",
    Sector.NGO: "#009e73",
    Sector.INTERNATIONAL: "#e69f00",
    Sector.BUSINESS: "#cc79a7",
    Sector.ACADEMIC: "#56b4e9",
    Sector.MEDIA: "#d55e00",
    Sector.PARLIAMENT: "#f0e442",
    Sector.OTHER: "#999999",
}
UNKNOWN_SECTOR_COLOUR = "#ffffff"


def sector_legend() -> list[tuple[str, str]]:
    """(sector name, colour) for the network picture's key."""
    known = [(Sector(sector).label, colour) for sector, colour in SECTOR_COLOURS.items()]
    return [*known, (_("Sector unknown"), UNKNOWN_SECTOR_COLOUR)]


def kind_of(first: Organisation, second: Organisation) -> str:
    """The kind of partnership (a key of ``KINDS``) two organisations make, or ""."""
    sectors = {first.sector, second.sector}
    return next((kind for kind, (_label, pair) in KINDS.items() if sectors == pair), "")


@dataclass
class Partnership:
    """Two organisations, ordered by name, and what shows they worked together."""

    first: Organisation
    second: Organisation
    events: list[Event] = field(default_factory=list)
    grants: list[Grant] = field(default_factory=list)

    @property
    def weight(self) -> int:
        return len(self.events) + len(self.grants)

    @property
    def goals(self) -> list[Goal]:
        goals = {goal.number: goal for record in self.records for goal in record.goal_list}
        return [goals[number] for number in sorted(goals)]

    @property
    def records(self) -> list[Event | Grant]:
        return [*self.events, *self.grants]

    @property
    def years(self) -> list[int]:
        found = {event.start_date.year for event in self.events if event.start_date}
        return sorted(found | {grant.year for grant in self.grants if grant.year})

    @property
    def kind(self) -> str:
        return kind_of(self.first, self.second)

    @property
    def is_state_and_civil_society(self) -> bool:
        return self.kind == "state-ngo"

    def partner_of(self, organisation: Organisation) -> Organisation:
        return self.second if organisation == self.first else self.first


@per_data_version
def partnerships(
    *,
    goal: int | None = None,
    year: int | None = None,
    organisation: Organisation | None = None,
    kind: str = "",
) -> list[Partnership]:
    """Every pair of organisations that took part in the same event or grant, strongest first.

    Taking part in an event is organising it, partnering in it or sending a speaker; in a
    grant, funding, operating or receiving it. ``goal`` and ``year`` narrow the evidence;
    ``organisation`` and ``kind`` the pairs.
    """
    events = Event.objects.newest_first()
    grants = Grant.objects.newest_first()
    if goal:
        events, grants = events.filter(goals=goal), grants.filter(goals=goal)
    if year:
        events, grants = events.filter(start_date__year=year), grants.filter(year=year)
    if organisation is not None:
        events = events.filter(
            Q(participations__organisation=organisation) | Q(appearances__organisation=organisation)
        )
        grants = grants.filter(
            Q(funder=organisation) | Q(operator=organisation) | Q(recipient=organisation)
        )
    events = list(events.only("slug", "title", "start_date", "city").distinct())
    grants = list(grants.only("slug", "title", "year", "funder", "operator", "recipient"))
    goals = Goal.objects.in_bulk()
    _attach_goals(events, Event.goals.through, "event_id", goals)
    _attach_goals(grants, Grant.goals.through, "grant_id", goals)

    taking_part = _event_participants([event.pk for event in events])
    pairs: dict[tuple[int, int], tuple[list[Event], list[Grant]]] = {}
    for event in events:
        for pair in _pairs(taking_part.get(event.pk, ())):
            pairs.setdefault(pair, ([], []))[0].append(event)
    for grant in grants:
        for pair in _pairs((grant.funder_id, grant.operator_id, grant.recipient_id)):
            pairs.setdefault(pair, ([], []))[1].append(grant)
    if organisation is not None:
        pairs = {pair: found for pair, found in pairs.items() if organisation.pk in pair}

    organisations = Organisation.objects.in_bulk({pk for pair in pairs for pk in pair})
    found = []
    for (first, second), (joint_events, joint_grants) in pairs.items():
        first, second = sorted((organisations[first], organisations[second]), key=_by_name)
        found.append(Partnership(first, second, joint_events, joint_grants))
    if kind:
        found = [partnership for partnership in found if partnership.kind == kind]
    return sorted(found, key=strongest_first)


@dataclass(frozen=True)
class Partner:
    """An organisation another worked with, and how: joint events, grants either way."""

    organisation: Organisation
    of: Organisation  # whose partner this is
    joint_events: int
    joint_grants: int  # grants both took part in, any way
    grants_to: int  # grants the organisation gave this partner
    grants_from: int  # grants this partner gave the organisation

    @property
    def other_joint_grants(self) -> int:
        """Grants both took part in otherwise: one of them ran it, say."""
        return self.joint_grants - self.grants_to - self.grants_from

    @property
    def kind(self) -> str:
        return kind_of(self.of, self.organisation)

    @property
    def is_state_and_civil_society(self) -> bool:
        return self.kind == "state-ngo"


@per_data_version
def partners_of(
    organisation: Organisation, *, limit: int | None = None
) -> tuple[list[Partner], int]:
    """The ``limit`` closest partners of ``organisation``, and how many it has in all.

    Counted in one query, in the database: the order is that of ``partnerships``, the most
    joint events and grants first, then the latest year of them, then the partner's name.
    Kept per data version: for an organisation at a fifth of all events, that query reads
    some hundred thousand rows.
    """
    sql, params = _partners_sql(organisation.pk, limit)
    found = list(Organisation.objects.raw(sql, params))
    partners = [
        Partner(
            partner,
            organisation,
            partner.joint_events,
            partner.joint_grants,
            partner.grants_to,
            partner.grants_from,
        )
        for partner in found
    ]
    return partners, found[0].total if found else 0


def _partners_sql(organisation_id: int, limit: int | None) -> tuple[str, list]:
    """SQL for ``partners_of``: joint events, then joint grants, per partner, then both."""
    tables = {
        name: connection.ops.quote_name(model._meta.db_table)
        for name, model in (
            ("event", Event),
            ("listed", EventOrganisation),
            ("speaking", EventSpeaker),
            ("grant", Grant),
            ("organisation", Organisation),
        )
    }
    year_sql, year_params = connection.ops.date_extract_sql("year", "e.start_date", ())
    me = organisation_id
    # Each (event, partner) and (grant, partner) once: the unions drop repeats, such as an
    # organiser who also sent a speaker. A year, funder and recipient go with their record.
    sql = f"""
        WITH own_events AS (
            SELECT event_id FROM {tables["listed"]} WHERE organisation_id = %s
            UNION
            SELECT event_id FROM {tables["speaking"]} WHERE organisation_id = %s
        ), dated_events AS (
            SELECT e.id, {year_sql} AS year
            FROM own_events o JOIN {tables["event"]} e ON e.id = o.event_id
        ), taking_part AS (
            SELECT d.id, d.year, t.organisation_id AS partner_id
            FROM dated_events d JOIN {tables["listed"]} t ON t.event_id = d.id
            WHERE t.organisation_id <> %s
            UNION
            SELECT d.id, d.year, t.organisation_id
            FROM dated_events d JOIN {tables["speaking"]} t ON t.event_id = d.id
            WHERE t.organisation_id <> %s
        ), own_grants AS (
            SELECT id, funder_id, operator_id, recipient_id, year FROM {tables["grant"]}
            WHERE funder_id = %s OR operator_id = %s OR recipient_id = %s
        ), sharing_grants AS (
            SELECT id, year, funder_id, recipient_id, funder_id AS partner_id FROM own_grants
            UNION
            SELECT id, year, funder_id, recipient_id, operator_id FROM own_grants
            UNION
            SELECT id, year, funder_id, recipient_id, recipient_id FROM own_grants
        ), evidence AS (
            SELECT partner_id, COUNT(*) AS events, 0 AS grants, 0 AS given, 0 AS received,
                MAX(year) AS year
            FROM taking_part GROUP BY partner_id
            UNION ALL
            SELECT partner_id, 0, COUNT(*),
                SUM(CASE WHEN funder_id = %s AND recipient_id = partner_id THEN 1 ELSE 0 END),
                SUM(CASE WHEN funder_id = partner_id AND recipient_id = %s THEN 1 ELSE 0 END),
                MAX(year)
            FROM sharing_grants WHERE partner_id <> %s GROUP BY partner_id
        ), partners AS (
            SELECT partner_id, CAST(SUM(events) AS INTEGER) AS events,
                CAST(SUM(grants) AS INTEGER) AS grants, CAST(SUM(given) AS INTEGER) AS given,
                CAST(SUM(received) AS INTEGER) AS received, MAX(year) AS year
            FROM evidence GROUP BY partner_id
        )
        SELECT o.id, o.name, o.slug, o.sector, p.events AS joint_events,
            p.grants AS joint_grants, p.given AS grants_to, p.received AS grants_from,
            COUNT(*) OVER () AS total
        FROM partners p JOIN {tables["organisation"]} o ON o.id = p.partner_id
        ORDER BY p.events + p.grants DESC, COALESCE(p.year, 0) DESC, LOWER(o.name), o.id
    """
    params = [me, me, *year_params, me, me, me, me, me, me, me, me]
    if limit is not None:
        sql += " LIMIT %s"
        params.append(limit)
    return sql, params


def strongest_first(partnership: Partnership) -> tuple:
    years = partnership.years
    return (
        -partnership.weight,
        -(years[-1] if years else 0),
        _by_name(partnership.first),
        _by_name(partnership.second),
    )


def newest_first(partnership: Partnership) -> tuple:
    years = partnership.years
    return (-(years[-1] if years else 0), *strongest_first(partnership))


def _by_name(organisation: Organisation) -> tuple[str, int]:
    return (organisation.name.casefold(), organisation.pk)


def _pairs(organisation_ids: Iterable[int | None]) -> list[tuple[int, int]]:
    return list(itertools.combinations(sorted({pk for pk in organisation_ids if pk}), 2))


def _event_participants(event_ids: list[int]) -> dict[int, set[int]]:
    """Event id → ids of the organisations that organised, partnered or sent a speaker."""
    listed = EventOrganisation.objects.filter(event__in=event_ids)
    speaking = EventSpeaker.objects.filter(event__in=event_ids, organisation__isnull=False)
    pairs = [
        records.order_by().values_list("event_id", "organisation_id")
        for records in (listed, speaking)
    ]
    participants: dict[int, set[int]] = {}
    for event_id, organisation_id in pairs[0].union(pairs[1]):
        participants.setdefault(event_id, set()).add(organisation_id)
    return participants


def _attach_goals(records: list, through: type, record_field: str, goals: dict) -> None:
    """Set ``goal_list`` on each record from its many-to-many table, in one query."""
    found: dict[int, list[Goal]] = {}
    links = through.objects.filter(**{f"{record_field}__in": [record.pk for record in records]})
    for record_id, goal in links.values_list(record_field, "goal_id").order_by("goal_id"):
        found.setdefault(record_id, []).append(goals[goal])
    for record in records:
        record.goal_list = found.get(record.pk, [])


@dataclass(frozen=True)
class NetworkNode:
    organisation: Organisation
    x: float
    y: float
    radius: float
    colour: str
    partner_count: int
    labelled: bool

    @property
    def label_y(self) -> float:
        return round(self.y + self.radius + 18, 1)


@dataclass(frozen=True)
class NetworkLink:
    first: NetworkNode
    second: NetworkNode
    width: float


@dataclass(frozen=True)
class NetworkPicture:
    nodes: list[NetworkNode]
    links: list[NetworkLink]
    width: int
    height: int
    left_out: int


# Room for a group of n organisations: a square this many units wide times the root of n.
GROUP_ROOM = 170
LABELLED = 15


def network_picture(
    found: list[Partnership], *, limit: int = 60, width: int = 1000
) -> NetworkPicture | None:
    """The ``limit`` strongest partnerships drawn as a network ``width`` units wide.

    Each group of connected organisations gets a spring layout (seeded, so the picture is
    the same each time) in a square of its own, the largest groups first, row by row.
    Organisations with more partners are drawn larger; the best connected are labelled.
    """
    shown = found[:limit]
    if not shown:
        return None
    graph = networkx.Graph()
    for partnership in shown:
        graph.add_edge(partnership.first.pk, partnership.second.pk, weight=partnership.weight)
    organisations = {o.pk: o for p in shown for o in (p.first, p.second)}
    labelled = sorted(graph.nodes, key=lambda pk: -graph.degree(pk))[:LABELLED]
    nodes = {}
    groups = sorted(networkx.connected_components(graph), key=len, reverse=True)
    cells = _shelves([min(width, GROUP_ROOM * math.sqrt(len(group))) for group in groups], width)
    for group, (left, top, side) in zip(groups, cells, strict=True):
        positions = networkx.spring_layout(graph.subgraph(group), seed=7)  # around (0, 0)
        spread = max(max(abs(x), abs(y)) for x, y in positions.values()) or 1
        stretch = (side / 2 - 60) / spread  # room for the circles and their labels
        for pk, (x, y) in positions.items():
            degree = graph.degree(pk)
            nodes[pk] = NetworkNode(
                organisation=organisations[pk],
                x=round(left + side / 2 + x * stretch, 1),
                y=round(top + side / 2 + y * stretch, 1),
                radius=min(8 + 3 * degree, 24),
                colour=SECTOR_COLOURS.get(organisations[pk].sector, UNKNOWN_SECTOR_COLOUR),
                partner_count=degree,
                labelled=pk in labelled and degree > 1,
            )
    links = [
        NetworkLink(nodes[first], nodes[second], min(1 + data["weight"], 8))
        for first, second, data in graph.edges(data=True)
    ]
    # Small circles last, so that none hides behind a larger one.
    ordered = sorted(nodes.values(), key=lambda node: -node.radius)
    height = math.ceil(max(top + side for _left, top, side in cells))
    return NetworkPicture(ordered, links, width, height, len(found) - len(shown))


def _shelves(sides: list[float], width: int) -> list[tuple[float, float, float]]:
    """(left, top, side) of squares of the given sides, placed in rows ``width`` wide."""
    placed, left, top, row_height = [], 0.0, 0.0, 0.0
    for side in sides:
        if left + side > width:
            left, top, row_height = 0.0, top + row_height, 0.0
        placed.append((left, top, side))
        left, row_height = left + side, max(row_height, side)
    return placed
