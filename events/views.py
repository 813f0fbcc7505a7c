"""The upcoming events (soonest first), the archive of past events by year, an event's
page, its .ics and each language's calendar feed."""

from datetime import timedelta

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import ListView, View, YearArchiveView

from caching.fragments import cached
from content.models import Organisation
from content.views import TranslatedSlugDetailView

from .calendar import calendar_of, ics_response
from .models import Event

PER_PAGE = 20
# What a calendar feed holds besides the events to come: those of the last months, so
# that a subscriber still sees what they attended.
FEED_PAST_DAYS = 180
FEED_LENGTH = 500


def past_years():
    """The years that had events now over, newest first: kept until the content changes
    (which an event's end does too, see Event.next_change())."""
    return cached(
        "event-years",
        lambda: [moment.year for moment in Event.objects.past().dates("starts_at", "year", "DESC")],
    )


def paged_title(title, page):
    if page.number > 1:
        return _("%(title)s · page %(number)s") % {"title": title, "number": page.number}
    return title


class UpcomingView(ListView):
    template_name = "events/event_list.html"
    paginate_by = PER_PAGE

    def get_queryset(self):
        return Event.objects.upcoming()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=paged_title(_("Upcoming events"), context["page_obj"]),
            heading=_("Upcoming events"),
            in_every_language=True,
            years=past_years(),
            upcoming=True,
        )
        return context


class PastView(ListView):
    template_name = "events/event_list.html"
    paginate_by = PER_PAGE

    def get_queryset(self):
        return Event.objects.past()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=paged_title(_("Past events"), context["page_obj"]),
            heading=_("Past events"),
            in_every_language=True,
            years=past_years(),
        )
        return context


class PastYearView(YearArchiveView):
    template_name = "events/event_list.html"
    date_field = "starts_at"
    make_object_list = True
    paginate_by = PER_PAGE
    allow_empty = False

    def get_queryset(self):
        return Event.objects.past()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        title = _("Events of %(year)s") % {"year": self.get_year()}
        context.update(
            page_title=paged_title(title, context["page_obj"]),
            heading=title,
            years=past_years(),
            current_year=int(self.get_year()),
        )
        return context


class EventDetailView(TranslatedSlugDetailView):
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
    """The language's calendar: the events to come and those of the last months that
    exist in it."""

    def get(self, request):
        since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
        events = Event.objects.published().filter(finishes_at__gt=since)
        events = events.order_by("starts_at", "pk")[:FEED_LENGTH]
        language = request.LANGUAGE_CODE
        shown = [event for event in events if event.exists_in(language)]
        name = _("City Mine(d): events")
        return ics_response(calendar_of(shown, request, name), "events.ics")
