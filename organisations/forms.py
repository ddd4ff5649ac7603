"""Forms of the organisation pages."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from events.selectors import event_years
from organisations.models import Organisation
from organisations.partnerships import KINDS
from organisations.selectors import grant_years, organisation_choices
from sdgportal.rest.filters import unknown_record
from sdgportal.selectors import goal_choices

# How an organisation takes part in a partnership: the relations of events and grants.
TAKING_PART = (
    "participations",
    "speaker_appearances",
    "grants_given",
    "grants_operated",
    "grants_received",
)
PARTNERSHIP_SORTINGS = {
    "strongest": _("Most evidence first"),
    "newest": _("Most recent first"),
}


class PartnershipFilterForm(forms.Form):
    """The partnerships a reader asks for; every field may be left empty."""

    goal = forms.TypedChoiceField(label=_("Goal"), coerce=int, required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.only("slug", "name", "acronym").order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": unknown_record(Organisation)},
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(kind, label) for kind, (label, _pair) in KINDS.items()],
        required=False,
    )
    ordering = forms.ChoiceField(
        label=_("Sort by"),
        choices=list(PARTNERSHIP_SORTINGS.items()),
        required=False,
    )

    def __init__(self, query: QueryDict) -> None:
        super().__init__(query or None)
        self.fields["goal"].choices = goal_choices()
        years = sorted(set(event_years()) | set(grant_years()), reverse=True)
        self.fields["year"].choices = [(year, year) for year in years]
        # The select offers the most active organisations; any other is a link away.
        self.fields["organisation"].choices = organisation_choices(
            *TAKING_PART, chosen=query.get("organisation")
        )

    def narrowing(self) -> dict:
        """The filters chosen, as ``partnerships()`` takes them."""
        chosen = self.cleaned_data if self.is_bound else {}
        return {name: value for name, value in chosen.items() if value and name != "ordering"}

    def chosen_ordering(self) -> str:
        """How to order the partnerships, as ``partnerships()`` takes it: as chosen, the
        strongest first otherwise."""
        chosen = self.cleaned_data.get("ordering") if self.is_bound else ""
        return chosen or "strongest"
