"""Reusable reads about organisations and people."""

from collections import Counter

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from events.models import EventOrganisation, EventSpeaker
from indicators.models import Goal, IndicatorOrganisation
from organisations.models import Grant, Organisation, Person, Position
from sdgportal.caching import per_data_version, per_query_and_data_version
from sdgportal.selectors import citations_prefetch

NEWEST_EVENT_FIRST = (F("event__start_date").desc(nulls_last=True), "event__title")
MOST_ACTIVE_CHOICES = 200  # organisations offered by a filter; the others a link away


def organisations_working_on(goal: int, organisations: QuerySet | None = None) -> QuerySet:
    """Organisations with an event, a grant or a national indicator on ``goal``."""
    grants = Grant.objects.filter(goals=goal)
    return (Organisation.objects.all() if organisations is None else organisations).filter(
        Q(pk__in=EventOrganisation.objects.filter(event__goals=goal).values("organisation"))
        | Q(pk__in=grants.values("funder"))
        | Q(pk__in=grants.values("recipient"))
        | Q(
            pk__in=IndicatorOrganisation.objects.filter(indicator__goal=goal).values("organisation")
        )
    )


def people_of(organisation: Organisation, people: QuerySet | None = None) -> QuerySet:
    """People holding a position at ``organisation`` or speaking for it at an event."""
    return (Person.objects.all() if people is None else people).filter(
        Q(pk__in=Position.objects.filter(organisation=organisation).values("person"))
        | Q(pk__in=EventSpeaker.objects.filter(organisation=organisation).values("person"))
    )


def people_with_positions() -> QuerySet[Person]:
    """People with their positions, the latest first (undated last)."""
    return Person.objects.prefetch_related(
        Prefetch(
            "positions",
            queryset=Position.objects.select_related("organisation").order_by(
                F("start_date").desc(nulls_last=True), "pk"
            ),
        )
    )


def people_in_full() -> QuerySet[Person]:
    """People with their positions and the slugs of the events they spoke at, newest first
    (undated last): only what the API shows of each event, as a person may have thousands."""
    return people_with_positions().prefetch_related(
        Prefetch(
            "appearances",
            queryset=EventSpeaker.objects.select_related("event")
            .only("person_id", "event__slug", "event__start_date", "event__title")
            .order_by(*NEWEST_EVENT_FIRST),
        ),
    )


def people_with_event_counts() -> QuerySet[Person]:
    """People with their positions and how many events each spoke at, for a list."""
    events = (
        EventSpeaker.objects.filter(person=OuterRef("pk"))
        .order_by()
        .values("person")
        .annotate(count=Count("event", distinct=True))
        .values("count")
    )
    return people_with_positions().annotate(event_count=Coalesce(Subquery(events), 0))


def appearances_of(person: Person) -> QuerySet[EventSpeaker]:
    """The person's appearances with their events and organisations, newest first."""
    return (
        EventSpeaker.objects.filter(person=person)
        .select_related("event", "organisation")
        .order_by(*NEWEST_EVENT_FIRST, "pk")
    )


def people_with_sources() -> QuerySet[Person]:
    """People with their positions and the citations that source them."""
    return people_with_positions().prefetch_related(citations_prefetch())


def goals_spoken_on(person: Person) -> QuerySet[Goal]:
    """The goals of the events ``person`` spoke at, each once, by number."""
    return Goal.objects.filter(events__appearances__person=person).distinct().order_by("number")


def grants_in_full() -> QuerySet[Grant]:
    """Grants with their organisations, goals, targets and sources."""
    return Grant.objects.select_related("funder", "operator", "recipient").prefetch_related(
        "goals", "targets", citations_prefetch()
    )


def other_grants_of_funder(grant: Grant, *, limit: int = 5) -> QuerySet[Grant]:
    """The funder's other grants with their recipients, newest first (undated last)."""
    if grant.funder_id is None:
        return Grant.objects.none()
    return (
        Grant.objects.filter(funder_id=grant.funder_id)
        .exclude(pk=grant.pk)
        .select_related("recipient")
        .newest_first()[:limit]
    )


def participations_of(organisation: Organisation) -> QuerySet[EventOrganisation]:
    """The organisation's parts in events, with the events, newest first (undated last)."""
    return (
        EventOrganisation.objects.filter(organisation=organisation)
        .select_related("event")
        .order_by(*NEWEST_EVENT_FIRST, "pk")
    )


def positions_at(organisation: Organisation) -> QuerySet[Position]:
    """Positions held at the organisation, with their people, by the person's name."""
    return (
        Position.objects.filter(organisation=organisation)
        .select_related("person")
        .order_by("person__name", F("start_date").desc(nulls_last=True), "pk")
    )


def grant_totals(grants: QuerySet[Grant]) -> list[dict]:
    """Per currency: how many of ``grants`` have an amount, and their sum; once per data
    version and filter (all grants are summed from the whole table)."""
    totals = (
        grants.exclude(currency="")
        .filter(amount__isnull=False)
        .order_by("currency")
        .values("currency")
        .annotate(count=Count("pk"), total=Sum("amount"))
    )
    return per_query_and_data_version("totals", totals, list)


def organisation_choices(*having: str, chosen: str | None = None) -> list[tuple[str, str]]:
    """(slug, name) for an organisation filter, by name: the ``MOST_ACTIVE_CHOICES``
    organisations with the most ``having`` records ("positions"…), and the ``chosen`` one.
    Others are a link away, from their own page."""
    choices = most_active_organisations(having)
    if chosen and chosen not in dict(choices):
        choices += Organisation.objects.filter(slug=chosen).values_list("slug", "name")
    return sorted(choices, key=lambda choice: (choice[1].casefold(), choice[0]))


@per_data_version
def most_active_organisations(having: tuple[str, ...]) -> list[tuple[str, str]]:
    """(slug, name) of the ``MOST_ACTIVE_CHOICES`` organisations with the most ``having``
    records, each relation counted in its own table (a join of them all would multiply)."""
    records: Counter[int] = Counter()
    for relation in having:
        rows = Organisation._meta.get_field(relation)
        counted = (
            rows.related_model.objects.order_by()
            .values(rows.field.attname)
            .annotate(records=Count("*"))
            .values_list(rows.field.attname, "records")
        )
        records.update(dict(counted.exclude(**{rows.field.attname: None})))
    most = [pk for pk, _count in records.most_common(MOST_ACTIVE_CHOICES)]
    return list(Organisation.objects.filter(pk__in=most).values_list("slug", "name"))


def grant_years() -> list[int]:
    """The years grants were made in, newest first."""
    years = (
        Grant.objects.filter(year__isnull=False).order_by("-year").values_list("year", flat=True)
    )
    return list(years.distinct())
