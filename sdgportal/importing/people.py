"""Find the people an article names, with the title and organisation it gives them.

A name is a run of two to four capitalised words that the sentence marks as a person: a title
beside it ("UN Resident Coordinator in Kazakhstan Michaela Friberg-Storey", "Batima Mukina,
Chairman of the Center Board"), an honorific, or a verb of speech ("said Ksenia Verba"). Later
mentions in another spelling ("Zhekebayev") or with a patronymic join the person.
"""

import re
from dataclasses import dataclass, field

from sdgportal.importing import gazetteer
from sdgportal.importing.organisations import OrganisationMention
from sdgportal.importing.text import name_key

_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zà-öø-ÿā-ž]+(?:[-'’][A-ZÀ-ÖØ-Þa-zà-öø-ÿĀ-ž][a-zà-öø-ÿā-ž]+)*"
_PARTICLE = r"(?:van|von|de|der|den|al|el|bin|la|du|da|di)"
NAME = re.compile(rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_WORD}){{1,5}}")
HONORIFIC = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sir|Madam)\.?|\bH\.E\.)\s*$")
SPEECH = "|".join(gazetteer.SPEECH_VERBS)
_SPEECH_BEFORE = re.compile(
    rf"\b(?:{SPEECH}|according to|by|from the speech of)\s*,?\s*$", re.IGNORECASE
)
_SPEECH_AFTER = re.compile(rf"^\s*(?:,[^,]{{0,160}},\s*)?(?:{SPEECH})\b")
_TITLE_WORDS = {w.lower() for w in gazetteer.TITLE_WORDS}
PATRONYMIC = re.compile(r"(?:ovna|evna|yevna|ievna|ovich|evich|yevich|kyzy|uly|qyzy)$")
_CALENDAR = {
    *gazetteer.MONTHS,
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
}
_COMMON_CAPITALISED = gazetteer.SENTENCE_WORDS | {
    "United",
    "Nations",
    "National",
    "Sustainable",
    "Development",
    "Goals",
    "Goal",
    "Global",
    "Regional",
    "Central",
    "Asia",
    "Asian",
    "Republic",
    "State",
    "Forum",
    "Summit",
    "Conference",
    "Agenda",
    "Day",
    "Week",
    "Programme",
    "Program",
    "Project",
    "Initiative",
    "Platform",
    "Review",
    "Voluntary",
    "Kazakh",
    "Kazakhstani",
    "European",
    "Union",
    "World",
    "Economic",
    "Social",
    "Human",
    "Rights",
    "Women",
    "Children",
    "Youth",
    "Year",
    "Talks",
    "Media",
    "Zone",
    "Index",
    "Concept",
    "Strategy",
    "Plan",
    "Law",
    "Code",
    "Article",
    "Decree",
    "Photo",
    "Story",
    "Press",
    "Release",
    "Civil",
    "Society",
    "Public",
    "Green",
    "Digital",
    "Family",
    "Rural",
    "Research",
    "Quality",
    "Life",
    "Economy",
    "Equality",
    "Gender",
    "Affairs",
    "Justice",
    "Education",
    "Health",
    "Finance",
    "Energy",
    "Ecology",
    "Agriculture",
    "Labour",
    "Labor",
    "Protection",
    "Security",
    "Policy",
    "Resources",
    "Industry",
    "Innovation",
    "Culture",
    "Sport",
    "Information",
    "Statistics",
    "Planning",
    "Cabinet",
    "Resident",
    "Permanent",
    "Executive",
    "General",
    "Senior",
    "Assistant",
    "Associate",
    "Honorary",
    "Goodwill",
    "Country",
    "Prime",
    "Foreign",
}
NOT_NAME_WORDS = (
    {w.capitalize() for w in gazetteer.ORGANISATION_HEADS}
    | {w.capitalize() for w in gazetteer.TITLE_WORDS}
    | {"Secretary-General", "Director-General", "Under-Secretary-General", "Vice-Minister"}
    | set(gazetteer.HONORIFICS)
    | set(gazetteer.CITIES)
    | set(gazetteer.COUNTRIES)
    | set(gazetteer.KAZAKH_REGIONS)
    | _CALENDAR
    | _COMMON_CAPITALISED
)
_LOWER_TITLES = "|".join(
    sorted(
        (w for w in gazetteer.TITLE_WORDS if w.replace("-", "").isalpha()), key=len, reverse=True
    )
)
_TITLE_PART = rf"(?:[A-Z][\w&’'-]*|of|for|in|to|the|on|and|project|senior|{_LOWER_TITLES})"
_TITLE_BEFORE = re.compile(rf"(?P<title>{_TITLE_PART}(?:\s+{_TITLE_PART})*)\s*,?\s*$")
_TITLE_AFTER = re.compile(r"^,\s*(?:the\s+|an?\s+|his\s+|her\s+)?(?P<title>[^,;.()“”\"]{2,200})")
_TITLE_END = re.compile(
    rf"\s+(?:{SPEECH}|in his|in her|during|at the|who|which|opening|welcoming|telling)\b"
)
_SHORT_REFERENCE = re.compile(
    r"\bthe\s+(?P<head>Center|Centre|Foundation|Fund|Institute|Ministry|Committee|Agency|Bank|"
    r"Commission|Council|Organization|Organisation|Office|Delegation|University)\b"
)
_MINISTER_OF = re.compile(
    r"\b(?:Vice-|Deputy\s+)?Minister\s+of\s+(?P<field>[A-Z][^,;]*?)"
    r"(?=\s+(?:of|in)\s+(?:the\s+Republic\s+of\s+)?Kazakhstan\b|$)"
)
_PEOPLE_NOUNS = re.compile(
    r"^.*\b(?P<noun>artists|journalists|speakers|experts|guests|participants|designers|"
    r"musicians|activists)\s*(?P<bracket>\(?)\s*(?:[^.;]*,\s*)?$"
)
_POSSESSIVE_ORGANISATION = re.compile(
    r"^(?P<organisation>[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,4})[’']s\s+(?P<position>.+)$"
)
_NAMED_MINISTER = re.compile(r"\b(?!Prime\b|Vice\b|Deputy\b)(?P<field>[A-Z][a-z]+)\s+Minister\b")
_FIELD_OF_MINISTRY = {"Foreign": "Foreign Affairs", "Interior": "Internal Affairs"}


