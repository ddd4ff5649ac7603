"""The curators' own admin pages: import an article, review the import, data quality."""

from typing import Any

from django.contrib.admin import AdminSite
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from sdgportal.admin import MissingEssentialsFilter
from sdgportal.data_quality import RULES, records_missing_essentials
from sdgportal.forms import ImportDocumentForm
from sdgportal.import_review import changed_anything, outcomes_of, records_by_type
from sdgportal.importing.uploads import NothingFound, import_upload
from sdgportal.models import SourceDocument
from sdgportal.text_files import UnreadableFile

REVIEW_SESSION_KEY = "sdgportal_import_review"


class CurationPage:
    """An admin page: the site's header, sidebar and a title."""

    admin_site: AdminSite | None = None
    title = ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **self.admin_site.each_context(self.request),
            "title": self.title,
            **super().get_context_data(**kwargs),
        }


class ImportDocumentView(PermissionRequiredMixin, CurationPage, FormView):
    permission_required = "sdgportal.add_sourcedocument"
    raise_exception = True
    form_class = ImportDocumentForm
    template_name = "admin/sdgportal/import_document.html"
    title = _("Import an article")

    def form_valid(self, form: ImportDocumentForm) -> HttpResponse:
        try:
            done = import_upload(
                content=form.content(),
                file_name=form.file_name(),
                url=form.cleaned_data["url"],
                title=form.cleaned_data["title"],
            )
        except UnreadableFile as error:
            form.add_error(
                None, gettext("This cannot be imported: %(reason)s.") % {"reason": error.reason}
            )
            return self.form_invalid(form)
        except NothingFound:
            form.add_error(
                None,
                gettext(
                    "No event, organisation, person, grant or figure was found in this text: "
                    "nothing was imported."
                ),
            )
            return self.form_invalid(form)
        if done.created_document:
            model_admin = self.admin_site.get_model_admin(SourceDocument)
            model_admin.log_addition(self.request, done.document, [{"added": {}}])
        self.request.session[REVIEW_SESSION_KEY] = {
            "document": done.document.pk,
            "outcomes": outcomes_of(done.summary),
        }
        return redirect("admin:import_review")


class ImportReviewView(PermissionRequiredMixin, CurationPage, TemplateView):
    permission_required = "sdgportal.add_sourcedocument"
    raise_exception = True
    template_name = "admin/sdgportal/import_review.html"
    title = _("What the import found")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if REVIEW_SESSION_KEY not in request.session:
            return redirect("admin:import_document")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        review = self.request.session[REVIEW_SESSION_KEY]
        return super().get_context_data(
            document=SourceDocument.objects.filter(pk=review["document"]).first(),
            changed=changed_anything(review["outcomes"]),
            types=records_by_type(review["outcomes"]),
            **kwargs,
        )


class DataQualityView(CurationPage, TemplateView):
    template_name = "admin/sdgportal/data_quality.html"
    title = _("Records missing essentials")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        rules = [
            rule
            for rule in RULES
            if self.admin_site.get_model_admin(rule.model).has_view_or_change_permission(
                self.request
            )
        ]
        if not rules:
            raise PermissionDenied
        return super().get_context_data(
            findings=[records_missing_essentials(rule) for rule in rules],
            filter_query=f"{MissingEssentialsFilter.parameter_name}=missing",
            **kwargs,
        )
