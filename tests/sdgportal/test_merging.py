from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from events.models import Event, EventOrganisation, EventSpeaker
from indicators.models import IndicatorOrganisation
from organisations.models import Grant, Organisation, Person, Position
from sdgportal import merging
from sdgportal.merging import MergeError, merge_records, preview_merge
from sdgportal.models import Citation, MergedRecord, ReviewStatus
from tests import factories

pytestmark = pytest.mark.django_db


def pks(queryset):
    return sorted(queryset.values_list("pk", flat=True))


def test_merging_organisations_moves_every_relation():
    survivor = factories.OrganisationFactory(name="United Nations Development Programme")
    other = factories.OrganisationFactory(name="ПРООН", acronym="UNDP")
    event = factories.EventFactory()
    participation = factories.EventOrganisationFactory(organisation=other, event=event)
    stated = factories.EventSpeakerFactory(organisation=other)
    position = factories.PositionFactory(organisation=other)
    given = factories.GrantFactory(funder=other)
    received = factories.GrantFactory(recipient=other)
    operated = factories.GrantFactory(operator=other)
    responsibility = factories.IndicatorOrganisationFactory(organisation=other)
    child = factories.OrganisationFactory(parent=other)
    citation = factories.CitationFactory(record=other)

    merge_records(survivor, [other])

    assert not Organisation.objects.filter(pk=other.pk).exists()
    assert pks(survivor.participations.all()) == [participation.pk]
    assert pks(survivor.speaker_appearances.all()) == [stated.pk]
    assert pks(survivor.positions.all()) == [position.pk]
    assert pks(survivor.grants_given.all()) == [given.pk]
    assert pks(survivor.grants_received.all()) == [received.pk]
    assert pks(survivor.grants_operated.all()) == [operated.pk]
    assert pks(survivor.indicator_responsibilities.all()) == [responsibility.pk]
    assert pks(survivor.children.all()) == [child.pk]
    assert pks(survivor.citations.all()) == [citation.pk]
    assert list(survivor.events.all()) == [event]


def test_merging_people_moves_positions_appearances_and_citations():
    survivor = factories.PersonFactory(name="Nursultan Nazarbayev")
    other = factories.PersonFactory(name="Нурсултан Назарбаев")
    position = factories.PositionFactory(person=other)
    appearance = factories.EventSpeakerFactory(person=other)
    citation = factories.CitationFactory(record=other)

    merge_records(survivor, [other])

    assert pks(survivor.positions.all()) == [position.pk]
    assert pks(survivor.appearances.all()) == [appearance.pk]
    assert pks(survivor.citations.all()) == [citation.pk]
    assert survivor.aliases == ["Нурсултан Назарбаев"]
    assert not Person.objects.filter(pk=other.pk).exists()


def test_merging_events_moves_participants_speakers_parts_goals_and_citations():
    survivor = factories.EventFactory(title="Civil Forum 2023")
    other = factories.EventFactory(title="Гражданский форум 2023")
    participation = factories.EventOrganisationFactory(event=other)
    speaker = factories.EventSpeakerFactory(event=other)
    part = factories.EventFactory(parent=other)
    other.goals.add(factories.goal(16))
    survivor.goals.add(factories.goal(5))
    citation = factories.CitationFactory(record=other)

    merge_records(survivor, [other])

    assert pks(survivor.participations.all()) == [participation.pk]
    assert pks(survivor.appearances.all()) == [speaker.pk]
    assert pks(survivor.children.all()) == [part.pk]
    assert sorted(survivor.goals.values_list("number", flat=True)) == [5, 16]
    assert pks(survivor.citations.all()) == [citation.pk]
    assert not Event.objects.filter(pk=other.pk).exists()


def test_a_row_the_survivor_has_already_is_kept_once_with_both_rows_sources():
    survivor, other = factories.OrganisationFactory(), factories.OrganisationFactory()
    event = factories.EventFactory()
    kept = factories.EventOrganisationFactory(event=event, organisation=survivor, role="host")
    repeated = factories.EventOrganisationFactory(
        event=event, organisation=other, role="host", review_status=ReviewStatus.IMPORTED
    )
    other_role = factories.EventOrganisationFactory(event=event, organisation=other, role="partner")
    citation = factories.CitationFactory(record=repeated)
    indicator = factories.NationalIndicatorFactory()
    factories.IndicatorOrganisationFactory(indicator=indicator, organisation=survivor)
    factories.IndicatorOrganisationFactory(indicator=indicator, organisation=other)

    merge_records(survivor, [other])

    assert pks(EventOrganisation.objects.all()) == [kept.pk, other_role.pk]
    assert pks(kept.citations.all()) == [citation.pk]
    assert IndicatorOrganisation.objects.filter(indicator=indicator).count() == 1


