"""Serializer parts every resource uses: admin-equal validation, references, citations."""

import copy
import functools

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries import serializer_fields
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sdgportal.models import Citation, WebAddressField
from sdgportal.rest.exceptions import django_error_detail


class WebAddress(serializers.URLField):
    """A web address; https:// is assumed when the scheme is left out, as in the admin."""

    def to_internal_value(self, data: object) -> str:
        if isinstance(data, str) and data and "://" not in data:
            data = f"https://{data}"
        return super().to_internal_value(data)


class CountryCode(serializer_fields.CountryField):
    """A country by its ISO 3166 code (or number, or name); never an object or a list."""

    default_error_messages = {"not_a_code": _("Give the country as its ISO 3166 code, e.g. KZ.")}

    def to_internal_value(self, data: object) -> str:
        if not isinstance(data, str | int) or isinstance(data, bool):
            self.fail("not_a_code")
        return super().to_internal_value(data)


class CleanModelSerializer(CountryFieldMixin, serializers.ModelSerializer):
    """Validates a write as the admin does: the model's ``full_clean`` and its constraints."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        WebAddressField: WebAddress,
    }

    def build_standard_field(
        self, field_name: str, model_field: models.Field
    ) -> tuple[type[serializers.Field], dict]:
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        if field_class is serializer_fields.CountryField:
            field_class = CountryCode
        return field_class, field_kwargs

    def validate(self, attrs: dict) -> dict:
        attrs = super().validate(attrs)
        record = copy.copy(self.instance) if self.instance else self.Meta.model()
        many_to_many = {field.name for field in record._meta.many_to_many}
        for name, value in attrs.items():
            if name not in many_to_many:
                setattr(record, name, value)
        try:
            record.full_clean(exclude=self._unvalidated_fields(record))
        except DjangoValidationError as error:
            raise serializers.ValidationError(django_error_detail(error)) from error
        return attrs

    def _unvalidated_fields(self, record: models.Model) -> list[str]:
        """Fields the client cannot set; the serializer already checked the rest."""
        writable = {field.source for field in self._writable_fields}
        return [field.name for field in record._meta.fields if field.name not in writable]


class RecordReference(serializers.RelatedField):
    """A related record: written as its slug, read as ``{"slug", "name"}``."""

    def __init__(self, *, name_field: str = "name", **kwargs: object) -> None:
        self.name_field = name_field
        super().__init__(**kwargs)

    csv_subfields = ("slug", "name")
    default_error_messages = {
        "does_not_exist": _("There is no record with the slug “{value}”."),
        "invalid": _("Give the slug as text (without NUL characters)."),
    }

    def to_internal_value(self, data: object) -> models.Model:
        if not isinstance(data, str) or "\x00" in data:
            self.fail("invalid")
        try:
            return self.get_queryset().get(slug=data)
        except self.get_queryset().model.DoesNotExist:
            self.fail("does_not_exist", value=data)

    def to_representation(self, value: models.Model) -> dict:
        return {"slug": value.slug, "name": getattr(value, self.name_field)}


class RecordReferenceExtension(OpenApiSerializerFieldExtension):
    target_class = RecordReference

    def map_serializer_field(self, auto_schema: object, direction: str) -> dict:
        if direction == "request":
            return {"type": "string", "description": "The record's slug."}
        return {
            "type": "object",
            "properties": {"slug": {"type": "string"}, "name": {"type": "string"}},
            "required": ["slug", "name"],
        }


@extend_schema_field(OpenApiTypes.URI)
class PublicURLField(serializers.Field):
    """The absolute address of the record's public page."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record: models.Model) -> str:
        # What build_absolute_uri() gives for the path, which reverse() has made URI-safe.
        return self._site_address + record.get_absolute_url()

    @functools.cached_property
    def _site_address(self) -> str:
        """Scheme and host, found once per request (each field is bound to one request)."""
        return self.context["request"].build_absolute_uri("/").removesuffix("/")


class OrganisationRoleSerializer(serializers.ModelSerializer):
    """An organisation's part in a record: its slug, its name and its role."""

    slug = serializers.CharField(source="organisation.slug")
    name = serializers.CharField(source="organisation.name")

    class Meta:
        fields = ["slug", "name", "role"]


class CitationSerializer(serializers.ModelSerializer):
    """Where a record came from: the file it was imported from, the article and the quote."""

    document = serializers.CharField(source="document.name", read_only=True)
    article = serializers.CharField(source="article.title", read_only=True, allow_null=True)
    article_url = serializers.CharField(source="article.url", read_only=True, allow_null=True)
    published_on = serializers.DateField(
        source="article.published_on", read_only=True, allow_null=True
    )

    class Meta:
        model = Citation
        fields = ["document", "article", "article_url", "published_on", "quote"]


def citation_of(row: list) -> dict:
    """``CitationSerializer``'s representation of a row of ``citation_rows``."""
    document, article, article_url, published_on, quote = row
    return {
        "document": document,
        "article": article,
        "article_url": article_url,
        "published_on": published_on,
        "quote": quote,
    }
