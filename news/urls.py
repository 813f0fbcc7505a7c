from django.urls import path

from . import feeds, views

app_name = "news"
urlpatterns = [
    path("", views.NewsListView.as_view(), name="list"),
    # Names with a dot never clash with an item's slug.
    path("feed.atom", feeds.NewsAtomFeed(), name="atom"),
    path("feed.rss", feeds.NewsRssFeed(), name="rss"),
    # Slugs of digits only are refused (News.reserved_slug).
    path("<int:year>/", views.NewsYearView.as_view(), name="year"),
    path("<slug:slug>/", views.NewsDetailView.as_view(), name="detail"),
]
