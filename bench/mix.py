"""The mixed load's requests: which pages and API calls, how often, and in which order."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

PAGE = "text/html"
API = "application/json"
CSV = "text/csv"


@dataclass(frozen=True)
class Kind:
    """One kind of request: its paths are asked in turn, ``weight`` times in a thousand."""

    name: str
    paths: tuple[str, ...]
    weight: int
    accept: str = PAGE
    fresh: bool = False  # new to the portal's cache: computed for the request
    conditional: bool = False  # sent with If-None-Match: the ETag of a first answer

    @property
    def warmed(self) -> bool:
        """Whether a run asks each path before the load: to be cached, or for its ETag."""
        return not self.fresh


def schedule(kinds: Sequence[Kind], length: int) -> list[tuple[int, str]]:
    """``length`` requests as (kind's index, path): each kind as often as its weight says,
    spread evenly (nginx's smooth weighted round robin), each taking its kind's next path."""
    total = sum(kind.weight for kind in kinds)
    if total <= 0 or any(kind.weight < 0 or not kind.paths for kind in kinds):
        raise ValueError("Every kind needs a path and a weight of 0 or more; some more than 0.")
    current = [0] * len(kinds)
    asked = [0] * len(kinds)
    lines = []
    for _ in range(length):
        for index, kind in enumerate(kinds):
            current[index] += kind.weight
        chosen = max(range(len(kinds)), key=lambda index: current[index])
        current[chosen] -= total
        paths = kinds[chosen].paths
        lines.append((chosen, paths[asked[chosen] % len(paths)]))
        asked[chosen] += 1
    return lines


def schedule_text(
    kinds: Sequence[Kind],
    lines: Sequence[tuple[int, str]],
    etags: Mapping[tuple[str, str], str],
) -> str:
    """The schedule as bench/mix.lua reads it: kind, fresh, accept, etag and path, by tabs."""
    rows = []
    for index, path in lines:
        kind = kinds[index]
        etag = etags[path, kind.accept] if kind.conditional else ""
        if any(character in field for field in (path, etag) for character in "\t\n"):
            raise ValueError(f"{path!r}: a path or ETag holds a tab or a new line.")
        rows.append(f"{index}\t{int(kind.fresh)}\t{kind.accept}\t{etag}\t{path}\n")
    return "".join(rows)


def spread(items: Sequence[str], count: int) -> tuple[str, ...]:
    """``count`` items taken at even steps through ``items``, first included."""
    if len(items) <= count:
        return tuple(items)
    step = len(items) / count
    return tuple(items[int(number * step)] for number in range(count))


def query(path: str, **parameters: object) -> str:
    return f"{path}?{urlencode(parameters)}"


def choose_mix() -> list[Kind]:
    """The kinds of request, their records picked from the database (run inside Django)."""
    from django.db.models import Count

    from bench.load import common_words, person_to_find
    from events.models import Event, EventKind
    from indicators.models import NationalIndicator
    from organisations.models import Organisation, Person

    events = spread(list(Event.objects.order_by("pk").values_list("slug", flat=True)), 100)
    busiest = (
        Organisation.objects.annotate(activity=Count("participations"))
        .order_by("-activity", "pk")
        .values_list("slug", flat=True)[:5]
    )
    organisations = (
        *busiest,
        *spread(list(Organisation.objects.order_by("pk").values_list("slug", flat=True)), 45),
    )
    people = spread(list(Person.objects.order_by("pk").values_list("slug", flat=True)), 30)
    indicators = NationalIndicator.objects.order_by("sort_key")
    codes = spread(list(indicators.values_list("code", flat=True)), 30)
    titles = list(Event.objects.order_by("pk").values_list("title", flat=True)[:5000])
    names = [
        *titles,
        *Organisation.objects.order_by("pk").values_list("name", flat=True)[:5000],
        *Person.objects.order_by("pk").values_list("name", flat=True)[:5000],
    ]
    words = common_words(names, 1000)
    if not (events and organisations and people and codes and words):
        raise SystemExit("The database lacks events, organisations, people or indicators.")
    person = person_to_find()
    kinds = list(EventKind.values)
    goals = range(1, 18)
    years = range(2020, 2026)
    event_lists = (
        *(query("/events/", goal=goal) for goal in goals),
        *(query("/events/", kind=kind, year=year) for kind in kinds[:3] for year in years),
        *(query("/events/", search=word) for word in words[:5]),
        *(query("/events/", page=page) for page in range(2, 6)),
    )
    api_events = (
        *(query("/api/v1/events/", goal=goal, page_size=50) for goal in goals),
        *(query("/api/v1/events/", kind=kind, year=year) for kind in kinds[:3] for year in years),
        *(query("/api/v1/events/", organisation=slug) for slug in organisations[:10]),
    )
    csv = (
        *(query("/api/v1/events/", goal=goal, page_size=50, format="csv") for goal in goals),
        *(query("/api/v1/observations/", indicator=code, format="csv") for code in codes[:10]),
        query("/api/v1/grants/", format="csv"),
    )
    event_pages = tuple(f"/events/{slug}/" for slug in events)
    organisation_pages = tuple(f"/organisations/{slug}/" for slug in organisations)
    goal_pages = tuple(f"/goals/{goal}/" for goal in goals)
    indicator_pages = tuple(f"/indicators/{code}/" for code in codes)
    observations = tuple(query("/api/v1/observations/", indicator=code) for code in codes)
    return [
        # Pages from the cache of anonymous answers.
        Kind("home page, cached", ("/",), 80),
        Kind("event list, cached", ("/events/",), 50),
        Kind("event list filtered, cached", event_lists, 60),
        Kind("event page, cached", event_pages, 80),
        Kind("organisation page, cached", organisation_pages, 50),
        Kind("person page, cached", tuple(f"/people/{slug}/" for slug in people), 20),
        Kind("goal page, cached", goal_pages, 40),
        Kind("indicator page, cached", indicator_pages, 40),
        Kind("site search, cached", tuple(query("/search/", q=w) for w in words[:50]), 30),
        # Pages computed for the request.
        Kind("event list filtered, uncached", event_lists, 25, fresh=True),
        Kind("event page, uncached", event_pages, 40, fresh=True),
        Kind("organisation page, uncached", organisation_pages, 20, fresh=True),
        Kind("goal page, uncached", goal_pages, 10, fresh=True),
        Kind("indicator page, uncached", indicator_pages, 15, fresh=True),
        Kind("home page, uncached", ("/",), 2, fresh=True),
        Kind(
            "site search, a new word each time",
            tuple(query("/search/", q=word) for word in words[50:]),
            3,
            fresh=True,
        ),
        # A browser asking again for a page it holds: 304.
        Kind("event page, If-None-Match", event_pages, 30, conditional=True),
        Kind("home page, If-None-Match", ("/",), 20, conditional=True),
        # The API, from the cache.
        Kind("API events, cached", ("/api/v1/events/?page_size=50",), 60, accept=API),
        Kind("API event, cached", tuple(f"/api/v1/events/{s}/" for s in events), 40, accept=API),
        Kind("API events filtered, cached", api_events, 30, accept=API),
        Kind(
            "API organisation, cached",
            tuple(f"/api/v1/organisations/{slug}/" for slug in organisations),
            25,
            accept=API,
        ),
        Kind("API indicators, cached", ("/api/v1/indicators/",), 15, accept=API),
        Kind("API observations, cached", observations, 25, accept=API),
        Kind("API CSV, cached", csv, 25, accept=CSV),
        # The API, computed for the request.
        Kind("API events filtered, uncached", api_events, 30, accept=API, fresh=True),
        Kind(
            "API event, uncached",
            tuple(f"/api/v1/events/{slug}/" for slug in events),
            25,
            accept=API,
            fresh=True,
        ),
        Kind(
            "API organisation, uncached",
            tuple(f"/api/v1/organisations/{slug}/" for slug in organisations),
            15,
            accept=API,
            fresh=True,
        ),
        Kind("API observations, uncached", observations, 15, accept=API, fresh=True),
        Kind("API CSV, uncached", csv, 10, accept=CSV, fresh=True),
        Kind(
            "API event search, uncached",
            tuple(query("/api/v1/events/", search=word) for word in words[:20]),
            1,
            accept=API,
            fresh=True,
        ),
        Kind(
            "API people, transliterated, uncached",
            (query("/api/v1/people/", search=person[2]),)
            if person
            else (query("/api/v1/people/", search=words[0]),),
            1,
            accept=API,
            fresh=True,
        ),
        Kind(
            "API events, If-None-Match",
            ("/api/v1/events/?page_size=50",),
            28,
            accept=API,
            conditional=True,
        ),
    ]
