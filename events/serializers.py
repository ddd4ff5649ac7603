"""API representation of events: who organised, who partnered, who spoke, on which goals."""

import copy
import functools
import operator
from collections.abc import Callable

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.models import Event, EventOrganisation, EventSpeaker
from events.selectors import events_shown_in_api
from indicators.serializers import GoalsAndTargets, goal_numbers, target_codes
from sdgportal.rest.serializers import (
    CitationSerializer,
    CleanModelSerializer,
    OrganisationRoleSerializer,
    PublicURLField,
    RecordReference,
    citation_of,
)

ORGANISING_ROLES = EventOrganisation.ORGANISING_ROLES


class ParticipationSerializer(OrganisationRoleSerializer):
    class Meta(OrganisationRoleSerializer.Meta):
        model = EventOrganisation


class SpeakerSerializer(serializers.ModelSerializer):
    """A speaker with the title and organisation stated at this event."""

    slug = serializers.CharField(source="person.slug")
    name = serializers.CharField(source="person.name")
    organisation = serializers.CharField(source="organisation.name", allow_null=True)
    organisation_slug = serializers.CharField(source="organisation.slug", allow_null=True)

    class Meta:
        model = EventSpeaker
        fields = ["slug", "name", "role", "title", "organisation", "organisation_slug"]


class EventSerializer(GoalsAndTargets, CleanModelSerializer):
    """An event: who organised it, who partnered, who spoke, on which goals, from which source."""

    # Relations are read from the rows ``events_shown_in_api`` reads beside each event, not
    # from model instances through the nested serializers: the same output, several times
    # faster. The declared fields describe the output (OpenAPI, CSV columns) and take writes.

    location = serializers.CharField(read_only=True)
    parent = RecordReference(
        queryset=Event.objects.all(), name_field="title", required=False, allow_null=True
    )
    organisers = serializers.SerializerMethodField()
    partners = serializers.SerializerMethodField()
    speakers = SpeakerSerializer(source="appearances", many=True, read_only=True)
    sdg_goals = goal_numbers()
    sdg_targets = target_codes()
    sources = CitationSerializer(source="citations", many=True, read_only=True)
    url = PublicURLField()

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "kind",
            "description",
            "start_date",
            "start_precision",
            "end_date",
            "end_precision",
            "location",
            "city",
            "is_online",
            "country",
            "parent",
            "organisers",
            "partners",
            "speakers",
            "sdg_goals",
            "sdg_targets",
            "sources",
            "review_status",
            "url",
        ]
        read_only_fields = ["review_status"]

    def to_representation(self, event: Event) -> dict:
        if not hasattr(event, "participation_rows"):  # just written: read it as listed
            event = events_shown_in_api().get(pk=event.pk)
        return {name: read(event) for name, read in self._readers}

    @functools.cached_property
    def _readers(self) -> list[tuple[str, Callable[[Event], object]]]:
        """(name, reader) for every field, in order: relations from the rows read beside, the
        country as stored, the rest through their fields. A field of the whole event
        (``source="*"``) may need the request, so it is bound to this serializer; the others
        are built once per process (building them all took about 1 ms a request)."""
        direct = {
            # The code as stored: the field's descriptor would build a Country for each read.
            "country": lambda event: event.__dict__["country"],
            "speakers": _speakers,
            "sdg_goals": operator.attrgetter("goal_numbers"),
            "sdg_targets": operator.attrgetter("target_codes"),
            "sources": lambda event: [citation_of(row) for row in event.citation_rows],
        }
        return [
            (
                name,
                direct.get(name)
                or _field_reader(self._bound(name) if field.source == "*" else field),
            )
            for name, field in _fields_of(type(self)).items()
            if not field.write_only
        ]

    def _bound(self, name: str) -> serializers.Field:
        """A declared field bound to this serializer, as ``self.fields`` would give it."""
        field = copy.deepcopy(self._declared_fields[name])
        field.bind(field_name=name, parent=self)
        return field

    @extend_schema_field(ParticipationSerializer(many=True))
    def get_organisers(self, event: Event) -> list[dict]:
        return self._participations(event, organising=True)

    @extend_schema_field(ParticipationSerializer(many=True))
    def get_partners(self, event: Event) -> list[dict]:
        return self._participations(event, organising=False)

    def _participations(self, event: Event, *, organising: bool) -> list[dict]:
        return [
            {"slug": slug, "name": name, "role": role}
            for slug, name, role in event.participation_rows
            if (role in ORGANISING_ROLES) == organising
        ]


@functools.cache
def _fields_of(serializer_class: type[serializers.Serializer]) -> dict[str, serializers.Field]:
    return dict(serializer_class().fields)


def _field_reader(field: serializers.Field) -> Callable[[Event], object]:
    """What DRF does for the field, with a plain ``getattr`` for the event's attribute."""
    if field.source == "*":
        return field.to_representation
    get = operator.attrgetter(field.source)

    def read(event: Event) -> object:
        value = get(event)
        return None if value is None else field.to_representation(value)

    return read


def _speakers(event: Event) -> list[dict]:
    return [
        {
            "slug": slug,
            "name": name,
            "role": role,
            "title": title,
            "organisation": organisation,
            "organisation_slug": organisation_slug,
        }
        for slug, name, role, title, organisation, organisation_slug in event.speaker_rows
    ]
