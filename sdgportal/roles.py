"""Who may do what in the admin: editors curate the content, administrators everything."""

from django.apps import apps as installed_apps
from django.apps.registry import Apps
from django.contrib.auth.management import create_permissions

EDITORS = "Editors"
# Editors hold every permission of these apps: content, review, merging, importing, history.
# Users, groups and permissions (django.contrib.auth) stay with the administrators.
CONTENT_APPS = ("sdgportal", "indicators", "organisations", "events")


def sync_editors(apps: Apps = installed_apps, using: str = "default") -> None:
    """Create the Editors group if missing and give it every content permission."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for label in CONTENT_APPS:
        create_permissions(
            installed_apps.get_app_config(label), verbosity=0, using=using, apps=apps
        )
    editors, _created = Group.objects.using(using).get_or_create(name=EDITORS)
    content = Permission.objects.using(using).filter(content_type__app_label__in=CONTENT_APPS)
    editors.permissions.add(*content)


def sync_editors_after_migrate(using: str = "default", **kwargs: object) -> None:
    """Keep the Editors' permissions complete as migrations add models (post_migrate)."""
    sync_editors(using=using)
