"""From a news page's text to the records it states: pure, no database."""

import hashlib
import re
from datetime import date

from sdgportal.importing.dates import find_years, parse_date, stamp_date
from sdgportal.importing.events import find_events, speaker_role, to_record
from sdgportal.importing.grants import find_grants
from sdgportal.importing.organisations import (
    OrganisationMention,
    find_organisations,
    known_acronym,
    merge_key,
)
from sdgportal.importing.pages import RawArticle, clean_lines, split_articles
from sdgportal.importing.people import Person, find_person_mentions, group_people
from sdgportal.importing.records import (
    Appearance,
    ArticleRecord,
    DocumentRecord,
    OrganisationRecord,
    PersonRecord,
)
from sdgportal.importing.sdg_refs import goals_and_targets
from sdgportal.importing.statistics import find_statistics
from sdgportal.importing.text import initials, sentences

_SPOKE = re.compile(
    r"[“\"«]|\b(?:said|noted|emphasi[sz]ed|stressed|added|concluded|speech|"
    r"spoke|addressed|moderat|presented|highlighted|informed|assured)",
    re.I,
)


def is_date_line(line: str) -> bool:
    """A short line that is essentially a date, such as a story's date stamp."""
    return len(line) <= 40 and parse_date(line) is not None and not re.search(r"[.!?]$", line)


def fingerprint(text: str) -> str:
    """The SHA-256 a document's text is recognised by."""
    return hashlib.sha256(text.encode()).hexdigest()


def extract_document(name: str, text: str) -> DocumentRecord:
    """Every article of the page with the events, people, organisations, grants and figures."""
    raw_lines = [" ".join(line.split()) for line in text.split("\n")]
    stamp = stamp_date([line for line in raw_lines if line])
    articles = split_articles(clean_lines(text), is_date_line)
    document = DocumentRecord(
        name=name,
        sha256=fingerprint(text),
        title=articles[0].title if articles else "",
    )
    for position, raw in enumerate(articles, start=1):
        document.articles.append(extract_article(name, position, raw, stamp))
    return document


def extract_article(
    document: str, position: int, raw: RawArticle, stamp: date | None
) -> ArticleRecord:
    date_line = parse_date(raw.date_line) if raw.date_line else None
    published = date_line.value if date_line else stamp
    text = raw.text
    split = sentences(text)
    # a story's own dateline dates it; a page's "saved" stamp may be years later
    reference = published if date_line else _reference_date(text, published)
    mentions = find_organisations(text)
    people = group_people(find_person_mentions(text, split, mentions))
    goals, targets = goals_and_targets(f"{raw.title}\n{text}")
    drafts = find_events(split, mentions, published=reference)
    speakers = [_appearance(person) for person in people if _spoke(person)]
    events = tuple(
        to_record(
            draft,
            goals=goals if i == 0 else (),
            targets=targets if i == 0 else (),
            speakers=speakers if i == 0 else [],
        )
        for i, draft in enumerate(drafts)
    )
    return ArticleRecord(
        document=document,
        position=position,
        title=raw.title,
        published=published,
        text=text,
        events=events,
        people=tuple(_person_record(person) for person in people),
        organisations=tuple(consolidate_organisations(mentions, split, people)),
        grants=tuple(find_grants(split, mentions)),
        statistics=tuple(find_statistics(split, goal=goals[0] if len(goals) == 1 else None)),
    )


def _reference_date(text: str, published: date | None) -> date | None:
    """The date a day and month without a year belong to: the stamp, or the story's own year.

    A page saved in 2024 about an event "on July 15" whose text only speaks of 2022 is dated
    by the latest year the story states that is not after the stamp.
    """
    if published is None:
        return None
    years = [year for year in find_years(text) if year <= published.year]
    if years and max(years) < published.year - 1:
        return published.replace(year=max(years), month=12, day=31)
    return published


def _spoke(person: Person) -> bool:
    return any(_SPOKE.search(mention.sentence) for mention in person.mentions)


def _appearance(person: Person) -> Appearance:
    role = speaker_role([mention.sentence for mention in person.mentions])
    return Appearance(person.name, role, person.title, person.organisation)


def _person_record(person: Person) -> PersonRecord:
    return PersonRecord(
        name=person.name,
        aliases=tuple(person.aliases),
        title=person.title,
        organisation=person.organisation,
        quote=person.quote,
    )


def consolidate_organisations(
    mentions: list[OrganisationMention],
    split: list[tuple[int, str]],
    people: tuple[Person, ...] | list[Person] = (),
) -> list[OrganisationRecord]:
    """One record per organisation: spellings, word orders and acronyms join one name.

    The bodies a name belongs to ("… of the Ministry of Education") and the organisations
    people work for are organisations too.
    """
    groups: list[dict] = []
    implied = [
        OrganisationMention(
            m.parent, m.start, m.end, sector=_parent_sector(m.parent), country=m.country
        )
        for m in mentions
        if m.parent
    ] + [
        OrganisationMention(p.organisation, p.mentions[0].start, p.mentions[0].end)
        for p in people
        if p.organisation
    ]
    for mention in [*mentions, *implied]:
        if mention in implied and _group_of(groups, mention) is not None:
            continue
        group = _group_of(groups, mention)
        if group is None:
            groups.append(
                {
                    "name": mention.name,
                    "acronym": mention.acronym,
                    "aliases": [mention.full_form]
                    if mention.full_form and mention.full_form != mention.name
                    else [],
                    "sector": mention.sector,
                    "country": mention.country,
                    "parent": mention.parent,
                    "quote": _sentence_at(split, mention.start),
                    "keys": {merge_key(mention.name)},
                }
            )
            continue
        for alias in (mention.name, mention.full_form):
            if alias and alias != group["name"] and alias not in group["aliases"]:
                group["aliases"].append(alias)
        group["keys"].add(merge_key(mention.name))
        for key in ("acronym", "sector", "country", "parent"):
            if not group[key] or (key == "sector" and group[key] == "other"):
                group[key] = getattr(mention, key) or group[key]
    return [
        OrganisationRecord(
            name=g["name"],
            acronym=g["acronym"],
            aliases=tuple(g["aliases"]),
            sector=g["sector"],
            country=g["country"],
            parent=g["parent"],
            quote=g["quote"],
        )
        for g in groups
    ]


def _parent_sector(name: str) -> str:
    return "parliament" if "Parliament" in name else "other" if "Party" in name else "state"


def _group_of(groups: list[dict], mention: OrganisationMention) -> dict | None:
    key = merge_key(mention.name)
    known = known_acronym(mention.name)
    words = mention.name.split()
    for group in groups:
        if key in group["keys"]:
            return group
        group_words = group["name"].split()
        shorter, longer = sorted((words, group_words), key=len)
        if (
            len(shorter) >= 2
            and longer[: len(shorter)] == shorter
            and shorter[-1].lower()
            in (
                "alliance",
                "fund",
                "foundation",
                "center",
                "centre",
                "institute",
                "agency",
            )
        ):
            return group  # "Central Asian Alliance" is "Central Asian Alliance to End…"
        if mention.acronym and mention.acronym == group["acronym"]:
            return group
        if known and group["acronym"] == known[0]:
            return group
        if mention.acronym and initials(group["name"].split()) == mention.acronym:
            return group
        if group["acronym"] and initials(mention.name.split()) == group["acronym"]:
            return group
    return None


def _sentence_at(split: list[tuple[int, str]], position: int) -> str:
    for offset, sentence in reversed(split):
        if offset <= position:
            return sentence
    return ""
