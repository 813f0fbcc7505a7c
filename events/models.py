from datetime import datetime, time, timedelta
from decimal import Decimal
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content.models import Content, PublishedQuerySet, shown_text
from content.web_addresses import WebAddressField, web_address
from projects.models import Project


class EventQuerySet(PublishedQuerySet):
    def upcoming(self):
        """Published events that have not ended yet, the soonest first."""
        return (
            self.published()
            .filter(finishes_at__gt=timezone.now())
            .order_by("starts_at", "finishes_at", "pk")
        )

    def past(self):
        """Published events that have ended, the latest first."""
        now = timezone.now()
        # An event over has started too: the bound lets the database read the index of
        # starts from now backwards instead of passing every event to come first.
        return (
            self.published()
            .filter(finishes_at__lte=now, starts_at__lte=now)
            .order_by("-starts_at", "-finishes_at", "-pk")
        )


def end_of_day(moment):
    """Midnight after `moment`'s day, in the site's time zone: when an all-day event
    that ends that day is over."""
    day = timezone.localtime(moment).date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time.min))


class Event(Content):
    teaser = models.CharField(
        _("teaser"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown in lists, search engines and link previews."),
    )
    starts_at = models.DateTimeField(_("start"), help_text=_("Brussels time."))
    ends_at = models.DateTimeField(
        _("end"), help_text=_("Brussels time. For an event of several days, its last day.")
    )
    all_day = models.BooleanField(
        _("all day"),
        default=False,
        help_text=_("The event lasts whole days: the times of its start and end are ignored."),
    )
    # When the event is over: its end, or the midnight after the last day of an all-day
    # event. Lists and the page cache go by it (save()).
    finishes_at = models.DateTimeField(_("over at"), editable=False, db_index=True)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(
        _("address"),
        max_length=300,
        blank=True,
        help_text=_("Street and number, postal code and town, as visitors should read it."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
        help_text=_("With the latitude, the map link points at the exact place."),
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    registration_url = WebAddressField(
        _("registration link"),
        blank=True,
        help_text=_("Where visitors register, if they must."),
    )
    free_entry = models.BooleanField(_("free entry"), default=False)

    objects = EventQuerySet.as_manager()

    summary_field = "teaser"
    og_type = "website"
    slug_taken_message = _("Another event already uses this address.")

    class Meta:
        ordering = ["-starts_at", "-pk"]
        indexes = [
            # The feeds and the next change read events by their end; both lists by
            # their start, in the order they show (forwards, or backwards for the past).
            models.Index(fields=["status", "finishes_at"], name="event_finish"),
            models.Index(fields=["status", "starts_at", "finishes_at", "id"], name="event_when"),
        ]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def get_calendar_url(self):
        return reverse("events:ics", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        if self.starts_at and self.ends_at:
            self.finishes_at = end_of_day(self.ends_at) if self.all_day else self.ends_at
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"ends_at", "all_day"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "finishes_at"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at:
            if self.all_day:
                ends_before = timezone.localdate(self.ends_at) < timezone.localdate(self.starts_at)
            else:
                ends_before = self.ends_at < self.starts_at
            if ends_before:
                errors["ends_at"] = _("An event cannot end before it starts.")
        if self.registration_url and self.free_entry:
            errors["free_entry"] = _(
                "Either visitors register through the link, or entry is free: not both."
            )
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both the latitude and the longitude, or neither.")
        if errors:
            raise ValidationError(errors)

    def reserved_slug(self, slug, language):
        # /events/archive/ is the list of past events.
        if slug == "archive":
            return _("This address is reserved for another part of the site.")
        return None

    @classmethod
    def moments_of_change(cls):
        """Scheduled publications, and the ends of upcoming events: an event leaves the
        upcoming list for the archive then, with nobody saving."""
        ends = cls.objects.upcoming().annotate(moment=models.F("finishes_at")).values_list("moment")
        return [*super().moments_of_change(), ends]

    def is_over(self):
        return self.finishes_at <= timezone.now()

    def lasts_several_days(self):
        return timezone.localdate(self.starts_at) != timezone.localdate(self.ends_at)

    def map_url(self):
        """A plain link to OpenStreetMap (nothing loads from it until followed): the
        exact place with coordinates, else a search for the address."""
        if self.latitude is not None and self.longitude is not None:
            lat, lon = f"{self.latitude:f}", f"{self.longitude:f}"
            query = urlencode({"mlat": lat, "mlon": lon})
            return f"https://www.openstreetmap.org/?{query}#map=18/{lat}/{lon}"
        if self.venue_address:
            return "https://www.openstreetmap.org/search?" + urlencode(
                {"query": self.venue_address}
            )
        return ""

    def linked_data(self, head):
        data = {
            "@type": "Event",
            "name": head["title"],
            "description": head["description"],
            "url": head["canonical"],
            "image": head["image"],
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "organizer": {"@id": head["organisation_id"]},
        }
        if self.all_day:
            data["startDate"] = timezone.localdate(self.starts_at).isoformat()
            data["endDate"] = timezone.localdate(self.ends_at).isoformat()
        else:
            data["startDate"] = timezone.localtime(self.starts_at).isoformat()
            data["endDate"] = timezone.localtime(self.ends_at).isoformat()
        if self.venue_name or self.venue_address:
            place = {"@type": "Place", "name": shown_text(self, "venue_name")}
            address = shown_text(self, "venue_address")
            if address:
                place["address"] = address
            if self.latitude is not None:
                place["geo"] = {
                    "@type": "GeoCoordinates",
                    "latitude": float(self.latitude),
                    "longitude": float(self.longitude),
                }
            data["location"] = place
        if self.free_entry:
            data["isAccessibleForFree"] = True
        if web_address(self.registration_url):
            data["offers"] = {
                "@type": "Offer",
                "url": web_address(self.registration_url),
                "availability": "https://schema.org/InStock",
            }
        return data
