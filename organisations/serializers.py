"""API representations of organisations, people and grants."""

from rest_framework import serializers

from indicators.serializers import GoalsAndTargets, goal_numbers, target_codes
from organisations.models import Grant, Organisation, Person, Position
from sdgportal.rest.serializers import (
    CitationSerializer,
    CleanModelSerializer,
    PublicURLField,
    RecordReference,
)


class OrganisationSerializer(CleanModelSerializer):
    """An organisation, its other names and the body it belongs to."""

    aliases = serializers.ListField(child=serializers.CharField(max_length=300), required=False)
    parent = RecordReference(queryset=Organisation.objects.all(), required=False, allow_null=True)
    url = PublicURLField()

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name",
            "acronym",
            "aliases",
            "sector",
            "country",
            "parent",
            "website",
            "description",
            "review_status",
            "url",
        ]
        read_only_fields = ["review_status"]


class PositionSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name", allow_null=True)
    organisation_slug = serializers.CharField(source="organisation.slug", allow_null=True)

    class Meta:
        model = Position
        fields = ["title", "organisation", "organisation_slug", "start_date", "end_date"]


class PersonSerializer(CleanModelSerializer):
    """A person, the positions they hold and the events they spoke at."""

    aliases = serializers.ListField(child=serializers.CharField(max_length=200), required=False)
    positions = PositionSerializer(many=True, read_only=True)
    events = serializers.SerializerMethodField()
    url = PublicURLField()

    class Meta:
        model = Person
        fields = [
            "slug",
            "name",
            "aliases",
            "description",
            "positions",
            "events",
            "review_status",
            "url",
        ]
        read_only_fields = ["review_status"]

    def get_events(self, person: Person) -> list[str]:
        """Slugs of the events the person spoke at, newest first, each once."""
        return list(dict.fromkeys(appearance.event.slug for appearance in person.appearances.all()))


class GrantSerializer(GoalsAndTargets, CleanModelSerializer):
    """A grant: funder, operator and recipient, the amount in its currency, its goals."""

    funder = RecordReference(queryset=Organisation.objects.all(), required=False, allow_null=True)
    operator = RecordReference(queryset=Organisation.objects.all(), required=False, allow_null=True)
    recipient = RecordReference(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    sdg_goals = goal_numbers()
    sdg_targets = target_codes()
    sources = CitationSerializer(source="citations", many=True, read_only=True)
    url = PublicURLField()

    class Meta:
        model = Grant
        fields = [
            "id",
            "slug",
            "identifier",
            "title",
            "funder",
            "operator",
            "recipient",
            "instrument",
            "programme",
            "amount",
            "currency",
            "year",
            "award_date",
            "purpose",
            "sdg_goals",
            "sdg_targets",
            "sources",
            "review_status",
            "url",
        ]
        read_only_fields = ["review_status"]
