"""Find the events an article reports: what kind, when, where, who organised, who spoke.

A sentence that names an event ("conference", "side event", "forum"…) and dates or places it
gives an event; sentences about the same kind of event on the same date, or with the same name,
are one event. Organisers follow "organized by", "hosted by" or stand as the subject of "X
hosted"; partners follow "with the support of", "in cooperation with", "partners were".
"""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from sdgportal.importing import gazetteer
from sdgportal.importing.dates import find_dates
from sdgportal.importing.organisations import OrganisationMention
from sdgportal.importing.records import Appearance, EventRecord, PartialDate, Participation
from sdgportal.importing.text import fold

KINDS: tuple[tuple[str, str], ...] = (
    ("side event", "side_event"),
    ("side-event", "side_event"),
    ("panel discussion", "panel"),
    ("panel session", "panel"),
    ("plenary session", "session"),
    ("thematic session", "session"),
    ("study tour", "study_tour"),
    ("round table", "meeting"),
    ("roundtable", "meeting"),
    ("media briefing", "briefing"),
    ("conference", "conference"),
    ("congress", "conference"),
    ("forum", "forum"),
    ("summit", "summit"),
    ("session", "session"),
    ("panel", "panel"),
    ("workshop", "seminar"),
    ("seminar", "seminar"),
    ("webinar", "seminar"),
    ("training", "training"),
    ("briefing", "briefing"),
    ("exhibition", "exhibition"),
    ("mission", "mission"),
    ("launch event", "launch"),
    ("launch", "launch"),
    ("meeting", "meeting"),
    ("tour", "study_tour"),
    ("event", "meeting"),
)
_KIND = re.compile(
    r"\b(?P<kind>" + "|".join(re.escape(k) for k, _v in KINDS) + r")s?\b", re.IGNORECASE
)
_KIND_OF = dict(KINDS)
_HAPPENED = re.compile(
    r"\b(?:held|hosted|took place|organi[sz]ed|convened|launched|conducted|opened|gathered|"
    r"attended|moderated|brought together|will be convened|scheduled|takes? place|was hosted)\b",
    re.IGNORECASE,
)
_ONLINE = re.compile(r"\b(?:online|virtual|video ?conference|webinar)\b", re.I)
_CITY = re.compile(r"(?<![\w-])(?P<city>" + gazetteer.CITY_PATTERN + r")(?![\w-])")
_KAZAKH_CAPITAL = re.compile(r"\b(?:Kazakh|Kazakhstan's|Kazakhstan’s) capital\b", re.I)
_ORGANISED_BY = re.compile(
    r"\b(?:organi[sz]ed|hosted|convened|held|co-organi[sz]ed|initiated|conducted)\s+by\b", re.I
)
_SUPPORTED = re.compile(
    r"\b(?:with(?: the)? support (?:of|from)|supported by|in cooperation with|in partnership "
    r"with|with the participation of|partners (?:were|are|included)|strategic partner)\b",
    re.I,
)
_ACTIVE_HOST = re.compile(r"\b(?:hosted|held|convened|organi[sz]ed|launched|conducted)\b")
_QUOTED_TITLE = re.compile(r"[“\"«](?P<title>[^”\"»]{6,200})[”\"»]")
_NAMED = re.compile(
    r"(?:(?:the\s+)?(?P<name>(?:[A-Z0-9][\w&’'-]*\s+){0,5}?(?:"
    + "|".join(k.title() for k, _v in KINDS if " " not in k)
    + r"|Side Event|Round Table)s?"
    + r"(?:\s+(?:of|on|for)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4})?))"
)
_RELATIVE = re.compile(
    r"\b(?P<when>today|yesterday|last week|this week|last month|next year|this year|last year|"
    rf"last (?P<month>{gazetteer.MONTH_PATTERN}))\b",
    re.I,
)
_FUTURE = re.compile(r"\b(?:will|shall|scheduled|upcoming|to be (?:held|convened)|next)\b", re.I)
_SINCE = re.compile(r"\b(?:since|after|until|by)\b[^,;]*$", re.I)
_PROPOSED = re.compile(
    r"\b(?:proposed|propose|proposes|plans|intends|suggested)\s+to\b[^.]*$", re.I
)
_IN_YEAR = re.compile(r"\b(?:in|of)\s+(?P<year>(?:19|20)\d{2})\b(?!\s*[-–])")
_LAUNCHED = re.compile(
    r"(?P<subject>(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|to|of|for|the|and|on))*)"
    r"\s+(?:was|were)\s+(?:officially\s+)?launched\b"
)
CONTAINERS = {"forum", "summit", "conference"}
PARTS = {"session", "side_event", "panel", "seminar", "exhibition", "briefing"}
_MODERATED = re.compile(r"\bmoderat", re.I)


