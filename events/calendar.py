"""Events as iCalendar (RFC 5545) and as schema.org JSON-LD."""

import json
from collections.abc import Callable, Iterable
from datetime import timedelta

import icalendar

from events.models import DatePrecision, Event

CALENDAR_NAME = "SDG Partnership Portal"
# A JSON-LD block is HTML-safe only with these characters escaped, as Django's json_script does.
HTML_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def has_calendar_dates(event: Event) -> bool:
    """Whether the event's dates are known to the day, as a calendar needs them."""
    return event.start_date is not None and event.start_precision == DatePrecision.DAY


def calendar_of(events: Iterable[Event], *, address_of: Callable[[Event], str]) -> bytes:
    """An iCalendar file of the events dated to the day; ``address_of(event)`` is its page."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{CALENDAR_NAME}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    for event in events:
        if has_calendar_dates(event):
            calendar.add_component(_calendar_entry(event, address_of(event)))
    return calendar.to_ical()


def _calendar_entry(event: Event, address: str) -> icalendar.Event:
    entry = icalendar.Event()
    entry.add("uid", f"{event.slug}@sdgportal")
    entry.add("dtstamp", event.updated_at)
    entry.add("summary", event.title)
    entry.add("dtstart", event.start_date)
    # An all-day event ends the day after its last day.
    last_day = (
        event.end_date if event.end_precision == DatePrecision.DAY and event.end_date else None
    )
    entry.add("dtend", (last_day or event.start_date) + timedelta(days=1))
    place = ", ".join(part for part in (event.location, event.country.name) if part)
    if place:
        entry.add("location", place)
    entry.add("description", "\n\n".join(part for part in (event.description, address) if part))
    entry.add("url", address)
    return entry


def event_json_ld(event: Event, *, address: str) -> str:
    """The event as schema.org Event JSON-LD, safe to put inside a script element."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": address,
        "eventAttendanceMode": "https://schema.org/"
        + ("OnlineEventAttendanceMode" if event.is_online else "OfflineEventAttendanceMode"),
    }
    if event.start_date:
        data["startDate"] = event.start_date.isoformat()
    if event.end_date:
        data["endDate"] = event.end_date.isoformat()
    if event.description:
        data["description"] = event.description
    if event.city or event.country:
        data["location"] = {
            "@type": "Place",
            "name": event.city or event.country.name,
            "address": {
                "@type": "PostalAddress",
                **({"addressLocality": event.city} if event.city else {}),
                **({"addressCountry": event.country.code} if event.country else {}),
            },
        }
    organisers = [p.organisation for p in event.participations.all() if p.is_organising]
    if organisers:
        data["organizer"] = [{"@type": "Organization", "name": o.name} for o in organisers]
    speakers = [appearance.person for appearance in event.appearances.all()]
    if speakers:
        data["performer"] = [{"@type": "Person", "name": person.name} for person in speakers]
    return json.dumps(data, ensure_ascii=False).translate(HTML_ESCAPES)
