from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.UpcomingView.as_view(), name="list"),
    # Names with a dot never clash with an event's slug; "archive" and years are
    # refused as slugs (Event.reserved_slug).
    path("feed.ics", views.CalendarFeedView.as_view(), name="feed"),
    path("archive/", views.PastView.as_view(), name="archive"),
    path("archive/<int:year>/", views.PastYearView.as_view(), name="year"),
    path("<slug:slug>.ics", views.EventCalendarView.as_view(), name="ics"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
]
