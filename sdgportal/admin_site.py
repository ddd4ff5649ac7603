"""The admin site of the portal: Django's admin with the curators' own pages added."""

from django.contrib import admin
from django.urls import URLPattern
from django.utils.translation import gettext_lazy as _


class PortalAdminSite(admin.AdminSite):
    site_header = _("SDG Partnership Portal — curation")
    site_title = _("SDG Partnership Portal")
    index_title = _("Curate events, organisations, grants and indicators")

    def get_urls(self) -> list[URLPattern]:
        return [*self.curation_urls(), *super().get_urls()]

    def curation_urls(self) -> list[URLPattern]:
        """Pages of the curators' tools beside the record lists."""
        return []
