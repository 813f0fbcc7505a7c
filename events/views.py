"""The upcoming events (soonest first), the archive of past events by year, an event's
page, its .ics and each language's calendar feed."""

from datetime import timedelta

from django.db.models import Count, Min
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import ListView, View, YearArchiveView

from caching.fragments import cached, cards
from caching.views import CachedObjectMixin
from content.models import Organisation
from content.views import TranslatedSlugDetailView

from .calendar import calendar_of, feed_of, ics_response
from .models import Event

PER_PAGE = 20
# What a calendar feed holds besides the events to come: those of the last months, so
# that a subscriber still sees what they attended; and at most how many (the events to
# come furthest away are left out first). Calendar apps read the whole feed at every
# refresh: a few hundred events is already more than a year of the organisation's.
FEED_PAST_DAYS = 90
FEED_LENGTH = 200


def past_years():
    """The years that had events now over, newest first: kept until the content changes
    (which an event's end does too, see Event.moments_of_change())."""
    return cached(
        "event-years",
        lambda: [moment.year for moment in Event.objects.past().dates("starts_at", "year", "DESC")],
    )


def upcoming_summary():
    """How many events are to come, and the start of the earliest of them: kept until
    the content changes, which an event's end does too (Event.moments_of_change()). No event
    to come starts before it, so the list reads its page from there in the index's
    order instead of sorting every event to come."""
    return cached(
        "events-upcoming",
        lambda: Event.objects.upcoming().aggregate(count=Count("pk"), since=Min("starts_at")),
    )


def past_count():
    """How many events are over, kept likewise: the archive counts none itself."""
    return cached("events-past-count", lambda: Event.objects.past().count())


def paged_title(title, page):
    if page.number > 1:
        return _("%(title)s · page %(number)s") % {"title": title, "number": page.number}
    return title


class EventCards:
    """A page of events as cards: the list reads which events it shows, in order, and
    each card is drawn once until an edit to it (caching.fragments.cards)."""

    template_name = "events/event_list.html"
    paginate_by = PER_PAGE

    def paginate_queryset(self, queryset, page_size):
        return super().paginate_queryset(queryset.values_list("pk", flat=True), page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ids = context["object_list"]
        context.update(
            cards=cards(Event.objects.for_lists(), ids, "events/_item.html", "event", heading="h3"),
            years=past_years(),
        )
        return context


class UpcomingView(EventCards, ListView):
    def get_queryset(self):
        since = upcoming_summary()["since"]
        events = Event.objects.upcoming()
        return events.filter(starts_at__gte=since) if since else events.none()

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        paginator.count = upcoming_summary()["count"]
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=paged_title(_("Upcoming events"), context["page_obj"]),
            heading=_("Upcoming events"),
            in_every_language=True,
            upcoming=True,
        )
        return context


class PastView(EventCards, ListView):
    def get_queryset(self):
        return Event.objects.past()

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        paginator.count = past_count()
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=paged_title(_("Past events"), context["page_obj"]),
            heading=_("Past events"),
            in_every_language=True,
        )
        return context


class PastYearView(EventCards, YearArchiveView):
    date_field = "starts_at"
    make_object_list = True
    allow_empty = False

    def get_queryset(self):
        return Event.objects.past()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        title = _("Events of %(year)s") % {"year": self.get_year()}
        context.update(
            page_title=paged_title(title, context["page_obj"]),
            heading=title,
            current_year=int(self.get_year()),
        )
        return context


class EventDetailView(CachedObjectMixin, TranslatedSlugDetailView):
    model = Event
    template_name = "events/event_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("project")


class EventCalendarView(View):
    """One published event as an .ics file, found by its slug in any language."""

    def get(self, request, slug):
        event = Event.objects.published().with_slug(slug).first()
        if event is None:
            raise Http404(_("No such page."))
        name = cached("organisation", Organisation.current).name
        return ics_response(calendar_of([event], request, name), f"{slug}.ics")


class CalendarFeedView(View):
    """The language's calendar, to subscribe to: the events in its language that end
    after FEED_PAST_DAYS ago (those to come, and those of the last months, so that a
    subscriber still sees what they attended), at most FEED_LENGTH of them, those that
    end soonest. Each event's entry is kept until the content changes (calendar.py)."""

    def get(self, request):
        since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
        window = Event.objects.published().filter(finishes_at__gt=since)
        window = window.with_text_in(request.LANGUAGE_CODE)
        # In the order of the index of ends: the database reads FEED_LENGTH entries.
        keys = window.order_by("finishes_at", "pk").values_list("pk", flat=True)[:FEED_LENGTH]
        name = _("City Mine(d): events")
        return ics_response(feed_of(list(keys), request, name), "events.ics")
