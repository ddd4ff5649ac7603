from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from organisations.models import Grant, Organisation, Position
from tests.factories import GrantFactory, OrganisationFactory, PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db


def test_organisation_slugs_are_unique():
    OrganisationFactory(slug="eri")

    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(slug="eri")


def test_organisation_string_shows_its_acronym():
    organisation = OrganisationFactory(name="Economic Research Institute", acronym="ERI")

    assert str(organisation) == "Economic Research Institute (ERI)"


def test_organisation_defaults_to_kazakhstan_and_reviewed():
    organisation = OrganisationFactory()

    assert (organisation.country.code, organisation.review_status) == ("KZ", "reviewed")


def test_organisation_aliases_must_be_a_list_of_names():
    organisation = OrganisationFactory.build(aliases="ERI")

    with pytest.raises(ValidationError) as error:
        organisation.full_clean()

    assert error.value.message_dict == {
        "aliases": ['Aliases must be a list of names, e.g. ["ERI"].']
    }


def test_organisation_cannot_sit_under_itself():
    ministry = OrganisationFactory(name="Ministry")
    committee = OrganisationFactory(name="Committee", parent=ministry)
    ministry.parent = committee

    with pytest.raises(ValidationError) as error:
        ministry.full_clean()

    assert error.value.message_dict == {
        "parent": ["The parent body cannot be this organisation or one under it."]
    }


def test_organisation_cannot_be_its_own_parent_in_the_database():
    organisation = OrganisationFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=organisation.pk).update(parent=organisation)


def test_position_cannot_end_before_it_starts():
    position = PositionFactory.build(
        person=PersonFactory(),
        organisation=OrganisationFactory(),
        start_date=date(2021, 5, 1),
        end_date=date(2020, 1, 1),
    )

    with pytest.raises(ValidationError) as error:
        position.full_clean()

    assert error.value.messages == ["A position cannot end before it starts."]


def test_position_end_before_start_is_refused_by_the_database():
    position = PositionFactory(start_date=date(2021, 5, 1))

    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.filter(pk=position.pk).update(end_date=date(2020, 1, 1))


def test_person_slugs_are_unique():
    PersonFactory(slug="batima-mukina")

    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(slug="batima-mukina")


def test_grant_keeps_an_exact_decimal_amount():
    grant = GrantFactory(amount=Decimal("305400000.00"), currency="KZT")

    assert Grant.objects.get(pk=grant.pk).amount == Decimal("305400000.00")


def test_grant_amount_cannot_be_negative():
    grant = GrantFactory.build(
        funder=OrganisationFactory(), recipient=OrganisationFactory(), amount=Decimal("-1")
    )

    with pytest.raises(ValidationError) as error:
        grant.full_clean()

    assert error.value.message_dict == {
        "amount": ["Ensure this value is greater than or equal to 0."]
    }


def test_grant_negative_amount_is_refused_by_the_database():
    grant = GrantFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Grant.objects.filter(pk=grant.pk).update(amount=Decimal("-5"))


def test_grant_amount_needs_a_currency():
    grant = GrantFactory.build(
        funder=OrganisationFactory(), recipient=OrganisationFactory(), currency=""
    )

    with pytest.raises(ValidationError) as error:
        grant.full_clean()

    assert error.value.messages == ["Give the currency of the amount."]


def test_grant_currency_must_be_a_known_iso_code():
    grant = GrantFactory.build(
        funder=OrganisationFactory(), recipient=OrganisationFactory(), currency="XYZ"
    )

    with pytest.raises(ValidationError) as error:
        grant.full_clean()

    assert error.value.message_dict == {"currency": ["Value 'XYZ' is not a valid choice."]}


def test_grant_without_an_amount_is_allowed():
    grant = GrantFactory(amount=None, currency="")

    grant.full_clean()

    assert Grant.objects.get(pk=grant.pk).amount is None


def test_grant_year_must_match_the_award_date():
    grant = GrantFactory.build(
        funder=OrganisationFactory(),
        recipient=OrganisationFactory(),
        award_date=date(2021, 3, 1),
        year=2020,
    )

    with pytest.raises(ValidationError) as error:
        grant.full_clean()

    assert error.value.message_dict == {
        "year": ["The year differs from the award date's year (2021)."]
    }


def test_grant_identifiers_are_unique():
    GrantFactory(identifier="360G-sdgportal-1")

    with pytest.raises(IntegrityError), transaction.atomic():
        GrantFactory(identifier="360G-sdgportal-1")
