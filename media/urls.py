from django.urls import path

from media import views

app_name = "documents"

urlpatterns = [
    # The name holds the extension ("annual-report.pdf"): browsers and people saving the
    # file see what it is.
    path("<int:pk>/<str:name>", views.download, name="download"),
]
