"""The behaviour every API resource shares: language, strict parameters, CSV exports."""

from collections.abc import Iterable, Iterator

import django_filters
from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sdgportal.rest.csv import Column, columns_of, csv_lines
from sdgportal.rest.filters import StrictBooleanField

# Parameters every endpoint understands besides its filters.
COMMON_PARAMETERS = {"format", "lang"}
LIST_PARAMETERS = {"page", "page_size", "all"}
EXPORT_CHUNK = 500
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
FORMATS = ("json", "csv")


def api_language(request: HttpRequest) -> str:
    """``?lang=``, else the language cookie or Accept-Language (unprefixed pages are English)."""
    requested = request.GET.get("lang")
    if requested in LANGUAGE_CODES:
        return requested
    return translation.get_language_from_request(request)


class PortalAPIMixin:
    """Resolve ``?lang=``, refuse unknown parameters, stream ``?format=csv&all=true``."""

    lookup_value_regex = "[^/]+"
    export_name: str = "records"
    # Actions that take the filter set's parameters.
    filtered_actions = frozenset({"list"})

    def initial(self, request: Request, *args: object, **kwargs: object) -> None:
        if not self._takes(request.method):
            # No parameters to read: the sign-in and permission checks, then a 405.
            super().initial(request, *args, **kwargs)
            return
        # Choose the format and language first, so that a parameter error is given in them too.
        self.format_kwarg = self.get_format_suffix(**kwargs)
        request.accepted_renderer, request.accepted_media_type = self.perform_content_negotiation(
            request
        )
        translation.activate(api_language(request._request))
        self._check_parameters(request)
        super().initial(request, *args, **kwargs)

    def perform_content_negotiation(self, request: Request, force: bool = False) -> tuple:
        """An unknown ``?format=`` is a 400 naming the formats (DRF answers 404), except for a
        method the address does not take, whose answer is a 405 whatever the parameters."""
        try:
            return super().perform_content_negotiation(
                request, force=force or not self._takes(request.method)
            )
        except Http404 as error:
            raise ValidationError(
                {"format": [_("Choose one of: %(formats)s.") % {"formats": ", ".join(FORMATS)}]}
            ) from error

    def _takes(self, method: str) -> bool:
        """Whether this address answers the method (a viewset binds only its actions')."""
        return method.lower() in self.http_method_names and hasattr(self, method.lower())

    def _check_parameters(self, request: Request) -> None:
        parameters = request.query_params
        known = set(COMMON_PARAMETERS)
        if self.action == "list":
            known |= LIST_PARAMETERS
        if self.action in self.filtered_actions and getattr(self, "filterset_class", None):
            known |= set(self.filterset_class.base_filters)
        errors = {
            name: [
                _("Unknown parameter. This endpoint takes: %(names)s.")
                % {"names": ", ".join(sorted(known))}
            ]
            for name in sorted(set(parameters) - known)
        }
        if parameters.get("lang", LANGUAGE_CODES[0]) not in LANGUAGE_CODES:
            errors["lang"] = [_("Choose one of: %(codes)s.") % {"codes": ", ".join(LANGUAGE_CODES)}]
        try:
            self.full_export = (
                StrictBooleanField(required=False).clean(parameters.get("all")) or False
            )
        except forms.ValidationError as error:
            errors["all"] = error.messages
        else:
            for name in ("page", "page_size"):
                if self.full_export and name in parameters:
                    errors[name] = [_("A full export (all=true) has no pages.")]
        for name in set(parameters) & known - self._repeatable():
            if len(parameters.getlist(name)) > 1:
                errors[name] = [_("Give this parameter once.")]
        if errors:
            raise ValidationError(errors)

    def _repeatable(self) -> set[str]:
        """Filters that take several values, each as its own parameter."""
        filterset = getattr(self, "filterset_class", None)
        if filterset is None:
            return set()
        return {
            name
            for name, query_filter in filterset.base_filters.items()
            if isinstance(query_filter, django_filters.MultipleChoiceFilter)
        }

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        """Without any of the filter set's parameters there is nothing to filter: its form,
        about 2 ms to build, is left unbuilt."""
        filterset = getattr(self, "filterset_class", None)
        if filterset is not None and not set(self.request.query_params) & set(
            filterset.base_filters
        ):
            return queryset
        return super().filter_queryset(queryset)

    def list(self, request: Request, *args: object, **kwargs: object) -> object:
        if self.full_export:
            if request.accepted_renderer.format != "csv":
                raise ValidationError(
                    {"all": [_("A full export is CSV: add format=csv, or page through JSON.")]}
                )
            return self._csv_export(self.filter_queryset(self.get_queryset()))
        return super().list(request, *args, **kwargs)

    def _csv_export(self, queryset: QuerySet) -> StreamingHttpResponse:
        records = (
            record
            for chunk in in_chunks(queryset)
            for record in self.get_serializer(chunk, many=True).data
        )
        return csv_download(columns_of(self.get_serializer()), records, self.export_name)


def in_chunks(queryset: QuerySet, size: int = EXPORT_CHUNK) -> Iterator[list]:
    """The queryset's records in lists of ``size``, each list with its prefetches done."""
    chunk = []
    for record in queryset.iterator(chunk_size=size):
        chunk.append(record)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def csv_download(
    columns: list[Column], records: Iterable[dict], name: str
) -> StreamingHttpResponse:
    """A CSV file streamed a line at a time, so a full export never sits in memory."""
    response = StreamingHttpResponse(
        csv_lines(columns, records), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


class ReadOnlyViewSet(PortalAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Records the portal imports and nobody edits through the API."""


class EditableViewSet(PortalAPIMixin, viewsets.ModelViewSet):
    """Records staff may also create, change and delete through the API."""


class UnknownAddressView(APIView):
    """An address under the API that names no endpoint (such as a goal 0.5): a 404 in the
    API's format, not the site's page."""

    permission_classes = [AllowAny]

    def initial(self, request: Request, *args: object, **kwargs: object) -> None:
        raise NotFound(
            _("The API has no such address; %(root)s lists its endpoints.")
            % {"root": request.build_absolute_uri(reverse("api:api-root"))}
        )

    def finalize_response(
        self, request: Request, response: Response, *args: object, **kwargs: object
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        del response["Allow"]  # no method is allowed where there is nothing
        return response
