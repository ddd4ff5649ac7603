"""Demo organisations, people and their positions, and the source document they cite."""

from datetime import date, timedelta
from random import Random

from django.utils.text import slugify

from organisations.models import Organisation, Person, Position, Sector
from sdgportal.demo import names
from sdgportal.demo.skew import Skewed
from sdgportal.models import Article, ReviewStatus, SourceDocument

BATCH = 2000
DEMO_DOCUMENT = "demo/generated-news.txt"
POSITION_TITLES = {
    Sector.STATE: ["Minister", "Deputy Minister", "Akim", "Deputy Akim", "Head of Department"],
    Sector.NGO: ["Chairman of the Board", "Executive Director", "Project Coordinator", "Founder"],
    Sector.INTERNATIONAL: ["Resident Representative", "Programme Officer", "Country Director"],
    Sector.BUSINESS: ["General Director", "CSR Manager", "Chief Executive Officer"],
    Sector.ACADEMIC: ["Rector", "Professor", "Senior Researcher"],
    Sector.MEDIA: ["Editor-in-Chief", "Journalist"],
    Sector.OTHER: ["Expert", "Coordinator"],
}


class Slugs:
    """Unique slugs, numbered from -2 when a text repeats, without asking the database."""

    def __init__(self) -> None:
        self.used: dict[str, int] = {}

    def __call__(self, text: str) -> str:
        base = slugify(text, allow_unicode=True)[:180].strip("-") or "record"
        number = self.used.get(base, 0) + 1
        self.used[base] = number
        return base if number == 1 else f"{base}-{number}"


def review_status(rng: Random) -> str:
    """Most demo records reviewed; a tenth waiting for review, as after an import."""
    return ReviewStatus.IMPORTED if rng.random() < 0.1 else ReviewStatus.REVIEWED


def random_date(rng: Random, first_year: int, last_year: int) -> date:
    start = date(first_year, 1, 1)
    return start + timedelta(days=rng.randrange((date(last_year, 12, 31) - start).days + 1))


def create_organisations(count: int, rng: Random) -> list[Organisation]:
    """Organisations by sector, international agencies first: they rank as the most active."""
    slugs, records, taken = Slugs(), [], set()
    for sector in names.organisation_sectors(count, rng):
        name, acronym = names.unique_organisation_name(sector, rng, taken)
        records.append(
            Organisation(
                name=name,
                slug=slugs(acronym or name),
                acronym=acronym,
                aliases=[acronym] if acronym and rng.random() < 0.3 else [],
                sector=sector,
                country="KZ" if sector != Sector.INTERNATIONAL else "",
                review_status=review_status(rng),
            )
        )
    records.sort(key=lambda organisation: organisation.sector != Sector.INTERNATIONAL)
    return Organisation.objects.bulk_create(records, batch_size=BATCH)


def create_people(count: int, rng: Random) -> list[tuple[Person, names.PersonName]]:
    """People with Kazakh and Russian names; a fifth list their other spellings as aliases."""
    slugs, records, spellings = Slugs(), [], []
    for _number in range(count):
        name = names.person_name(rng)
        latin = name.spellings[0]
        aliases = [s for s in name.spellings[:3] if s != name.name] if rng.random() < 0.2 else []
        records.append(
            Person(
                name=name.name,
                slug=slugs(latin),
                aliases=aliases,
                review_status=review_status(rng),
            )
        )
        spellings.append(name)
    return list(zip(Person.objects.bulk_create(records, batch_size=BATCH), spellings, strict=True))


def create_positions(
    people: list[Person], organisations: Skewed[Organisation], rng: Random
) -> dict[int, Position]:
    """Most people hold a position, some a former one too; each person's current one, by pk."""
    current, records = {}, []
    for person in people:
        held = rng.choices([0, 1, 2], weights=[5, 85, 10])[0]
        start = random_date(rng, 2005, 2022)
        for number in range(held):
            organisation = organisations.draw(rng)
            is_current = number == held - 1
            position = Position(
                person=person,
                organisation=organisation,
                title=rng.choice(POSITION_TITLES[organisation.sector or Sector.OTHER]),
                start_date=start,
                end_date=None if is_current else start + timedelta(days=rng.randrange(365, 2000)),
                review_status=review_status(rng),
            )
            if is_current:
                current[person.pk] = position
            else:
                start = position.end_date + timedelta(days=1)
            records.append(position)
    Position.objects.bulk_create(records, batch_size=BATCH)
    return current


def create_source(
    article_count: int, spellings: list[names.PersonName], rng: Random
) -> list[Article]:
    """The articles of the demo news page that every demo record cites.

    The articles name people in their different spellings, for transliteration search.
    """
    document = SourceDocument.objects.create(
        name=DEMO_DOCUMENT,
        kind=SourceDocument.Kind.NEWS_PAGE,
        title="Demo news (generated by generate_demo_data)",
    )
    articles = []
    for position in range(1, article_count + 1):
        town = names.city(rng)[1]
        mentioned = [rng.choice(rng.choice(spellings).spellings) for _ in range(3)]
        articles.append(
            Article(
                document=document,
                position=position,
                title=f"News from {town} #{position}",
                published_on=random_date(rng, 2015, 2025),
                text=f"In {town}, {', '.join(mentioned)} discussed the Sustainable Development "
                "Goals with partners.",
            )
        )
    return Article.objects.bulk_create(articles, batch_size=BATCH)
