"""Find the organisations an article names: full names, acronyms, lists, short references.

A name is grown around a head word ("Ministry", "Committee", "Fund", "Bank"…) over capitalised
words and connectors, or comes from the list of international organisations. Names that differ
in word order or spelling ("Fund for Sustainable Rural Development", "Sustainable Rural
Development Fund") share a key and become one organisation.
"""

import re
from dataclasses import dataclass

from sdgportal.importing import gazetteer
from sdgportal.importing.text import fold, initials

TOKEN = re.compile(r"[\w][\w'’&.-]*\w|\w|[“”\"«»(),;:.!?–—\n]|(?<=\s)-(?=\s)")
CONNECTORS = {"of", "for", "on", "under", "and", "the", "in", "to", "de", "&"}
NAME_ENDS_NOT = {
    "Board",
    "Staff",
    "Team",
    "Members",
    "Forum",
    "Summit",
    "Conference",
    "Day",
    "Week",
    "Award",
    "Prize",
    "Index",
    "Agenda",
    "Goals",
    "Headquarters",
}
NOT_NAME_STARTS = gazetteer.SENTENCE_WORDS | {
    "Last",
    "Next",
    "Another",
    "Other",
    "New",
    "Former",
    "Current",
    "Head",
    "Minister",
    "Chairman",
    "Chairperson",
    "Director",
    "Representative",
    "Deputy",
    "Vice-Minister",
    "Ambassador",
    "Secretary",
    "Coordinator",
    "Manager",
    "Officer",
    "President",
    "Mr",
    "Ms",
    "Dr",
    "Commissioner",
    "Member",
    "Founder",
}
STANDALONE = {"Parliament", "Majilis", "Mazhilis", "Senate"}
PARENT_HEADS = {"ministry", "government", "party", "parliament", "agency", "akimat"}
MERGE_STOP = {
    "the",
    "of",
    "for",
    "on",
    "in",
    "and",
    "to",
    "under",
    "a",
    "at",
    "republic",
    "rk",
    "s",
    *map(str.lower, gazetteer.COUNTRIES),
    "kazakh",
    "kazakhstani",
}
HEAD_SYNONYMS = {
    "foundation": "fund",
    "centre": "center",
    "organisation": "organization",
    "centres": "center",
    "centers": "center",
    "funds": "fund",
}
_HEADS = (
    {head for head in gazetteer.ORGANISATION_HEADS if " " not in head} | {"international"}
) - {"platform", "club", "service", "school", "office", "mission", "news", "union", "society"}
_COUNTRY_SUFFIX = re.compile(
    r"\s+(?:of|in|to)\s+(?:the\s+)?(?:Republic\s+of\s+)?(?P<country>"
    + gazetteer.COUNTRY_PATTERN
    + r"|RK)$"
)
_ACRONYM_AFTER = re.compile(
    r"^\s*\((?:hereinafter(?: referred to as)?\s*[–—-]?\s*)?(?P<acronym>[A-Z][A-Za-z&-]*[A-Z]s?)\)"
)
_KNOWN = sorted(
    (
        (surface, acronym, full)
        for acronym, full, others in gazetteer.INTERNATIONAL_ORGANISATIONS
        for surface in (full, *others)
    ),
    key=lambda item: len(item[0]),
    reverse=True,
)
_KNOWN_NAMES = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(s) for s, _a, _f in _KNOWN) + r")(?![\w-])"
)
_KNOWN_ACRONYMS = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(
        re.escape(a)
        for a, _f, _o in sorted(
            gazetteer.INTERNATIONAL_ORGANISATIONS, key=lambda item: len(item[0]), reverse=True
        )
    )
    + r")(?![\w-])"
)
_BY_SURFACE = {fold(s): (a, f) for s, a, f in _KNOWN} | {
    fold(a): (a, f) for a, f, _o in gazetteer.INTERNATIONAL_ORGANISATIONS
}
_DESCRIBED = re.compile(
    r"(?P<name>[A-Z][\w&-]+(?: [A-Z][\w&-]+){0,3}), an? (?:[\w-]+ ){0,4}?"
    r"(?P<noun>company|center|centre|foundation|fund|organi[sz]ation|agency|NGO|bank|"
    r"association|startup|firm|network|institute|university)\b"
)
_SUCH_AS = re.compile(r"\bsuch as:?\s+(?P<items>[^.;]+)")
_CATEGORY = re.compile(
    r"\b(members|companies|banks|organi[sz]ations|funds|NGOs|partners|agencies|centers|"
    r"centres|foundations|businesses|corporations|institutions)\b"
)
_CITY_SUFFIX = re.compile(r"\s+in\s+(?:" + gazetteer.CITY_PATTERN + r")$")
_LOCATED_IN = re.compile(r"\s+in\s+(?P<country>" + gazetteer.COUNTRY_PATTERN + r")\b")
_LEGAL_QUOTED = re.compile(
    r"\b(?P<legal>PF|PA|NGO|LLP|JSC|NJSC|ОО|ОФ|ТОО|АО)\s+[“\"«](?P<name>[^”\"»]{2,60})[”\"»]"
)
_INSTITUTION_OF_COUNTRY = re.compile(
    rf"\b(?:(?P<head>Government|Parliament|government|parliament)\s+of\s+(?:the\s+)?"
    rf"(?:Republic\s+of\s+)?(?P<country>{gazetteer.COUNTRY_PATTERN})"
    rf"|(?P<country2>{gazetteer.COUNTRY_PATTERN}|Kazakh)(?:[’']s)?\s+(?P<head2>[Gg]overnment|[Pp]arliament))\b"
)
_UN_BODY = re.compile(
    r"\b(?:UN|United Nations)\s+(?:[A-Z][a-z]+\s+){0,2}(?:Secretariat|Office|Team|Country Team)"
    r"(?:\s+in\s+(?P<country>[A-Z][a-z]+))?\b"
)
_QUOTED = re.compile(r"[“\"«](?P<name>[^”\"»]{2,60})[”\"»]")


