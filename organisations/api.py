"""API endpoints for organisations, people and grants."""

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request

from organisations.filters import GrantFilter, OrganisationFilter, PersonFilter
from organisations.models import Grant, Organisation
from organisations.selectors import people_in_full
from organisations.serializers import GrantSerializer, OrganisationSerializer, PersonSerializer
from organisations.threesixty import CSV_COLUMNS, as_360giving, csv_records, json_package
from sdgportal.merge_redirects import EndpointFollowsMerges
from sdgportal.rest.csv import CSVRenderer
from sdgportal.rest.viewsets import EditableViewSet, csv_download, in_chunks
from sdgportal.selectors import citations_prefetch


class OrganisationViewSet(EndpointFollowsMerges, EditableViewSet):
    """NGOs, state bodies, UN agencies, donors and businesses."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    lookup_field = "slug"
    export_name = "organisations"

    def get_queryset(self) -> QuerySet:
        return Organisation.objects.select_related("parent")


class PersonViewSet(EndpointFollowsMerges, EditableViewSet):
    """People with their positions and the events they spoke at."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    lookup_field = "slug"
    export_name = "people"

    def get_queryset(self) -> QuerySet:
        return people_in_full()


class GrantViewSet(EditableViewSet):
    """Grants from funder to recipient, with amounts in their own currency."""

    serializer_class = GrantSerializer
    filtered_actions = frozenset({"list", "three_sixty_giving"})
    filterset_class = GrantFilter
    lookup_field = "slug"
    export_name = "grants"

    def get_queryset(self) -> QuerySet:
        grants = Grant.objects.select_related("funder", "operator", "recipient").newest_first()
        if self.action == "three_sixty_giving":
            return grants.prefetch_related("goals")
        return grants.prefetch_related("goals", "targets", citations_prefetch())

    @extend_schema(
        summary="Grants in the 360Giving Data Standard",
        description=(
            "Every grant matching the filters, as a 360Giving JSON package or, with "
            "format=csv, its flat CSV. Fields a grant lacks are left out; complete=true keeps "
            "only grants with every field the standard requires."
        ),
        filters=True,
        responses={
            (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR),
        },
    )
    @action(
        detail=False,
        url_path="360giving",
        renderer_classes=[JSONRenderer, CSVRenderer],
        pagination_class=None,
    )
    def three_sixty_giving(self, request: Request) -> StreamingHttpResponse:
        grants = self.filter_queryset(self.get_queryset())
        records = (
            as_360giving(grant, source_url=request.build_absolute_uri(self._detail_path(grant)))
            for chunk in in_chunks(grants)
            for grant in chunk
        )
        if request.accepted_renderer.format == "csv":
            columns = [(header, header, None) for header, _value in CSV_COLUMNS]
            return csv_download(columns, csv_records(records), "grants-360giving")
        return StreamingHttpResponse(json_package(records), content_type="application/json")

    def _detail_path(self, grant: Grant) -> str:
        return reverse("api:grant-detail", kwargs={"slug": grant.slug})
