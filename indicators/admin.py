from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from indicators.models import GlobalIndicator, Goal, NationalIndicator, Observation, Target


def _language_fields(name):
    return [f"{name}_en", f"{name}_ru", f"{name}_kk"]


class TargetInline(TranslationTabularInline):
    model = Target
    fields = ["code", "title"]
    extra = 0
    show_change_link = True


@admin.register(Goal)
class GoalAdmin(TranslationAdmin):
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
class TargetAdmin(TranslationAdmin):
    list_display = ["code", "goal", "title"]
    list_filter = ["goal"]
    list_select_related = ["goal"]
    search_fields = ["code", *_language_fields("title")]
    autocomplete_fields = ["goal"]
    ordering = ["sort_key"]


@admin.register(GlobalIndicator)
class GlobalIndicatorAdmin(TranslationAdmin):
    list_display = ["code", "target", "title"]
    list_filter = ["target__goal"]
    list_select_related = ["target"]
    search_fields = ["code", *_language_fields("title")]
    autocomplete_fields = ["target"]
    ordering = ["sort_key"]


class ObservationInline(admin.TabularInline):
    model = Observation
    fields = ["year", "value", "unit", "area", "disaggregation", "document"]
    autocomplete_fields = ["document"]
    extra = 0
    show_change_link = True


@admin.register(NationalIndicator)
class NationalIndicatorAdmin(TranslationAdmin):
    list_display = ["code", "title", "goal", "unit", "reporting_status", "observation_count"]
    list_filter = ["reporting_status", "goal", "chart_type"]
    list_select_related = ["goal"]
    search_fields = ["code", *_language_fields("title")]
    autocomplete_fields = ["goal", "global_indicator", "targets"]
    ordering = ["sort_key"]
    inlines = [ObservationInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.annotate(observation_total=Count("observations")).order_by("sort_key")

    @admin.display(description=_("observations"), ordering="observation_total")
    def observation_count(self, obj):
        return obj.observation_total


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "indicator", "year", "value", "unit", "area", "document"]
    list_filter = ["year", "indicator__goal", "document__kind"]
    list_select_related = ["indicator", "document"]
    search_fields = ["indicator__code", "label", "area", "quote"]
    autocomplete_fields = ["indicator", "goal", "document", "article"]
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
                    "area",
                    "disaggregation",
                ]
            },
        ),
        (_("Provenance"), {"fields": ["document", "article", "quote"]}),
    ]
