from django.urls import path

from organisations import views

app_name = "organisations"
urlpatterns = [
    path("organisations/", views.OrganisationListView.as_view(), name="list"),
    path("organisations/<str:slug>/", views.OrganisationDetailView.as_view(), name="detail"),
    path("partnerships/", views.PartnershipListView.as_view(), name="partnerships"),
    path("grants/", views.GrantListView.as_view(), name="grants"),
    path("grants/<str:slug>/", views.GrantDetailView.as_view(), name="grant"),
    path("people/", views.PersonListView.as_view(), name="people"),
    path("people/<str:slug>/", views.PersonDetailView.as_view(), name="person"),
]
