"""The 17 goals exist from the first migration on, with their short names and colours."""

from django.db import migrations

from indicators.goals import BUILT_IN_GOALS


def create_goals(apps, schema_editor):
    Goal = apps.get_model("indicators", "Goal")
    for goal in BUILT_IN_GOALS:
        Goal.objects.get_or_create(
            number=goal.number,
            defaults={
                "short_title": goal.short_title,
                "short_title_en": goal.short_title,
                "colour": goal.colour,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]

    operations = [migrations.RunPython(create_goals, migrations.RunPython.noop)]
