from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventOrganisation, EventSpeaker
from indicators.forms import GoalsAndTargetsForm
from sdgportal.admin import CuratedAdmin, MissingEssentialsFilter, RefusedInputShown
from sdgportal.admin_merging import MergeAdminMixin


class EventOrganisationInline(RefusedInputShown, admin.TabularInline):
    model = EventOrganisation
    fields = ["organisation", "role", "review_status"]
    autocomplete_fields = ["organisation"]
    extra = 0


class EventSpeakerInline(RefusedInputShown, admin.TabularInline):
    model = EventSpeaker
    fields = ["person", "role", "title", "organisation", "order", "review_status"]
    autocomplete_fields = ["person", "organisation"]
    extra = 0


@admin.register(Event)
class EventAdmin(MergeAdminMixin, CuratedAdmin):
    form = GoalsAndTargetsForm
    duplicates_within = "start_date"  # a yearly forum keeps its title
    list_display = [
        "title",
        "kind",
        "start_date",
        "location",
        "country",
        "review_status",
        "source_count",
    ]
    list_filter = [
        "review_status",
        MissingEssentialsFilter,
        "kind",
        "is_online",
        "country",
        "goals",
    ]
    search_fields = ["title", "description", "city", "slug"]
    autocomplete_fields = ["parent", "goals", "targets"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "start_date"
    inlines = [EventOrganisationInline, EventSpeakerInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "parent", "description"]}),
        (_("When"), {"fields": [("start_date", "start_precision"), ("end_date", "end_precision")]}),
        (_("Where"), {"fields": ["city", "is_online", "country"]}),
        (_("Goals"), {"fields": ["goals", "targets"]}),
        (_("Review"), {"fields": ["review_status", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("location"), ordering="city")
    def location(self, obj):
        return obj.location


@admin.register(EventOrganisation)
class EventOrganisationAdmin(CuratedAdmin):
    list_display = ["event", "organisation", "role", "review_status"]
    list_filter = ["role", "review_status"]
    list_select_related = ["event", "organisation"]
    search_fields = ["event__title", "organisation__name", "organisation__acronym"]
    autocomplete_fields = ["event", "organisation"]


@admin.register(EventSpeaker)
class EventSpeakerAdmin(CuratedAdmin):
    list_display = ["person", "event", "role", "title", "organisation", "review_status"]
    list_filter = ["role", "review_status"]
    list_select_related = ["person", "event", "organisation"]
    search_fields = ["person__name", "event__title", "title", "organisation__name"]
    autocomplete_fields = ["event", "person", "organisation"]