def test_a_person_with_the_same_position_twice_keeps_it_once():
    organisation = factories.OrganisationFactory()
    survivor, other = factories.PersonFactory(), factories.PersonFactory()
    kept = factories.PositionFactory(person=survivor, organisation=organisation, title="Director")
    factories.PositionFactory(person=other, organisation=organisation, title="Director")
    earlier = factories.PositionFactory(
        person=other, organisation=organisation, title="Director", start_date=date(2015, 1, 1)
    )

    merge_records(survivor, [other])

    assert pks(Position.objects.all()) == [kept.pk, earlier.pk]


def test_two_appearances_in_the_same_role_become_one_with_the_title_filled():
    event = factories.EventFactory()
    survivor, other = factories.PersonFactory(), factories.PersonFactory()
    kept = factories.EventSpeakerFactory(event=event, person=survivor, title="")
    factories.EventSpeakerFactory(event=event, person=other, title="Minister")

    merge_records(survivor, [other])

    kept.refresh_from_db()
    assert list(EventSpeaker.objects.values_list("pk", "title")) == [(kept.pk, "Minister")]


def test_names_acronyms_and_aliases_become_aliases_once():
    survivor = factories.OrganisationFactory(
        name="Eurasia Foundation of Central Asia", acronym="EFCA", aliases=["Eurasia Fund"]
    )
    other = factories.OrganisationFactory(
        name="Фонд Евразия Центральной Азии", acronym="ФЕЦА", aliases=["eurasia fund", "EFCA"]
    )
    third = factories.OrganisationFactory(name="Eurasia Foundation of Central Asia")

    merge_records(survivor, [other, third])

    survivor.refresh_from_db()
    assert survivor.aliases == ["Eurasia Fund", "Фонд Евразия Центральной Азии", "ФЕЦА"]


def test_empty_fields_are_filled_and_the_survivors_values_kept():
    parent = factories.OrganisationFactory()
    survivor = factories.OrganisationFactory(
        sector="", description="", website="https://efca.kz", acronym=""
    )
    other = factories.OrganisationFactory(
        sector="international",
        description="Supports civil society.",
        website="https://old.example.org",
        acronym="EFCA",
        parent=parent,
    )

    merge_records(survivor, [other])

    survivor.refresh_from_db()
    assert (
        survivor.sector,
        survivor.description,
        survivor.website,
        survivor.acronym,
        survivor.parent,
    ) == ("international", "Supports civil society.", "https://efca.kz", "EFCA", parent)


def test_an_events_dates_are_taken_whole_from_one_record():
    survivor = factories.EventFactory(start_date=None, city="")
    other = factories.EventFactory(
        start_date=date(2023, 5, 1),
        start_precision="month",
        end_date=date(2023, 5, 31),
        end_precision="month",
        city="Almaty",
    )

    merge_records(survivor, [other])

    survivor.refresh_from_db()
    assert (survivor.start_date, survivor.start_precision, survivor.end_date, survivor.city) == (
        date(2023, 5, 1),
        "month",
        date(2023, 5, 31),
        "Almaty",
    )


def test_the_most_reviewed_status_is_kept():
    survivor = factories.PersonFactory(review_status=ReviewStatus.IMPORTED)
    other = factories.PersonFactory(review_status=ReviewStatus.REVIEWED)

    merge_records(survivor, [other])

    survivor.refresh_from_db()
    assert survivor.review_status == ReviewStatus.REVIEWED


def test_a_record_never_becomes_its_own_parent():
    grandparent = factories.OrganisationFactory()
    other = factories.OrganisationFactory(parent=grandparent)
    survivor = factories.OrganisationFactory(parent=other)
    sibling = factories.OrganisationFactory(parent=other)

    merge_records(survivor, [other])

    survivor.refresh_from_db()
    sibling.refresh_from_db()
    assert (survivor.parent, sibling.parent) == (grandparent, survivor)


