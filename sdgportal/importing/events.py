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
_ONLINE = re.compile(r"\b(?:online|virtual|video ?conference|webinar|via video)\b", re.I)
_CITY = re.compile(
    r"(?<![\w-])(?P<city>"
    + "|".join(re.escape(c) for c in sorted(gazetteer.CITIES, key=len, reverse=True))
    + r")(?![\w-])"
)
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
_RELATIVE = re.compile(r"\b(?P<when>today|yesterday|last week|this week|last month)\b", re.I)
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
    participations: list[Participation] = field(default_factory=list)


def find_events(
    sentences: list[tuple[int, str]],
    organisations: list[OrganisationMention],
    *,
    published: date | None,
    article_title: str = "",
) -> list[EventDraft]:
    """Events the sentences report, merged so that each event appears once."""
    drafts: list[EventDraft] = []
    for offset, sentence in sentences:
        match = _main_kind(sentence)
        if not match:
            continue
        dates = find_dates(sentence, reference=published)
        city = _city(sentence)
        online = bool(_ONLINE.search(sentence))
        if not (dates or city or online or _HAPPENED.search(sentence)):
            continue
        start, end = (dates[0].start, dates[0].end) if dates else _relative(sentence, published)
        kind = _KIND_OF[match["kind"].lower()]
        title, named = _title(sentence, match, kind)
        draft = EventDraft(kind, title, sentence, offset, start, end, city, online, named)
        draft.participations = _participations(sentence, offset, organisations)
        _merge_into(drafts, draft)
    return [d for d in drafts if d.start or d.city or d.online]


def _main_kind(sentence: str) -> re.Match[str] | None:
    """The event the sentence is about: the one its quoted title names, or the one hosted.

    "The Civic Forum in Astana hosted a session on “…”" is about the session.
    """
    kinds = list(_KIND.finditer(sentence))
    if len(kinds) <= 1:
        return kinds[0] if kinds else None
    if quoted := _QUOTED_TITLE.search(sentence):
        before = [k for k in kinds if k.end() <= quoted.start()]
        if before:
            return before[-1]
    for kind in kinds:
        if _HAPPENED.search(sentence[max(0, kind.start() - 25) : kind.start()]):
            return kind
    return kinds[0]


def _city(sentence: str) -> str:
    if match := _CITY.search(sentence):
        return gazetteer.CITY_ALIASES.get(match["city"], match["city"])
    return "Astana" if _KAZAKH_CAPITAL.search(sentence) else ""


def _relative(sentence: str, published: date | None) -> tuple[PartialDate | None, None]:
    match = _RELATIVE.search(sentence)
    if not match or not published:
        return None, None
    when = match["when"].lower()
    if when == "today":
        return PartialDate(published, "day"), None
    if when == "yesterday":
        return PartialDate(published - timedelta(days=1), "day"), None
    moment = published - timedelta(days=7 if "week" in when else 30)
    return PartialDate(moment.replace(day=1), "month"), None


def _title(sentence: str, match: re.Match[str], kind: str) -> tuple[str, bool]:
    """The event's own name when the sentence gives one, else a description of it."""
    for quoted in _QUOTED_TITLE.finditer(sentence):
        if abs(quoted.start() - match.end()) < 40 or abs(match.start() - quoted.end()) < 40:
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
            for participation in draft.participations:
                if participation not in existing.participations:
                    existing.participations.append(participation)
            return
    drafts.append(draft)


def _same_event(a: EventDraft, b: EventDraft) -> bool:
    if a.named and b.named and fold(a.title) == fold(b.title):
        return True
    if a.kind != b.kind and "meeting" not in {a.kind, b.kind}:
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
