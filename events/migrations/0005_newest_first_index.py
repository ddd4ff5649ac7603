from django.db import migrations

from sdgportal.postgresql import PostgreSQLIndex


class Migration(migrations.Migration):
    """Events newest first, undated last (``newest_first()``): a page read off the index."""

    dependencies = [
        ("events", "0004_search_columns"),
    ]

    operations = [
        PostgreSQLIndex(
            "event", "event_newest_first", "(start_date DESC NULLS LAST, title, id)"
        ),
    ]