@dataclass
class PersonMention:
    name: str
    start: int
    end: int
    title: str = ""
    organisation: str = ""
    sentence: str = ""


@dataclass
class Person:
    name: str
    aliases: list[str] = field(default_factory=list)
    title: str = ""
    organisation: str = ""
    quote: str = ""
    mentions: list[PersonMention] = field(default_factory=list)


def find_person_mentions(
    text: str, sentences: list[tuple[int, str]], organisations: list[OrganisationMention]
) -> list[PersonMention]:
    """People named in the text, each with the title and organisation beside the name."""
    mentions = []
    for offset, sentence in sentences:
        for match in NAME.finditer(sentence):
            name = _clean_name(match.group(0))
            if not name:
                continue
            start = match.start() + match.group(0).rindex(name)
            end = start + len(name)
            before, after = sentence[:start], sentence[end:]
            title = _title_after(after) or _title_before(before)
            listed = _PEOPLE_NOUNS.search(before)
            coordinated = (
                bool(mentions)
                and mentions[-1].sentence == sentence
                and re.fullmatch(r"\s+and\s+", sentence[mentions[-1].end - offset : start] or "-")
            )
            signalled = (
                title
                or HONORIFIC.search(before)
                or _SPEECH_BEFORE.search(before)
                or _SPEECH_AFTER.match(after)
                or listed
                or coordinated
            )
            if not signalled or _inside_organisation(offset + start, offset + end, organisations):
                continue
            position, organisation = split_title(title, offset, sentence, organisations)
            if not title and listed and not listed["bracket"]:  # "journalists Richard Quest (CNN)"
                position = listed["noun"].rstrip("s")
                bracket = re.match(r"\s*\((?P<org>[A-Z][\w&-]+)\)", after)
                organisation = bracket["org"] if bracket else ""
            if re.search(r"\bIts\s+[\w -]+$", before) and not organisation:
                organisation = _latest_before(offset + start, organisations)
            mentions.append(
                PersonMention(name, offset + start, offset + end, position, organisation, sentence)
            )
    return mentions


