"""Merging in the admin: the "Merge selected records…" action, its confirmation page, and the
page of likely duplicates that leads to it."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView

from sdgportal.duplicates import candidates_of, likely_duplicates
from sdgportal.merging import merge_records, preview_merge
from sdgportal.models import ReviewStatus

GROUPS_SHOWN = 100


class MergeAdminMixin:
    """A ModelAdmin's "Merge selected records…": a confirmation page previews the result.

    Merging needs the permissions to change and to delete the records.
    """

    # A field two records must share to count as likely duplicates (an event's date).
    duplicates_within: str | None = None
    merge_template = "admin/sdgportal/merge.html"

    def has_merge_permission(self, request: HttpRequest) -> bool:
        return self.has_change_permission(request) and self.has_delete_permission(request)

    def get_urls(self) -> list[URLPattern]:
        merge = path(
            "merge/",
            self.admin_site.admin_view(self.merge_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_merge",
        )
        return [merge, *super().get_urls()]

    def merge_address(self, pks: list[int]) -> str:
        """The confirmation page for merging these records."""
        return f"{self._address('merge')}?{urlencode({'ids': ','.join(str(pk) for pk in pks)})}"

    def get_actions(self, request: HttpRequest) -> dict[str, tuple]:
        actions = super().get_actions(request)
        if self.has_merge_permission(request):
            actions["merge_selected"] = self.get_action("merge_selected")
        return actions

    @admin.action(description=gettext_lazy("Merge selected records…"))
    def merge_selected(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        pks = sorted(queryset.values_list("pk", flat=True))
        if len(pks) < 2:
            self.message_user(request, _("Select two or more records to merge."), messages.ERROR)
            return None
        return HttpResponseRedirect(self.merge_address(pks))

    def merge_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_merge_permission(request):
            raise PermissionDenied
        asked = request.POST if request.method == "POST" else request.GET
        records = self._records(asked.get("ids", ""))
        if len(records) < 2:
            self.message_user(request, _("Select two or more records to merge."), messages.ERROR)
            return HttpResponseRedirect(self._address("changelist"))
        survivor = next(
            (record for record in records if str(record.pk) == asked.get("survivor")),
            min(records, key=_most_reviewed_first),
        )
        others = [record for record in records if record.pk != survivor.pk]
        if request.method == "POST":
            return self._merge(request, survivor, others)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Merge %(records)s") % {"records": self.opts.verbose_name_plural},
            "records": records,
            "survivor": survivor,
            "preview": preview_merge(survivor, others),
            "ids": ",".join(str(record.pk) for record in records),
            "redirects": any(field.name == "slug" for field in self.opts.concrete_fields),
        }
        return TemplateResponse(request, self.merge_template, context)

    def _records(self, ids: str) -> list[Model]:
        pks = [int(pk) for pk in ids.split(",") if pk.strip().isdigit()]
        return list(self.model._default_manager.filter(pk__in=pks).order_by("pk"))

    def _merge(self, request: HttpRequest, survivor: Model, others: list[Model]) -> HttpResponse:
        names = ", ".join(f"“{other}”" for other in others)
        with transaction.atomic():
            self.log_deletions(request, others)  # before they go, naming them
            merge_records(survivor, others, user=request.user)
            self.log_change(
                request, survivor, _("Merged %(names)s into this record.") % {"names": names}
            )
        self.message_user(
            request,
            ngettext(
                "Merged %(count)d record into “%(survivor)s”.",
                "Merged %(count)d records into “%(survivor)s”.",
                len(others),
            )
            % {"count": len(others), "survivor": survivor},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self._address("change", survivor.pk))

    def _address(self, page: str, *args: object) -> str:
        opts = self.opts
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{page}", args=args
        )


def _most_reviewed_first(record: Model) -> tuple[bool, int]:
    return (getattr(record, "review_status", None) != ReviewStatus.REVIEWED, record.pk)


class LikelyDuplicatesView(TemplateView):
    """Groups of records that are probably one, of each kind the admin can merge."""

    admin_site: AdminSite | None = None
    template_name = "admin/sdgportal/likely_duplicates.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kinds = [
            self._kind(model_admin)
            for model_admin in self.admin_site._registry.values()
            if isinstance(model_admin, MergeAdminMixin)
            and model_admin.has_view_permission(self.request)
        ]
        return super().get_context_data(
            **self.admin_site.each_context(self.request),
            title=_("Likely duplicates"),
            kinds=kinds,
            groups_shown=GROUPS_SHOWN,
            **kwargs,
        )

    def _kind(self, model_admin: MergeAdminMixin) -> dict[str, Any]:
        opts = model_admin.opts
        candidates = candidates_of(model_admin.model, within=model_admin.duplicates_within)
        names = {candidate.pk: candidate.name for candidate in candidates}
        groups = sorted(likely_duplicates(candidates), key=lambda g: names[g.pks[0]].casefold())
        may_merge = model_admin.has_merge_permission(self.request)
        change_page = f"admin:{opts.app_label}_{opts.model_name}_change"
        return {
            "name": opts.verbose_name_plural,
            "count": len(groups),
            "groups": [
                {
                    "records": [(names[pk], reverse(change_page, args=[pk])) for pk in group.pks],
                    "reasons": [reason.label for reason in group.reasons],
                    "merge_address": model_admin.merge_address(list(group.pks))
                    if may_merge
                    else "",
                }
                for group in groups[:GROUPS_SHOWN]
            ],
        }
