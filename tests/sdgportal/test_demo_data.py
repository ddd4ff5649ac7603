from statistics import median

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count

from events.models import Event, EventOrganisation, EventSpeaker
from indicators.models import NationalIndicator, Observation, Region, is_headline
from organisations.models import Grant, Organisation, Person, Position
from sdgportal.demo import statistics
from sdgportal.demo.generate import demo_counts, generate_demo_data
from sdgportal.models import Citation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

SCALE = 0.001  # 20 organisations, 50 people, 100 events and grants, 1,000 observations


def generated_names(seed: int) -> dict[str, list[str]]:
    """The names and slugs a seed generates, rolled back afterwards."""
    with transaction.atomic():
        generate_demo_data(scale=SCALE, seed=seed)
        names = {
            "organisations": list(
                Organisation.objects.order_by("slug").values_list("slug", "name")
            ),
            "people": list(Person.objects.order_by("slug").values_list("slug", "name")),
            "events": list(Event.objects.order_by("slug").values_list("slug", flat=True)),
            "grants": list(Grant.objects.order_by("slug").values_list("slug", flat=True)),
        }
        transaction.set_rollback(True)
    return names


def test_demo_counts_follow_the_scale():
    assert demo_counts(0.01) == {
        "organisations": 200,
        "people": 500,
        "events": 1000,
        "grants": 1000,
        "observations": 10_000,
    }


def test_generate_demo_data_creates_the_counts_of_the_scale():
    created = generate_demo_data(scale=SCALE, seed=1)

    counts = {
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "events": Event.objects.count(),
        "grants": Grant.objects.count(),
        "observations": Observation.objects.count(),
    }
    assert counts == {
        "organisations": 20,
        "people": 50,
        "events": 100,
        "grants": 100,
        "observations": 1000,
    }
    assert {kind: created[kind] for kind in counts} == counts
    assert Citation.objects.count() == 200  # one for each event and grant


def test_generate_demo_data_is_reproducible_from_its_seed():
    first, again, other = generated_names(7), generated_names(7), generated_names(8)

    assert first == again
    assert first["people"] != other["people"]
    assert first["events"] != other["events"]


def test_generate_demo_data_skews_activity_to_a_few_organisations():
    generate_demo_data(scale=SCALE, seed=1)

    participations = sorted(
        Organisation.objects.annotate(n=Count("participations")).values_list("n", flat=True)
    )

    assert participations[-1] > 3 * median(participations)


def test_generate_demo_data_writes_valid_records():
    generate_demo_data(scale=SCALE, seed=1)

    for model in (
        Organisation,
        Person,
        Position,
        Event,
        EventOrganisation,
        EventSpeaker,
        Grant,
        Citation,
        NationalIndicator,
        Region,
        Observation,
    ):
        for record in model.objects.order_by("pk")[:20]:
            record.full_clean()


def test_generate_demo_data_sets_what_save_would():
    generate_demo_data(scale=SCALE, seed=1)

    observations = Observation.objects.values_list("region_id", "disaggregation", "is_headline")
    wrong = [row for row in observations if is_headline(row[0], row[1]) != row[2]]
    assert wrong == []
    assert Observation.objects.filter(is_headline=True).exists()


def test_generate_demo_data_gives_people_several_spellings():
    generate_demo_data(scale=SCALE, seed=1)

    names = list(Person.objects.values_list("name", flat=True))
    assert any(name.isascii() for name in names)
    assert any(not name.isascii() for name in names)
    assert Person.objects.exclude(aliases=[]).exists()


def test_pages_and_api_answer_on_demo_data(client, api_client):
    generate_demo_data(scale=SCALE, seed=1)
    busiest = Organisation.objects.annotate(n=Count("participations")).latest("n")

    assert client.get("/events/").status_code == 200
    assert client.get(busiest.get_absolute_url()).status_code == 200
    assert client.get(Event.objects.first().get_absolute_url()).status_code == 200
    response = api_client.get("/api/v1/events/")
    assert (response.status_code, response.json()["count"]) == (200, 100)


def test_command_refuses_a_database_with_records():
    OrganisationFactory()

    with pytest.raises(CommandError) as error:
        call_command("generate_demo_data", "--scale", "0.001")

    assert str(error.value) == (
        "The database already holds records (organisations: 1). "
        "Demo data goes only into an empty database."
    )
    assert Organisation.objects.count() == 1


def test_command_writes_nothing_when_a_step_fails(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(statistics, "create_statistics", fail)

    with pytest.raises(RuntimeError):
        call_command("generate_demo_data", "--scale", "0.001")

    assert (Organisation.objects.count(), Event.objects.count()) == (0, 0)


def test_command_refuses_a_scale_that_is_not_positive():
    with pytest.raises(CommandError) as error:
        call_command("generate_demo_data", "--scale", "0")

    assert str(error.value) == "The scale must be a positive number, such as 0.1."
