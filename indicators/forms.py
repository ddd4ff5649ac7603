"""Forms of the indicator pages."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from indicators.selectors import RegionalSeries


class RegionalMapForm(forms.Form):
    """Which breakdown and year the regional map shows; the totals' latest year by default."""

    breakdown = forms.ChoiceField(label=_("Breakdown"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, query: QueryDict, series: list[RegionalSeries]) -> None:
        asked = {name: query[name] for name in self.base_fields if name in query}
        super().__init__(asked or None)
        self.series = {entry.key: entry for entry in series}
        self.fields["breakdown"].choices = [(entry.key, entry.label) for entry in series]
        self.fields["year"].choices = [(year, year) for year in self._shown_series().years]

    def chosen(self) -> tuple[RegionalSeries, int]:
        """The series and year to draw: as asked when valid, the defaults otherwise."""
        shown = self._shown_series()
        year = self.cleaned_data.get("year") if self.is_bound and self.is_valid() else None
        return shown, year or shown.years[0]

    def _shown_series(self) -> RegionalSeries:
        asked = self.data.get("breakdown") if self.is_bound else None
        return self.series.get(asked) or next(iter(self.series.values()))
