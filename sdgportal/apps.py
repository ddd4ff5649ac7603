from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SdgPortalConfig(AppConfig):
    name = "sdgportal"
    verbose_name = _("Sources and provenance")

    def ready(self) -> None:
        from sdgportal.search import add_search_key_function, create_search_key_function

        connection_created.connect(add_search_key_function)
        post_migrate.connect(create_search_key_function, sender=self)
