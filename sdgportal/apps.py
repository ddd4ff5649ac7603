from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SdgPortalConfig(AppConfig):
    name = "sdgportal"
    verbose_name = _("Sources and provenance")