@dataclass(frozen=True)
class OrganisationMention:
    name: str
    start: int
    end: int
    acronym: str = ""
    sector: str = ""
    country: str = ""
    parent: str = ""
    full_form: str = ""  # the name with its country or parent, as the text gave it


def find_organisations(text: str) -> list[OrganisationMention]:
    """Every organisation mention in the text, left to right, without overlaps."""
    found = [
        *_known(text),
        *_headed(text),
        *_described(text),
        *_listed(text),
        *_legal(text),
        *_institutions(text),
        *_un_bodies(text),
    ]
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    result: list[OrganisationMention] = []
    for mention in found:
        if result and mention.start < result[-1].end:
            continue
        result.append(mention)
    return result


def _known(text: str) -> list[OrganisationMention]:
    mentions = []
    for pattern in (_KNOWN_NAMES, _KNOWN_ACRONYMS):
        for match in pattern.finditer(text):
            acronym, full = _BY_SURFACE[fold(match.group(0))]
            mentions.append(
                OrganisationMention(full, match.start(), match.end(), acronym, "international")
            )
    return mentions


def _institutions(text: str) -> list[OrganisationMention]:
    """ "Government of Kazakhstan", "the Kazakh government", "Parliament of Hungary"."""
    mentions = []
    for match in _INSTITUTION_OF_COUNTRY.finditer(text):
        head = (match["head"] or match["head2"]).capitalize()
        country_name = match["country"] or match["country2"]
        code = gazetteer.COUNTRIES.get(country_name, "KZ")
        name = "Kazakhstan" if country_name == "Kazakh" else country_name
        sector = (
            "parliament" if head == "Parliament" else "state" if code == "KZ" else ("international")
        )
        mentions.append(
            OrganisationMention(
                f"{head} of {name}", match.start(), match.end(), sector=sector, country=code
            )
        )
    return mentions


def _un_bodies(text: str) -> list[OrganisationMention]:
    return [
        OrganisationMention(match.group(0), match.start(), match.end(), sector="international")
        for match in _UN_BODY.finditer(text)
    ]


def _legal(text: str) -> list[OrganisationMention]:
    return [
        OrganisationMention(
            match["name"], match.start(), match.end(), sector=_sector(match["name"], match["legal"])
        )
        for match in _LEGAL_QUOTED.finditer(text)
    ]


def _described(text: str) -> list[OrganisationMention]:
    mentions = []
    for match in _DESCRIBED.finditer(text):
        noun = match["noun"].lower()
        sector = "business" if noun in {"company", "startup", "firm", "bank"} else ""
        sector = sector or gazetteer.ORGANISATION_HEADS.get(noun, "ngo")
        mentions.append(
            OrganisationMention(match["name"], match.start(), match.end("name"), sector=sector)
        )
    return mentions


