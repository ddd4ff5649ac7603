"""Request bodies: JSON that is also valid Unicode text, nested no deeper than a record."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from sdgportal.validators import MAX_JSON_DEPTH, validate_json_text


class PortalJSONParser(JSONParser):
    """DRF's JSON parser, which also refuses half characters and deep nesting."""

    def parse(
        self, stream: object, media_type: str | None = None, parser_context: dict | None = None
    ) -> object:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:  # deeper than Python's stack
            raise ParseError(
                _("JSON parse error - Nested more than %(depth)d levels deep.")
                % {"depth": MAX_JSON_DEPTH}
            ) from error
        try:
            validate_json_text(data)
        except ValidationError as error:
            raise ParseError(
                _("JSON parse error - %(reason)s") % {"reason": error.messages[0]}
            ) from error
        return data
