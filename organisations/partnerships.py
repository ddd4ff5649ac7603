"""Partnerships: pairs of organisations with shared evidence, joint events or grants."""

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import networkx
from django.db import connection
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

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


# Events and grants shown per partnership, the newest first; the others are counted.
SHOWN_EVIDENCE = 5
# Pairs ranked per query and kept per data version: the home page's, the network's and the
# first pages of the list all come from the first block.
RANKED_BLOCK = 120
ORDERINGS = ("strongest", "newest")


@dataclass
class Partnership:
    """Two organisations, ordered by name, and what shows they worked together.

    ``events`` and ``grants`` are the newest few (``SHOWN_EVIDENCE``) of ``event_count`` and
    ``grant_count``; ``goals`` are those of all the evidence.
    """

    first: Organisation
    second: Organisation
    event_count: int = 0
    grant_count: int = 0
    first_year: int | None = None
    last_year: int | None = None
    events: list[Event] = field(default_factory=list)
    grants: list[Grant] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)

    @property
    def weight(self) -> int:
        return self.event_count + self.grant_count

    @property
    def more_events(self) -> int:
        return self.event_count - len(self.events)

    @property
    def more_grants(self) -> int:
        return self.grant_count - len(self.grants)

    @property
    def years(self) -> list[int]:
        """The first and the last year of the evidence; one if they are the same."""
        return sorted({year for year in (self.first_year, self.last_year) if year})

    @property
    def kind(self) -> str:
        return kind_of(self.first, self.second)

    @property
    def is_state_and_civil_society(self) -> bool:
        return self.kind == "state-ngo"

    def partner_of(self, organisation: Organisation) -> Organisation:
        return self.second if organisation == self.first else self.first


@dataclass(frozen=True)
class Narrowing:
    """What a reader narrowed the partnerships to: evidence by goal and year, pairs by
    organisation and kind (a key of ``KINDS``)."""

    goal: int | None = None
    year: int | None = None
    organisation_id: int | None = None
    kind: str = ""


# (first id, second id, joint events, joint grants, first year, last year) of a pair, the
# first organisation the first by name.
RankedPair = tuple[int, int, int, int, int | None, int | None]