@dataclass
class EventDraft:
    kind: str
    title: str
    sentence: str
    offset: int
    start: PartialDate | None = None
    end: PartialDate | None = None
    city: str = ""
    online: bool = False
    named: bool = False
    generic: bool = False  # named only "event": its kind may be told later
    participations: list[Participation] = field(default_factory=list)


def find_events(
    sentences: list[tuple[int, str]],
    organisations: list[OrganisationMention],
    *,
    published: date | None,
) -> list[EventDraft]:
    """Events the sentences report, merged so that each event appears once."""
    drafts: list[EventDraft] = []
    for offset, sentence in sentences:
        for draft in _sentence_events(sentence, offset, published):
            draft.participations = _participations(sentence, offset, organisations)
            _merge_into(drafts, draft)
    containers = [d for d in drafts if d.kind in CONTAINERS and d.city]
    for draft in drafts:  # a session of the forum in Astana is in Astana
        if not draft.city and draft.kind in PARTS and containers:
            draft.city = containers[0].city
    return [d for d in drafts if d.start or d.city]


def _sentence_events(sentence: str, offset: int, published: date | None) -> list[EventDraft]:
    """One draft per event the sentence names; each takes the dates and place near it.

    "On July 15, a side event was held at the High-Level Political Forum in New York": the
    side event is dated July 15, the forum is in New York, and the side event, part of it,
    is there too.
    """
    kinds = _kinds(sentence)
    drafts = _launches(sentence, offset, published)
    if not kinds:
        return drafts
    future = bool(_FUTURE.search(sentence))
    reference = published.replace(year=published.year + 1) if published and future else published
    dates = [
        d
        for d in find_dates(sentence, reference=reference)
        if not _SINCE.search(sentence[max(0, d.span[0] - 60) : d.span[0]])
    ]
    happened = bool(_HAPPENED.search(sentence))
    anchors = [_anchor(sentence, match) for match in kinds]
    cities = [(m.start(), _city(m.group(0))) for m in _CITY.finditer(sentence)]
    relative = _RELATIVE.search(sentence)
    for index, match in enumerate(kinds):
        own_dates = [d for d in dates if _nearest(anchors, d.span[0]) == index]
        own_cities = [city for position, city in cities if _nearest(anchors, position) == index]
        low = anchors[index - 1] if index else 0
        high = anchors[index + 1] if index + 1 < len(kinds) else len(sentence)
        segment = sentence[low:high]
        generic = match["kind"].lower() == "event"
        if own_dates:
            start, end = own_dates[0].start, own_dates[0].end
        elif (
            relative
            and (not generic or cities)  # "Today Almaty hosted the … event": a report
            and _nearest(anchors, relative.start()) == index
        ):
            start, end = _relative(relative.group(0), published)
        else:
            start, end = None, None
        if start is None and (year := _IN_YEAR.search(segment)):
            start = PartialDate(date(int(year["year"]), 1, 1), "year")
        city = own_cities[0] if own_cities else (_city(segment) if len(kinds) == 1 else "")
        online = bool(_ONLINE.search(segment))
        kind = _KIND_OF[match["kind"].lower()]
        following = kinds[index + 1].start() if index + 1 < len(kinds) else len(sentence)
        preceding = kinds[index - 1].end() if index else 0
        title, named = _title(sentence, match, bounds=(preceding, following))
        precise = start is not None and start.precision != "year"
        if not named and not (precise or (city and happened)):
            continue  # "such a meeting", "training at one of the centres": no event of its own
        if not (start or city or online or (happened and len(kinds) == 1)):
            continue
        if _PROPOSED.search(sentence[: match.start()]):
            continue
        drafts.append(
            EventDraft(
                kind,
                title,
                sentence,
                offset,
                start,
                end,
                city,
                online,
                named,
                generic=generic,
            )
        )
    containers = [d for d in drafts if d.kind in CONTAINERS and d.city]
    for draft in drafts:
        if not draft.city and draft.kind in PARTS and containers:
            draft.city = containers[0].city
    return drafts