def _clean_name(candidate: str) -> str:
    """The personal name at the end of a run of capitalised words, if there is one."""
    words = candidate.split()
    while words and words[-1] in NOT_NAME_WORDS:
        words.pop()
    stops = [
        index
        for index, word in enumerate(words)
        if word in NOT_NAME_WORDS or word.endswith(("'s", "’s"))
    ]
    if stops:
        words = words[stops[-1] + 1 :]
    while words and not words[0][:1].isupper():
        words.pop(0)
    return " ".join(words) if 2 <= len(words) <= 4 else ""


def _is_title(phrase: str) -> bool:
    words = [word.lower().strip(",") for word in phrase.split()]
    return any(w in _TITLE_WORDS or w.split("-")[-1] in _TITLE_WORDS for w in words[:6])


def _title_after(after: str) -> str:
    match = _TITLE_AFTER.match(after)
    if not match:
        return ""
    title = _TITLE_END.split(match["title"])[0].strip()
    rest = after[match.end() :]
    more = re.match(r"^,\s*(?P<more>[^,;.()“”\"]{2,200})", rest)
    if (
        more
        and not _TITLE_END.search(more["more"])
        and _is_title(more["more"])
        and not _contains_a_name(more["more"])
    ):
        title = f"{title}, {more['more'].strip()}"  # "Associate Professor, Deputy Chair…"
    if _contains_a_name(title):
        return ""  # the next person of a list, not this one's title
    return title if _is_title(title) and len(title.split()) <= 30 else ""


def _contains_a_name(phrase: str) -> bool:
    """Whether a personal name stands in the phrase (not a name after "of the…")."""
    for match in NAME.finditer(phrase):
        name = _clean_name(match.group(0))
        if not name or match.group(0).split()[-1] in NOT_NAME_WORDS:
            continue
        start = match.start() + match.group(0).rindex(name)
        if not re.search(r"\b(?:the|of|and|for|in|on|to)\s+$", phrase[:start]):
            return True
    return False


def _title_before(before: str) -> str:
    before = HONORIFIC.sub("", before)
    match = _TITLE_BEFORE.search(before)
    if not match:
        return ""
    title = match["title"].strip()
    names = [m for m in NAME.finditer(title) if _clean_name(m.group(0))]
    if names:  # "Minister X and Group's General Manager Y": only what stands before Y
        title = re.sub(r"^(?:and|,)\s*", "", title[names[-1].end() :].strip())
    segments = [segment for segment in re.split(r",\s*", before.strip(" ,")) if segment]
    if len(segments) >= 2 and title == segments[-1].strip() and title.islower():
        previous = _TITLE_BEFORE.search(segments[-2])
        if previous and _is_title(previous["title"]):
            title = previous["title"].strip()  # "Deputy Chairman of ERI, project expert X"
    title = re.sub(r"^(?:the|and|of|in|to|on|for)\s+", "", title, flags=re.IGNORECASE)
    title = re.sub(
        r"^(?:Addressing|According|During|In|The|Today|Also|As|Its|His|Her)\b\s*", "", title
    )
    return title if title and _is_title(title) else ""


def _inside_organisation(start: int, end: int, organisations: list[OrganisationMention]) -> bool:
    return any(org.start <= start and end <= org.end for org in organisations)


