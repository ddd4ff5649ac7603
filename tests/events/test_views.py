import json
import re
from datetime import date

import icalendar
import pytest

from events.models import Event
from tests import factories
from tests.pages import form_errors, form_state

pytestmark = pytest.mark.django_db


def test_event_page_shows_organisers_speakers_and_sources(client):
    event = factories.EventFactory(slug="civic-forum", title="Civic Forum", city="Astana")
    factories.EventOrganisationFactory(
        event=event, organisation=factories.OrganisationFactory(name="Civil Alliance")
    )
    factories.EventSpeakerFactory(
        event=event, person=factories.PersonFactory(name="Aigerim Nurlanovna"), title="Chair"
    )
    factories.CitationFactory(record=event, quote="The Civic Forum gathered 300 NGOs.")

    response = client.get("/events/civic-forum/")

    assert response.status_code == 200
    assert "<title>Civic Forum — SDG Partnership Portal</title>" in response.text
    for text in ("Civil Alliance", "Aigerim Nurlanovna", "Chair", "gathered 300 NGOs", "Astana"):
        assert text in response.text


def test_event_page_is_404_for_an_unknown_slug(client):
    assert client.get("/events/no-such-event/").status_code == 404


def test_event_page_queries_do_not_grow_with_its_relations(client, django_assert_num_queries):
    event = factories.EventFactory(slug="civic-forum")
    for _ in range(3):
        factories.EventOrganisationFactory(event=event)
        factories.EventSpeakerFactory(event=event)
        factories.CitationFactory(record=event)

    # event, organisations, speakers, goals, targets, citations, related events
    with django_assert_num_queries(7):
        client.get("/events/civic-forum/")


def event_list_titles(response):
    return [event.title for event in response.context["event_list"]]


def test_event_list_shows_events_newest_first(client):
    factories.EventFactory(title="Old forum", start_date="2021-03-01")
    factories.EventFactory(title="New forum", start_date="2024-03-01")

    response = client.get("/events/")

    assert response.status_code == 200
    assert event_list_titles(response) == ["New forum", "Old forum"]
    assert '<link rel="canonical" href="http://testserver/events/">' in response.text


def test_event_list_filters_by_goal_and_year(client):
    on_goal = factories.EventFactory(title="Justice forum", start_date="2023-05-01")
    on_goal.goals.add(factories.goal(16))
    other_year = factories.EventFactory(title="Justice forum 2022", start_date="2022-05-01")
    other_year.goals.add(factories.goal(16))
    factories.EventFactory(title="Water forum", start_date="2023-06-01")

    response = client.get("/events/", {"goal": 16, "year": 2023})

    assert event_list_titles(response) == ["Justice forum"]
    assert '<option value="16" selected>' in response.text
    assert '<option value="2023" selected>' in response.text


def test_event_list_searches_and_sorts(client):
    factories.EventFactory(title="Bravo civic forum")
    factories.EventFactory(title="Alpha civic forum")
    factories.EventFactory(title="Water summit")

    response = client.get("/events/", {"search": "civic", "ordering": "title"})

    assert event_list_titles(response) == ["Alpha civic forum", "Bravo civic forum"]


def test_event_list_explains_a_bad_filter(client):
    response = client.get("/events/", {"goal": 99})

    assert response.status_code == 400
    assert "Ensure this value is less than or equal to 17." in response.text


def test_event_list_pages_keep_the_filters(client):
    for number in range(21):
        factories.EventFactory(kind="forum", title=f"Forum {number:02}")

    response = client.get("/events/", {"kind": "forum", "ordering": "title"})

    assert len(response.context["event_list"]) == 20
    assert 'href="?kind=forum&amp;ordering=title&amp;page=2"' in response.text


