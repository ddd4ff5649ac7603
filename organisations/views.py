from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from organisations.filters import OrganisationFilter
from organisations.models import Organisation, Sector
from organisations.selectors import organisation_countries, organisations_in_full, people_in_full
from sdgportal.selectors import goal_choices
from sdgportal.views import FilteredListView

ORGANISATIONS_PER_PAGE = 30
SORTINGS = [("name", _("Name")), ("-name", _("Name, Z to A"))]


class OrganisationListView(FilteredListView):
    filterset_class = OrganisationFilter
    template_name = "organisations/organisation_list.html"
    paginate_by = ORGANISATIONS_PER_PAGE

    def get_queryset(self) -> QuerySet[Organisation]:
        return Organisation.objects.annotate(
            event_count=Count("participations__event", distinct=True),
            grant_count=Count("grants_received", distinct=True),
        ).order_by("name", "pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            goal_options=goal_choices(),
            sectors=Sector.choices,
            countries=[(country.code, country.name) for country in organisation_countries()],
            sortings=SORTINGS,
            **kwargs,
        )


class OrganisationDetailView(DetailView):
    def get_queryset(self) -> QuerySet:
        return organisations_in_full()


class PersonDetailView(DetailView):
    def get_queryset(self) -> QuerySet:
        return people_in_full()