def split_title(
    title: str, offset: int, sentence: str, organisations: list[OrganisationMention]
) -> tuple[str, str]:
    """Separate a stated title into the position and the organisation it is held at."""
    if not title:
        return "", ""
    possessive = _POSSESSIVE_ORGANISATION.match(title)
    if possessive and possessive["organisation"] not in gazetteer.COUNTRIES:
        return _tidy_position(possessive["position"]), possessive["organisation"]
    if re.search(r"\bof\s+(?:the\s+)?(?:Republic\s+of\s+)?[A-Z]\w+\s+to\b", title):
        return _tidy_position(title.split(" of ")[0]), ""  # a country's envoy to a body
    start = offset + sentence.find(title)
    inside = [o for o in organisations if start <= o.start < start + len(title)]
    organisation, position = "", title
    if inside:
        organisation = inside[-1].name
        cut = inside[-1].start - start
        position = title[:cut] if cut > 3 else title[inside[-1].end - start :]
        if not position.strip(" ,"):
            position = title[:cut]
    elif short := _SHORT_REFERENCE.search(title):
        organisation = _latest_with_head(short["head"], start, organisations)
        position = title.replace(short.group(0), "").replace("  ", " ")
    elif named := _NAMED_MINISTER.search(title):
        field_name = _FIELD_OF_MINISTRY.get(named["field"], named["field"])
        organisation, position = f"Ministry of {field_name}", title
    elif (minister := _MINISTER_OF.search(title)) and minister["field"] not in gazetteer.COUNTRIES:
        organisation = f"Ministry of {minister['field']}"
        position = title[: minister.start("field")].replace(" of", "").strip() or title
    return _tidy_position(position), organisation


def _tidy_position(position: str) -> str:
    previous = None
    while previous != position:
        previous = position
        position = position.strip(" ,")
        position = re.sub(
            r"\s+(?:of|in|to|at|for)\s+(?:the\s+)?(?:Republic\s+of\s+)?(?:Kazakhstan|RK)$",
            "",
            position,
        )
        position = re.sub(r"\s+(?:of|in|to|at|for|the|and)$", "", position)
        position = re.sub(r"^(?:the|a|an|to|of|in|on|for|and)\s+", "", position, flags=re.I)
        position = re.sub(r"^(?:U\.N\.|[A-Z]{2,6})\s+(?=[A-Z])", "", position)
        position = re.sub(r"^\w+[’']s\s+", "", position)
    return position


def _latest_before(position: int, organisations: list[OrganisationMention]) -> str:
    earlier = [o for o in organisations if o.start < position]
    return earlier[-1].name if earlier else ""


def _latest_with_head(head: str, before: int, organisations: list[OrganisationMention]) -> str:
    for organisation in reversed(organisations):
        if organisation.start < before and head.lower() in organisation.name.lower():
            return organisation.name
    return ""


def group_people(mentions: list[PersonMention]) -> list[Person]:
    """One person per individual: other spellings and patronymic forms join the full name."""
    people: list[Person] = []
    for mention in mentions:
        person = _same_person(people, mention.name)
        if person is None:
            person = Person(mention.name, quote=mention.sentence)
            people.append(person)
        elif mention.name != person.name and mention.name not in person.aliases:
            person.aliases.append(mention.name)
        if mention.title and (
            not person.title or (mention.organisation and not person.organisation)
        ):
            person.title, person.organisation = mention.title, mention.organisation
            person.quote = mention.sentence
        person.mentions.append(mention)
    return people


def _same_person(people: list[Person], name: str) -> Person | None:
    key = name_key(name).split()
    for person in people:
        for known in (person.name, *person.aliases):
            known_key = name_key(known).split()
            if key == known_key or (key[0] == known_key[0] and key[-1] == known_key[-1]):
                return person  # "Armida Alisjahbana" ~ "Armida Salsiah Alisjahbana"
            if key[0] == known_key[0] and PATRONYMIC.search(name.split()[-1].lower()):
                return person  # "Lyazyat Kazhitayevna": first name and patronymic
    return None
