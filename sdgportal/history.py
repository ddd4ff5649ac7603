"""Who changed what and when: the versions django-simple-history keeps of curated records.

Every save of a tracked record writes a version naming the signed-in user (the history
middleware) and, where one is given, a change reason. The helpers here keep each version's
many-to-many rows whole when records are saved in bulk or through an admin form, and tell the
records a person has edited from those only importers wrote.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import pairwise
from typing import Any

from django.db import models, transaction
from simple_history.models import HistoricalChanges, HistoricalRecords, ModelChange, ModelDelta
from simple_history.utils import (
    bulk_create_with_history,
    get_m2m_field_name,
    get_m2m_reverse_field_name,
)

from sdgportal.caching import note_data_change

_reason: ContextVar[str | None] = ContextVar("history_change_reason", default=None)
_by_import: ContextVar[bool] = ContextVar("history_by_import", default=False)


class PortalHistory(HistoricalRecords):
    """Versions as django-simple-history writes them, with three differences.

    A version's reason defaults to the one ``change_reason()`` sets, and an import's versions
    name no user (see ``imported_from()``); a many-to-many signal that changes nothing
    (``add()`` of rows already there) writes no version; and a change from the other side
    (``goal.events.add(event)``) versions each record it touches.
    """

    def get_change_reason_for_object(self, instance: models.Model, *args: Any) -> str | None:
        return super().get_change_reason_for_object(instance, *args) or _reason.get()

    def get_history_user(self, instance: models.Model) -> models.Model | None:
        return None if _by_import.get() else super().get_history_user(instance)

    def m2m_changed(
        self,
        instance: models.Model,
        action: str,
        attr: str,
        pk_set: set | None,
        reverse: bool,
        **kwargs: Any,
    ) -> None:
        if reverse:
            self._reverse_m2m_changed(instance, action, attr, pk_set)
        elif hasattr(instance, "skip_history_when_saving"):
            if action.startswith("post_") and (pk_set or action == "post_clear"):
                instance._history_m2m_unsaved = True  # see m2m_in_latest_version()
        elif pk_set or action == "post_clear":
            super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)

    def _reverse_m2m_changed(
        self, instance: models.Model, action: str, attr: str, pk_set: set | None
    ) -> None:
        touched = f"_history_{self.cls._meta.label}_{attr}_cleared"
        if action == "pre_clear":
            related = self.cls._default_manager.filter(**{attr: instance})
            setattr(instance, touched, set(related.values_list("pk", flat=True)))
            return
        if action == "post_clear":
            pk_set = getattr(instance, touched, set())
        elif action not in ("post_add", "post_remove"):
            return
        for record in self.cls._default_manager.filter(pk__in=pk_set or ()):
            super().m2m_changed(record, action, attr, {instance.pk}, False)


@contextmanager
def change_reason(reason: str) -> Iterator[None]:
    """Versions written inside give this reason, unless a record sets its own."""
    token = _reason.set(reason)
    try:
        yield
    finally:
        _reason.reset(token)


@contextmanager
def imported_from(document: str) -> Iterator[None]:
    """Versions written inside are an import's: no user, even in a request, and the reason
    names the document, so that ``hand_edited()`` tells them from a person's edits."""
    token = _by_import.set(True)
    try:
        with change_reason(f"Imported from {document}"):
            yield
    finally:
        _by_import.reset(token)


def create_with_history(records: list[models.Model]) -> list[models.Model]:
    """``bulk_create()`` the records, writing a version of each as a save would."""
    if not records:
        return []
    note_data_change()  # bulk_create() sends no signal
    return bulk_create_with_history(records, type(records[0]), default_change_reason=_reason.get())


@contextmanager
def m2m_in_latest_version(record: models.Model) -> Iterator[None]:
    """Many-to-many changes made inside go into the record's latest version.

    An admin form saves the record (one version), then each many-to-many field: without this,
    every field that changed would add a version of its own.
    """
    record.skip_history_when_saving = True
    try:
        yield
    finally:
        del record.skip_history_when_saving
    if record.__dict__.pop("_history_m2m_unsaved", False):
        latest = record.history.first()
        for field in latest._history_m2m_fields:
            HistoricalRecords.m2m_models[field].objects.filter(history=latest).delete()
        _copy_m2m_rows([latest])


