"""Fields kept in English, Russian and Kazakh (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from indicators.models import GlobalIndicator, Goal, NationalIndicator, Target


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
