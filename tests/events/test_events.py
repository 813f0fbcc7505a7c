"""Events: the upcoming list and the archive at /nl/agenda/, /fr/agenda/ and /en/events/,
an event's page, its .ics and each language's calendar feed."""

import time
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from content.models import Content, next_publication
from events import views
from events.models import Event
from events.views import UpcomingView
from tests.factories import LANGUAGES, make_content, make_project
from tests.seo.helpers import json_ld

pytestmark = pytest.mark.django_db


def brussels(*args):
    """A moment in Brussels time."""
    return timezone.make_aware(datetime(*args))


def event(name, starts_at, ends_at=None, **fields):
    return make_content(
        Event,
        name,
        starts_at=starts_at,
        ends_at=ends_at or starts_at + timedelta(hours=2),
        **fields,
    )


def in_days(days, hours=0):
    return timezone.now().replace(microsecond=0) + timedelta(days=days, hours=hours)


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def vevents(calendar):
    return list(calendar.walk("VEVENT"))


@pytest.mark.parametrize(
    ("code", "path"), [("nl", "/nl/agenda/"), ("fr", "/fr/agenda/"), ("en", "/en/events/")]
)
def test_events_have_an_address_in_each_language(client, site_content, code, path):
    with translation.override(code):
        assert reverse("events:list") == path
        assert reverse("events:feed") == f"{path}feed.ics"
    assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    ("path", "sentence"),
    [
        ("/nl/agenda/", "Er zijn momenteel geen activiteiten gepland."),
        ("/fr/agenda/", "Les prochains apparaîtront ici"),
        ("/en/events/", "No events are planned right now."),
        ("/en/events/archive/", "No past events yet."),
    ],
)
def test_an_empty_list_says_so_kindly(client, empty_site, path, sentence):
    html = client.get(path).content.decode()
    assert 'class="empty-state"' in html and sentence in html


def test_the_initial_content_invents_no_events(site_content):
    assert not Event.objects.exists()


def test_upcoming_events_come_soonest_first_and_past_ones_go_to_the_archive(client, site_content):
    event("later", in_days(10))
    event("sooner", in_days(2))
    event("ongoing", in_days(-1), in_days(1))
    event("over", in_days(-5))
    upcoming = client.get("/en/events/").content.decode()
    assert upcoming.index("ongoing EN") < upcoming.index("sooner EN") < upcoming.index("later EN")
    assert "over EN" not in upcoming
    archive = client.get("/en/events/archive/").content.decode()
    assert "over EN" in archive and "sooner EN" not in archive and "ongoing EN" not in archive


def test_an_exhibition_begun_long_ago_comes_first_until_it_ends(client, site_content):
    event("exhibition", in_days(-60), in_days(30))
    event("talk", in_days(-20))
    event("tomorrow", in_days(1))
    upcoming = client.get("/en/events/").content.decode()
    assert upcoming.index("exhibition EN") < upcoming.index("tomorrow EN")
    assert "talk EN" not in upcoming
    # An editor adds one that began even earlier: the list follows at once.
    event("festival", in_days(-100), in_days(5))
    upcoming = client.get("/en/events/").content.decode()
    assert upcoming.index("festival EN") < upcoming.index("exhibition EN")
    archive = client.get("/en/events/archive/").content.decode()
    assert "talk EN" in archive and "exhibition EN" not in archive


def test_the_upcoming_events_are_paged_in_order(client, site_content, monkeypatch):
    monkeypatch.setattr(UpcomingView, "paginate_by", 2)
    for days in (3, 1, 2):
        event(f"day{days}", in_days(days))
    first = client.get("/en/events/").content.decode()
    assert first.index("day1 EN") < first.index("day2 EN") and "day3 EN" not in first
    second = client.get("/en/events/?page=2").content.decode()
    assert "day3 EN" in second and "day1 EN" not in second
    assert client.get("/en/events/?page=3").status_code == 404


