from typing import Any

from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from organisations.filters import GrantFilter, OrganisationFilter, PersonFilter
from organisations.forms import PartnershipFilterForm
from organisations.models import Currency, Grant, Organisation, Person, Sector
from organisations.partnerships import (
    RankedPartnerships,
    network_picture,
    partners_of,
    partnerships,
    sector_legend,
)
from organisations.selectors import (
    appearances_of,
    goals_spoken_on,
    grant_totals,
    grant_years,
    grants_in_full,
    organisation_choices,
    other_grants_of_funder,
    participations_of,
    people_with_event_counts,
    people_with_sources,
    positions_at,
)
from sdgportal.merge_redirects import PageFollowsMerges
from sdgportal.rest.pagination import count_once
from sdgportal.selectors import country_choices, goal_choices
from sdgportal.views import FilteredListView

ORGANISATIONS_PER_PAGE = 30
GRANTS_PER_PAGE = 30
PEOPLE_PER_PAGE = 30
PARTNERSHIPS_PER_PAGE = 30
# Of each section of an organisation's or person's page; the rest a link away.
SHOWN_PER_SECTION = 20
GRANT_SORTINGS = [("-year", _("Newest first")), ("year", _("Oldest first")), ("title", _("Title"))]
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
            countries=country_choices(Organisation.objects.all()),
            sortings=SORTINGS,
            **kwargs,
        )


class OrganisationDetailView(PageFollowsMerges, DetailView):
    def get_queryset(self) -> QuerySet[Organisation]:
        return Organisation.objects.select_related("parent")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        organisation = self.object
        grants = (
            Grant.objects.select_related("funder", "recipient")
            .only(
                *("slug", "title", "amount", "currency", "year"),
                *("funder__slug", "funder__name", "recipient__slug", "recipient__name"),
            )
            .newest_first()
        )
        partners, partner_count = partners_of(organisation, limit=SHOWN_PER_SECTION)
        participations = participations_of(organisation).only("role", "event__slug", "event__title")
        # One more than shown tells whether to link to the rest, without counting them.
        events = list(participations[: SHOWN_PER_SECTION + 1])
        given = list(grants.filter(funder=organisation)[: SHOWN_PER_SECTION + 1])
        received = list(grants.filter(recipient=organisation)[: SHOWN_PER_SECTION + 1])
        positions = list(
            positions_at(organisation).only("title", "person__slug", "person__name")[
                : SHOWN_PER_SECTION + 1
            ]
        )
        return super().get_context_data(
            shown=SHOWN_PER_SECTION,
            participations=events[:SHOWN_PER_SECTION],
            # The link to the rest says how many there are.
            participation_count=(
                count_once(participations) if len(events) > SHOWN_PER_SECTION else len(events)
            ),
            partners=partners,
            partner_count=partner_count,
            grants_given=given[:SHOWN_PER_SECTION],
            more_grants_given=len(given) > SHOWN_PER_SECTION,
            grants_received=received[:SHOWN_PER_SECTION],
            more_grants_received=len(received) > SHOWN_PER_SECTION,
            positions=positions[:SHOWN_PER_SECTION],
            more_positions=len(positions) > SHOWN_PER_SECTION,
            **kwargs,
        )


class GrantListView(FilteredListView):
    filterset_class = GrantFilter
    template_name = "organisations/grant_list.html"
    paginate_by = GRANTS_PER_PAGE

    def get_queryset(self) -> QuerySet[Grant]:
        return Grant.objects.select_related("funder", "recipient").prefetch_related("goals")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        usable = not self.filterset.is_bound or self.filterset.is_valid()
        return super().get_context_data(
            totals=grant_totals(self.object_list) if usable else [],
            csv_url=f"{reverse('api:grant-list')}?{self._export_query()}",
            goal_options=goal_choices(),
            funders=organisation_choices("grants_given", chosen=self.request.GET.get("funder")),
            recipients=organisation_choices(
                "grants_received", chosen=self.request.GET.get("recipient")
            ),
            currencies=Currency.choices,
            years=[(year, year) for year in grant_years()],
            sortings=GRANT_SORTINGS,
            **kwargs,
        )

    def _export_query(self) -> str:
        """The filters the page applied, as the API's full CSV export takes them."""
        query = QueryDict(mutable=True)
        for name in self.filterset.filters:
            if self.request.GET.get(name):
                query[name] = self.request.GET[name]  # the page's reading of a repeated one
        query.update({"format": "csv", "all": "true"})
        return query.urlencode()


class GrantDetailView(DetailView):
    def get_queryset(self) -> QuerySet[Grant]:
        return grants_in_full()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(other_grants=other_grants_of_funder(self.object), **kwargs)


class PersonListView(FilteredListView):
    filterset_class = PersonFilter
    template_name = "organisations/person_list.html"
    paginate_by = PEOPLE_PER_PAGE

    def get_queryset(self) -> QuerySet[Person]:
        return people_with_event_counts().order_by("name", "pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            organisations=organisation_choices(
                "positions", "speaker_appearances", chosen=self.request.GET.get("organisation")
            ),
            sortings=SORTINGS,
            **kwargs,
        )


class PersonDetailView(PageFollowsMerges, DetailView):
    def get_queryset(self) -> QuerySet[Person]:
        return people_with_sources()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        person = self.object
        appearances = appearances_of(person)
        # One more than shown tells whether to link to the rest, without counting them.
        shown = list(appearances[: SHOWN_PER_SECTION + 1])
        more = len(shown) > SHOWN_PER_SECTION
        return super().get_context_data(
            goals=goals_spoken_on(person),
            appearances=shown[:SHOWN_PER_SECTION],
            more_events=more,
            event_count=appearances.values("event").distinct().count() if more else None,
            **kwargs,
        )


class PartnershipListView(ListView):
    """Pairs of organisations that worked together, with the evidence; a bad filter is a 400."""

    template_name = "organisations/partnership_list.html"
    context_object_name = "partnership_list"
    paginate_by = PARTNERSHIPS_PER_PAGE

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.form = PartnershipFilterForm(request.GET)
        response = super().get(request, *args, **kwargs)
        if self.form.errors:
            response.status_code = 400
        return response

    def get_queryset(self) -> RankedPartnerships | list:
        """The partnerships asked for, ranked in the database a page at a time."""
        if self.form.is_bound and not self.form.is_valid():
            return []
        return partnerships(**self.form.narrowing(), ordering=self.form.chosen_ordering())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        found = self.object_list
        return super().get_context_data(
            form=self.form,
            network=network_picture(found) if isinstance(found, RankedPartnerships) else None,
            sector_legend=sector_legend(),
            **kwargs,
        )
