"""Demo events (organisers, partners, speakers, goals) and grants, each citing the demo news.

Written in chunks, so that a million rows never sit in memory at once.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from random import Random

from django.contrib.contenttypes.models import ContentType

from events.models import DatePrecision, Event, EventKind, EventOrganisation, EventSpeaker
from indicators.models import Target
from organisations.models import Grant, GrantInstrument, Organisation, Person, Position, Sector
from sdgportal.demo import names
from sdgportal.demo.records import BATCH, Slugs, random_date, review_status
from sdgportal.demo.skew import Skewed
from sdgportal.models import Article, Citation

CHUNK = 5000
TOPICS = [
    ("Ending Poverty in Rural Areas", 1), ("Food Security", 2), ("Healthy Lifestyles", 3),
    ("Inclusive Education", 4), ("Women in Leadership", 5), ("Gender Equality", 5),
    ("Clean Water for Villages", 6), ("Aral Sea Restoration", 6), ("Renewable Energy", 7),
    ("Decent Work for Youth", 8), ("Social Entrepreneurship", 8), ("Digital Innovation", 9),
    ("Rights of Persons with Disabilities", 10), ("Green Cities", 11),
    ("Air Quality in Almaty", 11), ("Circular Economy", 12), ("Climate Action", 13),
    ("Saving the Caspian", 14), ("Protecting the Steppe", 15), ("Access to Justice", 16),
    ("Domestic Violence Prevention", 16), ("Children's Rights", 16),
    ("Partnerships for the SDGs", 17), ("Voluntary National Review", 17),
]  # fmt: skip
MAJOR_KINDS = [EventKind.FORUM, EventKind.CONFERENCE, EventKind.SUMMIT]
OTHER_KINDS = [kind for kind in EventKind if kind not in MAJOR_KINDS]
PARTNER_ROLES = [
    role for role in EventOrganisation.Role if role != EventOrganisation.Role.ORGANISER
]
SPEAKER_ROLES = list(EventSpeaker.Role)


@dataclass
class Actors:
    """Who takes part, drawn with skew, and what the text needs to know about them."""

    organisations: Skewed[Organisation]
    people: Skewed[tuple[Person, names.PersonName]]
    positions: dict[int, Position]
    articles: list[Article]
    targets_of_goal: dict[int, list[int]]


def targets_by_goal() -> dict[int, list[int]]:
    """Primary keys of each goal's targets (none before ``load_sdg_framework``)."""
    by_goal: dict[int, list[int]] = {}
    for pk, goal_id in Target.objects.order_by("sort_key").values_list("pk", "goal_id"):
        by_goal.setdefault(goal_id, []).append(pk)
    return by_goal


def create_events(count: int, actors: Actors, rng: Random) -> dict[str, int]:
    """Events with their organisers, speakers, goals, targets and a citation each."""
    slugs, majors = Slugs(), []
    created = dict.fromkeys(["events", "participations", "speakers", "citations"], 0)
    for first in range(0, count, CHUNK):
        events, links = [], []
        for _number in range(min(CHUNK, count - first)):
            event, link = _event(actors, slugs, majors, rng)
            events.append(event)
            links.append(link)
            if event.kind in MAJOR_KINDS:
                majors.append(event)
        # Forums before their sessions, which need their primary keys.
        for is_session in (False, True):
            batch = [event for event in events if (event.parent is not None) == is_session]
            Event.objects.bulk_create(batch, batch_size=BATCH)
        rows = _event_rows(events, links, actors, rng)
        for model, records in rows.items():
            model.objects.bulk_create(records, batch_size=BATCH)
        created["events"] += len(events)
        created["participations"] += len(rows[EventOrganisation])
        created["speakers"] += len(rows[EventSpeaker])
        created["citations"] += len(rows[Citation])
    return created


@dataclass(frozen=True)
class _Link:
    organisations: list[Organisation]
    speakers: list[tuple[Person, names.PersonName]]
    goals: list[int]  # the topic's first


def _event(actors: Actors, slugs: Slugs, majors: list[Event], rng: Random) -> tuple[Event, _Link]:
    topic, goal = rng.choice(TOPICS)
    town = names.city(rng)[1]
    start = random_date(rng, 2015, 2025)
    parent = rng.choice(majors) if majors and rng.random() < 0.05 else None
    if parent is not None:  # a session of a forum: same place, same days
        kind, start, town = EventKind.SESSION, parent.start_date, parent.city
    else:
        kind = rng.choice(MAJOR_KINDS) if rng.random() < 0.15 else rng.choice(OTHER_KINDS)
    title = f"{kind.label} «{topic}» in {town}"
    article = "An" if kind.label[0] in "AEIOU" else "A"
    speakers = actors.people.distinct(rng, rng.choices(range(7), weights=[2, 3, 4, 3, 2, 1, 1])[0])
    mentioned = ", ".join(rng.choice(spellings.spellings) for _person, spellings in speakers)
    event = Event(
        title=title,
        slug=slugs(f"{title} {start.year}"),
        kind=kind,
        description=f"{article} {kind.label.lower()} on {topic.lower()} in {town}."
        + (f" Speakers: {mentioned}." if mentioned else ""),
        start_date=start,
        start_precision=rng.choices(list(DatePrecision), weights=[90, 8, 2])[0],
        end_date=start + timedelta(days=rng.randrange(1, 3)) if kind in MAJOR_KINDS else None,
        city="" if rng.random() < 0.08 else town,
        is_online=rng.random() < 0.1,
        country="KZ",
        parent=parent,
        review_status=review_status(rng),
    )
    organisations = actors.organisations.distinct(rng, rng.choices(range(1, 6), [4, 3, 2, 1, 1])[0])
    goals = [goal, *sorted(set(rng.sample(range(1, 18), rng.randrange(3))) - {goal})]
    return event, _Link(organisations, speakers, goals)


