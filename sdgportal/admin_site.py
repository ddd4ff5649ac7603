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

        pages = [
            ("curation/import/", ImportDocumentView, "import_document"),
            ("curation/import/review/", ImportReviewView, "import_review"),
            ("curation/data-quality/", DataQualityView, "data_quality"),
            ("curation/duplicates/", LikelyDuplicatesView, "likely_duplicates"),
        ]
        return [
            path(route, self.admin_view(view.as_view(admin_site=self)), name=name)
            for route, view, name in pages
        ]
