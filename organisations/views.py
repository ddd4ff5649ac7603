from django.db.models import QuerySet
from django.views.generic import DetailView

from organisations.selectors import organisations_in_full, people_in_full


class OrganisationDetailView(DetailView):
    def get_queryset(self) -> QuerySet:
        return organisations_in_full()


class PersonDetailView(DetailView):
    def get_queryset(self) -> QuerySet:
        return people_in_full()
