"""Query parameters of the source list."""

import django_filters

from sdgportal.models import SourceDocument
from sdgportal.rest.filters import PortalFilterSet, ordering


class SourceDocumentFilter(PortalFilterSet):
    search_fields = ("name", "title", "articles__title")
    kind = django_filters.ChoiceFilter(choices=SourceDocument.Kind.choices)
    ordering = ordering("name", "imported_at")

    class Meta:
        model = SourceDocument
        fields = ["kind"]
