"""Events as iCalendar (RFC 5545): one event's .ics, and each language's feed.

A calendar app that subscribes recognises an event by its UID, which never changes
(`event-<pk>@<host>`), and an edit by its SEQUENCE and LAST-MODIFIED, which only grow:
an edit is an update, not a second event. Times are given in the site's zone, with its
VTIMEZONE; all-day events are dates, their DTEND the day after the last (RFC 5545).

A feed of many events costs a look-up per event: each one's VEVENT is kept as text per
language and address until the content changes (caching/fragments.py), and the
calendar around them once per name."""

from datetime import UTC, timedelta

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from icalendar import Calendar, Timezone
from icalendar import Event as CalendarEvent

from caching.fragments import cached, cached_many
from content.models import plain_text, shown_text

from .models import Event

PRODUCT = "-//City Mine(d)//Events//EN"
END = b"END:VCALENDAR\r\n"


def uid_domain():
    """The site's own name, as configured: the same for every request, whichever of its
    addresses the calendar app used."""
    names = [host for host in settings.ALLOWED_HOSTS if not host.startswith((".", "*"))]
    return names[0] if names else "localhost"


def uid(event):
    return f"event-{event.pk}@{uid_domain()}"


def sequence(event):
    """Grows with every save: the seconds between the event's creation and its last
    change (a restored older version is a new change too, so it is still later)."""
    return max(int((event.updated_at - event.created_at).total_seconds()), 0)


def calendar_of(events, request, name):
    """The calendar named `name` of `events`, as text."""
    return calendar_text(name, [component_of(event, request).to_ical() for event in events])


def feed_of(keys, request, name):
    """The calendar named `name` of the published events whose keys are given, those
    that exist in the active language, as text."""
    language = get_language()
    address = request.build_absolute_uri("/")

    def render(missing):
        events = Event.objects.in_bulk([key[1] for key in missing])
        return {key: entry_of(events.get(key[1]), language, request) for key in missing}

    entries = cached_many([("vevent", key, language, address) for key in keys], render)
    return calendar_text(name, [entries[("vevent", key, language, address)] for key in keys])


def entry_of(event, language, request):
    if event is None or not event.exists_in(language):
        return b""
    return component_of(event, request).to_ical()


def calendar_text(name, entries):
    """The calendar named `name`, holding `entries` (VEVENTs as text)."""
    shell = cached(("calendar", name), lambda: empty_calendar(name).to_ical())
    return shell.removesuffix(END) + b"".join(entries) + END


def empty_calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    # The VTIMEZONE of the zone every time is given in (the site's).
    calendar.add_component(Timezone.from_tzid(settings.TIME_ZONE))
    return calendar


def component_of(event, request):
    component = CalendarEvent()
    component.add("uid", uid(event))
    component.add("dtstamp", timezone.now().astimezone(UTC))
    component.add("sequence", sequence(event))
    component.add("created", event.created_at.astimezone(UTC))
    component.add("last-modified", event.updated_at.astimezone(UTC))
    component.add("summary", shown_text(event, "title"))
    description = shown_text(event, "teaser") or plain_text(shown_text(event, "body"))
    if description:
        component.add("description", description)
    url = request.build_absolute_uri(event.get_absolute_url())
    component.add("url", url)
    if event.all_day:
        component.add("dtstart", timezone.localdate(event.starts_at))
        component.add("dtend", timezone.localdate(event.ends_at) + timedelta(days=1))
    else:
        component.add("dtstart", timezone.localtime(event.starts_at))
        component.add("dtend", timezone.localtime(event.ends_at))
    location = ", ".join(
        part
        for part in (shown_text(event, "venue_name"), shown_text(event, "venue_address"))
        if part
    )
    if location:
        component.add("location", location)
    if event.latitude is not None and event.longitude is not None:
        component.add("geo", (float(event.latitude), float(event.longitude)))
    component.add("status", "CONFIRMED")
    return component


def ics_response(text, filename):
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
