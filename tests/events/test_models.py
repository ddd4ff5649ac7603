from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from events.models import Event, EventOrganisation
from tests.factories import (
    EventFactory,
    EventOrganisationFactory,
    EventSpeakerFactory,
    OrganisationFactory,
    goal,
)

pytestmark = pytest.mark.django_db


def test_event_cannot_end_before_it_starts():
    event = EventFactory.build(start_date=date(2023, 9, 20), end_date=date(2023, 9, 18))

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert error.value.messages == [
        "The end date cannot be before the start date, nor given without one."
    ]


def test_event_end_before_start_is_refused_by_the_database():
    event = EventFactory(start_date=date(2023, 9, 20))

    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(end_date=date(2023, 9, 18))


def test_event_may_end_on_the_day_it_starts():
    event = EventFactory(start_date=date(2023, 9, 20), end_date=date(2023, 9, 20))

    event.full_clean()


def test_event_with_only_a_month_keeps_its_precision():
    event = EventFactory(start_date=date(2021, 4, 1), start_precision="month")

    stored = Event.objects.get(pk=event.pk)

    assert (stored.start_date, stored.start_precision) == (date(2021, 4, 1), "month")


def test_event_slugs_are_unique():
    EventFactory(slug="sdg-summit-2023")

    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(slug="sdg-summit-2023")


def test_online_event_location_reads_online():
    assert EventFactory.build(city="", is_online=True).location == "Online"
    assert EventFactory.build(city="Almaty", is_online=False).location == "Almaty"


def test_event_cannot_be_part_of_its_own_part():
    forum = EventFactory()
    session = EventFactory(parent=forum)
    forum.parent = session

    with pytest.raises(ValidationError) as error:
        forum.full_clean()

    assert error.value.message_dict == {
        "parent": ["An event cannot be part of itself or of a part of it."]
    }


def test_event_links_organisers_speakers_and_goals():
    event = EventFactory()
    organiser = EventOrganisationFactory(event=event, role="organiser").organisation
    partner = EventOrganisationFactory(event=event, role="partner").organisation
    speaker = EventSpeakerFactory(event=event, role="moderator", title="Director")
    event.goals.add(goal(16), goal(5))

    assert sorted(event.organisations.values_list("name", "participations__role")) == sorted(
        [(organiser.name, "organiser"), (partner.name, "partner")]
    )
    assert list(event.appearances.values_list("person__name", "role", "title")) == [
        (speaker.person.name, "moderator", "Director")
    ]
    assert list(event.goals.values_list("number", flat=True)) == [5, 16]


def test_organisation_has_one_role_per_event_once():
    participation = EventOrganisationFactory(role="partner")
    duplicate = EventOrganisation(
        event=participation.event, organisation=participation.organisation, role="partner"
    )

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()

    assert error.value.messages == ["This organisation already has this role here."]


def test_organisation_may_both_organise_and_partner():
    participation = EventOrganisationFactory(role="organiser")

    EventOrganisationFactory(
        event=participation.event, organisation=participation.organisation, role="partner"
    )

    assert participation.event.participations.count() == 2


def test_speaker_keeps_title_and_organisation_as_stated_at_the_event():
    organisation = OrganisationFactory(name="UN in Kazakhstan")
    speaker = EventSpeakerFactory(title="UN Resident Coordinator", organisation=organisation)

    assert str(speaker.organisation) == "UN in Kazakhstan"
    assert speaker.title == "UN Resident Coordinator"


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_kind_label_is_the_kinds_display_in_the_active_language(language):
    event = Event(kind="side_event")

    with translation.override(language):
        assert str(event.kind_label) == event.get_kind_display()


def test_kind_label_of_an_unknown_kind_is_the_kind_itself():
    assert Event(kind="picnic").kind_label == "picnic"
