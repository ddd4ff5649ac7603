"""Writes to the SDG framework and national indicators."""

from collections import Counter
from dataclasses import dataclass, field

from django.db import models, transaction

from indicators import codes
from indicators.models import GlobalIndicator, Goal, Target
from indicators.sdg_translations import SdgFramework


@dataclass
class LoadSummary:
    """Rows created, updated and unchanged per record type."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    def count(self, kind: str, outcome: str) -> None:
        getattr(self, outcome)[kind] += 1

    @property
    def changed(self) -> bool:
        return bool(self.created.total() or self.updated.total())


@transaction.atomic
def load_sdg_framework(*, framework: SdgFramework) -> LoadSummary:
    """Upsert goals, targets and global indicators with their titles; a re-run changes nothing.

    Titles are only set for the languages the framework has; others are left as they are.
    """
    summary = LoadSummary()
    goals = {goal.number: goal for goal in Goal.objects.all()}
    for number, parsed in sorted(framework.goals.items()):
        goal = goals[number]  # all 17 exist from the migrations on
        values = translated("short_title", parsed.short_titles) | translated("title", parsed.titles)
        summary.count("goals", update_fields(goal, values))

    targets = {target.code: target for target in Target.objects.all()}
    for code, parsed in sorted(framework.targets.items(), key=lambda item: codes.sort_key(item[0])):
        values = {"goal_id": codes.goal_of(code)} | translated("title", parsed.titles)
        if code in targets:
            summary.count("targets", update_fields(targets[code], values))
        else:
            targets[code] = _create(Target, code, values)
            summary.count("targets", "created")

    indicators = {indicator.code: indicator for indicator in GlobalIndicator.objects.all()}
    for code, parsed in sorted(
        framework.indicators.items(), key=lambda item: codes.sort_key(item[0])
    ):
        target = targets.get(codes.target_of(code))
        if target is None:
            continue  # reported by the reader as a problem
        values = {"target_id": target.pk} | translated("title", parsed.titles)
        if code in indicators:
            summary.count("global indicators", update_fields(indicators[code], values))
        else:
            _create(GlobalIndicator, code, values)
            summary.count("global indicators", "created")
    return summary


def translated(field_name: str, titles: dict[str, str]) -> dict[str, str]:
    """Field values for modeltranslation's per-language columns (``title_en``, ``title_ru``…)."""
    return {f"{field_name}_{lang}": text for lang, text in titles.items()}


def _create(model: type[models.Model], code: str, values: dict[str, object]) -> models.Model:
    record = model(code=code, **values)
    record.save()
    return record


def update_fields(record: models.Model, values: dict[str, object]) -> str:
    changed = [name for name, value in values.items() if getattr(record, name) != value]
    if not changed:
        return "unchanged"
    for name in changed:
        setattr(record, name, values[name])
    record.save()
    return "updated"
