"""Validators every app's records share: plain text without control characters, plausible
dates, web addresses.

This module imports no portal app: ``sdgportal.models`` builds on it.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Characters no text of the portal holds: C0 and C1 controls other than tab and line breaks,
# lone surrogates (half a character), the line and paragraph separators, the bidirectional
# embeddings, overrides and isolates (they reorder what a reader sees) and the byte-order mark.
_NEVER = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
)
FIRST_DATE, LAST_DATE = datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)
# A record nests a list in an object; JSON deeper than this is not a record.
MAX_JSON_DEPTH = 32


@deconstructible
class ControlCharacterValidator:
    """Refuses control characters; a multi-line text may hold tabs and line breaks."""

    def __init__(self, *, multiline: bool = False) -> None:
        self.multiline = multiline
        self.pattern = re.compile(f"[{_NEVER}]" if multiline else f"[{_NEVER}\t\n\r]")
        self.message = (
            _(
                "Remove the control character %(character)s: of control characters, a text "
                "takes only tabs and line breaks."
            )
            if multiline
            else _(
                "Remove the control character %(character)s: this field takes a single line "
                "of text, without tabs or line breaks."
            )
        )

    def __call__(self, value: object) -> None:
        if not isinstance(value, str):
            return
        if found := self.pattern.search(value):
            raise ValidationError(
                self.message,
                code="control_character",
                params={"character": f"U+{ord(found.group()):04X}"},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ControlCharacterValidator) and other.multiline == self.multiline


validate_single_line = ControlCharacterValidator()
validate_text = ControlCharacterValidator(multiline=True)


def text_validator(field: models.Field) -> ControlCharacterValidator | None:
    """The validator a model field's text needs: a text field is multi-line, a char field not."""
    if isinstance(field, models.TextField):
        return validate_text
    if isinstance(field, models.CharField):
        return validate_single_line
    return None


class PlainTextFields:
    """A model mixin: ``full_clean`` refuses control characters in every char and text field,
    as the admin and the API both call it."""

    def clean_fields(self, exclude: object = None) -> None:
        errors: dict[str, list[ValidationError]] = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            validator = text_validator(field)
            if validator is None or field.name in errors or field.name in (exclude or ()):
                continue
            try:
                validator(getattr(self, field.attname))
            except ValidationError as error:
                errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)


def validate_json_text(data: object) -> None:
    """Parsed JSON nested at most ``MAX_JSON_DEPTH`` deep, whose strings are whole characters:
    JSON's ``\\ud800`` escape gives half a character (a lone surrogate), which no database or
    page can hold."""
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict | list):
            if depth > MAX_JSON_DEPTH:
                raise ValidationError(
                    _("Nested more than %(depth)d levels deep."),
                    code="too_deep",
                    params={"depth": MAX_JSON_DEPTH},
                )
            items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
            pending.extend((item, depth + 1) for item in items)
        elif isinstance(value, str):
            try:
                value.encode()
            except UnicodeEncodeError as error:
                raise ValidationError(
                    _("%(escape)s is half a character (a lone surrogate): send the whole one."),
                    code="lone_surrogate",
                    params={"escape": f"\\u{ord(value[error.start]):04x}"},
                ) from error


def validate_plausible_date(value: datetime.date) -> None:
    """A date from 1900 to 2100: anything else is a typing slip, such as 0202 for 2022."""
    if not FIRST_DATE <= value <= LAST_DATE:
        raise ValidationError(
            _("Enter a date from %(first)s to %(last)s."),
            code="implausible_date",
            params={"first": FIRST_DATE.year, "last": LAST_DATE.year},
        )


@deconstructible
class WebAddressValidator(URLValidator):
    """A URL starting with http:// or https://; an address of another kind is refused as such,
    a malformed one as a URL (with the form field's own message)."""

    def __init__(self) -> None:
        super().__init__(schemes=["http", "https"])

    def __call__(self, value: object) -> None:
        if isinstance(value, str) and value.split("://")[0].lower() not in self.schemes:
            raise ValidationError(
                _("Enter a web address starting with http:// or https://."), code="scheme"
            )
        super().__call__(value)


validate_web_address = WebAddressValidator()
