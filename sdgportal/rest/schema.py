"""OpenAPI additions: the language and format parameters, and the documented error answers."""

import django_filters
from django.conf import settings
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from sdgportal.rest.viewsets import FORMATS

ERROR_SCHEMA = {
    "type": "object",
    "description": "Each key names a parameter or field (or `detail`), with the reason.",
    "additionalProperties": True,
}
ERROR_ANSWERS = {
    "400": "A parameter or field is not valid; the body says which and why.",
    "401": "The token is not valid, or writing needs a staff account's token or session.",
    "403": "This account may not do this.",
    "404": "No such record or page.",
    "406": "The Accept header asks for a format the API does not give (JSON or CSV).",
    "409": "The record is still in use by other records.",
    "413": "The request body is larger than the API takes.",
    "415": "The body is not JSON, form data or multipart form data.",
    "429": "Too many requests; wait as the Retry-After header says.",
}
CSV = {"schema": {"type": "string", "description": "UTF-8 CSV with a header row."}}
READ_ERRORS = ("400", "401", "404", "406", "429")


class PortalAutoSchema(AutoSchema):
    def get_override_parameters(self) -> list[OpenApiParameter]:
        parameters = [
            OpenApiParameter(
                "lang",
                OpenApiTypes.STR,
                enum=[code for code, _name in settings.LANGUAGES],
                description="Language of titles and labels (else the Accept-Language header).",
            ),
            OpenApiParameter(
                "format",
                OpenApiTypes.STR,
                enum=list(FORMATS),
                description="`csv` for flat UTF-8 CSV (or send `Accept: text/csv`).",
            ),
        ]
        if getattr(self.view, "action", None) == "list":
            parameters.append(
                OpenApiParameter(
                    "all",
                    OpenApiTypes.BOOL,
                    description="With `format=csv`: every matching record, not one page.",
                )
            )
        return [*super().get_override_parameters(), *parameters]

    def _get_parameters(self) -> list[dict]:
        """Each query parameter an empty value leaves unused says so (``allowEmptyValue``):
        ``format``, ``all`` and every filter of one value, read by django-filter as no filter
        (as a page's form sends its empty fields)."""
        unused_when_empty = {"format", "all"}
        filterset = getattr(self.view, "filterset_class", None)
        if filterset is not None:
            unused_when_empty |= {
                name
                for name, query_filter in filterset.base_filters.items()
                if not isinstance(query_filter, django_filters.MultipleChoiceFilter)
            }
        return [
            {**parameter, "allowEmptyValue": True}
            if parameter["in"] == "query" and parameter["name"] in unused_when_empty
            else parameter
            for parameter in super()._get_parameters()
        ]


def add_error_answers(result: dict, generator: object, request: object, public: bool) -> dict:
    """Postprocessing hook: reads need no login, CSV is text, and each 4xx answer is documented."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"schema": {"$ref": "#/components/schemas/Error"}}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method == "get" and {} not in operation.setdefault("security", []):
                operation["security"].append({})  # anyone may read
            for answer in operation["responses"].values():
                if "text/csv" in answer.get("content", {}):
                    answer["content"]["text/csv"] = CSV
            codes = READ_ERRORS if method == "get" else tuple(ERROR_ANSWERS)
            for code in codes:
                operation["responses"].setdefault(
                    code,
                    {
                        "description": ERROR_ANSWERS[code],
                        "content": {"application/json": reference, "text/csv": CSV},
                    },
                )
    return result
