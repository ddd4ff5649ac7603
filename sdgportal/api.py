"""The REST API, version 1: one router for every resource, its schema and its docs."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.db.models import QuerySet
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from events.api import EventViewSet
from indicators.api import (
    GoalViewSet,
    NationalIndicatorViewSet,
    ObservationViewSet,
    TargetViewSet,
)
from organisations.api import GrantViewSet, OrganisationViewSet, PersonViewSet
from sdgportal.filters import SourceDocumentFilter
from sdgportal.models import SourceDocument
from sdgportal.rest.viewsets import ReadOnlyViewSet, UnknownAddressView
from sdgportal.serializers import SourceDocumentSerializer


class SourceDocumentViewSet(ReadOnlyViewSet):
    """The files records were imported from: news pages with their articles, data-set files."""

    serializer_class = SourceDocumentSerializer
    filterset_class = SourceDocumentFilter
    lookup_field = "name"
    lookup_value_regex = ".+"
    export_name = "sources"

    def get_queryset(self) -> QuerySet:
        return SourceDocument.objects.prefetch_related("articles")


router = DefaultRouter()
router.include_format_suffixes = False  # formats by ?format=csv: codes such as 5.a have dots
router.register("events", EventViewSet, basename="event")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("people", PersonViewSet, basename="person")
router.register("grants", GrantViewSet, basename="grant")
router.register("goals", GoalViewSet, basename="goal")
router.register("targets", TargetViewSet, basename="target")
router.register("indicators", NationalIndicatorViewSet, basename="indicator")
router.register("observations", ObservationViewSet, basename="observation")
router.register("sources", SourceDocumentViewSet, basename="source")

# Swagger UI's script is a file of the portal's own; the UI adds style elements as it draws.
documentation = csp_update({"style-src": [UNSAFE_INLINE]})(
    SpectacularSwaggerSplitView.as_view(url_name="api:schema")
)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", documentation, name="docs"),
    path("", include(router.urls)),
    # Any other address ending in a slash (one without is first redirected to it).
    re_path(r"^[\s\S]*/$", UnknownAddressView.as_view()),
]