def _listed(text: str) -> list[OrganisationMention]:
    mentions = []
    for match in _SUCH_AS.finditer(text):
        window = re.split(r"[.;\n]", text[max(0, match.start() - 50) : match.start()])[-1]
        categories = _CATEGORY.findall(window)
        if not categories:
            continue
        category = categories[-1].lower()
        sector = (
            "business"
            if category in {"companies", "banks", "businesses", "corporations", "members"}
            else "ngo"
        )
        offset = match.start("items")
        for item in re.finditer(r"[^,]+", match["items"]):
            raw = re.sub(r"^\s*(?:and|or)\s+", "", item.group(0)).strip()
            name = raw.strip('“”"«» ')
            if not name or not name[0].isupper() or name.lower() in {"others", "etc"}:
                continue
            if len(name.split()) > 6:
                break
            name, legal = _strip_legal_form(name)
            if not name:
                continue
            start = offset + item.start() + item.group(0).find(raw)
            sector_here = _sector(name, legal) if legal else sector
            mentions.append(OrganisationMention(name, start, start + len(raw), sector=sector_here))
    return mentions


def _strip_legal_form(name: str) -> tuple[str, str]:
    words = name.split()
    legal = ""
    while words and words[-1] in gazetteer.LEGAL_FORMS:
        legal = words.pop()
    while len(words) > 1 and words[0] in gazetteer.LEGAL_FORMS:
        legal = legal or words[0]
        words.pop(0)
    return " ".join(words), legal


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper() or ("&" in token and token[:1].isalnum())


def _headed(text: str) -> list[OrganisationMention]:
    tokens = [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]
    mentions, index = [], 0
    while index < len(tokens):
        word = tokens[index][0]
        if not (_is_capitalised(word) and word.lower() in _HEADS) or word == word.upper():
            index += 1
            continue
        left = index
        while left > 0 and _extends_left(tokens[left - 1][0]):
            left -= 1
        right = _extend_right(tokens, index)
        if tokens[left][0] in {"International"} and left == index:
            index += 1
            continue
        mention = _mention_from(text, tokens, left, right)
        if mention:
            mentions.append(mention)
        index = right + 1
    return mentions


def _extends_left(token: str) -> bool:
    if token in NOT_NAME_STARTS or not (_is_capitalised(token) or token in {"&"}):
        return False
    if token.endswith(("'s", "’s")):
        return token[:-2] not in gazetteer.COUNTRIES and fold(token[:-2]) not in _BY_SURFACE
    return True


def _extend_right(tokens: list[tuple[str, int, int]], head: int) -> int:
    """The index of the last token of the name that starts growing at ``head``.

    Right of the head a capitalised word joins only after a connector ("Ministry of National
    Economy"), or as an acronym or legal form ("Center NJSC"): "Assembly Margareta…" stops.
    """
    end, index, after_connector = head, head + 1, False
    while index < len(tokens):
        word, previous = tokens[index][0], tokens[index - 1][0]
        if word in gazetteer.HONORIFICS:
            break
        if _is_capitalised(word) and word != "The":
            if not after_connector and word != word.upper() and word not in gazetteer.COUNTRIES:
                break
            if word.lower() in _HEADS and previous == "and":
                break  # "… and Economic Research Institute": a second organisation
            end = index
            index += 1
        elif word in CONNECTORS:
            if word == "the" and previous not in CONNECTORS:
                break
            if word == "and" and _second_name_follows(tokens, index + 1):
                break
            after_connector = True
            index += 1
        elif word.islower() and previous in {"for", "on"}:
            run = index
            while run < len(tokens) and tokens[run][0].islower() and run - index < 4:
                if tokens[run][0] in {"of", "for", "on", "under"}:
                    break
                run += 1
            if run < len(tokens) and tokens[run][0] in {"of", "for", "on", "under"}:
                index = run
            else:
                break
        elif word == "," and _enumeration_follows(tokens, index + 1):
            index += 1
        else:
            break
    return end


def _second_name_follows(tokens: list[tuple[str, int, int]], index: int) -> bool:
    """After "and": a name with its own head word, or a known organisation, starts here."""
    if index < len(tokens) and tokens[index][0] == "the":
        return True
    run = index
    while run < len(tokens) and _is_capitalised(tokens[run][0]):
        if tokens[run][0].lower() in _HEADS or fold(tokens[run][0]) in _BY_SURFACE:
            return True
        run += 1
    return False


