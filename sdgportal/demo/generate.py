"""Generate the demo data set: counts from a scale, a seeded random order, one transaction."""

from collections.abc import Callable
from random import Random

from django.db import connection, transaction

from events.models import Event
from indicators.models import Observation
from organisations.models import Grant, Organisation, Person
from sdgportal.caching import note_data_change
from sdgportal.demo import activity, records, statistics
from sdgportal.demo.skew import Skewed

# Records at scale 1; other scales multiply them.
SCALE_ONE = {
    "organisations": 20_000,
    "people": 50_000,
    "events": 100_000,
    "grants": 100_000,
    "observations": 1_000_000,
}
CHECKED_MODELS = [Event, Organisation, Person, Grant, Observation]


class DatabaseNotEmpty(Exception):
    """The database already holds records; demo data goes only into an empty one."""


def demo_counts(scale: float) -> dict[str, int]:
    """How many of each record a (positive) scale asks for: at least one of each."""
    return {kind: max(1, round(count * scale)) for kind, count in SCALE_ONE.items()}


def existing_records() -> dict[str, int]:
    """How many records of each kind the database already holds, kinds with none left out."""
    counts = {model._meta.verbose_name_plural: model.objects.count() for model in CHECKED_MODELS}
    return {str(kind): count for kind, count in counts.items() if count}


def generate_demo_data(
    *, scale: float, seed: int, report: Callable[[str], None] = lambda _line: None
) -> dict[str, int]:
    """Fill an empty database with demo data; the counts created, by kind.

    All or nothing, in one transaction. Bulk inserts write no history versions and send no
    signals; what ``save()`` would compute (headline flags, sort keys) is set by hand.
    Raises ``DatabaseNotEmpty`` if events, organisations, people, grants or observations exist.
    """
    counts = demo_counts(scale)
    if existing := existing_records():
        held = ", ".join(f"{kind}: {count}" for kind, count in existing.items())
        raise DatabaseNotEmpty(f"The database already holds records ({held}).")
    rng = Random(seed)
    created: dict[str, int] = {}

    def done(counted: dict[str, int]) -> None:
        created.update(counted)
        report(", ".join(f"{count} {kind}" for kind, count in counted.items()))

    with transaction.atomic():
        organisations = records.create_organisations(counts["organisations"], rng)
        people = records.create_people(counts["people"], rng)
        ranked = Skewed(organisations, exponent=0.9)
        positions = records.create_positions([person for person, _ in people], ranked, rng)
        done({"organisations": len(organisations), "people": len(people)})
        articles = records.create_source(
            max(1, counts["events"] // 20), [spellings for _, spellings in people], rng
        )
        actors = activity.Actors(
            organisations=ranked,
            people=Skewed(people, exponent=0.8),
            positions=positions,
            articles=articles,
            targets_of_goal=activity.targets_by_goal(),
        )
        done(activity.create_events(counts["events"], actors, rng))
        done(activity.create_grants(counts["grants"], actors, rng))
        done(statistics.create_statistics(counts["observations"], organisations, rng))
    note_data_change()  # bulk inserts send no signal
    _tidy_after_bulk_load()
    return created


def _tidy_after_bulk_load() -> None:
    """On PostgreSQL, VACUUM ANALYZE: statistics for the planner, and the rows the search
    indexes hold pending merged in (a GIN index reads its pending list at every search).
    VACUUM cannot run inside a transaction, so a caller's transaction skips it."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
