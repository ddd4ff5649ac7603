"""The global SDG framework (goals, targets, indicators) and national indicators with data."""

import functools
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indicators import codes, maps
from organisations.models import Organisation
from sdgportal.models import Article, ChoiceLabel, SourceDocument
from sdgportal.search_columns import SearchColumns, StoredSearch
from sdgportal.validators import PlainTextFields

GOAL_RANGE_MESSAGE = _("A goal number is between 1 and 17.")
hex_colour = RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("Enter a colour as #RRGGBB."))
target_code = RegexValidator(
    codes.TARGET_CODE, _("Enter a target code such as 16.3 or 5.a (goal 1–17, dot, target).")
)
indicator_code = RegexValidator(
    codes.INDICATOR_CODE,
    _("Enter an indicator code such as 16.3.1 or 10.5.1.1 (goal, target, indicator)."),
)


class GoalQuerySet(models.QuerySet):
    def get_by_natural_key(self, number: int) -> "Goal":
        return self.get(number=number)


class Goal(PlainTextFields, models.Model):
    number = models.PositiveSmallIntegerField(
        _("number"),
        primary_key=True,
        validators=[
            MinValueValidator(1, message=GOAL_RANGE_MESSAGE),
            MaxValueValidator(17, message=GOAL_RANGE_MESSAGE),
        ],
    )
    short_title = models.CharField(_("short title"), max_length=100)
    title = models.CharField(_("title"), max_length=300, blank=True)
    colour = models.CharField(_("colour"), max_length=7, validators=[hex_colour])

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=17),
                name="goal_number_1_to_17",
                violation_error_message=GOAL_RANGE_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return f"SDG {self.number}: {self.short_title}"

    def natural_key(self) -> tuple[int]:
        return (self.number,)

    @property
    def text_colour(self) -> str:
        """Black or white, whichever reads better on the goal's colour (WCAG contrast)."""
        return readable_text_colour(self.colour)


