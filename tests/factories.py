"""One factory per model, boring on purpose."""

from datetime import date, timedelta

import factory
from django.contrib.contenttypes.models import ContentType

from events.models import Event, EventOrganisation, EventSpeaker
from indicators.goals import BUILT_IN_GOALS
from indicators.models import (
    Dimension,
    DimensionValue,
    GlobalIndicator,
    Goal,
    IndicatorOrganisation,
    NationalIndicator,
    Observation,
    Region,
    Target,
)
from organisations.models import Grant, Organisation, Person, Position, Sector
from sdgportal.models import Article, Citation, SourceDocument


class SourceDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceDocument
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"page_{n:03d}.txt")
    kind = SourceDocument.Kind.NEWS_PAGE


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    document = factory.SubFactory(SourceDocumentFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Article {n}")


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation
        exclude = ["record"]

    record = None
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.record))
    object_id = factory.LazyAttribute(lambda o: o.record.pk)
    article = factory.SubFactory(ArticleFactory)
    document = factory.LazyAttribute(lambda o: o.article.document)
    quote = "As the article says."


def goal(number: int) -> Goal:
    """Goals are created by a migration; tests look them up."""
    return Goal.objects.get(number=number)


def restore_built_in_goals() -> None:
    """The 17 goals again, as the migration made them: a flush after a test that commits (a
    live server, a restore) empties every table."""
    for built_in in BUILT_IN_GOALS:
        Goal.objects.get_or_create(
            number=built_in.number,
            defaults={"short_title": built_in.short_title, "colour": built_in.colour},
        )


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target
        django_get_or_create = ["code"]

    code = "16.3"
    goal = factory.LazyAttribute(lambda o: goal(int(o.code.split(".")[0])))
    title_en = "Promote the rule of law"


class GlobalIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GlobalIndicator
        django_get_or_create = ["code"]

    code = "16.3.1"
    target = factory.LazyAttribute(lambda o: TargetFactory(code=o.code.rsplit(".", 1)[0]))
    title_en = "Proportion of victims who reported their victimization"


class NationalIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NationalIndicator
        django_get_or_create = ["code"]

    code = "16.3.1"
    goal = factory.LazyAttribute(lambda o: goal(int(o.code.split(".")[0])))
    title_en = "Victims who reported to the police"
    unit_en = "%"


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    indicator = factory.SubFactory(NationalIndicatorFactory)
    year = 2022
    value = "12.5"
    unit = "%"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = "KZAKM"
    name_en = "Akmola"
    boundary_code = "KZ03"
    boundary = factory.LazyFunction(
        lambda: {"type": "Polygon", "coordinates": [[[69, 51], [70, 51], [70, 52], [69, 51]]]}
    )


class DimensionValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DimensionValue

    dimension = factory.LazyFunction(
        lambda: Dimension.objects.get_or_create(code="SEX", defaults={"name_en": "Sex"})[0]
    )
    code = "F"
    label_en = "Female"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Civil Initiative {n}")
    slug = factory.Sequence(lambda n: f"civil-initiative-{n}")
    sector = Sector.NGO


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Aigerim Speaker{n}")
    slug = factory.Sequence(lambda n: f"aigerim-speaker-{n}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title = "Chairman of the Board"


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grant

    identifier = factory.Sequence(lambda n: f"360G-sdgportal-{n}")
    slug = factory.Sequence(lambda n: f"grant-{n}")
    title = factory.Sequence(lambda n: f"Awareness of SDG 16, project {n}")
    funder = factory.SubFactory(OrganisationFactory, sector=Sector.STATE)
    recipient = factory.SubFactory(OrganisationFactory)
    amount = "1800000000.00"
    currency = "KZT"
    year = 2020


class IndicatorOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorOrganisation

    indicator = factory.SubFactory(NationalIndicatorFactory)
    organisation = factory.SubFactory(OrganisationFactory, sector=Sector.STATE)
    role = IndicatorOrganisation.Role.COMPILATION


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Forum on the SDGs {n}")
    slug = factory.Sequence(lambda n: f"forum-on-the-sdgs-{n}")
    kind = "forum"
    start_date = factory.Sequence(lambda n: date(2023, 1, 1) + timedelta(days=n))
    city = "Astana"
    country = "KZ"


class EventOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventOrganisation

    event = factory.SubFactory(EventFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = EventOrganisation.Role.ORGANISER


class EventSpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSpeaker

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    role = EventSpeaker.Role.SPEAKER
    title = "Chairman of the Board"
