from django.urls import path

from events import views

app_name = "events"
urlpatterns = [
    path("", views.EventListView.as_view(), name="list"),
    path("calendar.ics", views.EventsCalendarView.as_view(), name="calendar"),
    path("feed.atom", views.EventFeed(), name="feed"),
    path("<str:slug>/calendar.ics", views.EventCalendarView.as_view(), name="event-calendar"),
    path("<str:slug>/", views.EventDetailView.as_view(), name="detail"),
]
