"""Events where NGOs, the state and partners meet: who organised, who spoke, on which goals."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from organisations.models import Organisation, Person, SluggedQuerySet
from sdgportal.addresses import slug_address
from sdgportal.history import PortalHistory
from sdgportal.models import ChoiceLabel, CuratedRecord
from sdgportal.search_columns import COLUMNS, SearchColumns, StoredSearch
from sdgportal.validators import validate_plausible_date


class EventQuerySet(SluggedQuerySet):
    def newest_first(self) -> "EventQuerySet":
        """By start date, the newest first and undated last; then by title."""
        return self.order_by(models.F("start_date").desc(nulls_last=True), "title", "pk")


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    SIDE_EVENT = "side_event", _("Side event")
    FORUM = "forum", _("Forum")
    SESSION = "session", _("Session")
    PANEL = "panel", _("Panel")
    LAUNCH = "launch", _("Launch")
    TRAINING = "training", _("Training")
    STUDY_TOUR = "study_tour", _("Study tour")
    MISSION = "mission", _("Mission")
    EXHIBITION = "exhibition", _("Exhibition")
    BRIEFING = "briefing", _("Briefing")
    SEMINAR = "seminar", _("Seminar")
    SUMMIT = "summit", _("Summit")
    MEETING = "meeting", _("Meeting")


class DatePrecision(models.TextChoices):
    """How much of a date the source gave: news often names only a month or a year."""

    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class Event(SearchColumns, CuratedRecord):
    stored_search = StoredSearch(
        weighted={"title": "A", "city": "B", "description": "C"}, names=("title", "city")
    )

    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=EventKind.choices,
        default=EventKind.MEETING,
        db_index=True,
    )
    kind_label = ChoiceLabel("kind")
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(
        _("start date"),
        null=True,
        blank=True,
        db_index=True,
        validators=[validate_plausible_date],
    )
    start_precision = models.CharField(
        _("start date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        db_index=True,
        validators=[validate_plausible_date],
    )
    end_precision = models.CharField(
        _("end date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    city = models.CharField(_("city"), max_length=100, blank=True, db_index=True)
    is_online = models.BooleanField(_("online"), default=False, db_index=True)
    country = CountryField(_("country"), blank=True, db_index=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
        help_text=_(
            "The larger event this belongs to: a session of a forum, a side event of a summit."
        ),
    )
    organisations = models.ManyToManyField(
        Organisation,
        through="EventOrganisation",
        related_name="events",
        verbose_name=_("organisations"),
    )
    speakers = models.ManyToManyField(
        Person, through="EventSpeaker", related_name="events", verbose_name=_("speakers")
    )
    goals = models.ManyToManyField(
        "indicators.Goal", blank=True, related_name="events", verbose_name=_("SDG goals")
    )
    targets = models.ManyToManyField(
        "indicators.Target", blank=True, related_name="events", verbose_name=_("SDG targets")
    )

    objects = EventQuerySet.as_manager()
    history = PortalHistory(m2m_fields=["goals", "targets"], excluded_fields=COLUMNS)

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        # By title, then key: a page of a sorted list, however many share a title.
        indexes = [models.Index(fields=["title", "id"], name="event_title_id")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | (Q(start_date__isnull=False) & Q(end_date__gte=F("start_date"))),
                name="event_ends_after_start",
                violation_error_message=_(
                    "The end date cannot be before the start date, nor given without one."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="event_not_own_parent",
                violation_error_message=_("An event cannot be part of itself."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return slug_address("events:detail", self.slug)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    @property
    def location(self) -> str:
        """The city, or "Online" for an event held online."""
        if self.is_online and not self.city:
            return "Online"
        return self.city

    def clean(self) -> None:
        if self.parent_id is not None and self.pk is not None:
            ancestor, seen = self.parent, set()
            while ancestor is not None and ancestor.pk not in seen:
                if ancestor.pk == self.pk:
                    raise ValidationError(
                        {"parent": _("An event cannot be part of itself or of a part of it.")}
                    )
                seen.add(ancestor.pk)
                ancestor = ancestor.parent


class EventOrganisation(CuratedRecord):
    """An organisation's part in an event."""

    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        CO_ORGANISER = "co_organiser", _("Co-organiser")
        PARTNER = "partner", _("Partner")
        SUPPORTER = "supporter", _("Supporter")
        SPONSOR = "sponsor", _("Sponsor")
        HOST = "host", _("Host")
        PARTICIPANT = "participant", _("Participant")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="participations", verbose_name=_("event")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTNER)
    role_label = ChoiceLabel("role")

    history = PortalHistory()

    class Meta:
        ordering = ["event", "role", "organisation__name"]
        verbose_name = _("organiser or partner")
        verbose_name_plural = _("organisers and partners")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation", "role"],
                name="event_organisation_unique_role",
                violation_error_message=_("This organisation already has this role here."),
            ),
        ]

    ORGANISING_ROLES = frozenset({Role.ORGANISER, Role.CO_ORGANISER, Role.HOST})

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_role_display()}"

    @property
    def is_organising(self) -> bool:
        """Organiser, co-organiser or host, as against partner, sponsor or participant."""
        return self.role in self.ORGANISING_ROLES


class EventSpeaker(CuratedRecord):
    """A person's part in an event, with the title and organisation stated at that event."""

    class Role(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        KEYNOTE = "keynote", _("Keynote speaker")
        MODERATOR = "moderator", _("Moderator")
        PRESENTER = "presenter", _("Presenter")
        PANELLIST = "panellist", _("Panellist")
        PARTICIPANT = "participant", _("Participant")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="appearances", verbose_name=_("event")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="appearances", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.SPEAKER)
    role_label = ChoiceLabel("role")
    title = models.CharField(_("title as stated"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speaker_appearances",
        verbose_name=_("organisation as stated"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = PortalHistory()

    class Meta:
        ordering = ["event", "order", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person", "role"],
                name="event_speaker_unique_role",
                violation_error_message=_("This person already has this role here."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}"
