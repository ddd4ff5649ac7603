"""The admin site of the portal: Django's admin with the curators' own pages added."""

from django.contrib import admin
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _


class PortalAdminSite(admin.AdminSite):
    site_header = _("SDG Partnership Portal — curation")
    site_title = _("SDG Partnership Portal")
    index_title = _("Curate events, organisations, grants and indicators")
    # Django's own admin/index.html comes first among the apps' templates: this one extends it
    index_template = "admin/sdgportal/index.html"

    def get_urls(self) -> list[URLPattern]:
        return [*self.curation_urls(), *super().get_urls()]

    def curation_urls(self) -> list[URLPattern]:
        """Pages of the curators' tools beside the record lists."""
        # imported here: the site is built before the models these pages read are loaded
        from sdgportal.admin_merging import LikelyDuplicatesView
        from sdgportal.curation_views import DataQualityView, ImportDocumentView, ImportReviewView

        return [
            path(
                "curation/import/",
                self.admin_view(ImportDocumentView.as_view(admin_site=self)),
                name="import_document",
            ),
            path(
                "curation/import/review/",
                self.admin_view(ImportReviewView.as_view(admin_site=self)),
                name="import_review",
            ),
            path(
                "curation/data-quality/",
                self.admin_view(DataQualityView.as_view(admin_site=self)),
                name="data_quality",
            ),
            path(
                "curation/duplicates/",
                self.admin_view(LikelyDuplicatesView.as_view(admin_site=self)),
                name="likely_duplicates",
            ),
        ]