def _event_rows(
    events: list[Event], links: list[_Link], actors: Actors, rng: Random
) -> dict[type, list]:
    content_type = ContentType.objects.get_for_model(Event)
    rows: dict[type, list] = {
        EventOrganisation: [],
        EventSpeaker: [],
        Event.goals.through: [],
        Event.targets.through: [],
        Citation: [],
    }
    for event, link in zip(events, links, strict=True):
        for number, organisation in enumerate(link.organisations):
            role = EventOrganisation.Role.ORGANISER if number == 0 else rng.choice(PARTNER_ROLES)
            rows[EventOrganisation].append(
                EventOrganisation(event=event, organisation=organisation, role=role)
            )
        for order, (person, _spellings) in enumerate(link.speakers):
            position = actors.positions.get(person.pk)
            rows[EventSpeaker].append(
                EventSpeaker(
                    event=event,
                    person=person,
                    role=rng.choice(SPEAKER_ROLES),
                    title=position.title if position else "",
                    organisation_id=position.organisation_id if position else None,
                    order=order,
                )
            )
        for goal in link.goals:
            rows[Event.goals.through].append(Event.goals.through(event=event, goal_id=goal))
        targets = actors.targets_of_goal.get(link.goals[0], [])
        for target in rng.sample(targets, min(len(targets), rng.randrange(3))):
            rows[Event.targets.through].append(Event.targets.through(event=event, target_id=target))
        rows[Citation].append(_citation(content_type, event.pk, event.description, actors, rng))
    return rows


def _citation(
    content_type: ContentType, pk: int, text: str, actors: Actors, rng: Random
) -> Citation:
    article = rng.choice(actors.articles)
    return Citation(
        content_type=content_type,
        object_id=pk,
        document_id=article.document_id,
        article=article,
        quote=text.split(". ")[0],
    )


def create_grants(count: int, actors: Actors, rng: Random) -> dict[str, int]:
    """Grants from a few big funders (Pareto-skewed) to many small recipients."""
    everyone = actors.organisations.items
    funders = Skewed(
        [o for o in everyone if o.sector in (Sector.STATE, Sector.INTERNATIONAL, Sector.BUSINESS)]
        or everyone,
        exponent=1.2,
    )
    recipients = Skewed([o for o in everyone if o.sector == Sector.NGO] or everyone, exponent=0.7)
    operators = recipients.items[:3]
    content_type = ContentType.objects.get_for_model(Grant)
    slugs, created = Slugs(), {"grants": 0}
    for first in range(0, count, CHUNK):
        grants, goals = zip(
            *(
                _grant(first + number + 1, funders, recipients, operators, slugs, rng)
                for number in range(min(CHUNK, count - first))
            ),
            strict=True,
        )
        Grant.objects.bulk_create(grants, batch_size=BATCH)
        goal_rows, citations = [], []
        for grant, goal in zip(grants, goals, strict=True):
            for goal_id in sorted({goal, rng.randrange(1, 18)}):
                goal_rows.append(Grant.goals.through(grant=grant, goal_id=goal_id))
            citations.append(_citation(content_type, grant.pk, grant.purpose, actors, rng))
        Grant.goals.through.objects.bulk_create(goal_rows, batch_size=BATCH)
        Citation.objects.bulk_create(citations, batch_size=BATCH)
        created["grants"] += len(grants)
    return created


def _grant(
    number: int,
    funders: Skewed[Organisation],
    recipients: Skewed[Organisation],
    operators: list[Organisation],
    slugs: Slugs,
    rng: Random,
) -> tuple[Grant, int]:
    """A grant and the goal of its topic."""
    funder, recipient = funders.draw(rng), recipients.draw(rng)
    topic, goal = rng.choice(TOPICS)
    town = names.city(rng)[1]
    award = random_date(rng, 2012, 2025)
    if funder.sector == Sector.STATE:
        instrument = rng.choice([GrantInstrument.STATE_SOCIAL_ORDER, GrantInstrument.STATE_GRANT])
        currency, amount = "KZT", 1_000_000 * rng.paretovariate(1.3)
    elif funder.sector == Sector.INTERNATIONAL:
        instrument, currency = GrantInstrument.DONOR_GRANT, rng.choice(["USD", "EUR"])
        amount = 5_000 * rng.paretovariate(1.3)
    else:
        instrument, currency = GrantInstrument.NGO_AWARD, "KZT"
        amount = 200_000 * rng.paretovariate(1.5)
    title = f"{topic}: a project in {town}"
    grant = Grant(
        identifier=f"360G-demo-{number:07d}",
        slug=slugs(f"{title} {award.year}"),
        title=title,
        funder=funder,
        operator=rng.choice(operators) if instrument == GrantInstrument.STATE_GRANT else None,
        recipient=recipient,
        instrument=instrument,
        purpose=f"{recipient.name} works on {topic.lower()} in {town}. Funded by {funder.name}.",
        amount=Decimal(round(min(amount, 1e13), -3)).quantize(Decimal("0.01")),
        currency=currency,
        award_date=award if rng.random() < 0.7 else None,
        year=award.year,
        review_status=review_status(rng),
    )
    return grant, goal
