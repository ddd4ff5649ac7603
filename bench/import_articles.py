"""Import N synthetic news articles and report the time and memory it takes.

    python -m bench.import_articles [--count 1000] [--seed 1]

Articles are made here from templates and random names (nothing is committed); they are written
to a temporary folder and imported with ``import_seeds`` into a fresh SQLite database (or the
database in ``DATABASE_URL``). Peak memory is reported after each quarter of the documents: flat
figures mean memory does not grow with the count.
"""

import argparse
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from sdgportal.importing import gazetteer

FIRST = [
    "Aigerim",
    "Nurlan",
    "Dana",
    "Erlan",
    "Saule",
    "Marat",
    "Gulnara",
    "Timur",
    "Aliya",
    "Bolat",
    "Zhanna",
    "Arman",
    "Madina",
    "Yerlan",
    "Asel",
    "Daniyar",
    "Laura",
    "Samat",
]
LAST = [
    "Bekova",
    "Seitov",
    "Omarova",
    "Nurpeisov",
    "Zhumabayeva",
    "Kassymov",
    "Abenova",
    "Tulegenov",
    "Sarsenova",
    "Iskakov",
    "Mukanova",
    "Dzhaksybekov",
    "Ermekova",
    "Aliyev",
]
FIELDS = [
    "Energy",
    "Education",
    "Health",
    "Ecology and Natural Resources",
    "Culture and Sports",
    "Labour and Social Protection",
    "Agriculture",
    "Justice",
    "Finance",
]
NGO_WORDS = [
    "Steppe",
    "Green",
    "Future",
    "Women",
    "Youth",
    "Rural",
    "Clean Water",
    "Open Data",
    "Civic",
    "Aral",
    "Inclusive",
    "Mountain",
]
CITIES = ["Astana", "Almaty", "Shymkent", "Karaganda", "Aktobe", "Pavlodar", "Atyrau", "Taraz"]
KINDS = ["conference", "forum", "seminar", "round table", "training", "briefing", "side event"]
UN = ["UNDP", "UNICEF", "UN Women", "UNFPA", "FAO", "UNESCO"]


def article(rng: random.Random, number: int) -> str:
    """One article-sized page: a dated event, speakers, a grant, statistics, page chrome."""
    year = rng.randint(2019, 2024)
    month_index = rng.randrange(12)
    month = gazetteer.MONTHS[month_index]
    day = rng.randint(1, 28)
    city, kind, goal = rng.choice(CITIES), rng.choice(KINDS), rng.randint(1, 17)
    ngo = f"{rng.choice(NGO_WORDS)} {rng.choice(NGO_WORDS)} Foundation"
    ministry = f"Ministry of {rng.choice(FIELDS)}"
    agency = rng.choice(UN)
    people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(4)]
    paragraphs = [
        f"{kind.capitalize()} on SDG {goal} in {city} brings NGOs and the state together",
        f"{day} {month} {year}",
        f"On {month} {day}, a {kind} on Sustainable Development Goal {goal} was held in "
        f"{city}. The event was organized by the {ngo} with the support of the {ministry} and "
        f"{agency}.",
        f'"Partnership between the state and civil society is the key to SDG {goal}," said '
        f"{people[0]}, Chairperson of the Board of the {ngo}.",
        f"Vice-Minister of {ministry.removeprefix('Ministry of ')} {people[1]} noted that "
        f"{rng.randint(20, 900)} projects were supported in {year - 1}.",
        f"{agency} Representative in Kazakhstan {people[2]} emphasized that "
        f"{rng.randint(5, 95)}% of the participants were young people.",
        f"In {year}, grants worth {rng.randint(10, 900)} million tenge were provided to "
        f"{rng.randint(10, 300)} NGOs by the {ministry}.",
        f"The session was moderated by {people[3]}, Director of the "
        f"{rng.choice(NGO_WORDS)} Research Institute.",
    ]
    filler = (
        "Participants discussed the localisation of the goals, the role of volunteers, open "
        "data and the monitoring of national indicators in the regions of the country. "
    )
    paragraphs += [filler * rng.randint(3, 8) for _ in range(4)]
    paragraphs += [
        f"Views: {rng.randint(100, 9000)}",
        f"Saved: {day:02d}.{month_index + 1:02d}.{year}",
        "Subscribe to the newsletter",
    ]
    return "\n\n".join(paragraphs) + f"\n\nArticle number {number}.\n"


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="sdgportal-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "sdgportal.settings.base"
    os.environ["DJANGO_DEBUG"] = "false"  # no query log growing with the run
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)

    rng = random.Random(options.seed)
    pages = workdir / "pages"
    pages.mkdir()
    sizes = []
    for number in range(options.count):
        text = article(rng, number)
        sizes.append(len(text.encode()))
        (pages / f"{number:05d}.txt").write_text(text, encoding="utf-8")
    print(
        f"{options.count} documents, {sum(sizes) / len(sizes) / 1024:.1f} KiB on average, "
        f"database {os.environ['DATABASE_URL'].split('://')[0]}"
    )

    from sdgportal.importing.extract import extract_document
    from sdgportal.importing.load import NameIndex, load_document
    from sdgportal.importing.reading import read_document

    files = sorted(pages.iterdir())
    index, started = NameIndex(), time.perf_counter()
    quarter = max(1, len(files) // 4)
    for position, path in enumerate(files, start=1):
        load_document(extract_document(path.name, read_document(path)), index=index)
        if position % quarter == 0 or position == len(files):
            print(
                f"  {position:>6} documents  {time.perf_counter() - started:7.1f} s  "
                f"peak memory {peak_memory_mb():7.1f} MB"
            )
    elapsed = time.perf_counter() - started
    shutil.rmtree(workdir)
    print(
        f"Imported {len(files)} documents in {elapsed:.1f} s "
        f"({len(files) / elapsed:.1f} documents/s)"
    )
    sys.exit(0 if elapsed < 60 else 1)


if __name__ == "__main__":
    main()
