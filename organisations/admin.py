from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from indicators.forms import GoalsAndTargetsForm
from organisations.models import Grant, Organisation, Person, Position
from sdgportal.admin import CuratedAdmin, MissingEssentialsFilter, RefusedInputShown
from sdgportal.admin_merging import MergeAdminMixin


class PositionInline(RefusedInputShown, admin.TabularInline):
    model = Position
    fields = ["title", "organisation", "start_date", "end_date", "review_status"]
    autocomplete_fields = ["organisation"]
    extra = 0


class ChildOrganisationInline(RefusedInputShown, admin.TabularInline):
    model = Organisation
    fk_name = "parent"
    fields = ["name", "acronym", "sector"]
    extra = 0
    show_change_link = True
    verbose_name = _("body under this one")
    verbose_name_plural = _("bodies under this one")


@admin.register(Organisation)
class OrganisationAdmin(MergeAdminMixin, CuratedAdmin):
    list_display = [
        "name",
        "acronym",
        "sector",
        "country",
        "parent",
        "review_status",
        "source_count",
    ]
    list_filter = ["review_status", MissingEssentialsFilter, "sector", "country"]
    list_select_related = ["parent"]
    search_fields = ["name", "acronym", "aliases", "slug"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ChildOrganisationInline]


@admin.register(Person)
class PersonAdmin(MergeAdminMixin, CuratedAdmin):
    list_display = ["name", "aliases", "review_status", "source_count"]
    list_filter = ["review_status", MissingEssentialsFilter]
    search_fields = ["name", "aliases", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PositionInline]


@admin.register(Position)
class PositionAdmin(CuratedAdmin):
    list_display = ["person", "title", "organisation", "start_date", "end_date", "review_status"]
    list_filter = ["review_status"]
    list_select_related = ["person", "organisation"]
    search_fields = ["title", "person__name", "organisation__name", "organisation__acronym"]
    autocomplete_fields = ["person", "organisation"]


@admin.register(Grant)
class GrantAdmin(CuratedAdmin):
    form = GoalsAndTargetsForm
    list_display = [
        "title",
        "funder",
        "recipient",
        "amount_display",
        "year",
        "instrument",
        "review_status",
        "source_count",
    ]
    list_filter = [
        "review_status",
        MissingEssentialsFilter,
        "instrument",
        "currency",
        "year",
        "goals",
    ]
    list_select_related = ["funder", "recipient"]
    search_fields = [
        "title",
        "identifier",
        "purpose",
        "programme",
        "funder__name",
        "funder__acronym",
        "recipient__name",
        "recipient__acronym",
    ]
    autocomplete_fields = ["funder", "operator", "recipient", "goals", "targets"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "identifier", "instrument", "programme", "purpose"]}),
        (_("Funding flow"), {"fields": ["funder", "operator", "recipient"]}),
        (_("Amount and date"), {"fields": ["amount", "currency", "award_date", "year"]}),
        (_("Goals"), {"fields": ["goals", "targets"]}),
        (_("Review"), {"fields": ["review_status", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("amount"), ordering="amount")
    def amount_display(self, obj):
        return f"{obj.amount:,.2f} {obj.currency}" if obj.amount is not None else "—"