def test_a_parent_that_would_make_a_loop_is_dropped():
    other = factories.OrganisationFactory()
    middle = factories.OrganisationFactory(parent=other)
    survivor = factories.OrganisationFactory(parent=middle)

    merge_records(survivor, [other])

    survivor.refresh_from_db()
    middle.refresh_from_db()
    assert (survivor.parent, middle.parent) == (None, survivor)


def test_an_event_part_of_the_merged_one_does_not_become_part_of_itself():
    other = factories.EventFactory()
    survivor = factories.EventFactory(parent=other)

    merge_records(survivor, [other])

    survivor.refresh_from_db()
    assert survivor.parent is None


def test_merging_keeps_the_old_slug_and_fields_for_redirects():
    survivor = factories.PersonFactory(slug="nazarbayev")
    other = factories.PersonFactory(slug="nazarbaev", name="Назарбаев", description="Born 1940.")

    merge_records(survivor, [other])

    merged = MergedRecord.objects.get()
    assert (merged.content_type, merged.old_slug, merged.old_name, merged.survivor_id) == (
        ContentType.objects.get_for_model(Person),
        "nazarbaev",
        "Назарбаев",
        survivor.pk,
    )
    assert merged.data["description"] == "Born 1940."


def test_a_chain_of_merges_leads_to_the_last_survivor():
    first, second, last = (factories.PersonFactory(slug=slug) for slug in ("a", "b", "c"))
    merge_records(second, [first])

    merge_records(last, [second])

    assert sorted(MergedRecord.objects.values_list("old_slug", "survivor_id")) == [
        ("a", last.pk),
        ("b", last.pk),
    ]
    assert merging.survivor_of(Person, "a") == last


def test_a_failure_leaves_everything_as_it_was(monkeypatch):
    survivor = factories.OrganisationFactory(description="")
    other = factories.OrganisationFactory(description="Kept.", aliases=["Old"])
    grant = factories.GrantFactory(funder=other)
    citation = factories.CitationFactory(record=other)
    other_pk = other.pk

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(merging, "_redirect_to", fail)
    with pytest.raises(RuntimeError):
        merge_records(survivor, [other])

    assert Organisation.objects.filter(pk=other_pk).exists()
    assert Grant.objects.get(pk=grant.pk).funder_id == other_pk
    assert Citation.objects.get(pk=citation.pk).object_id == other_pk
    assert Organisation.objects.get(pk=survivor.pk).description == ""
    assert MergedRecord.objects.count() == 0


@pytest.mark.parametrize(
    ("others", "message"),
    [
        ([], "Choose at least one record to merge into the one kept."),
        (["survivor"], "The record kept cannot also be merged away."),
        (["person"], "Only records of one kind can be merged."),
    ],
)
def test_merging_refuses_what_cannot_be_merged(others, message):
    survivor = factories.OrganisationFactory()
    records = {"survivor": survivor, "person": factories.PersonFactory()}

    with pytest.raises(MergeError) as refused:
        merge_records(survivor, [records[name] for name in others])

    assert str(refused.value) == message


def test_the_preview_tells_the_result_without_changing_anything():
    survivor = factories.OrganisationFactory(name="UNDP Kazakhstan", sector="", aliases=["UNDP"])
    other = factories.OrganisationFactory(name="ПРООН", sector="international")
    factories.GrantFactory(funder=other)
    factories.GrantFactory(funder=other)
    factories.PositionFactory(organisation=other)
    factories.CitationFactory(record=other)

    preview = preview_merge(survivor, [other])

    assert preview == merging.MergePreview(
        name="UNDP Kazakhstan",
        aliases=["UNDP", "ПРООН"],
        new_aliases=["ПРООН"],
        names_not_kept=[],
        filled=[("sector", "International organisation")],
        review_status="Reviewed",
        moves=[("positions", 1), ("grants (funder)", 2), ("citations", 1)],
    )
    assert (Organisation.objects.get(pk=survivor.pk).sector, other.grants_given.count()) == (
        "",
        2,
    )


def test_the_preview_of_events_names_the_titles_not_kept_as_aliases():
    survivor = factories.EventFactory(title="Civil Forum")
    other = factories.EventFactory(title="Гражданский форум")

    preview = preview_merge(survivor, [other])

    assert (preview.aliases, preview.names_not_kept) == ([], ["Гражданский форум"])
