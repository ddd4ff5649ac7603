"""Related rows read as JSON in the query of the records they belong to."""

import pytest
from django.db.models import OuterRef, Subquery

from events.models import Event, EventOrganisation
from organisations.models import Organisation
from sdgportal.related_rows import RelatedRows
from tests.factories import EventFactory, EventOrganisationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def organisations_by_name() -> RelatedRows:
    participations = EventOrganisation.objects.filter(event=OuterRef("pk")).order_by(
        "organisation__name"
    )
    return RelatedRows(participations, "organisation__name", "role", "organisation__country")


def test_rows_come_in_the_subquerys_order_with_every_column_and_none_as_an_empty_list():
    event, lonely = EventFactory(slug="forum"), EventFactory(slug="lonely")
    for name, country in [("UNICEF", ""), ("Akimat of Almaty", "KZ"), ("OSCE", "AT")]:
        organisation = OrganisationFactory(name=name, country=country)
        EventOrganisationFactory(event=event, organisation=organisation, role="partner")

    rows = dict(Event.objects.annotate(rows=organisations_by_name()).values_list("slug", "rows"))

    assert rows == {
        "forum": [
            ["Akimat of Almaty", "partner", "KZ"],
            ["OSCE", "partner", "AT"],
            ["UNICEF", "partner", ""],
        ],
        lonely.slug: [],
    }


def test_a_copy_for_an_outer_query_writes_its_own_sql():
    undp = OrganisationFactory(name="UNDP")
    EventOrganisationFactory(event=EventFactory(), organisation=undp)
    annotated = Event.objects.annotate(rows=organisations_by_name())
    direct = annotated.get().rows  # its SQL kept, naming the events table as such

    # Inside another query the events table is renamed: the SQL kept would name no table.
    events = annotated.filter(participations__organisation=OuterRef("pk")).values("rows")
    nested = Organisation.objects.annotate(rows=Subquery(events[:1])).get()

    assert nested.rows == direct == [["UNDP", "organiser", "KZ"]]
