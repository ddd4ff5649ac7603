"""One exception handler: every client error becomes a 4xx with a sentence, never a 500."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler


def portal_exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, RequestDataTooBig):
        return Response(
            {
                "detail": _("The request body is too large: the API takes at most %(limit).1f MB.")
                % {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 2**20}
            },
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        return Response(
            {"detail": _("The request sends too many form fields or files.")},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(detail=django_error_detail(exc))
    if isinstance(exc, ProtectedError | RestrictedError):
        records = sorted({str(record) for record in exc.protected_objects if record})[:5]
        return Response(
            {
                "detail": _(
                    "This record is still in use by: %(records)s. Remove those links first."
                )
                % {"records": "; ".join(records)}
            },
            status=status.HTTP_409_CONFLICT,
        )
    return exception_handler(exc, context)


def django_error_detail(error: DjangoValidationError) -> dict | list:
    """A model's validation errors as DRF gives its own: by field, the rest as non_field_errors."""
    if hasattr(error, "error_dict"):
        return {
            "non_field_errors" if field == "__all__" else field: messages
            for field, messages in error.message_dict.items()
        }
    return error.messages
