"""Fields kept in English, Russian and Kazakh (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from indicators.models import (
    Dimension,
    DimensionValue,
    GlobalIndicator,
    Goal,
    NationalIndicator,
    Region,
    Target,
)


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
