"""The admin's History pages: each version with who saved it, what changed, and revert."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.forms import BaseFormSet, ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.formats import date_format
from django.utils.timezone import localtime
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import HistoricalChanges

from sdgportal.history import change_reason, deltas, m2m_in_latest_version, saved_record


class VersionedAdmin(SimpleHistoryAdmin):
    """simple-history's admin: one version per save, a History page whose queries stay few.

    Reverting needs the permission to change the record (simple-history itself asks only for
    the permission to view it).
    """

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: list[BaseFormSet], change: bool
    ) -> None:
        with m2m_in_latest_version(form.instance):
            super().save_related(request, form, formsets, change)

    def set_history_delta_changes(
        self,
        request: HttpRequest,
        historical_records: Iterable[HistoricalChanges],
        foreign_keys_are_objs: bool = True,
    ) -> None:
        historical_records = list(historical_records)
        for version in historical_records:
            version.history_object = saved_record(version)  # for the page's "Object" column
        for version, delta in deltas(historical_records):
            helper = self.get_historical_record_context_helper(request, version)
            version.history_delta_changes = helper.context_for_delta_changes(delta)

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict | None = None,
    ) -> HttpResponse:
        if request.method != "POST":
            return super().history_form_view(request, object_id, version_id, extra_context)
        if not self.has_change_permission(request):
            raise PermissionDenied
        version = get_object_or_404(self.model.history, history_id=version_id)
        when = date_format(localtime(version.history_date), "Y-m-d H:i")
        with change_reason(f"Reverted to the version of {when}"):
            return super().history_form_view(request, object_id, version_id, extra_context)