def test_the_archive_of_a_year_lists_that_years_past_events(client, site_content):
    year = timezone.localdate().year - 2
    event("oldwalk", brussels(year, 5, 1, 14))
    event("olderwalk", brussels(year - 1, 5, 1, 14))
    archive = client.get("/en/events/archive/").content.decode()
    assert f'href="/en/events/archive/{year}/"' in archive
    html = client.get(f"/en/events/archive/{year}/").content.decode()
    assert "oldwalk EN" in html and "olderwalk EN" not in html
    assert client.get(f"/en/events/archive/{year - 5}/").status_code == 404


def test_an_event_leaves_the_upcoming_list_when_it_ends_with_the_page_cache_on(
    client, site_content, page_cache
):
    ends = timezone.now() + timedelta(seconds=60)
    event("closing", ends - timedelta(hours=1), ends)
    assert "closing EN" in client.get("/en/events/").content.decode()  # kept in the cache
    assert next_publication() == ends
    # After its end, well within PAGE_CACHE_SECONDS, with nobody saving anything.
    later, real_time = ends + timedelta(seconds=1), time.time
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        patch.setattr(time, "time", lambda: real_time() + 62)
        assert "closing EN" not in client.get("/en/events/").content.decode()
        assert "closing EN" in client.get("/en/events/archive/").content.decode()


def test_an_all_day_event_is_upcoming_until_the_end_of_its_last_day(site_content):
    today = timezone.localdate()
    start = timezone.make_aware(datetime.combine(today, datetime.min.time()))
    festival = event("festival", start, start, all_day=True)
    assert festival.finishes_at == start + timedelta(days=1)
    assert Event.objects.upcoming().filter(pk=festival.pk).exists()


def test_an_event_cannot_end_before_it_starts(site_content):
    item = Event(
        title_en="Backwards", slug_en="backwards", starts_at=in_days(2), ends_at=in_days(1)
    )
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert "ends_at" in refused.value.message_dict


def test_registration_and_free_entry_exclude_each_other(site_content):
    item = Event(
        title_en="Both",
        slug_en="both",
        starts_at=in_days(1),
        ends_at=in_days(1, 2),
        free_entry=True,
        registration_url="https://example.org/register",
    )
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert "free_entry" in refused.value.message_dict


def test_an_events_page_says_when_where_and_how_to_take_part(client, site_content):
    project = make_project("openairscreen")
    event(
        "filmnight",
        brussels(2030, 7, 3, 21, 30),
        brussels(2030, 7, 3, 23, 45),
        venue_name_en="Square Ambiorix",
        venue_address_en="Square Ambiorix, 1000 Brussels",
        latitude="50.846000",
        longitude="4.382000",
        free_entry=True,
        project=project,
    )
    html = client.get("/en/events/filmnight-en/").content.decode()
    assert '<time datetime="2030-07-03T21:30:00+02:00">' in html
    assert "Square Ambiorix, 1000 Brussels" in html
    assert "Free entry" in html
    with translation.override("en"):
        assert f'<a href="{project.get_absolute_url()}">openairscreen EN</a>' in html
    # A plain link to the map: nothing is loaded from another site.
    assert 'href="https://www.openstreetmap.org/?mlat=50.846000&amp;mlon=4.382000' in html
    assert "<iframe" not in html and 'src="https://www.openstreetmap' not in html
    assert 'href="/en/events/filmnight-en.ics"' in html


