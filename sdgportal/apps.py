from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.contrib.auth.signals import user_logged_in
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SdgPortalConfig(AppConfig):
    default = True  # of the two configurations here, the one "sdgportal" means
    name = "sdgportal"
    verbose_name = _("Sources and provenance")

    def ready(self) -> None:
        from sdgportal.caching import note_data_change, watch_content_changes
        from sdgportal.roles import sync_editors_after_migrate
        from sdgportal.search import add_search_key_function
        from sdgportal.search_columns import install_search_columns
        from sdgportal.session_expiry import mark_session_used

        watch_content_changes()
        post_migrate.connect(note_data_change, sender=self)  # a deploy: new code, new pages
        connection_created.connect(add_search_key_function)
        post_migrate.connect(install_search_columns, sender=self)
        post_migrate.connect(sync_editors_after_migrate, sender=self)
        user_logged_in.connect(mark_session_used)


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False  # named in INSTALLED_APPS in place of django.contrib.admin
    default_site = "sdgportal.admin_site.PortalAdminSite"