@pytest.mark.parametrize("count", [1, 5, 25])
def test_event_list_queries_do_not_grow_with_the_rows(client, django_assert_num_queries, count):
    for number in range(count):
        event = factories.EventFactory(country="KZ" if number % 2 else "UZ")
        event.goals.add(factories.goal(5))
        factories.EventOrganisationFactory(event=event)
        factories.EventSpeakerFactory(event=event)

    # the goals of the filter form and of the badges; the years and countries of events (each
    # once per data version); count; events with their organisations' names and goals' numbers
    with django_assert_num_queries(6):
        response = client.get("/events/")
    # another page: the goals, years, countries and count are kept until the data change
    with django_assert_num_queries(1):
        again = client.get("/events/", {"page": 2 if count > 20 else 1})

    assert len(response.context["event_list"]) == min(count, 20)
    assert again.status_code == 200


def test_event_list_offers_the_countries_and_years_of_events_as_they_change(client):
    factories.EventFactory(country="KZ", start_date=date(2023, 5, 1))
    client.get("/events/")

    factories.EventFactory(country="UZ", start_date=date(2024, 5, 1))
    response = client.get("/events/")

    assert response.context["countries"] == [("KZ", "Kazakhstan"), ("UZ", "Uzbekistan")]
    assert response.context["years"] == [(2024, 2024), (2023, 2023)]


def test_event_page_describes_the_event_as_schema_org_json_ld(client):
    event = factories.EventFactory(
        slug="civic-forum", title="Civic Forum", start_date="2023-11-28", city="Astana"
    )
    factories.EventOrganisationFactory(
        event=event, organisation=factories.OrganisationFactory(name="Civil <Alliance>")
    )

    response = client.get("/events/civic-forum/")

    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.text).group(1)
    assert json.loads(block) == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Civic Forum",
        "url": "http://testserver/events/civic-forum/",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "startDate": "2023-11-28",
        "location": {
            "@type": "Place",
            "name": "Astana",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Astana",
                "addressCountry": "KZ",
            },
        },
        "organizer": [{"@type": "Organization", "name": "Civil <Alliance>"}],
    }
    assert "Civil <Alliance>" not in block  # escaped inside the script element


def test_event_calendar_file_has_the_whole_days(client):
    factories.EventFactory(
        slug="civic-forum", title="Civic Forum", start_date="2023-11-28", end_date="2023-11-29"
    )

    response = client.get("/events/civic-forum/calendar.ics")

    calendar = icalendar.Calendar.from_ical(response.content)
    [entry] = calendar.walk("VEVENT")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert (str(entry["summary"]), entry.decoded("dtstart"), entry.decoded("dtend")) == (
        "Civic Forum",
        date(2023, 11, 28),
        date(2023, 11, 30),
    )
    assert str(entry["url"]) == "http://testserver/events/civic-forum/"


def test_event_calendar_file_needs_a_day_precise_date(client):
    factories.EventFactory(slug="some-summit", start_date="2024-01-01", start_precision="year")

    assert client.get("/events/some-summit/calendar.ics").status_code == 404