def test_an_event_is_described_as_a_schema_org_event(client, site_content):
    event(
        "workshop",
        brussels(2030, 1, 15, 18),
        brussels(2030, 1, 15, 20),
        venue_name_en="Maison de quartier",
        registration_url="https://example.org/register",
    )
    items = json_ld(client.get("/en/events/workshop-en/").content.decode())
    data = next(entry for entry in items if entry["@type"] == "Event")
    assert data["name"] == "workshop EN"
    assert data["startDate"] == "2030-01-15T18:00:00+01:00"
    assert data["endDate"] == "2030-01-15T20:00:00+01:00"
    assert data["location"] == {"@type": "Place", "name": "Maison de quartier"}
    assert data["offers"]["url"] == "https://example.org/register"
    assert data["url"] == "http://testserver/en/events/workshop-en/"
    organisation = next(entry for entry in items if entry["@type"] == "NGO")
    assert data["organizer"]["@id"] == organisation["@id"]


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_calendar_feed_parses_with_its_time_zone(client, site_content, code):
    event("everywhere", brussels(2030, 3, 1, 19), brussels(2030, 3, 1, 22))
    event("notthere", in_days(3), languages=[other for other in LANGUAGES if other != code])
    with translation.override(code):
        calendar = parse(client.get(reverse("events:feed")))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    zones = [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")]
    assert zones == ["Europe/Brussels"]
    (only,) = vevents(calendar)
    assert str(only["SUMMARY"]) == f"everywhere {code.upper()}"
    start = only.decoded("DTSTART")
    assert start == brussels(2030, 3, 1, 19) and str(start.tzinfo) == "Europe/Brussels"
    assert only["DTSTART"].params["TZID"] == "Europe/Brussels"


def test_an_edit_is_an_update_to_calendar_apps_not_a_new_event(client, site_content):
    walk = event("walk", brussels(2030, 4, 4, 10))
    before = vevents(parse(client.get("/en/events/feed.ics")))[0]
    walk.starts_at = brussels(2030, 4, 4, 11)
    walk.ends_at = brussels(2030, 4, 4, 13)
    walk.title_en = "walk moved"
    # A minute later, as an editor's edit comes.
    later = timezone.now() + timedelta(minutes=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        walk.save()
    after = vevents(parse(client.get("/en/events/feed.ics")))[0]
    assert str(after["UID"]) == str(before["UID"]) == f"event-{walk.pk}@localhost"
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")
    assert str(after["SUMMARY"]) == "walk moved"
    # The event's own .ics names it the same way.
    own = vevents(parse(client.get("/en/events/walk-en.ics")))[0]
    assert str(own["UID"]) == str(before["UID"])


def test_an_all_day_event_of_several_days_is_given_as_dates(client, site_content):
    event(
        "exhibition",
        brussels(2030, 9, 12, 0),
        brussels(2030, 9, 14, 0),
        all_day=True,
    )
    (exhibition,) = vevents(parse(client.get("/en/events/exhibition-en.ics")))
    assert exhibition.decoded("DTSTART") == date(2030, 9, 12)
    # The day after the last (RFC 5545: DTEND is not included).
    assert exhibition.decoded("DTEND") == date(2030, 9, 15)
    html = client.get("/en/events/exhibition-en/").content.decode()
    assert '<time datetime="2030-09-12">' in html and '<time datetime="2030-09-14">' in html


def test_the_calendar_feed_leaves_out_drafts_and_old_events(client, site_content):
    event("current", in_days(5))
    event("drafted", in_days(5), status=Content.Status.DRAFT)
    event("longago", in_days(-400))
    summaries = [str(e["SUMMARY"]) for e in vevents(parse(client.get("/en/events/feed.ics")))]
    assert summaries == ["current EN"]


def test_the_calendar_feed_holds_the_recent_past_and_the_soonest_to_come(
    client, site_content, monkeypatch
):
    monkeypatch.setattr(views, "FEED_LENGTH", 3)
    event("attended", in_days(-30))
    for days in (1, 3, 2, 4):
        event(f"day{days}", in_days(days))
    summaries = {str(e["SUMMARY"]) for e in vevents(parse(client.get("/en/events/feed.ics")))}
    assert summaries == {"attended EN", "day1 EN", "day2 EN"}


def test_an_unknown_events_ics_is_not_found(client, site_content):
    assert client.get("/en/events/no-such-event.ics").status_code == 404


def test_archive_is_refused_as_a_slug(site_content):
    item = Event(title_en="Archive", slug_en="archive", starts_at=in_days(1), ends_at=in_days(1, 1))
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert "slug_en" in refused.value.message_dict


def test_seed_events_makes_upcoming_and_past_examples(client, site_content):
    call_command("seed_events", "10", stdout=StringIO())
    assert Event.objects.upcoming().count() == 5
    assert Event.objects.past().count() == 5
    assert "Sample event 0 (en)" in client.get("/en/events/").content.decode()
    assert vevents(parse(client.get("/en/events/feed.ics")))
