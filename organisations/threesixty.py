"""Grants in the 360Giving Data Standard: the JSON package and its flat CSV columns.

Fields a grant lacks (an amount, an award date, a recipient) are left out rather than guessed;
org identifiers without a registered number use the portal's 360G- prefix. The flat CSV, like
360Giving's own, has room for one classification: the first SDG goal.
"""

import json
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from organisations.models import Grant, Organisation

ORG_PREFIX = "360G-sdgportal-org-"


def as_360giving(grant: Grant, *, source_url: str) -> dict:
    """One grant as a 360Giving JSON object."""
    record = {
        "id": grant.identifier,
        "title": grant.title,
        "description": grant.purpose or grant.title,
        "currency": grant.currency or None,
        "amountAwarded": _number(grant.amount),
        "awardDate": grant.award_date.isoformat() if grant.award_date else None,
        "recipientOrganization": _organisations(grant.recipient),
        "fundingOrganization": _organisations(grant.funder),
        "grantProgramme": [{"title": grant.programme}] if grant.programme else None,
        "classifications": [
            {"vocabulary": "SDG", "code": str(goal.number), "title": goal.short_title}
            for goal in grant.goals.all()
        ]
        or None,
        "dateModified": grant.updated_at.isoformat(),
        "dataSource": source_url,
    }
    return {key: value for key, value in record.items() if value is not None}


def _number(amount: Decimal | None) -> int | float | None:
    """A JSON number: whole amounts exactly, others to the cent."""
    if amount is None:
        return None
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _organisations(organisation: Organisation | None) -> list[dict] | None:
    if organisation is None:
        return None
    return [{"id": f"{ORG_PREFIX}{organisation.slug}", "name": organisation.name}]


def _first(key: str, field: str) -> Callable[[dict], object]:
    return lambda record: (record.get(key) or [{}])[0].get(field)


CSV_COLUMNS: list[tuple[str, Callable[[dict], object]]] = [
    ("Identifier", lambda record: record["id"]),
    ("Title", lambda record: record["title"]),
    ("Description", lambda record: record["description"]),
    ("Currency", lambda record: record.get("currency")),
    ("Amount Awarded", lambda record: record.get("amountAwarded")),
    ("Award Date", lambda record: record.get("awardDate")),
    ("Recipient Org:Identifier", _first("recipientOrganization", "id")),
    ("Recipient Org:Name", _first("recipientOrganization", "name")),
    ("Funding Org:Identifier", _first("fundingOrganization", "id")),
    ("Funding Org:Name", _first("fundingOrganization", "name")),
    ("Grant Programme:Title", _first("grantProgramme", "title")),
    ("Classifications:Vocabulary", _first("classifications", "vocabulary")),
    ("Classifications:Code", _first("classifications", "code")),
    ("Classifications:Title", _first("classifications", "title")),
    ("Last Modified", lambda record: record["dateModified"]),
    ("Data Source", lambda record: record["dataSource"]),
]


def csv_records(records: Iterable[dict]) -> Iterator[dict]:
    """360Giving's flat column names and values, one mapping per grant."""
    for record in records:
        yield {header: value(record) for header, value in CSV_COLUMNS}


def json_package(records: Iterable[dict]) -> Iterator[str]:
    """The package ``{"grants": [...]}``, written a grant at a time."""
    yield '{"grants": ['
    for number, record in enumerate(records):
        yield ("," if number else "") + json.dumps(record, ensure_ascii=False)
    yield "]}\n"