@functools.cache
def readable_text_colour(background: str) -> str:
    """#000000 or #FFFFFF for text on a #RRGGBB background, by WCAG relative luminance."""
    channels = [int(background[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    on_white = 1.05 / (luminance + 0.05)
    on_black = (luminance + 0.05) / 0.05
    return "#FFFFFF" if on_white >= on_black else "#000000"


class CodedQuerySet(models.QuerySet):
    def get_by_natural_key(self, code: str) -> models.Model:
        return self.get(code=code)


class CodedRecord(PlainTextFields, models.Model):
    """A record identified by a dotted SDG code, kept in reading order."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    sort_key = models.CharField(max_length=40, editable=False, db_index=True)

    objects = CodedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["sort_key"]

    def save(self, *args: object, **kwargs: object) -> None:
        self.sort_key = codes.sort_key(self.code)
        super().save(*args, **kwargs)

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class Target(CodedRecord):
    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, related_name="targets", verbose_name=_("goal")
    )
    title = models.TextField(_("title"), blank=True)

    class Meta(CodedRecord.Meta):
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.code} {self.title[:80]}".strip()

    def clean(self) -> None:
        if not codes.TARGET_CODE.match(self.code or ""):
            raise ValidationError({"code": target_code.message})
        if self.goal_id is not None and codes.goal_of(self.code) != self.goal_id:
            raise ValidationError(
                {
                    "goal": _("Target %(code)s belongs to goal %(goal)s.")
                    % {"code": self.code, "goal": codes.goal_of(self.code)}
                }
            )


def validate_targets_in_goals(goals: Iterable[Goal], targets: Iterable[Target]) -> None:
    """A record on a target is on its goal too: target 16.3 needs goal 16 among the goals."""
    numbers = {goal.number for goal in goals}
    outside = sorted(
        (target for target in targets if target.goal_id not in numbers),
        key=lambda target: target.sort_key,
    )
    if outside:
        raise ValidationError(
            [
                ValidationError(
                    _(
                        "Target %(target)s is under goal %(goal)s: add the goal, or remove "
                        "the target."
                    ),
                    code="target_outside_goals",
                    params={"target": target.code, "goal": target.goal_id},
                )
                for target in outside
            ]
        )


class GlobalIndicator(CodedRecord):
    """An indicator of the UN global framework, such as 16.3.1."""

    target = models.ForeignKey(
        Target, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("target")
    )
    title = models.TextField(_("title"), blank=True)

    class Meta(CodedRecord.Meta):
        verbose_name = _("global indicator")
        verbose_name_plural = _("global indicators")

    def __str__(self) -> str:
        return f"{self.code} {self.title[:80]}".strip()

    def clean(self) -> None:
        if not codes.INDICATOR_CODE.match(self.code or ""):
            raise ValidationError({"code": indicator_code.message})
        if self.target_id is not None and codes.target_of(self.code) != self.target.code:
            raise ValidationError(
                {
                    "target": _("Indicator %(code)s belongs to target %(target)s.")
                    % {"code": self.code, "target": codes.target_of(self.code)}
                }
            )


def _per_language(*names: str) -> list[str]:
    """The columns modeltranslation keeps of each field, one per language (title_en…)."""
    return [f"{name}_{code}" for name in names for code, _language in settings.LANGUAGES]


class NationalIndicator(SearchColumns, CodedRecord):
    """An indicator of Kazakhstan's national SDG reporting, linked to the global framework."""

    stored_search = StoredSearch(
        weighted={"code": "A"}
        | dict.fromkeys(_per_language("title"), "A")
        | dict.fromkeys(_per_language("unit"), "C"),
        names=("code", *_per_language("title")),
    )

    class ReportingStatus(models.TextChoices):
        COMPLETE = "complete", _("Complete")
        IN_PROGRESS = "inprogress", _("In progress")
        NOT_STARTED = "notstarted", _("Not started")
        NOT_APPLICABLE = "notapplicable", _("Not applicable")

    goal = models.ForeignKey(
        Goal,
        on_delete=models.PROTECT,
        related_name="national_indicators",
        verbose_name=_("goal"),
    )
    title = models.TextField(_("title"), db_index=True)
    unit = models.CharField(_("unit"), max_length=200, blank=True)
    global_indicator = models.ForeignKey(
        GlobalIndicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="national_indicators",
        verbose_name=_("global indicator"),
    )
    targets = models.ManyToManyField(
        Target, blank=True, related_name="national_indicators", verbose_name=_("targets")
    )
    chart_type = models.CharField(_("chart type"), max_length=30, blank=True)
    reporting_status = models.CharField(
        _("reporting status"),
        max_length=20,
        choices=ReportingStatus.choices,
        default=ReportingStatus.NOT_STARTED,
        db_index=True,
    )
    reporting_status_label = ChoiceLabel("reporting_status")
    metadata = models.JSONField(
        _("metadata"),
        default=dict,
        blank=True,
        help_text=_("Metadata fields per language: definitions, sources, custodian agency…"),
    )
    organisations = models.ManyToManyField(
        Organisation,
        through="IndicatorOrganisation",
        blank=True,
        related_name="national_indicators",
        verbose_name=_("responsible organisations"),
    )
    document = models.ForeignKey(
        SourceDocument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="national_indicators",
        verbose_name=_("source document"),
    )

    class Meta(CodedRecord.Meta):
        verbose_name = _("national indicator")
        verbose_name_plural = _("national indicators")

    def __str__(self) -> str:
        return f"{self.code} {self.title[:80]}"

    def clean(self) -> None:
        if not codes.INDICATOR_CODE.match(self.code or ""):
            raise ValidationError({"code": indicator_code.message})
        if self.goal_id is not None and codes.goal_of(self.code) != self.goal_id:
            raise ValidationError(
                {
                    "goal": _("Indicator %(code)s belongs to goal %(goal)s.")
                    % {"code": self.code, "goal": codes.goal_of(self.code)}
                }
            )


class IndicatorOrganisation(PlainTextFields, models.Model):
    """An organisation named in an indicator's metadata as a source of its data."""

    class Role(models.TextChoices):
        COMPILATION = "compilation", _("Compiles the data")
        IMPLEMENTATION = "implementation", _("Responsible for implementation")

    indicator = models.ForeignKey(
        NationalIndicator,
        on_delete=models.CASCADE,
        related_name="responsibilities",
        verbose_name=_("indicator"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="indicator_responsibilities",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["indicator", "role", "organisation"]
        verbose_name = _("responsible organisation")
        verbose_name_plural = _("responsible organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "organisation", "role"],
                name="indicator_organisation_role_unique",
                violation_error_message=_("This organisation already has this role here."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.get_role_display()}"


class NamedCode(PlainTextFields, models.Model):
    """A code of the national data with its name in each language, such as REF_AREA KZAKM."""

    code = models.CharField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)

    objects = CodedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name or self.code

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class Region(NamedCode):
    """A region or city as the national data code it (``REF_AREA``), with its map boundary."""

    boundary_code = models.CharField(
        _("boundary code"),
        max_length=20,
        blank=True,
        help_text=_("The code of its shape in the region boundaries, such as KZ03."),
    )
    boundary = models.JSONField(
        _("boundary"), null=True, blank=True, help_text=_("A GeoJSON geometry.")
    )
    outline = models.JSONField(
        _("map outline"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The boundary simplified for maps: an SVG path and its bounding box."),
    )

    class Meta(NamedCode.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def save(self, *args: object, **kwargs: Any) -> None:
        try:
            self.outline = maps.outline_of(self.boundary) if self.boundary else None
        except ValidationError:  # clean() reports it; maps leave the region out
            self.outline = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "boundary" in update_fields:
            kwargs["update_fields"] = {*update_fields, "outline"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.boundary is not None:
            try:
                maps.outline_of(self.boundary)
            except ValidationError as error:
                raise ValidationError({"boundary": error}) from error


class Dimension(NamedCode):
    """A breakdown of national data, such as SEX, AGE or URBANISATION."""

    class Meta(NamedCode.Meta):
        verbose_name = _("disaggregation")
        verbose_name_plural = _("disaggregations")


class DimensionValue(PlainTextFields, models.Model):
    """One code of a disaggregation with its label, such as SEX ``F``: Female."""

    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="values", verbose_name=_("disaggregation")
    )
    code = models.CharField(_("code"), max_length=100)
    label = models.CharField(_("label"), max_length=500, blank=True)

    class Meta:
        ordering = ["dimension", "code"]
        verbose_name = _("disaggregation value")
        verbose_name_plural = _("disaggregation values")
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "code"],
                name="dimension_value_code_unique",
                violation_error_message=_("This code is already defined for the disaggregation."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension.code} {self.code}: {self.label}" if self.label else self.code


class ObservationQuerySet(models.QuerySet):
    def national(self) -> "ObservationQuerySet":
        """Values of the national data, as published by the statistics office."""
        return self.filter(article__isnull=True, document__kind=SourceDocument.Kind.DATASET)

    def from_news(self) -> "ObservationQuerySet":
        """Figures quoted in news articles."""
        return self.filter(article__isnull=False)


class Observation(PlainTextFields, models.Model):
    """One value of a series: a national data point, or a statistic quoted in an article.

    National series cite their data-set file as ``document``; a statistic from the news cites
    its page, article and the quote. ``indicator`` is empty for a figure that no national
    indicator measures; ``label`` then says what it counts.
    """

    indicator = models.ForeignKey(
        NationalIndicator,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("indicator"),
    )
    goal = models.ForeignKey(
        Goal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("goal"),
    )
    label = models.CharField(_("what is counted"), max_length=500, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), db_index=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=8, db_index=True)
    unit = models.CharField(_("unit"), max_length=200, blank=True)
    area = models.CharField(
        _("area"),
        max_length=100,
        blank=True,
        help_text=_("Where a figure from the news applies, as the article names it."),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("region"),
        help_text=_("Empty for the whole country."),
    )
    disaggregation = models.JSONField(
        _("disaggregation"),
        default=dict,
        blank=True,
        help_text=_('Breakdown of the value, e.g. {"SEX": "F", "AGE": "Y15T24"}.'),
    )
    document = models.ForeignKey(
        SourceDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("source document"),
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("article"),
    )
    quote = models.TextField(_("supporting quote"), blank=True)
    is_headline = models.BooleanField(
        _("national total"),
        default=False,
        editable=False,
        db_index=True,
        help_text=_("A national value with no region and no breakdown beyond its series."),
    )

    objects = ObservationQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "year", "pk"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        indexes = [models.Index(fields=["indicator", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1900, year__lte=2100),
                name="observation_year_plausible",
                violation_error_message=_("The year must be between 1900 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(indicator__isnull=False) | ~Q(label=""),
                name="observation_indicator_or_label",
                violation_error_message=_(
                    "Choose the indicator this value belongs to, or say what it counts."
                ),
            ),
        ]

    def __str__(self) -> str:
        what = self.indicator.code if self.indicator_id else self.label
        place = self.region or self.area
        where = f", {place}" if place else ""
        return f"{what} {self.year}{where}: {self.value} {self.unit}".strip()

    def save(self, *args: object, **kwargs: object) -> None:
        self.is_headline = self.article_id is None and is_headline(
            self.region_id, self.disaggregation
        )
        super().save(*args, **kwargs)

    @property
    def is_from_news(self) -> bool:
        return self.article_id is not None


# A series (such as the poverty line used) names what is measured; it is not a breakdown.
NOT_BREAKDOWNS = frozenset({"SERIES"})


def is_headline(region_id: int | None, disaggregation: dict) -> bool:
    """Whether a national value is a total: no region, and broken down by nothing but series."""
    return region_id is None and set(disaggregation or {}) <= NOT_BREAKDOWNS
