"""Admin for provenance, and the pieces every curated record's admin shares."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Model, QuerySet
from django.forms.fields import InvalidJSONInput
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator, capfirst
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sdgportal.data_quality import RULES_BY_MODEL
from sdgportal.history import update_with_history
from sdgportal.history_admin import VersionedAdmin
from sdgportal.models import Article, Citation, MergedRecord, ReviewStatus, SourceDocument
from sdgportal.provenance import quote_in_context, records_cited_by
from sdgportal.validators import MAX_JSON_DEPTH, validate_json_text


def can_be_key(field: models.Field, value: object) -> bool:
    """Whether ``value`` can be looked up as ``field``: ``1.5`` as a goal number, or a number
    past the database's integers, would make the lookup itself fail."""
    try:
        field.run_validators(field.to_python(value))
    except ValidationError:
        return False
    return True


class KeysOnly:
    """An autocomplete widget that, showing a refused form again, looks up only the values
    sent that can be keys."""

    def optgroups(self, name: str, value: list, attr: dict | None = None) -> list:
        keys = [key for key in value if can_be_key(self.field.target_field, key)]
        return super().optgroups(name, keys, attr)


def _target_of(field: forms.ModelChoiceField) -> models.Field:
    meta = field.queryset.model._meta
    return meta.get_field(field.to_field_name) if field.to_field_name else meta.pk


def _beyond_the_keys(field: forms.ModelChoiceField, value: object) -> bool:
    """A value of the key's type that its validators refuse (past the database's integers);
    one not even of its type is left to Django's own message."""
    target = _target_of(field)
    try:
        key = target.to_python(value)
    except ValidationError:
        return False
    try:
        target.run_validators(key)
    except ValidationError:
        return True
    return False


class KeyedModelChoiceField(forms.ModelChoiceField):
    """A record chosen by a value that cannot be its key is an invalid choice, not a failed
    lookup."""

    def to_python(self, value: object) -> Model | None:
        if value not in self.empty_values and _beyond_the_keys(self, value):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class KeyedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Records chosen by values that cannot be their keys are invalid choices."""

    def _check_values(self, value: list) -> QuerySet:
        for key in value if isinstance(value, list | tuple) else ():
            if not isinstance(key, list | tuple | dict) and _beyond_the_keys(self, key):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": key},
                )
        return super()._check_values(value)


class KeyedAutocompleteSelect(KeysOnly, AutocompleteSelect):
    pass


class KeyedAutocompleteSelectMultiple(KeysOnly, AutocompleteSelectMultiple):
    pass


class PlainJSONField(forms.JSONField):
    """JSON nested too deeply, or holding half a character, is refused and shown again as
    sent, where Django's field would fail to read or to show it."""

    def to_python(self, value: object) -> object:
        try:
            data = super().to_python(value)
        except RecursionError as error:
            raise ValidationError(
                _("Nested more than %(depth)d levels deep."),
                code="too_deep",
                params={"depth": MAX_JSON_DEPTH},
            ) from error
        validate_json_text(data)
        return data

    def bound_data(self, data: object, initial: object) -> object:
        try:
            value = super().bound_data(data, initial)
            validate_json_text(value)
        except (RecursionError, ValidationError):
            return InvalidJSONInput(data)
        return value


class RefusedInputShown:
    """An admin (or inline) mixin: a form refused for bad input shows it again, with the
    reason, for whatever was sent in its record choices and JSON fields."""

    formfield_overrides = {models.JSONField: {"form_class": PlainJSONField}}

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: object
    ) -> forms.Field:
        kwargs.setdefault("form_class", KeyedModelChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeyedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(
        self, db_field: models.ManyToManyField, request: HttpRequest, **kwargs: object
    ) -> forms.Field:
        kwargs.setdefault("form_class", KeyedModelMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeyedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class CitationInline(RefusedInputShown, GenericTabularInline):
    """The record's provenance: document, article and the quote that supports it."""

    model = Citation
    extra = 0
    fields = ["document", "article", "quote", "in_context"]
    readonly_fields = ["in_context"]
    autocomplete_fields = ["document", "article"]
    verbose_name = _("source")
    verbose_name_plural = _("sources (provenance)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document", "article")

    @admin.display(description=_("quote in its article"))
    def in_context(self, obj):
        found = obj.article and quote_in_context(obj.article.text, obj.quote)
        if not found:
            return "—"
        return format_html(
            '<span class="quote-in-context">{}<mark>{}</mark>{}</span>',
            found.before,
            found.quote,
            found.after,
        )


def records_list(citations: QuerySet) -> str:
    """The records the citations support, by kind, each linked to its admin page."""
    kinds = records_cited_by(citations)
    if not kinds:
        return "—"
    return format_html_join(
        "",
        "<p><strong>{} ({})</strong></p><ul>{}</ul>",
        (
            (
                capfirst(kind.model._meta.verbose_name_plural),
                len(kind.records),
                format_html_join(
                    "",
                    '<li><a href="{}">{}</a></li>',
                    ((_admin_address(record), record) for record in kind.records),
                ),
            )
            for kind in kinds
        ),
    )


def _admin_address(record: Model) -> str:
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])


