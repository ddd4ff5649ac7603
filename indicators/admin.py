from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from indicators.models import (
    Dimension,
    DimensionValue,
    GlobalIndicator,
    Goal,
    IndicatorOrganisation,
    NationalIndicator,
    Observation,
    Region,
    Target,
)
from sdgportal.admin import RefusedInputShown
from sdgportal.history_admin import VersionedAdmin


def _language_fields(name):
    return [f"{name}_en", f"{name}_ru", f"{name}_kk"]


class TargetInline(RefusedInputShown, TranslationTabularInline):
    model = Target
    fields = ["code", "title"]
    extra = 0
    show_change_link = True


@admin.register(Goal)
class GoalAdmin(RefusedInputShown, TranslationAdmin):
    list_display = ["number", "short_title", "colour_swatch", "target_count"]
    search_fields = ["number", *_language_fields("short_title"), *_language_fields("title")]
    inlines = [TargetInline]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(target_total=Count("targets")).order_by("number")
        )

    @admin.display(description=_("colour"), ordering="colour")
    def colour_swatch(self, obj):
        return format_html(
            '<span style="display:inline-block;width:1.5em;height:1em;background:{}"></span> {}',
            obj.colour,
            obj.colour,
        )

    @admin.display(description=_("targets"), ordering="target_total")
    def target_count(self, obj):
        return obj.target_total


@admin.register(Target)
class TargetAdmin(RefusedInputShown, TranslationAdmin):
    list_display = ["code", "goal", "title"]
    list_filter = ["goal"]
    list_select_related = ["goal"]
    search_fields = ["code", *_language_fields("title")]
    autocomplete_fields = ["goal"]
    ordering = ["sort_key"]


@admin.register(GlobalIndicator)
class GlobalIndicatorAdmin(RefusedInputShown, TranslationAdmin):
    list_display = ["code", "target", "title"]
    list_filter = ["target__goal"]
    list_select_related = ["target"]
    search_fields = ["code", *_language_fields("title")]
    autocomplete_fields = ["target"]
    ordering = ["sort_key"]


class IndicatorOrganisationInline(RefusedInputShown, admin.TabularInline):
    model = IndicatorOrganisation
    fields = ["organisation", "role"]
    autocomplete_fields = ["organisation"]
    extra = 0


@admin.register(NationalIndicator)
class NationalIndicatorAdmin(RefusedInputShown, VersionedAdmin, TranslationAdmin):
    list_display = ["code", "title", "goal", "unit", "reporting_status", "observation_count"]
    list_filter = ["reporting_status", "goal", "chart_type", "organisations"]
    list_select_related = ["goal"]
    search_fields = ["code", *_language_fields("title")]
    autocomplete_fields = ["goal", "global_indicator", "targets", "document"]
    readonly_fields = ["observation_count"]
    ordering = ["sort_key"]
    inlines = [IndicatorOrganisationInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.annotate(observation_total=Count("observations")).order_by("sort_key")

    @admin.display(description=_("observations"), ordering="observation_total")
    def observation_count(self, obj):
        """The number of values, linked to the list of them (an indicator may have thousands)."""
        url = reverse("admin:indicators_observation_changelist")
        total = getattr(obj, "observation_total", None)
        if total is None:
            total = obj.observations.count() if obj.pk else 0
        return format_html('<a href="{}?indicator__id__exact={}">{}</a>', url, obj.pk, total)


@admin.register(IndicatorOrganisation)
class IndicatorOrganisationAdmin(RefusedInputShown, admin.ModelAdmin):
    list_display = ["indicator", "organisation", "role"]
    list_filter = ["role", "indicator__goal", "indicator__reporting_status"]
    list_select_related = ["indicator", "organisation"]
    search_fields = ["indicator__code", "organisation__name", "organisation__acronym"]
    autocomplete_fields = ["indicator", "organisation"]


@admin.register(Region)
class RegionAdmin(RefusedInputShown, VersionedAdmin, TranslationAdmin):
    list_display = ["code", "name", "boundary_code", "has_boundary"]
    search_fields = ["code", *_language_fields("name"), "boundary_code"]
    ordering = ["code"]

    @admin.display(description=_("has a boundary"), boolean=True)
    def has_boundary(self, obj):
        return obj.boundary is not None


class DimensionValueInline(RefusedInputShown, TranslationTabularInline):
    model = DimensionValue
    fields = ["code", "label"]
    extra = 0


@admin.register(Dimension)
class DimensionAdmin(RefusedInputShown, TranslationAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", *_language_fields("name")]
    inlines = [DimensionValueInline]


@admin.register(DimensionValue)
class DimensionValueAdmin(RefusedInputShown, TranslationAdmin):
    list_display = ["dimension", "code", "label"]
    list_filter = ["dimension"]
    list_select_related = ["dimension"]
    search_fields = ["code", *_language_fields("label")]
    autocomplete_fields = ["dimension"]


@admin.register(Observation)
class ObservationAdmin(RefusedInputShown, admin.ModelAdmin):
    list_display = ["__str__", "indicator", "year", "value", "unit", "region", "document"]
    list_filter = ["year", "indicator__goal", "document__kind", "region"]
    list_select_related = ["indicator", "document", "region"]
    search_fields = ["indicator__code", "label", "area", "quote"]
    autocomplete_fields = ["indicator", "goal", "region", "document", "article"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "indicator",
                    "label",
                    "goal",
                    "year",
                    "value",
                    "unit",
                    "region",
                    "area",
                    "disaggregation",
                ]
            },
        ),
        (_("Provenance"), {"fields": ["document", "article", "quote"]}),
    ]
