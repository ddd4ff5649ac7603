"""Find grants and funding flows: who gave how much to whom, when, for what.

Every amount of money an article states (not its conversion in brackets) is a funding record;
a grant without an amount counts when the text names both who gave it and who received it.
"""

import re

from sdgportal.importing.dates import find_years
from sdgportal.importing.money import find_amounts
from sdgportal.importing.organisations import OrganisationMention
from sdgportal.importing.records import GrantRecord

_GRANT_WORDS = re.compile(
    r"\b(?:grants?|mini-grants?|funded|financed|co-financed|funding|contributions?|allocated|"
    r"awarded|donated|invested)\b",
    re.I,
)
_FROM = re.compile(r"\b(?:from|by|financed by|funded by|provided by|supported by)\s+(?:the\s+)?$")
_TO = re.compile(r"\b(?:to|for)\s+(?:the\s+)?$")
_RECEIVED = re.compile(
    r"\b(?:received|won|attracted|obtained|got)\s+(?:a|an|the)?\s*"
    r"(?:\w+\s+)?(?:grant|funding)",
    re.I,
)
_GIVES = re.compile(
    r"\b(?:provides?|gives?|awards?|allocates?|issues?|gave|provided|awarded|"
    r"allocated|financed|funded)\b",
    re.I,
)
_PURPOSE = re.compile(
    r"\b(?:to|for)\s+(?P<purpose>(?:promote|support|conduct|assist|"
    r"develop|implement|finance|fund|help|open|launch|create|strengthen|"
    r"the development|the implementation|supporting)[^.;]{3,160})",
    re.I,
)
_INSTRUMENTS = (
    (re.compile(r"state social order", re.I), "state_social_order"),
    (re.compile(r"\bstate grants?\b|\bgovernment grants?\b", re.I), "state_grant"),
    (re.compile(r"\baward\b|\bprize\b", re.I), "ngo_award"),
    (re.compile(r"\b(?:EU|UN|donor|trust fund|programme|program)\b"), "donor_grant"),
)


def find_grants(
    sentences: list[tuple[int, str]],
    organisations: list[OrganisationMention],
) -> list[GrantRecord]:
    grants: list[GrantRecord] = []
    for offset, sentence in sentences:
        amounts = [m for m in find_amounts(sentence) if not m.conversion]
        if not amounts and not _GRANT_WORDS.search(sentence):
            continue
        local = [o for o in organisations if offset <= o.start < offset + len(sentence)]
        years = find_years(sentence)
        purpose = _purpose(sentence)
        instrument = _instrument(sentence)
        for amount in amounts:
            position = amount.span[0]
            funder, recipient = _parties(sentence, offset, local, position)
            grants.append(
                GrantRecord(
                    title=_title(purpose, funder, recipient),
                    funder=funder,
                    recipient=recipient,
                    instrument=instrument,
                    purpose=purpose,
                    money=amount.money,
                    year=years[0] if years else None,
                    quote=sentence,
                )
            )
        if not amounts and _GRANT_WORDS.search(sentence):
            funder, recipient = _parties(sentence, offset, local, len(sentence))
            if funder and recipient and funder != recipient:
                grants.append(
                    GrantRecord(
                        title=_title(purpose, funder, recipient),
                        funder=funder,
                        recipient=recipient,
                        instrument=instrument,
                        purpose=purpose,
                        year=years[0] if years else None,
                        quote=sentence,
                    )
                )
    return grants


def _parties(
    sentence: str, offset: int, local: list[OrganisationMention], near: int
) -> tuple[str, str]:
    funder = recipient = ""
    for organisation in local:
        before = sentence[: organisation.start - offset]
        if _FROM.search(before):
            funder = funder or organisation.name
        elif _TO.search(before) and organisation.start - offset > near:
            recipient = recipient or organisation.name
    received = _RECEIVED.search(sentence)
    gives = _GIVES.search(sentence)
    for organisation in local:
        position = organisation.start - offset
        if received and position < received.start() and not recipient:
            recipient = organisation.name
        elif gives and position < gives.start() and not funder and organisation.name != recipient:
            funder = organisation.name
    return funder, recipient


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
