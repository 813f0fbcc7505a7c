from django.urls import path

from . import views

app_name = "pages"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    # Last, so that every translated section path is matched first.
    path("<slug:slug>/", views.PageDetailView.as_view(), name="detail"),
]
