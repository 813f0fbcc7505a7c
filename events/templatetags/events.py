"""`{% event_when event %}`: when an event takes place, as its visitors read dates in
their language, in the site's time zone."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.html import format_html

register = template.Library()


def _day(moment):
    return date_format(moment, "DATE_FORMAT")


@register.simple_tag
def event_when(event):
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    same_day = start.date() == end.date()
    if event.all_day:
        if same_day:
            return format_html(
                '<time datetime="{}">{}</time>', start.date().isoformat(), _day(start)
            )
        return format_html(
            '<time datetime="{}">{}</time> – <time datetime="{}">{}</time>',
            start.date().isoformat(),
            _day(start),
            end.date().isoformat(),
            _day(end),
        )
    if same_day:
        return format_html(
            '<time datetime="{}">{}, {}</time>–<time datetime="{}">{}</time>',
            start.isoformat(),
            _day(start),
            time_format(start, "TIME_FORMAT"),
            end.isoformat(),
            time_format(end, "TIME_FORMAT"),
        )
    return format_html(
        '<time datetime="{}">{}, {}</time> – <time datetime="{}">{}, {}</time>',
        start.isoformat(),
        _day(start),
        time_format(start, "TIME_FORMAT"),
        end.isoformat(),
        _day(end),
        time_format(end, "TIME_FORMAT"),
    )