def _enumeration_follows(tokens: list[tuple[str, int, int]], index: int) -> bool:
    """ ", Family and Demographic Policy": a comma inside a name lists its parts."""
    run = index
    while run < len(tokens) and _is_capitalised(tokens[run][0]):
        if tokens[run][0].lower() in _HEADS:
            return False
        run += 1
    return run > index and run < len(tokens) and tokens[run][0] == "and"


def _mention_from(
    text: str, tokens: list[tuple[str, int, int]], left: int, right: int
) -> OrganisationMention | None:
    start, end = tokens[left][1], tokens[right][2]
    full = text[start:end]
    name, parent = _split_parent(full)
    if len(name.split()) < 2:
        name, parent = full, ""  # "Majilis of the Parliament" is the Majilis's own name
    name, legal = _strip_legal_form(name)
    after = text[end:]
    while legal_after := re.match(r"\s+(NJSC|JSC|LLP|PF|NC|RSE)\b", after):
        legal = legal or legal_after.group(1)
        end += legal_after.end()
        after = text[end:]
    acronym_match = _ACRONYM_AFTER.match(after)
    acronym = acronym_match["acronym"] if acronym_match else ""
    if acronym and not _acronym_fits(acronym, name):
        acronym = ""
    quoted = _QUOTED.match(after.lstrip()) if after.startswith((" “", ' "', " «")) else None
    if quoted:
        name = f"{name} “{quoted['name']}”"
        end += len(after) - len(after.lstrip()) + quoted.end()
    country = ""
    if suffix := _COUNTRY_SUFFIX.search(name):
        country = gazetteer.COUNTRIES.get(suffix["country"], "KZ")
        if country == "KZ":
            name = name[: suffix.start()]  # a Kazakh body is named without its country
    if city := _CITY_SUFFIX.search(name):
        name = name[: city.start()]
    elif located := _LOCATED_IN.match(text[end:]):
        country = gazetteer.COUNTRIES[located["country"]]
    words = name.split()
    following = re.match(r"\s*([A-Z]\w+)", text[end:])
    if not words or words[-1] in NAME_ENDS_NOT or (following and following[1] in NAME_ENDS_NOT):
        return None
    if len(words) < 2 and not quoted and not legal and words[0] not in STANDALONE:
        return None
    sector = _sector(name, legal)
    if sector == "international":
        country = ""
    elif sector in {"state", "parliament"} and not country:
        country = "KZ"
    return OrganisationMention(name, start, end, acronym, sector, country, parent, full)


def _acronym_fits(acronym: str, name: str) -> bool:
    letters = acronym.rstrip("s")
    return initials(name.split()).startswith(letters[:2]) or letters[0] == name[0]


def _split_parent(name: str) -> tuple[str, str]:
    for match in re.finditer(r"\s+(?:of|under)\s+(?:the\s+)?(?=[A-Z])", name):
        parent = name[match.end() :]
        if {word.lower() for word in parent.split()[:3]} & PARENT_HEADS:
            return name[: match.start()], parent
    return name, ""


def _sector(name: str, legal: str) -> str:
    words = name.split()
    lower = [w.lower() for w in words]
    if fold(name) in _BY_SURFACE or words[0] in {"UN", "United"} or "European" in words:
        return "international"
    if {"parliament", "parliamentary", "majilis", "mazhilis", "senate"} & set(lower):
        return "parliament"
    if legal in gazetteer.BUSINESS_FORMS:
        # a joint-stock institute, centre or fund in Kazakhstan is state-owned
        return "state" if {"institute", "center", "centre", "fund"} & set(lower) else "business"
    if legal in gazetteer.NGO_FORMS:
        return "ngo"
    if gazetteer.STATE_MARKERS.search(name) or legal in {"NJSC", "RSE", "NC"}:
        foreign = _COUNTRY_SUFFIX.search(name)
        return "international" if foreign and foreign["country"] != "Kazakhstan" else "state"
    for word in reversed(lower):
        if word in gazetteer.ORGANISATION_HEADS:
            return gazetteer.ORGANISATION_HEADS[word]
    return "other"


def merge_key(name: str) -> frozenset[str]:
    """Names with the same meaningful words are one organisation, whatever their order."""
    words = [HEAD_SYNONYMS.get(word, word) for word in fold(name).split()]
    return frozenset(word for word in words if word not in MERGE_STOP)


def known_acronym(name: str) -> tuple[str, str] | None:
    """(acronym, full name) of an international organisation this name refers to."""
    return _BY_SURFACE.get(fold(name))
