"""API representations of the SDG framework, national indicators and their observations."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from indicators.models import (
    GlobalIndicator,
    Goal,
    IndicatorOrganisation,
    NationalIndicator,
    Observation,
    Target,
    validate_targets_in_goals,
)
from indicators.open_sdg import UNIT_COLUMN
from sdgportal.rest.serializers import OrganisationRoleSerializer


class GoalNumberField(serializers.PrimaryKeyRelatedField):
    """A goal by its number: a whole number, never 1.5 or 1e400."""

    default_error_messages = {
        "does_not_exist": _("There is no goal {pk_value}: goals are numbered 1 to 17."),
        "incorrect_type": _("Give a goal as a number from 1 to 17."),
    }

    def to_internal_value(self, data: object) -> Goal:
        whole = isinstance(data, int) and not isinstance(data, bool)
        if not whole and not (isinstance(data, str) and data.isascii() and data.isdigit()):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if int(data) > 99:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(int(data))


def goal_numbers() -> serializers.ManyRelatedField:
    """Writable ``sdg_goals``: a list of goal numbers."""
    return GoalNumberField(many=True, source="goals", queryset=Goal.objects.all(), required=False)


def target_codes() -> serializers.ManyRelatedField:
    """Writable ``sdg_targets``: a list of target codes such as 16.7."""
    return serializers.SlugRelatedField(
        many=True,
        slug_field="code",
        source="targets",
        queryset=Target.objects.all(),
        required=False,
    )


class GoalsAndTargets:
    """A serializer mixin for ``sdg_goals`` and ``sdg_targets``: each target's goal is among
    the goals, as written or, for a partial change, as stored."""

    def validate(self, attrs: dict) -> dict:
        attrs = super().validate(attrs)
        if "goals" not in attrs and "targets" not in attrs:
            return attrs
        stored = self.instance
        goals = attrs["goals"] if "goals" in attrs else stored.goals.all() if stored else []
        targets = attrs["targets"] if "targets" in attrs else stored.targets.all() if stored else []
        try:
            validate_targets_in_goals(goals, targets)
        except DjangoValidationError as error:
            raise serializers.ValidationError({"sdg_targets": error.messages}) from error
        return attrs


class GoalSerializer(serializers.ModelSerializer):
    targets = serializers.SlugRelatedField(many=True, slug_field="code", read_only=True)
    event_count = serializers.IntegerField(read_only=True)
    grant_count = serializers.IntegerField(read_only=True)
    indicator_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Goal
        fields = [
            "number",
            "short_title",
            "title",
            "colour",
            "targets",
            "event_count",
            "grant_count",
            "indicator_count",
        ]


class IndicatorReferenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = GlobalIndicator
        fields = ["code", "title"]


class TargetSerializer(serializers.ModelSerializer):
    global_indicators = IndicatorReferenceSerializer(source="indicators", many=True)

    class Meta:
        model = Target
        fields = ["code", "goal", "title", "global_indicators"]


class LatestValueSerializer(serializers.Serializer):
    """The newest national total (no region, no breakdown), with the series it belongs to."""

    year = serializers.IntegerField(source="latest_year")
    value = serializers.DecimalField(
        source="latest_value", max_digits=24, decimal_places=8, normalize_output=True
    )
    unit = serializers.CharField(source="latest_unit")
    series = serializers.SerializerMethodField()

    def to_representation(self, indicator: NationalIndicator) -> dict | None:
        if indicator.latest_year is None:
            return None
        return super().to_representation(indicator)

    def get_series(self, indicator: NationalIndicator) -> str | None:
        return (indicator.latest_breakdown or {}).get("SERIES")


class ResponsibleOrganisationSerializer(OrganisationRoleSerializer):
    class Meta(OrganisationRoleSerializer.Meta):
        model = IndicatorOrganisation


class NationalIndicatorSerializer(serializers.ModelSerializer):
    sdg_goal = serializers.IntegerField(source="goal_id")
    sdg_targets = serializers.SlugRelatedField(
        source="targets", many=True, slug_field="code", read_only=True
    )
    global_indicator = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    latest = LatestValueSerializer(source="*", allow_null=True)
    responsible_organisations = ResponsibleOrganisationSerializer(
        source="responsibilities", many=True
    )
    observations = serializers.SerializerMethodField()

    class Meta:
        model = NationalIndicator
        fields = [
            "code",
            "title",
            "unit",
            "sdg_goal",
            "sdg_targets",
            "global_indicator",
            "reporting_status",
            "latest",
            "responsible_organisations",
            "observations",
        ]

    def get_observations(self, indicator: NationalIndicator) -> str:
        """Address of the indicator's observations in the API."""
        url = reverse("api:observation-list")
        return self.context["request"].build_absolute_uri(f"{url}?indicator={indicator.code}")


class NationalIndicatorDetailSerializer(NationalIndicatorSerializer):
    metadata = serializers.SerializerMethodField()

    class Meta(NationalIndicatorSerializer.Meta):
        fields = [*NationalIndicatorSerializer.Meta.fields, "metadata"]

    def get_metadata(self, indicator: NationalIndicator) -> dict[str, str]:
        """Metadata fields in the request's language, else in English."""
        metadata = indicator.metadata or {}
        return metadata.get(get_language()) or metadata.get("en") or {}


class ObservationSourceSerializer(serializers.Serializer):
    """An article's figure cites its page, article and quote; a national value its data file."""

    kind = serializers.SerializerMethodField()
    document = serializers.CharField(source="document.name", allow_null=True)
    article = serializers.CharField(source="article.title", allow_null=True)
    quote = serializers.CharField()
    dataset = serializers.SerializerMethodField()
    file = serializers.SerializerMethodField()

    def get_kind(self, observation: Observation) -> str:
        return "news" if observation.is_from_news else "national"

    def get_dataset(self, observation: Observation) -> str | None:
        return self._dataset_file(observation)[0]

    def get_file(self, observation: Observation) -> str | None:
        return self._dataset_file(observation)[1]

    def _dataset_file(self, observation: Observation) -> tuple[str | None, str | None]:
        document = observation.document
        if observation.is_from_news or document is None or "/" not in document.name:
            return None, None
        dataset, file = document.name.split("/", 1)
        return dataset, file


class ObservationSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    goal = serializers.IntegerField(source="goal_id", allow_null=True)
    value = serializers.DecimalField(max_digits=24, decimal_places=8, normalize_output=True)
    area = serializers.SerializerMethodField()
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    disaggregation = serializers.DictField(child=serializers.CharField())
    source = ObservationSourceSerializer(source="*")
    unit_label = serializers.SerializerMethodField()
    disaggregation_labels = serializers.SerializerMethodField()

    class Meta:
        model = Observation
        fields = [
            "id",
            "indicator",
            "goal",
            "label",
            "year",
            "value",
            "unit",
            "area",
            "region",
            "disaggregation",
            "source",
            "unit_label",
            "disaggregation_labels",
        ]

    def get_unit_label(self, observation: Observation) -> str | None:
        """The unit code's name in the request's language, where the data name it."""
        return self.context["labels"].get((UNIT_COLUMN, observation.unit)) or None

    def get_disaggregation_labels(self, observation: Observation) -> dict[str, str]:
        """Each breakdown value's name in the request's language, else its code."""
        labels = self.context["labels"]
        return {
            dimension: labels.get((dimension, code)) or code
            for dimension, code in observation.disaggregation.items()
        }

    def get_area(self, observation: Observation) -> str:
        """The region's name in the request's language, the article's wording, or ""."""
        return observation.region.name if observation.region_id else observation.area
