"""Reusable reads about organisations and people."""

from django.db.models import Q, QuerySet

from events.models import EventOrganisation, EventSpeaker
from indicators.models import IndicatorOrganisation
from organisations.models import Grant, Organisation, Person, Position


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