class RankedPartnerships:
    """The partnerships asked for in the order asked for, read a slice at a time.

    What Django's paginator takes: ``count()``, then a slice. Pairs are ranked in the
    database a block at a time, each block kept per data version with the number of pairs;
    the evidence is read for the pairs of the slice only, in a fixed number of queries.
    """

    def __init__(self, narrowing: Narrowing, ordering: str) -> None:
        self.narrowing = narrowing
        self.ordering = ordering

    def count(self) -> int:
        return _ranked_block(self.narrowing, self.ordering, 0)[1]

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Partnership]:
        start, stop, _step = index.indices(self.count())
        return _page(self.narrowing, self.ordering, start, stop)

    def pairs(self, index: slice) -> list[Partnership]:
        """The partnerships of a slice with their counts and years but no evidence."""
        start, stop, _step = index.indices(self.count())
        ranked = [
            pair
            for block in range(start // RANKED_BLOCK, max(stop - 1, start) // RANKED_BLOCK + 1)
            for pair in _ranked_block(self.narrowing, self.ordering, block)[0]
        ][start % RANKED_BLOCK :][: stop - start]
        organisations = Organisation.objects.only("name", "slug", "acronym", "sector").in_bulk(
            {pk for pair in ranked for pk in pair[:2]}
        )
        return [
            Partnership(organisations[first], organisations[second], *evidence)
            for first, second, *evidence in ranked
        ]


def partnerships(
    *,
    goal: int | None = None,
    year: int | None = None,
    organisation: Organisation | None = None,
    kind: str = "",
    ordering: str = "strongest",
) -> RankedPartnerships:
    """Pairs of organisations that took part in the same event or grant, strongest first.

    Taking part in an event is organising it, partnering in it or sending a speaker; in a
    grant, funding, operating or receiving it. ``goal`` and ``year`` narrow the evidence;
    ``organisation`` and ``kind`` the pairs. ``ordering`` is "strongest" (the most joint
    events and grants, then the latest year, then the names) or "newest" (the latest year
    first, then as the strongest).
    """
    if ordering not in ORDERINGS:
        raise ValueError(f"Unknown ordering {ordering!r}")
    narrowing = Narrowing(goal, year, organisation.pk if organisation is not None else None, kind)
    return RankedPartnerships(narrowing, ordering)


@per_data_version
def _page(narrowing: Narrowing, ordering: str, start: int, stop: int) -> list[Partnership]:
    """The partnerships from ``start`` to ``stop`` with their evidence, kept per data version:
    the evidence of the strongest pairs is thousands of records."""
    found = RankedPartnerships(narrowing, ordering).pairs(slice(start, stop))
    return _with_evidence(found, narrowing)


@per_data_version
def _ranked_block(narrowing: Narrowing, ordering: str, block: int) -> tuple[list[RankedPair], int]:
    """The ``block``-th ``RANKED_BLOCK`` pairs in order, and how many pairs there are.

    Ranking every pair reads all the evidence (some seconds for a million pairs): each
    block is kept per data version, a few numbers a pair.
    """
    sql, params = _ranked_sql(narrowing, ordering)
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT %s OFFSET %s", [*params, RANKED_BLOCK, block * RANKED_BLOCK])
        rows = cursor.fetchall()
    if not rows and block:  # past the end: the count still answers
        return [], _ranked_block(narrowing, ordering, 0)[1]
    return [tuple(row[:6]) for row in rows], rows[0][6] if rows else 0


def _tables() -> dict[str, str]:
    """Quoted names of the tables partnerships are read from."""
    return {
        name: connection.ops.quote_name(table)
        for name, table in (
            ("event", Event._meta.db_table),
            ("listed", EventOrganisation._meta.db_table),
            ("speaking", EventSpeaker._meta.db_table),
            ("grant", Grant._meta.db_table),
            ("organisation", Organisation._meta.db_table),
            ("event_goals", Event.goals.through._meta.db_table),
            ("grant_goals", Grant.goals.through._meta.db_table),
        )
    }


def _evidence_sql(
    narrowing: Narrowing, organisations: str = "", organisation_params: Iterable = ()
) -> tuple[str, list]:
    """CTEs ``event_taking_part`` (event_id, organisation_id) and ``grant_taking_part``
    (id, year, organisation_id): who took part in the evidence the narrowing keeps, among
    the organisations ``organisations`` lists (ids or a subquery of them; all if "")."""
    tables = _tables()
    event_conditions, event_params = [], []
    grant_conditions, grant_params = [], []
    if narrowing.goal:
        event_conditions.append(
            f"id IN (SELECT event_id FROM {tables['event_goals']} WHERE goal_id = %s)"
        )
        grant_conditions.append(
            f"id IN (SELECT grant_id FROM {tables['grant_goals']} WHERE goal_id = %s)"
        )
        event_params.append(narrowing.goal)
        grant_params.append(narrowing.goal)
    if narrowing.year:
        event_conditions.append("start_date >= %s AND start_date < %s")
        event_params += [date(narrowing.year, 1, 1), date(narrowing.year + 1, 1, 1)]
        grant_conditions.append("year = %s")
        grant_params.append(narrowing.year)
    if narrowing.organisation_id is not None:
        event_conditions.append(
            f"id IN (SELECT event_id FROM {tables['listed']} WHERE organisation_id = %s"
            f" UNION SELECT event_id FROM {tables['speaking']} WHERE organisation_id = %s)"
        )
        event_params += [narrowing.organisation_id] * 2
        grant_conditions.append("%s IN (funder_id, operator_id, recipient_id)")
        grant_params.append(narrowing.organisation_id)
    events = ""
    if event_conditions:
        events = (
            f" AND event_id IN (SELECT id FROM {tables['event']}"
            f" WHERE {' AND '.join(event_conditions)})"
        )
    chosen = f" AND organisation_id IN ({organisations})" if organisations else ""
    event_sql = f"""
        event_taking_part AS (
            SELECT event_id, organisation_id FROM {tables["listed"]} WHERE 1 = 1{events}{chosen}
            UNION
            SELECT event_id, organisation_id FROM {tables["speaking"]}
            WHERE organisation_id IS NOT NULL{events}{chosen}
        )"""
    grant_where = "".join(f" AND {condition}" for condition in grant_conditions)
    branches = [
        f"SELECT id, year, {role} AS organisation_id FROM {tables['grant']}"
        f" WHERE {role} IS NOT NULL{grant_where}"
        + (f" AND {role} IN ({organisations})" if organisations else "")
        for role in ("funder_id", "operator_id", "recipient_id")
    ]
    grant_sql = f"""
        grant_taking_part AS ({" UNION ".join(branches)})"""
    chosen_params = list(organisation_params)
    return f"{event_sql},{grant_sql}", [
        *[*event_params, *chosen_params] * 2,
        *[*grant_params, *chosen_params] * 3,
    ]


def _ranked_sql(narrowing: Narrowing, ordering: str) -> tuple[str, list]:
    """SQL of every pair the narrowing keeps with its evidence counted, in order, counted.

    Organisations are numbered by name first, so that a pair is found once, in the order of
    its names, and the pairs are sorted by numbers only.
    """
    tables = _tables()
    sectors = sorted(KINDS[narrowing.kind][1]) if narrowing.kind else []
    evidence_sql, evidence_params = _evidence_sql(narrowing)
    year_sql, year_params = connection.ops.date_extract_sql("year", "e.start_date", ())
    # Pairs of the kind asked for are of two different sectors, both of the kind's; pairs of
    # an organisation are kept before they are counted.
    pair_condition = " AND b.sector <> a.sector" if sectors else ""
    pair_params = []
    if narrowing.organisation_id is not None:
        pair_condition += " AND %s IN (a.organisation_id, b.organisation_id)"
        pair_params = [narrowing.organisation_id]
    latest = "COALESCE(last_year, 0) DESC"
    strongest = f"events + grants DESC, {latest}, first_rank, second_rank"
    order = strongest if ordering == "strongest" else f"{latest}, {strongest}"
    # Each organisation once an event or grant (the unions drop repeats, such as an organiser
    # who also sent a speaker).
    sql = f"""
        WITH ranks AS (
            SELECT id, sector, ROW_NUMBER() OVER (ORDER BY LOWER(name), id) AS rank
            FROM {tables["organisation"]} {"WHERE sector IN (%s, %s)" if sectors else ""}
        ), {evidence_sql},
        event_ranked AS (
            SELECT t.event_id, t.organisation_id, r.rank, r.sector
            FROM event_taking_part t JOIN ranks r ON r.id = t.organisation_id
        ), grant_ranked AS (
            SELECT t.id, t.year, t.organisation_id, r.rank, r.sector
            FROM grant_taking_part t JOIN ranks r ON r.id = t.organisation_id
        ), evidence AS (
            SELECT a.organisation_id AS first_id, b.organisation_id AS second_id,
                a.rank AS first_rank, b.rank AS second_rank, 1 AS events, 0 AS grants,
                {year_sql} AS year
            FROM event_ranked a
            JOIN event_ranked b ON b.event_id = a.event_id AND b.rank > a.rank{pair_condition}
            JOIN {tables["event"]} e ON e.id = a.event_id
            UNION ALL
            SELECT a.organisation_id, b.organisation_id, a.rank, b.rank, 0, 1, a.year
            FROM grant_ranked a
            JOIN grant_ranked b ON b.id = a.id AND b.rank > a.rank{pair_condition}
        ), pairs AS (
            SELECT first_id, second_id, first_rank, second_rank,
                CAST(SUM(events) AS INTEGER) AS events, CAST(SUM(grants) AS INTEGER) AS grants,
                CAST(MIN(year) AS INTEGER) AS first_year, CAST(MAX(year) AS INTEGER) AS last_year
            FROM evidence
            GROUP BY first_id, second_id, first_rank, second_rank
        )
        SELECT first_id, second_id, events, grants, first_year, last_year, COUNT(*) OVER ()
        FROM pairs ORDER BY {order}
    """
    return sql, [*sectors, *evidence_params, *year_params, *pair_params, *pair_params]


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
    def evidence(self) -> str:
        """What the two did together in words, e.g. "3 joint events; 1 grant given to them", in
        the active language (one call, not a template's four plural blocks per partner)."""
        counted = [
            (self.joint_events, "%(counter)s joint event", "%(counter)s joint events"),
            (self.grants_to, "%(counter)s grant given to them", "%(counter)s grants given to them"),
            (
                self.grants_from,
                "%(counter)s grant received from them",
                "%(counter)s grants received from them",
            ),
            (
                self.other_joint_grants,
                "%(counter)s other joint grant",
                "%(counter)s other joint grants",
            ),
        ]
        return "; ".join(
            ngettext(singular, plural, count) % {"counter": count}
            for count, singular, plural in counted
            if count
        )

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
    tables = _tables()
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


def _with_evidence(found: list[Partnership], narrowing: Narrowing) -> list[Partnership]:
    """Give each partnership its newest events and grants and its goals, in four queries."""
    if not found:
        return found
    by_pair = {_pair_key(p.first.pk, p.second.pk): p for p in found}
    joint_sql, params = _joint_sql(list(by_pair), narrowing)
    tables = _tables()
    for name, model, table, joint, dated in (
        ("events", Event, tables["event"], "joint_events", "e.start_date"),
        ("grants", Grant, tables["grant"], "joint_grants", "e.year"),
    ):
        records = model.objects.raw(
            f"""{joint_sql}
            SELECT * FROM (
                SELECT e.id, e.slug, e.title, {dated}, j.first_id AS pair_first,
                    j.second_id AS pair_second,
                    ROW_NUMBER() OVER (
                        PARTITION BY j.first_id, j.second_id
                        ORDER BY {dated} DESC NULLS LAST, e.title, e.id
                    ) AS n
                FROM {joint} j JOIN {table} e ON e.id = j.id
            ) newest
            WHERE n <= %s ORDER BY n""",
            [*params, SHOWN_EVIDENCE],
        )
        for record in records:
            getattr(by_pair[(record.pair_first, record.pair_second)], name).append(record)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""{joint_sql}
            SELECT j.first_id, j.second_id, l.goal_id
            FROM joint_events j JOIN {tables["event_goals"]} l ON l.event_id = j.id
            UNION
            SELECT j.first_id, j.second_id, l.goal_id
            FROM joint_grants j JOIN {tables["grant_goals"]} l ON l.grant_id = j.id""",
            params,
        )
        links = sorted(cursor.fetchall(), key=lambda link: link[2])
    goals = Goal.objects.in_bulk({goal for _first, _second, goal in links})
    for first, second, goal in links:
        by_pair[(first, second)].goals.append(goals[goal])
    return found


def _pair_key(first: int, second: int) -> tuple[int, int]:
    return (first, second) if first < second else (second, first)


def _joint_sql(pairs: list[tuple[int, int]], narrowing: Narrowing) -> tuple[str, list]:
    """CTEs ``joint_events`` and ``joint_grants`` (first_id, second_id, id): the evidence
    the narrowing keeps of each pair (lower id first)."""
    ids = sorted({pk for pair in pairs for pk in pair})
    evidence_sql, params = _evidence_sql(narrowing, ", ".join(["%s"] * len(ids)), ids)
    shown = ", ".join(["(%s, %s)"] * len(pairs))
    sql = f"""
        WITH {evidence_sql},
        shown (first_id, second_id) AS (VALUES {shown}),
        joint_events AS MATERIALIZED (
            SELECT s.first_id, s.second_id, a.event_id AS id
            FROM shown s
            JOIN event_taking_part a ON a.organisation_id = s.first_id
            JOIN event_taking_part b
                ON b.organisation_id = s.second_id AND b.event_id = a.event_id
        ), joint_grants AS MATERIALIZED (
            SELECT s.first_id, s.second_id, a.id
            FROM shown s
            JOIN grant_taking_part a ON a.organisation_id = s.first_id
            JOIN grant_taking_part b ON b.organisation_id = s.second_id AND b.id = a.id
        )"""
    return sql, [*params, *(pk for pair in pairs for pk in pair)]


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
    found: RankedPartnerships, *, limit: int = 60, width: int = 1000
) -> NetworkPicture | None:
    """The ``limit`` strongest of the partnerships drawn as a network ``width`` units wide.

    Each group of connected organisations gets a spring layout (seeded, so the picture is
    the same each time) in a square of its own, the largest groups first, row by row.
    Organisations with more partners are drawn larger; the best connected are labelled.
    Kept per data version.
    """
    return _network_picture(found.narrowing, limit, width)


@per_data_version
def _network_picture(narrowing: Narrowing, limit: int, width: int) -> NetworkPicture | None:
    strongest = RankedPartnerships(narrowing, "strongest")
    shown = strongest.pairs(slice(0, limit))
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
    return NetworkPicture(ordered, links, width, height, strongest.count() - len(shown))


def _shelves(sides: list[float], width: int) -> list[tuple[float, float, float]]:
    """(left, top, side) of squares of the given sides, placed in rows ``width`` wide."""
    placed, left, top, row_height = [], 0.0, 0.0, 0.0
    for side in sides:
        if left + side > width:
            left, top, row_height = 0.0, top + row_height, 0.0
        placed.append((left, top, side))
        left, row_height = left + side, max(row_height, side)
    return placed