def test_calendar_feed_holds_every_day_precise_event(client):
    factories.EventFactory(title="Precise", start_date="2023-11-28")
    factories.EventFactory(title="A year only", start_date="2024-01-01", start_precision="year")

    response = client.get("/events/calendar.ics")

    summaries = [
        str(e["summary"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    ]
    assert summaries == ["Precise"]


def test_atom_feed_lists_events(client):
    factories.EventFactory(title="Civic Forum")

    response = client.get("/events/feed.atom")

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert "<title>Civic Forum</title>" in response.content.decode()


def test_event_page_suggests_events_on_the_same_goals(client):
    event = factories.EventFactory(slug="civic-forum")
    event.goals.add(factories.goal(16))
    sibling = factories.EventFactory(title="Justice week")
    sibling.goals.add(factories.goal(16))
    factories.EventFactory(title="Unrelated")

    response = client.get("/events/civic-forum/")

    assert [e.title for e in response.context["related_events"]] == ["Justice week"]


def test_event_list_without_filters_chooses_nothing_in_the_form(client):
    factories.EventFactory(title="Civic Forum")

    response = client.get("/events/")

    assert (form_state(response), form_errors(response)) == ({}, [])


def test_event_list_filters_by_kind(client):
    factories.EventFactory(title="Civic Forum", kind="forum")
    factories.EventFactory(title="SDG Conference", kind="conference")

    response = client.get("/events/", {"kind": "conference"})

    assert event_list_titles(response) == ["SDG Conference"]
    assert "Civic Forum" not in response.text
    assert form_state(response) == {"kind": "conference"}


def test_event_list_filters_by_city_whatever_its_case(client):
    factories.EventFactory(title="Almaty forum", city="Almaty")
    factories.EventFactory(title="Astana forum", city="Astana")

    response = client.get("/events/", {"city": "almaty"})

    assert event_list_titles(response) == ["Almaty forum"]
    assert "Astana forum" not in response.text
    assert form_state(response) == {"city": "almaty"}


def test_event_list_filters_by_country_offering_the_countries_of_the_events(client):
    factories.EventFactory(title="Tashkent forum", city="Tashkent", country="UZ")
    factories.EventFactory(title="Astana forum", country="KZ")

    response = client.get("/events/", {"country": "UZ"})

    assert event_list_titles(response) == ["Tashkent forum"]
    assert "Astana forum" not in response.text
    assert form_state(response) == {"country": "UZ"}
    assert response.context["countries"] == [("KZ", "Kazakhstan"), ("UZ", "Uzbekistan")]


def test_event_list_filters_by_organisation_and_keeps_it_in_the_form(client):
    undp = factories.OrganisationFactory(slug="undp", name="UNDP Kazakhstan")
    factories.EventOrganisationFactory(
        organisation=undp, event=factories.EventFactory(title="Civic Forum")
    )
    factories.EventOrganisationFactory(event=factories.EventFactory(title="Water summit"))

    response = client.get("/events/", {"organisation": "undp"})

    assert event_list_titles(response) == ["Civic Forum"]
    assert "Water summit" not in response.text
    assert form_state(response) == {"organisation": "undp"}


def test_event_list_filters_by_speaker_and_keeps_it_in_the_form(client):
    aigerim = factories.PersonFactory(slug="aigerim")
    factories.EventSpeakerFactory(person=aigerim, event=factories.EventFactory(title="Civic Forum"))
    factories.EventSpeakerFactory(event=factories.EventFactory(title="Water summit"))

    response = client.get("/events/", {"person": "aigerim"})

    assert event_list_titles(response) == ["Civic Forum"]
    assert form_state(response) == {"person": "aigerim"}


@pytest.mark.parametrize(("online", "titles"), [("true", ["Webinar"]), ("false", ["Forum"])])
def test_event_list_filters_online_or_in_person(client, online, titles):
    factories.EventFactory(title="Webinar", city="", is_online=True)
    factories.EventFactory(title="Forum", city="Astana", is_online=False)

    response = client.get("/events/", {"online": online})

    assert event_list_titles(response) == titles
    assert form_state(response) == {"online": online}


def test_event_list_searches_organisers_and_keeps_the_words_in_the_box(client):
    undp = factories.OrganisationFactory(name="UNDP Kazakhstan")
    factories.EventOrganisationFactory(
        organisation=undp, event=factories.EventFactory(title="Civic Forum")
    )
    factories.EventFactory(title="Water summit")

    response = client.get("/events/", {"search": "undp"})

    assert event_list_titles(response) == ["Civic Forum"]
    assert "Water summit" not in response.text
    assert form_state(response) == {"search": "undp"}


@pytest.mark.parametrize(
    ("ordering", "titles"),
    [
        ("-start_date", ["Bravo 2024", "Charlie 2023", "Alpha 2022"]),
        ("start_date", ["Alpha 2022", "Charlie 2023", "Bravo 2024"]),
        ("title", ["Alpha 2022", "Bravo 2024", "Charlie 2023"]),
    ],
)
def test_event_list_sorts_by_each_offered_option(client, ordering, titles):
    factories.EventFactory(title="Charlie 2023", start_date="2023-05-01")
    factories.EventFactory(title="Alpha 2022", start_date="2022-05-01")
    factories.EventFactory(title="Bravo 2024", start_date="2024-05-01")

    response = client.get("/events/", {"ordering": ordering})

    assert event_list_titles(response) == titles
    assert form_state(response) == {"ordering": ordering}


@pytest.mark.parametrize(
    ("query", "error"),
    [
        (
            {"kind": "rave"},
            "kind: Select a valid choice. rave is not one of the available choices.",
        ),
        ({"year": "soon"}, "year: Enter a whole number."),
        ({"year": "1800"}, "year: Ensure this value is greater than or equal to 1900."),
        (
            {"organisation": "nobody"},
            "organisation: There is no organisation “nobody”.",
        ),
        ({"online": "maybe"}, "online: Give &quot;true&quot; or &quot;false&quot;."),
        (
            {"country": "XX"},
            "country: Select a valid choice. XX is not one of the available choices.",
        ),
        (
            {"ordering": "colour"},
            "ordering: Select a valid choice. colour is not one of the available choices.",
        ),
    ],
)
def test_event_list_refuses_a_bad_filter_value_and_says_why(client, query, error):
    factories.EventFactory(title="Civic Forum")

    response = client.get("/events/", query)

    assert response.status_code == 400
    assert form_errors(response) == [error]
    assert event_list_titles(response) == []
    assert "Civic Forum" not in response.text


def test_event_list_takes_the_empty_fields_a_submitted_form_sends(client):
    factories.EventFactory(title="Civic Forum")
    empty = dict.fromkeys(("search", "goal", "kind", "year", "city", "country", "online"), "")

    response = client.get("/events/", {**empty, "ordering": "-start_date"})

    assert response.status_code == 200
    assert event_list_titles(response) == ["Civic Forum"]


def test_event_list_links_to_the_calendar_and_the_feed(client):
    response = client.get("/events/")

    assert (
        '<a href="/events/calendar.ics">Calendar (.ics)</a> · '
        '<a href="/events/feed.atom">Feed (Atom)</a>' in response.text
    )


def test_event_page_offers_a_calendar_file_only_for_day_precise_dates(client):
    factories.EventFactory(slug="civic-forum", start_date="2023-11-28")
    factories.EventFactory(slug="some-summit", start_date="2024-01-01", start_precision="year")

    precise = client.get("/events/civic-forum/")
    vague = client.get("/events/some-summit/")

    assert (
        '<a href="/events/civic-forum/calendar.ics" download>Add to calendar (.ics)</a>'
        in precise.text
    )
    assert "Add to calendar" not in vague.text


def test_event_calendar_files_are_downloads_named_after_what_they_hold(client):
    factories.EventFactory(slug="civic-forum", start_date="2023-11-28")

    one = client.get("/events/civic-forum/calendar.ics")
    every = client.get("/events/calendar.ics")

    assert (one["Content-Disposition"], every["Content-Disposition"]) == (
        'attachment; filename="civic-forum.ics"',
        'attachment; filename="events.ics"',
    )


def test_event_calendar_file_is_404_for_an_unknown_slug(client):
    assert client.get("/events/no-such-event/calendar.ics").status_code == 404


def test_atom_feed_links_each_event_to_its_page_latest_change_first(client):
    factories.EventFactory(slug="older-news", title="Older news")
    factories.EventFactory(slug="civic-forum", title="Civic Forum", description="300 NGOs met.")
    Event.objects.filter(slug="older-news").update(updated_at="2020-01-01T00:00:00Z")

    response = client.get("/events/feed.atom")

    feed = response.content.decode()
    assert re.findall(r'<entry><title>([^<]*)</title><link href="([^"]*)"', feed) == [
        ("Civic Forum", "http://testserver/events/civic-forum/"),
        ("Older news", "http://testserver/events/older-news/"),
    ]
    assert '<summary type="html">300 NGOs met.</summary>' in feed
