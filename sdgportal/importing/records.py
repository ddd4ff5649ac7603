"""Plain data the parsers return: what an article states, before it touches the database."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class PartialDate:
    """A date as precise as the text gave it; ``value`` is the first day of that period."""

    value: date
    precision: str = "day"  # "day" | "month" | "year"


@dataclass(frozen=True)
class DateMention:
    start: PartialDate
    end: PartialDate | None
    span: tuple[int, int]  # character offsets of the mention in the text searched
    text: str


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str  # ISO 4217: KZT, USD, EUR…


@dataclass(frozen=True)
class MoneyMention:
    money: Money
    span: tuple[int, int]
    text: str
    approximate: bool = False  # "over", "about", "approximately", "around"…
    conversion: bool = False  # an equivalent in brackets after an amount: "(over $4.3 million)"


@dataclass(frozen=True)
class SdgRef:
    goal: int
    target: str = ""  # "16.3", "5.a" when the text names a target
    span: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class OrganisationRecord:
    name: str
    acronym: str = ""
    aliases: tuple[str, ...] = ()
    sector: str = ""  # organisations.models.Sector value
    country: str = ""  # ISO 3166 alpha-2
    parent: str = ""  # name of the body it belongs to
    quote: str = ""


@dataclass(frozen=True)
class PersonRecord:
    name: str
    aliases: tuple[str, ...] = ()
    title: str = ""
    organisation: str = ""  # name of the organisation, as resolved to an OrganisationRecord
    quote: str = ""


@dataclass(frozen=True)
class Participation:
    organisation: str
    role: str  # events.models.EventOrganisation.Role value


@dataclass(frozen=True)
class Appearance:
    person: str
    role: str  # events.models.EventSpeaker.Role value
    title: str = ""
    organisation: str = ""


@dataclass(frozen=True)
class EventRecord:
    title: str
    kind: str  # events.models.EventKind value
    start: PartialDate | None = None
    end: PartialDate | None = None
    city: str = ""
    online: bool = False
    country: str = ""
    parent: str = ""  # title of the larger event
    participations: tuple[Participation, ...] = ()
    appearances: tuple[Appearance, ...] = ()
    goals: tuple[int, ...] = ()
    targets: tuple[str, ...] = ()
    quote: str = ""


@dataclass(frozen=True)
class GrantRecord:
    title: str
    funder: str = ""
    operator: str = ""
    recipient: str = ""
    instrument: str = "other"  # organisations.models.GrantInstrument value
    programme: str = ""
    purpose: str = ""
    money: Money | None = None
    year: int | None = None
    goals: tuple[int, ...] = ()
    quote: str = ""


@dataclass(frozen=True)
class StatisticRecord:
    label: str  # what is counted
    value: Decimal
    unit: str  # "%" or the counted noun: "NGOs", "people", "projects"
    year: int | None = None
    area: str = ""
    goal: int | None = None
    quote: str = ""


@dataclass(frozen=True)
class ArticleRecord:
    document: str  # file name of the source document
    position: int  # 1-based position of the article in the document
    title: str
    published: date | None = None
    text: str = ""
    events: tuple[EventRecord, ...] = ()
    people: tuple[PersonRecord, ...] = ()
    organisations: tuple[OrganisationRecord, ...] = ()
    grants: tuple[GrantRecord, ...] = ()
    statistics: tuple[StatisticRecord, ...] = ()


@dataclass
class DocumentRecord:
    """Everything extracted from one source document."""

    name: str
    sha256: str
    title: str = ""
    articles: list[ArticleRecord] = field(default_factory=list)
