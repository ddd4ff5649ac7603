from django.db import migrations

from sdgportal.postgresql import PostgreSQLIndex


class Migration(migrations.Migration):
    """Grants newest first, undated last (``newest_first()``): all of them, a funder's and a
    recipient's, each page read off an index."""

    dependencies = [
        ("organisations", "0004_search_columns"),
    ]

    operations = [
        PostgreSQLIndex("grant", "grant_newest_first", "(year DESC NULLS LAST, title, id)"),
        PostgreSQLIndex(
            "grant", "grant_funder_newest_first", "(funder_id, year DESC NULLS LAST, title, id)"
        ),
        PostgreSQLIndex(
            "grant",
            "grant_recipient_newest_first",
            "(recipient_id, year DESC NULLS LAST, title, id)",
        ),
    ]
