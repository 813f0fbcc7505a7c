"""Events: the organisation's public moments (openings, workshops, walks, exhibitions).

A kind of content (`Event`, a `Content`) with its start and end in the site's time zone,
its venue and its project; the upcoming list (soonest first), the archive of past events
by year, each event's .ics and a calendar feed per language (calendar.py). An event
leaves the upcoming list when it ends, with nobody saving: `Event.moments_of_change()` tells
the page cache when. Imports projects and the services below; nothing imports it but
the composition root."""
