"""Fields kept in English, Russian and Kazakh (django-modeltranslation)."""

import simple_history
from django.db import models
from modeltranslation.translator import TranslationOptions, register, translator

from indicators.models import (
    Dimension,
    DimensionValue,
    GlobalIndicator,
    Goal,
    NationalIndicator,
    Region,
    Target,
)
from sdgportal.history import PortalHistory
from sdgportal.search_columns import COLUMNS


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("short_title", "title")


@register(Target)
class TargetTranslation(TranslationOptions):
    fields = ("title",)


@register(GlobalIndicator)
class GlobalIndicatorTranslation(TranslationOptions):
    fields = ("title",)


@register(NationalIndicator)
class NationalIndicatorTranslation(TranslationOptions):
    fields = ("title", "unit")


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(Dimension)
class DimensionTranslation(TranslationOptions):
    fields = ("name",)


@register(DimensionValue)
class DimensionValueTranslation(TranslationOptions):
    fields = ("label",)


def track_history(model: type[models.Model], *, excluded_fields: tuple[str, ...] = ()) -> None:
    """Keep versions of a translated model, each language's column included.

    Registered here, after modeltranslation has added the columns (title_en, title_ru…) that a
    ``HistoricalRecords`` in models.py would not see; the base column they fill is left out.
    """
    translated = translator.get_options_for_model(model).fields
    simple_history.register(
        model, records_class=PortalHistory, excluded_fields=[*translated, *excluded_fields]
    )


track_history(NationalIndicator, excluded_fields=COLUMNS)
track_history(Region, excluded_fields=("boundary", "outline"))  # large geometry