def _launches(sentence: str, offset: int, published: date | None) -> list[EventDraft]:
    """ "The Alliance … was officially launched on 27 June in Almaty": the launch is an event."""
    launch = _LAUNCHED.search(sentence)
    if not launch:
        return []
    after = sentence[launch.end() :]
    dates = find_dates(after, reference=published)
    city = _city(after[:60])
    if not (dates or city):
        return []
    title = f"Launch of {re.sub(r'^[Tt]he ', 'the ', launch['subject'])}"
    start = dates[0].start if dates else None
    return [EventDraft("launch", title, sentence, offset, start, None, city, False, True)]


def _anchor(sentence: str, match: re.Match[str]) -> int:
    """Where the event's name starts: "the Astana International Forum" starts at "Astana"."""
    for named in _NAMED.finditer(sentence):
        if named.start("name") <= match.start() <= named.end():
            return named.start("name")
    return match.start()


def _nearest(anchors: list[int], position: int) -> int:
    """The event named last before a position (or the first one) owns what stands there."""
    before = [index for index, anchor in enumerate(anchors) if anchor <= position]
    return before[-1] if before else 0


def _kinds(sentence: str) -> list[re.Match[str]]:
    """Event words outside quoted titles; "launch" only as a noun."""
    quoted = [q.span() for q in _QUOTED_TITLE.finditer(sentence)]
    kinds = []
    for match in _KIND.finditer(sentence):
        if any(start < match.start() < end for start, end in quoted):
            continue
        before = sentence[: match.start()]
        if match["kind"].lower() == "launch" and not re.search(r"\b(?:the|a)\s+$", before, re.I):
            continue
        kinds.append(match)
    return kinds


def _city(sentence: str) -> str:
    if match := _CITY.search(sentence):
        return gazetteer.CITY_ALIASES.get(match["city"], match["city"])
    return "Astana" if _KAZAKH_CAPITAL.search(sentence) else ""


def _relative(sentence: str, published: date | None) -> tuple[PartialDate | None, None]:
    """Dates told relative to the story's date: today, last week, last November, next year."""
    match = _RELATIVE.search(sentence)
    if not match or not published:
        return None, None
    when = match["when"].lower()
    if match["month"]:
        month = gazetteer.MONTHS.index(match["month"].capitalize()) + 1
        year = published.year if month < published.month else published.year - 1
        return PartialDate(date(year, month, 1), "month"), None
    if when.endswith("year"):
        shift = {"next year": 1, "this year": 0, "last year": -1}[when]
        return PartialDate(date(published.year + shift, 1, 1), "year"), None
    if when == "today":
        return PartialDate(published, "day"), None
    if when == "yesterday":
        return PartialDate(published - timedelta(days=1), "day"), None
    moment = published - timedelta(days=7 if "week" in when else 30)
    return PartialDate(moment.replace(day=1), "month"), None


