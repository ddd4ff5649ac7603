from django.urls import path

from indicators import views

app_name = "indicators"
urlpatterns = [
    path("goals/", views.GoalListView.as_view(), name="goals"),
    path("goals/<int:number>/", views.GoalDetailView.as_view(), name="goal"),
    path("indicators/status/", views.ReportingStatusView.as_view(), name="reporting-status"),
    path("indicators/<str:code>/", views.IndicatorDetailView.as_view(), name="indicator"),
]
