"""API representation of events: who organised, who partnered, who spoke, on which goals."""

from django_countries.serializers import CountryFieldMixin
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.models import Event, EventOrganisation, EventSpeaker
from indicators.serializers import goal_numbers, target_codes
from sdgportal.rest.serializers import (
    CitationSerializer,
    CleanModelSerializer,
    OrganisationRoleSerializer,
    PublicURLField,
    RecordReference,
)


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


class EventSerializer(CountryFieldMixin, CleanModelSerializer):
    """An event: who organised it, who partnered, who spoke, on which goals, from which source."""

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

    @extend_schema_field(ParticipationSerializer(many=True))
    def get_organisers(self, event: Event) -> list[dict]:
        return self._participations(event, organising=True)

    @extend_schema_field(ParticipationSerializer(many=True))
    def get_partners(self, event: Event) -> list[dict]:
        return self._participations(event, organising=False)

    def _participations(self, event: Event, *, organising: bool) -> list[dict]:
        chosen = [p for p in event.participations.all() if p.is_organising == organising]
        return ParticipationSerializer(chosen, many=True).data
