"""Provenance shared by every app: source documents, their articles, citations, review status.

This module imports no portal app; the apps build on it.
"""

from django import forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from sdgportal.validators import PlainTextFields, validate_web_address


class WebAddressFormField(forms.URLField):
    default_validators = [validate_web_address]


class WebAddressField(models.URLField):
    """An http or https address; its form assumes https:// when the scheme is left out."""

    default_validators = [validate_web_address]

    def formfield(self, **kwargs: object) -> object:
        return super().formfield(
            **{"form_class": WebAddressFormField, "assume_scheme": "https", **kwargs}
        )


class ChoiceLabel:
    """A field's ``get_<field>_display()`` as an attribute, from a table of its labels built
    once: Django translates every choice at each call, and a list shows hundreds."""

    def __init__(self, field_name: str) -> None:
        self.field_name = field_name
        self.labels: dict[object, object] | None = None

    def __get__(self, record: models.Model | None, model: type[models.Model]) -> object:
        if record is None:
            return self
        if self.labels is None:
            self.labels = dict(model._meta.get_field(self.field_name).flatchoices)
        value = getattr(record, self.field_name)
        return self.labels.get(value, value)


class ReviewStatus(models.TextChoices):
    IMPORTED = "imported", _("Imported, needs review")
    REVIEWED = "reviewed", _("Reviewed")


class SourceDocumentQuerySet(models.QuerySet):
    def get_by_natural_key(self, name: str) -> "SourceDocument":
        return self.get(name=name)


class ArticleQuerySet(models.QuerySet):
    def get_by_natural_key(self, document: str, position: int) -> "Article":
        return self.get(document__name=document, position=position)


class SourceDocument(PlainTextFields, models.Model):
    """A file the portal imported records from: a news page or a data-set file."""

    class Kind(models.TextChoices):
        NEWS_PAGE = "news_page", _("News page")
        DATASET = "dataset", _("Data set file")
        UPLOAD = "upload", _("Uploaded by a curator")

    name = models.CharField(_("file name"), max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    url = WebAddressField(_("original address"), max_length=500, blank=True)
    sha256 = models.CharField(_("SHA-256 of the content"), max_length=64, blank=True)
    imported_at = models.DateTimeField(_("last imported"), null=True, blank=True, db_index=True)

    objects = SourceDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.name,)


class Article(PlainTextFields, models.Model):
    """One story within a source document (a page may hold several)."""

    document = models.ForeignKey(
        SourceDocument,
        on_delete=models.CASCADE,
        related_name="articles",
        verbose_name=_("document"),
    )
    position = models.PositiveIntegerField(_("position in the document"), default=1)
    title = models.CharField(_("title"), max_length=500)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    url = WebAddressField(_("address"), max_length=500, blank=True)
    text = models.TextField(_("cleaned text"), blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["document", "position"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "position"], name="article_unique_position_in_document"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str, int]:
        return (self.document.name, self.position)


class Citation(PlainTextFields, models.Model):
    """Where a record came from: its document, article, and the quote that supports it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    document = models.ForeignKey(
        SourceDocument,
        on_delete=models.CASCADE,
        related_name="citations",
        verbose_name=_("document"),
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("article"),
    )
    quote = models.TextField(_("supporting quote"), blank=True)

    class Meta:
        ordering = ["document", "article", "pk"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        where = self.article or self.document
        return f"{where}: “{self.quote[:80]}”" if self.quote else str(where)


class CuratedRecord(PlainTextFields, models.Model):
    """A record curators look after: its review status and the citations that source it.

    Records created by hand start reviewed; importers create them as imported.
    """

    review_status = models.CharField(
        _("review status"),
        max_length=10,
        choices=ReviewStatus.choices,
        default=ReviewStatus.REVIEWED,
        db_index=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    citations = GenericRelation(Citation, related_query_name="%(class)s")

    class Meta:
        abstract = True


class MergedRecord(models.Model):
    """A record merged into another: its old address leads to the survivor, its data is kept."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("kind of record")
    )
    old_slug = models.SlugField(_("old slug"), max_length=200)
    old_name = models.CharField(_("old name"), max_length=500, blank=True)
    survivor_id = models.PositiveBigIntegerField(_("merged into (id)"))
    survivor = GenericForeignKey("content_type", "survivor_id")
    data = models.JSONField(
        _("the record's fields when merged"), default=dict, blank=True, encoder=DjangoJSONEncoder
    )
    merged_at = models.DateTimeField(_("merged"), auto_now_add=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("merged by"),
    )

    class Meta:
        ordering = ["-merged_at", "pk"]
        verbose_name = _("merged record")
        verbose_name_plural = _("merged records")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "old_slug"], name="merged_record_unique_old_slug"
            ),
        ]
        indexes = [models.Index(fields=["content_type", "survivor_id"])]

    def __str__(self) -> str:
        return f"{self.old_name or self.old_slug} → #{self.survivor_id}"
