"""Forms of the indicator pages, and of the admin for records tagged with goals."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from indicators.models import validate_targets_in_goals
from indicators.selectors import RegionalSeries


class GoalsAndTargetsForm(forms.ModelForm):
    """The admin form of a record with SDG goals and targets: each target's goal is chosen."""

    def clean(self) -> dict:
        data = super().clean()
        if data.get("goals") is not None and data.get("targets") is not None:
            try:
                validate_targets_in_goals(data["goals"], data["targets"])
            except ValidationError as error:
                self.add_error("targets", error)
        return data


class RegionalMapForm(forms.Form):
    """Which breakdown and year the regional map shows; the totals' latest year by default.

    A year the chosen breakdown lacks but another has (kept when only the breakdown was
    changed) gives way to the breakdown's latest year.
    """

    breakdown = forms.ChoiceField(label=_("Breakdown"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, query: QueryDict, series: list[RegionalSeries]) -> None:
        asked = {name: query[name] for name in self.base_fields if name in query}
        self.series = {entry.key: entry for entry in series}
        shown = self.series.get(asked.get("breakdown")) or series[0]
        other_years = {str(year) for entry in series for year in entry.years} - {
            str(year) for year in shown.years
        }
        if asked.get("year") in other_years:  # kept from another breakdown: show its latest
            del asked["year"]
        super().__init__(asked or None)
        self.fields["breakdown"].choices = [(entry.key, entry.label) for entry in series]
        self.fields["year"].choices = [(year, year) for year in shown.years]

    def chosen(self) -> tuple[RegionalSeries, int]:
        """The series and year to draw: as asked when valid, the defaults otherwise."""
        asked = self.data.get("breakdown") if self.is_bound else None
        shown = self.series.get(asked) or next(iter(self.series.values()))
        year = self.cleaned_data.get("year") if self.is_bound and self.is_valid() else None
        return shown, year or shown.years[0]
