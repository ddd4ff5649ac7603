from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm, for search to match near-miss spellings; on other databases it does nothing."""

    dependencies = [
        ("sdgportal", "0001_initial"),
    ]

    operations = [
        TrigramExtension(),
    ]
