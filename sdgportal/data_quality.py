"""Records that lack what makes them useful: an event without a date or a place, a grant without
an amount or a funder, a person without an organisation, an organisation without a sector."""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    Model,
    OuterRef,
    Q,
    Window,
)
from django.db.models.options import Options
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventSpeaker
from organisations.models import Grant, Organisation, Person, Position

SHOWN = 50


@dataclass(frozen=True)
class Rule:
    """A kind of record and its essentials, each with the condition under which it is missing."""

    model: type[Model]
    title: Promise
    essentials: dict[str, tuple[Promise, Q]]

    @property
    def opts(self) -> Options:
        return self.model._meta

    @property
    def broken(self) -> Q:
        """Records missing any of the essentials."""
        return reduce(or_, (condition for _label, condition in self.essentials.values()))


RULES = (
    Rule(
        Event,
        _("Events without a date or a place"),
        {
            "date": (_("date"), Q(start_date__isnull=True)),
            "place": (_("place (a city, or online)"), Q(city="", is_online=False)),
        },
    ),
    Rule(
        Grant,
        _("Grants without an amount or a funder"),
        {
            "amount": (_("amount"), Q(amount__isnull=True)),
            "funder": (_("funder"), Q(funder__isnull=True)),
        },
    ),
    Rule(
        Person,
        _("People without an organisation"),
        {
            # neither a position at an organisation nor a speaking appearance for one
            "organisation": (
                _("organisation"),
                ~Exists(Position.objects.filter(person=OuterRef("pk"), organisation__isnull=False))
                & ~Exists(
                    EventSpeaker.objects.filter(person=OuterRef("pk"), organisation__isnull=False)
                ),
            ),
        },
    ),
    Rule(
        Organisation,
        _("Organisations without a sector"),
        {"sector": (_("sector"), Q(sector=""))},
    ),
)
RULES_BY_MODEL = {rule.model: rule for rule in RULES}


@dataclass(frozen=True)
class Shortcoming:
    record: Model
    missing: list[Promise]


@dataclass(frozen=True)
class Findings:
    rule: Rule
    total: int
    shown: list[Shortcoming]


def records_missing_essentials(rule: Rule, *, limit: int = SHOWN) -> Findings:
    """The first ``limit`` records breaking the rule, what each misses, and how many break it,
    all in one query."""
    flags = {
        f"missing_{name}": ExpressionWrapper(condition, output_field=BooleanField())
        for name, (_label, condition) in rule.essentials.items()
    }
    records = list(
        rule.model._default_manager.filter(rule.broken)
        .annotate(**flags, total=Window(Count("pk")))  # the count before LIMIT
        .order_by(*rule.opts.ordering, "pk")[:limit]
    )
    shown = [
        Shortcoming(
            record,
            [
                label
                for name, (label, _condition) in rule.essentials.items()
                if getattr(record, f"missing_{name}")
            ],
        )
        for record in records
    ]
    return Findings(rule, records[0].total if records else 0, shown)
