"""Organisations, the people who speak for them, and the grants that flow between them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from sdgportal.addresses import slug_address
from sdgportal.history import PortalHistory
from sdgportal.models import ChoiceLabel, CuratedRecord, WebAddressField
from sdgportal.search_columns import COLUMNS, SearchColumns, StoredSearch
from sdgportal.validators import validate_plausible_date, validate_single_line


class SluggedQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug: str) -> models.Model:
        return self.get(slug=slug)


class GrantQuerySet(SluggedQuerySet):
    def newest_first(self) -> "GrantQuerySet":
        """By year, the newest first and undated last; then by title."""
        return self.order_by(models.F("year").desc(nulls_last=True), "title", "pk")


class Sector(models.TextChoices):
    STATE = "state", _("State body")
    NGO = "ngo", _("NGO / civil society")
    INTERNATIONAL = "international", _("International organisation")
    BUSINESS = "business", _("Business")
    ACADEMIC = "academic", _("Academic / research")
    MEDIA = "media", _("Media")
    PARLIAMENT = "parliament", _("Parliament")
    OTHER = "other", _("Other")


class Organisation(SearchColumns, CuratedRecord):
    stored_search = StoredSearch(
        weighted={"name": "A", "acronym": "A", "aliases": "B", "description": "C"},
        names=("name", "acronym", "aliases"),
    )

    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=50, blank=True, db_index=True)
    aliases = models.JSONField(
        _("aliases"),
        default=list,
        blank=True,
        help_text=_("Other names and spellings, as a list."),
    )
    sector = models.CharField(
        _("sector"), max_length=20, choices=Sector.choices, blank=True, db_index=True
    )
    sector_label = ChoiceLabel("sector")
    country = CountryField(_("country"), blank=True, default="KZ", db_index=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent body"),
        help_text=_("The body this one belongs to, e.g. the ministry above a committee."),
    )
    website = WebAddressField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = SluggedQuerySet.as_manager()
    history = PortalHistory(excluded_fields=COLUMNS)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        # By name, then key: a page of a sorted list, however many share a name.
        indexes = [models.Index(fields=["name", "id"], name="organisation_name_id")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="organisation_not_own_parent",
                violation_error_message=_("An organisation cannot be its own parent body."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return slug_address("organisations:detail", self.slug)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def clean(self) -> None:
        validate_aliases(self.aliases, max_length=self._meta.get_field("name").max_length)
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("The parent body cannot be this organisation or one under it.")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class Person(SearchColumns, CuratedRecord):
    stored_search = StoredSearch(
        weighted={"name": "A", "aliases": "B", "description": "C"}, names=("name", "aliases")
    )

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    aliases = models.JSONField(
        _("aliases"),
        default=list,
        blank=True,
        help_text=_("Other spellings and transliterations (Artur / Arthur), as a list."),
    )
    description = models.TextField(_("description"), blank=True)

    objects = SluggedQuerySet.as_manager()
    history = PortalHistory(excluded_fields=COLUMNS)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        # By name, then key: a page of a sorted list, however many share a name.
        indexes = [models.Index(fields=["name", "id"], name="person_name_id")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return slug_address("organisations:person", self.slug)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def clean(self) -> None:
        validate_aliases(self.aliases, max_length=self._meta.get_field("name").max_length)


class Position(SearchColumns, CuratedRecord):
    """A title a person holds at an organisation, with dates when they are known."""

    stored_search = StoredSearch(weighted={"title": "A"}, names=("title",))

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="positions", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=300)
    start_date = models.DateField(
        _("from"), null=True, blank=True, validators=[validate_plausible_date]
    )
    end_date = models.DateField(
        _("until"), null=True, blank=True, validators=[validate_plausible_date]
    )

    history = PortalHistory(excluded_fields=COLUMNS)

    class Meta:
        ordering = ["person", "-start_date", "pk"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="position_ends_after_start",
                violation_error_message=_("A position cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        at = f", {self.organisation.name}" if self.organisation_id else ""
        return f"{self.title}{at}"


class GrantInstrument(models.TextChoices):
    STATE_SOCIAL_ORDER = "state_social_order", _("State social order")
    STATE_GRANT = "state_grant", _("State grant")
    NGO_AWARD = "ngo_award", _("NGO award")
    DONOR_GRANT = "donor_grant", _("Donor grant")
    OTHER = "other", _("Other")


class Currency(models.TextChoices):
    """ISO 4217 codes of the currencies grants in and around Kazakhstan are made in."""

    KZT = "KZT", _("Kazakhstani tenge")
    USD = "USD", _("US dollar")
    EUR = "EUR", _("Euro")
    GBP = "GBP", _("Pound sterling")
    CHF = "CHF", _("Swiss franc")
    RUB = "RUB", _("Russian rouble")
    CNY = "CNY", _("Chinese yuan")
    JPY = "JPY", _("Japanese yen")
    KRW = "KRW", _("South Korean won")
    TRY = "TRY", _("Turkish lira")
    KGS = "KGS", _("Kyrgyz som")
    UZS = "UZS", _("Uzbek sum")
    TJS = "TJS", _("Tajik somoni")
    AED = "AED", _("UAE dirham")
    CAD = "CAD", _("Canadian dollar")
    AUD = "AUD", _("Australian dollar")
    SEK = "SEK", _("Swedish krona")
    NOK = "NOK", _("Norwegian krone")
    DKK = "DKK", _("Danish krone")


class Grant(SearchColumns, CuratedRecord):
    """Money given for a purpose: funder → (operator) → recipient.

    In Kazakhstan state grants to NGOs are run by an operator on a ministry's behalf. Field
    names follow the 360Giving standard where it has one (identifier, title, amountAwarded,
    currency, awardDate, fundingOrganization, recipientOrganization).
    """

    identifier = models.CharField(
        _("identifier"),
        max_length=100,
        unique=True,
        help_text=_("360Giving identifier: a prefix for the publisher, then a unique id."),
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    title = models.CharField(_("title"), max_length=300)
    funder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants_given",
        verbose_name=_("funder"),
    )
    operator = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants_operated",
        verbose_name=_("operator"),
        help_text=_("The body that runs the grant on the funder's behalf."),
    )
    recipient = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants_received",
        verbose_name=_("recipient"),
    )
    instrument = models.CharField(
        _("instrument"),
        max_length=20,
        choices=GrantInstrument.choices,
        default=GrantInstrument.OTHER,
    )
    programme = models.CharField(_("programme"), max_length=300, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    amount = models.DecimalField(
        _("amount awarded"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        db_index=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, blank=True, db_index=True
    )
    award_date = models.DateField(
        _("award date"),
        null=True,
        blank=True,
        db_index=True,
        validators=[validate_plausible_date],
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        db_index=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    goals = models.ManyToManyField(
        "indicators.Goal", blank=True, related_name="grants", verbose_name=_("SDG goals")
    )
    targets = models.ManyToManyField(
        "indicators.Target", blank=True, related_name="grants", verbose_name=_("SDG targets")
    )

    stored_search = StoredSearch(
        weighted={"title": "A", "programme": "B", "purpose": "C"}, names=("title", "programme")
    )

    objects = GrantQuerySet.as_manager()
    history = PortalHistory(m2m_fields=["goals", "targets"], excluded_fields=COLUMNS)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        # By title, then key: a page of a sorted list, however many share a title.
        indexes = [models.Index(fields=["title", "id"], name="grant_title_id")]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="grant_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | ~Q(currency=""),
                name="grant_amount_has_currency",
                violation_error_message=_("Give the currency of the amount."),
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1990, year__lte=2100),
                name="grant_year_plausible",
                violation_error_message=_("The year must be between 1990 and 2100."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return slug_address("organisations:grant", self.slug)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def clean(self) -> None:
        if self.award_date and self.year and self.award_date.year != self.year:
            raise ValidationError(
                {
                    "year": _("The year differs from the award date's year (%(year)s).")
                    % {"year": self.award_date.year}
                }
            )


def validate_aliases(aliases: object, *, max_length: int) -> None:
    """Aliases are a list of names, each non-empty, one line and no longer than a name."""
    if not isinstance(aliases, list) or not all(
        isinstance(alias, str) and alias.strip() for alias in aliases
    ):
        raise ValidationError({"aliases": _('Aliases must be a list of names, e.g. ["ERI"].')})
    for alias in aliases:
        if len(alias) > max_length:
            raise ValidationError(
                {
                    "aliases": _("An alias has at most %(limit)d characters (one has %(length)d).")
                    % {"limit": max_length, "length": len(alias)}
                }
            )
        try:
            validate_single_line(alias)
        except ValidationError as error:
            raise ValidationError({"aliases": error.messages}) from error