def update_with_history(
    records: Sequence[models.Model],
    fields: list[str],
    *,
    user: models.Model | None,
    reason: str,
) -> None:
    """Save these fields of the records in bulk, writing a version of each (m2m included)."""
    if not records:
        return
    model = type(records[0])
    with transaction.atomic():
        model._default_manager.bulk_update(records, fields, batch_size=500)
        versions = model.history.bulk_history_create(
            records, update=True, default_user=user, default_change_reason=reason, batch_size=500
        )
        _copy_m2m_rows(versions)
        note_data_change()  # bulk_update() sends no signal


def _copy_m2m_rows(versions: Sequence[HistoricalChanges]) -> None:
    """Give each version the rows its record's tracked many-to-many fields hold now."""
    if not versions:
        return
    pk_name = versions[0].instance_type._meta.pk.attname
    version_of = {getattr(version, pk_name): version.pk for version in versions}
    for field in versions[0]._history_m2m_fields:
        through = field.remote_field.through
        own = through._meta.get_field(get_m2m_field_name(field)).attname
        columns = [column.attname for column in through._meta.fields]
        rows = through.objects.filter(**{f"{own}__in": version_of}).values(*columns)
        m2m_history = HistoricalRecords.m2m_models[field]
        m2m_history.objects.bulk_create(
            m2m_history(history_id=version_of[row[own]], **row) for row in rows
        )


def saved_record(version: HistoricalChanges) -> models.Model:
    """The record as the version saved it, with the related objects the version has read
    (``select_related()``), so that its name costs no query."""
    record = version.history_object
    for field in record._meta.concrete_fields:
        if field.is_relation and field.is_cached(version):  # same name on both models
            field.set_cached_value(record, field.get_cached_value(version))
    return record


def deltas(versions: Sequence[HistoricalChanges]) -> Iterator[tuple[HistoricalChanges, ModelDelta]]:
    """Each version (newest first) with its changes from the next, older one.

    Like ``diff_against()`` with related objects, but reading the many-to-many rows of all the
    versions in one query per field rather than two per version; foreign keys come from the
    versions' ``select_related()``.
    """
    if len(versions) < 2:
        return
    m2m_fields = versions[0]._history_m2m_fields
    rows = {field.name: _m2m_rows(field, versions) for field in m2m_fields}
    for newer, older in pairwise(versions):
        delta = newer.diff_against(older, excluded_fields=list(rows), foreign_keys_are_objs=True)
        m2m_changes = [
            ModelChange(name, by_version.get(older.pk, []), by_version.get(newer.pk, []))
            for name, by_version in rows.items()
            if by_version.get(older.pk, []) != by_version.get(newer.pk, [])
        ]
        changes = sorted([*delta.changes, *m2m_changes], key=lambda change: change.field)
        yield newer, ModelDelta(changes, [c.field for c in changes], older, newer)


def _m2m_rows(
    field: models.ManyToManyField, versions: Sequence[HistoricalChanges]
) -> dict[int, list[dict[str, models.Model]]]:
    """The related objects of each version, as diff_against() gives them, in one query."""
    target = get_m2m_reverse_field_name(field)
    rows = (
        HistoricalRecords.m2m_models[field]
        .objects.filter(history__in=[version.pk for version in versions])
        .select_related(target)
        .order_by(f"{target}_id")
    )
    by_version: dict[int, list[dict[str, models.Model]]] = {}
    for row in rows:
        by_version.setdefault(row.history_id, []).append({target: getattr(row, target)})
    return by_version


def hand_edited(records: models.QuerySet) -> set[int]:
    """Primary keys of the records that a person saved: a version names its user. One query."""
    pk_name = records.model._meta.pk.attname
    versions = records.model.history.filter(
        **{f"{pk_name}__in": records.values("pk")}, history_user__isnull=False
    )
    return set(versions.order_by().values_list(pk_name, flat=True).distinct())


def edited_by_hand(record: models.Model) -> bool:
    """Whether a person saved the record: one of its versions names a user."""
    return record.history.filter(history_user__isnull=False).exists()
