from django.db import migrations

from sdgportal.roles import sync_editors


def create_editors(apps, schema_editor):
    sync_editors(apps, using=schema_editor.connection.alias)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    """The Editors group: NGO staff who curate content but manage no users or permissions."""

    dependencies = [
        ("sdgportal", "0002_trigram_extension"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("indicators", "0005_region_outline"),
        ("organisations", "0001_initial"),
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_editors, remove_editors),
    ]