class MissingEssentialsFilter(admin.SimpleListFilter):
    """The records the data-quality page lists: without what their kind needs."""

    title = _("essentials")
    parameter_name = "essentials"

    def lookups(self, request, model_admin):
        return [("missing", _("missing"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(RULES_BY_MODEL[queryset.model].broken)
        return queryset


class CuratedAdmin(RefusedInputShown, VersionedAdmin):
    """Review status filter, provenance inline, the "mark reviewed" action and the history."""

    curated_inlines = [CitationInline]
    readonly_fields = ["created_at", "updated_at"]
    actions = ["mark_reviewed"]
    change_form_template = "admin/sdgportal/curated_change_form.html"

    def get_inlines(self, request, obj):
        return [*super().get_inlines(request, obj), *self.curated_inlines]

    def save_model(self, request, obj, form, change):
        if "_mark_reviewed" in request.POST:  # the "Save and mark as reviewed" button
            obj.review_status = ReviewStatus.REVIEWED
        super().save_model(request, obj, form, change)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).annotate(source_count=Count("citations"))
        return queryset.order_by(*queryset.model._meta.ordering)  # GROUP BY drops Meta.ordering

    @admin.display(description=_("sources"), ordering="source_count")
    def source_count(self, obj):
        return obj.source_count

    @admin.action(description=_("Mark selected records as reviewed"))
    def mark_reviewed(self, request: HttpRequest, queryset: QuerySet) -> None:
        records = list(queryset.exclude(review_status=ReviewStatus.REVIEWED).order_by())
        for record in records:
            record.review_status, record.updated_at = ReviewStatus.REVIEWED, now()
        update_with_history(
            records,
            ["review_status", "updated_at"],
            user=request.user,
            reason="Marked as reviewed",
        )
        count = len(records)
        self.message_user(
            request,
            ngettext(
                "%(count)d record marked as reviewed.",
                "%(count)d records marked as reviewed.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


class ArticleInline(RefusedInputShown, admin.TabularInline):
    model = Article
    extra = 0
    fields = ["position", "title", "published_on", "url"]
    show_change_link = True


@admin.register(SourceDocument)
class SourceDocumentAdmin(RefusedInputShown, admin.ModelAdmin):
    list_display = ["name", "kind", "title", "article_count", "citation_count", "imported_at"]
    list_filter = ["kind"]
    search_fields = ["name", "title", "url"]
    readonly_fields = ["sha256", "imported_at", "records_from_here"]
    inlines = [ArticleInline]

    @admin.display(description=_("records from this source"))
    def records_from_here(self, obj):
        return records_list(obj.citations.all())

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                article_total=Count("articles", distinct=True),
                citation_total=Count("citations", distinct=True),
            )
        )

    @admin.display(description=_("articles"), ordering="article_total")
    def article_count(self, obj):
        return obj.article_total

    @admin.display(description=_("records cited"), ordering="citation_total")
    def citation_count(self, obj):
        return obj.citation_total


@admin.register(Article)
class ArticleAdmin(RefusedInputShown, admin.ModelAdmin):
    list_display = ["title", "document", "position", "published_on"]
    list_filter = ["document__kind", "published_on"]
    list_select_related = ["document"]
    search_fields = ["title", "text", "document__name"]
    autocomplete_fields = ["document"]
    date_hierarchy = "published_on"
    readonly_fields = ["records_from_here"]

    @admin.display(description=_("records from this article"))
    def records_from_here(self, obj):
        return records_list(obj.citations.all())


@admin.register(Citation)
class CitationAdmin(RefusedInputShown, admin.ModelAdmin):
    list_display = ["record_link", "content_type", "document", "article", "quote_excerpt"]
    list_filter = ["content_type", "document__kind"]
    list_select_related = ["content_type", "document", "article"]
    search_fields = ["quote", "document__name", "article__title"]
    autocomplete_fields = ["document", "article"]
    readonly_fields = ["record_link"]

    @admin.display(description=_("record"))
    def record_link(self, obj):
        return f"{obj.content_type.name} #{obj.object_id}"

    @admin.display(description=_("quote"))
    def quote_excerpt(self, obj):
        return Truncator(obj.quote).chars(120)


@admin.register(MergedRecord)
class MergedRecordAdmin(RefusedInputShown, admin.ModelAdmin):
    """Records merged away: their old slugs redirect to the survivor; their fields are kept."""

    list_display = ["old_name", "old_slug", "content_type", "survivor_id", "merged_at", "merged_by"]
    list_filter = ["content_type"]
    list_select_related = ["content_type", "merged_by"]
    search_fields = ["old_name", "old_slug"]
    readonly_fields = ["survivor_link", "data", "merged_at", "merged_by"]

    @admin.display(description=_("merged into"))
    def survivor_link(self, obj):
        survivor = obj.survivor
        return (
            format_html('<a href="{}">{}</a>', _admin_address(survivor), survivor)
            if survivor
            else "—"
        )


class PortalUserAdmin(RefusedInputShown, UserAdmin):
    """Django's, with the same record choices as the portal's own admins."""


class PortalGroupAdmin(RefusedInputShown, GroupAdmin):
    """Django's, with the same record choices as the portal's own admins."""


admin.site.unregister(User)
admin.site.register(User, PortalUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, PortalGroupAdmin)
