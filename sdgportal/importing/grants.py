"""Find grants and funding flows: who gave how much to whom, when, for what.

Every amount of money an article states (not its conversion in brackets, nor a running total)
is a funding record. A grant without an amount counts when the text says who gave it: after
"funded by" or "a grant from", as the subject of "provides grants", or as the body the text was
just speaking of when it says "the project was funded".
"""

import re

from sdgportal.importing import gazetteer
from sdgportal.importing.dates import find_years
from sdgportal.importing.money import find_amounts
from sdgportal.importing.organisations import OrganisationMention
from sdgportal.importing.records import GrantRecord

_GRANT_CUE = re.compile(
    r"\b(?:grants?|mini-grants?|funded|financed|co-financed|invested|funding)\b", re.I
)
_BY = re.compile(r"\b(?:financed|funded|co-financed|sponsored|granted)\s+by\s+(?:the\s+)?$", re.I)
_FROM = re.compile(
    r"\b(?:grants?|funding|financing|money)\s+from\s+(?:the\s+)?(?:joint\s+)?$", re.I
)
_FROM_TEXT = re.compile(
    r"\b(?:grants?|funding)\s+from\s+(?P<funder>(?:the\s+)?[\w’' -]{3,60}?)(?=\s+(?:after|to|for|"
    r"in|on|and)\b|[,.;])",
    re.I,
)
_GIVES = re.compile(
    r"\b(?:provides?|gives?|awards?|allocates?|issues?|invest(?:s|ed)|"
    r"finances?|financed|funds|funded)\b",
    re.I,
)
_RECEIVES = re.compile(r"\b(?:received|won|attracted|obtained)\b", re.I)
_TO_TEXT = re.compile(
    r"\b(?:given|provided|awarded|allocated)?\s*to\s+(?P<recipient>"
    r"(?:the\s+)?[a-z][\w -]{2,40}?)(?=\s+(?:to|for|in|who|that)\b|[,.;])"
)
_SHORT = re.compile(
    r"\bthe\s+(?P<head>Foundation|Fund|Center|Centre|Ministry|Institute|Agency|"
    r"Bank|Committee|Organization|Organisation)\b"
)
_RUNNING_TOTAL = re.compile(r"\b(?:bringing|brings|brought|raising)\b[^.;]*$", re.I)
_PURPOSE = re.compile(
    r"\b(?:to|for)\s+(?P<purpose>(?:promote|support|conduct|assist|develop|implement|finance|"
    r"fund|help|open|launch|create|strengthen|the development|the implementation|supporting)"
    r"[^.;]{3,160})",
    re.I,
)
_INSTRUMENTS = (
    (re.compile(r"state social order", re.I), "state_social_order"),
    (re.compile(r"\bstate grants?\b|\bgovernment grants?\b", re.I), "state_grant"),
    (re.compile(r"\baward\b|\bprize\b", re.I), "ngo_award"),
    (re.compile(r"\b(?:EU|UN|donor|trust fund|programme|program)\b"), "donor_grant"),
)
_COUNTRY_SUBJECT = re.compile(r"\b(?P<country>" + gazetteer.COUNTRY_PATTERN + r")\s+$")


def find_grants(
    sentences: list[tuple[int, str]], organisations: list[OrganisationMention]
) -> list[GrantRecord]:
    grants: list[GrantRecord] = []
    context = ""  # the body the text last spoke of as giving grants
    for offset, sentence in sentences:
        cue = _GRANT_CUE.search(sentence)
        amounts = [
            m
            for m in find_amounts(sentence)
            if not m.conversion and not _RUNNING_TOTAL.search(sentence[: m.span[0]])
        ]
        if not amounts and not cue:
            continue
        local = [o for o in organisations if offset <= o.start < offset + len(sentence)]
        funder = _funder(sentence, offset, local, organisations)
        recipient = _recipient(sentence, offset, local, funder)
        years = find_years(sentence)
        purpose = _purpose(sentence)
        common = {
            "instrument": _instrument(sentence),
            "purpose": purpose,
            "year": years[0] if years else None,
            "quote": sentence,
        }
        for amount in amounts:
            grants.append(
                GrantRecord(
                    title=_title(purpose, funder, recipient),
                    funder=funder,
                    recipient=recipient,
                    money=amount.money,
                    **common,
                )
            )
        if amounts:
            context = funder or context
            continue
        if not funder and re.search(r"\b(?:was|were)\s+(?:funded|financed)\b", sentence):
            funder = context
        if funder and funder != recipient:
            grants.append(
                GrantRecord(
                    title=_title(purpose, funder, recipient),
                    funder=funder,
                    recipient=recipient,
                    **common,
                )
            )
        elif local and not funder:
            context = local[0].name
        if funder:
            context = funder
    return grants


def _funder(
    sentence: str,
    offset: int,
    local: list[OrganisationMention],
    organisations: list[OrganisationMention],
) -> str:
    for organisation in local:
        before = sentence[: organisation.start - offset]
        if _BY.search(before) or _FROM.search(before):
            return organisation.name
    if match := _FROM_TEXT.search(sentence):
        return match["funder"].strip()
    gives = _GIVES.search(sentence)
    if not gives:
        return ""
    before = sentence[: gives.start()]
    subjects = [o for o in local if o.start - offset < gives.start()]
    if subjects and not _RECEIVES.search(before):
        return subjects[-1].name
    if country := _COUNTRY_SUBJECT.search(before):
        return f"Government of {country['country']}"
    if short := _SHORT.search(before):
        for organisation in reversed(organisations):
            if organisation.start < offset and short["head"].lower() in organisation.name.lower():
                return organisation.name
    return ""


def _recipient(sentence: str, offset: int, local: list[OrganisationMention], funder: str) -> str:
    receives = _RECEIVES.search(sentence)
    for organisation in local:
        position = organisation.start - offset
        if receives and position < receives.start() and organisation.name != funder:
            return organisation.name
        if re.search(r"\bto\s+(?:the\s+)?$", sentence[:position]) and organisation.name != funder:
            return organisation.name
    if match := _TO_TEXT.search(sentence):
        return match["recipient"].strip()
    return ""


def _purpose(sentence: str) -> str:
    match = _PURPOSE.search(sentence)
    return match["purpose"].strip(" ,") if match else ""


def _instrument(sentence: str) -> str:
    for pattern, instrument in _INSTRUMENTS:
        if pattern.search(sentence):
            return instrument
    return "other"


def _title(purpose: str, funder: str, recipient: str) -> str:
    if recipient and funder:
        return f"{funder} → {recipient}"
    if purpose:
        return purpose[:1].upper() + purpose[1:120]
    return f"Funding from {funder}" if funder else "Funding"