def _title(sentence: str, match: re.Match[str], *, bounds: tuple[int, int]) -> tuple[str, bool]:
    """The event's own name when the sentence gives one, else a description of it.

    A quoted title belongs to the event word nearest to it, between the neighbouring ones.
    """
    for quoted in _QUOTED_TITLE.finditer(sentence):
        after = match.end() <= quoted.start() < bounds[1] and quoted.start() - match.end() < 40
        before = bounds[0] <= quoted.start() and 0 <= match.start() - quoted.end() < 40
        if after or before:
            return quoted["title"].strip(" .,"), True
    for named in _NAMED.finditer(sentence):
        words = named["name"].split()
        if len(words) >= 2 and named.start() <= match.start() <= named.end():
            return named["name"].strip(), True
    phrase = sentence[match.start() :]
    phrase = re.split(
        r"\s+(?:was|were|is|will|has|had|held|took|organi[sz]ed|hosted)\b|[,.;:(]", phrase
    )[0]
    before = re.search(
        r"(?:\b(?:online|regional|national|international|annual|joint|"
        r"high-level|republican)\s+)+$",
        sentence[: match.start()],
        re.I,
    )
    if before:
        phrase = before.group(0) + phrase
    phrase = " ".join(phrase.split()[:12])
    return phrase[:1].upper() + phrase[1:], False


def _participations(
    sentence: str, offset: int, organisations: list[OrganisationMention]
) -> list[Participation]:
    in_sentence = [o for o in organisations if offset <= o.start < offset + len(sentence)]
    roles: list[Participation] = []
    organised = _ORGANISED_BY.search(sentence)
    supported = _SUPPORTED.search(sentence)
    for organisation in in_sentence:
        position = organisation.start - offset
        if supported and position > supported.start():
            role = "partner"
        elif (organised and position > organised.start()) or (
            (host := _ACTIVE_HOST.search(sentence))
            and position < host.start()
            and not re.search(r"\b(?:was|were|been)\s+$", sentence[: host.start()])
        ):
            role = "organiser"
        else:
            continue
        participation = Participation(organisation.name, role)
        if participation not in roles:
            roles.append(participation)
    return roles


def _merge_into(drafts: list[EventDraft], draft: EventDraft) -> None:
    for existing in drafts:
        if _same_event(existing, draft):
            existing.start = existing.start or draft.start
            existing.end = existing.end or draft.end
            existing.city = existing.city or draft.city
            existing.online = existing.online or draft.online
            if draft.named and not existing.named:
                existing.title, existing.named = draft.title, True
            if existing.generic and not draft.generic:
                existing.kind, existing.generic = draft.kind, False
            for participation in draft.participations:
                if participation not in existing.participations:
                    existing.participations.append(participation)
            return
    drafts.append(draft)


def _same_event(a: EventDraft, b: EventDraft) -> bool:
    if a.named and b.named and fold(a.title) == fold(b.title):
        return True
    if a.kind != b.kind and not (a.generic or b.generic):
        return False
    if a.start and b.start:
        return a.start.value == b.start.value
    return (
        (a.start is None) != (b.start is None) and (a.kind == b.kind) and not (a.named and b.named)
    )


def to_record(
    draft: EventDraft,
    *,
    goals: tuple[int, ...],
    targets: tuple[str, ...],
    speakers: list[Appearance],
) -> EventRecord:
    country = gazetteer.CITIES.get(draft.city, "") if draft.city else ""
    return EventRecord(
        title=draft.title,
        kind=draft.kind,
        start=draft.start,
        end=draft.end,
        city=draft.city,
        online=draft.online,
        country=country,
        participations=tuple(draft.participations),
        appearances=tuple(speakers),
        goals=goals,
        targets=targets,
        quote=draft.sentence,
    )


def speaker_role(sentences_of_person: list[str]) -> str:
    """Moderator when the text says so, otherwise speaker."""
    if any(_MODERATED.search(sentence) for sentence in sentences_of_person):
        return "moderator"
    return "speaker"
