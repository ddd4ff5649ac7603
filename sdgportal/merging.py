"""Merging duplicate records into one: relations move over, names become aliases, nothing is lost.

The relations are read from the model's metadata (foreign keys, many-to-many fields, generic
relations such as citations), so one added later moves too. A moved row that would repeat one
the survivor already has (a unique constraint, or every field equal) is merged into that one
in turn. The merged records' slugs are kept as ``MergedRecord`` rows, from which their old
addresses redirect, with a copy of their fields.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.validators import EMPTY_VALUES
from django.db import models, transaction
from django.db.models import Model, QuerySet

from sdgportal.models import MergedRecord, ReviewStatus

NAME_FIELDS = ("name", "title")
# Fields that only mean something together: taken from one record as a whole, when the
# survivor has none of them (the first one tells).
FILLED_TOGETHER = {
    "events.event": [("start_date", "start_precision", "end_date", "end_precision")],
}
# The fields whose merging has rules of its own rather than "fill when empty".
OWN_RULES = {"slug", "aliases", "review_status"}


class MergeError(ValueError):
    """Records that cannot be merged as asked."""


def name_field(model: type[Model]) -> str | None:
    """The field naming a record of the model: ``name`` or ``title``, if it has one."""
    return next((name for name in NAME_FIELDS if _has_field(model, name)), None)


@dataclass(frozen=True)
class RowRelation:
    """Rows of ``model`` pointing at a record by ``attname`` (foreign keys, generic relations)."""

    label: str
    model: type[Model]
    attname: str
    scope: tuple[tuple[str, object], ...] = ()  # a generic relation's content type

    def rows_of(self, records: Iterable[Model]) -> QuerySet:
        return self.model._base_manager.filter(
            **dict(self.scope), **{f"{self.attname}__in": [record.pk for record in records]}
        )

    def count(self, survivor: Model, others: Sequence[Model]) -> int:
        return self._moving(survivor, others).count()

    def move(
        self, survivor: Model, others: Sequence[Model], *, user: Model | None, reason: str
    ) -> None:
        twins = _Twins(self.model, self.attname)
        for row in self.rows_of([survivor]):
            twins.add(row)
        for row in self._moving(survivor, others):
            setattr(row, self.attname, survivor.pk)
            twin = twins.find(row)
            if twin is None:
                _save(row, user, reason, update_fields=[self.attname])
                twins.add(row)
            else:  # the survivor has this row already: one row of the two, nothing lost
                _merge_into(twin, [row], user=user, reason=reason)

    def _moving(self, survivor: Model, others: Sequence[Model]) -> QuerySet:
        rows = self.rows_of(others)
        if self.model is type(survivor):  # a record's parent: the merged ones go, or stay
            rows = rows.exclude(pk__in=[survivor.pk, *(other.pk for other in others)])
        return rows.order_by("pk")


@dataclass(frozen=True)
class ManyToManyRelation:
    """A many-to-many field without a model of its own (an event's goals), either side."""

    label: str
    accessor: str

    def count(self, survivor: Model, others: Sequence[Model]) -> int:
        return sum(getattr(other, self.accessor).count() for other in others)

    def move(
        self, survivor: Model, others: Sequence[Model], *, user: Model | None, reason: str
    ) -> None:
        for other in others:  # add() leaves out the rows the survivor has already
            getattr(survivor, self.accessor).add(*getattr(other, self.accessor).all())


def relations_of(model: type[Model]) -> list[RowRelation | ManyToManyRelation]:
    """Every way another row can point at a record of the model."""
    relations: list[RowRelation | ManyToManyRelation] = []
    for relation in model._meta.related_objects:
        if not relation.many_to_many:
            label = _label(relation.related_model, relation.field, model)
            relations.append(RowRelation(label, relation.related_model, relation.field.attname))
        elif relation.through._meta.auto_created:
            # An explicit through model (EventOrganisation) points by a foreign key of its own.
            label = str(relation.related_model._meta.verbose_name_plural)
            relations.append(ManyToManyRelation(label, relation.get_accessor_name()))
    for field in model._meta.many_to_many:
        if field.remote_field.through._meta.auto_created:
            relations.append(ManyToManyRelation(str(field.verbose_name), field.name))
    for field in model._meta.private_fields:
        if isinstance(field, GenericRelation):
            content_type = ContentType.objects.get_for_model(
                model, for_concrete_model=field.for_concrete_model
            )
            relations.append(
                RowRelation(
                    str(field.related_model._meta.verbose_name_plural),
                    field.related_model,
                    field.object_id_field_name,
                    scope=((f"{field.content_type_field_name}_id", content_type.pk),),
                )
            )
    return relations


def _label(related_model: type[Model], field: models.Field, model: type[Model]) -> str:
    """A relation's name: "grants (funder)", or "positions" if the field is the model's name."""
    plural = str(related_model._meta.verbose_name_plural)
    if str(field.verbose_name) == str(model._meta.verbose_name):
        return plural
    return f"{plural} ({field.verbose_name})"


class _Twins:
    """Rows pointing at the survivor, by every key a moved row could repeat."""

    def __init__(self, model: type[Model], attname: str) -> None:
        meta = model._meta
        unique_sets = [
            *meta.unique_together,
            *(constraint.fields for constraint in meta.total_unique_constraints),
            *((field.name,) for field in meta.concrete_fields if field.unique),
        ]
        unique_keys = [tuple(meta.get_field(name).attname for name in s) for s in unique_sets]
        self._unique_keys = [key for key in unique_keys if attname in key]
        self._content_key = tuple(
            field.attname
            for field in meta.concrete_fields
            if field.editable and not field.primary_key and field.name not in OWN_RULES
        )
        self._rows: dict[tuple, Model] = {}

    def _keys(self, row: Model) -> list[tuple]:
        keys = [("content", *_values(row, self._content_key))]
        for names in self._unique_keys:
            values = _values(row, names)
            if None not in values:  # NULLs never clash in a unique constraint
                keys.append((names, *values))
        return keys

    def add(self, row: Model) -> None:
        for key in self._keys(row):
            self._rows.setdefault(key, row)

    def find(self, row: Model) -> Model | None:
        return next((self._rows[key] for key in self._keys(row) if key in self._rows), None)


def _values(row: Model, attnames: tuple[str, ...]) -> tuple:
    return tuple(getattr(row, attname) for attname in attnames)


def planned_values(survivor: Model, others: Sequence[Model]) -> dict[str, object]:
    """The survivor's fields that the merge changes, with their new values.

    Empty fields are filled from the first other record that has them; the review status
    becomes the most reviewed; the others' names, acronyms and aliases become aliases.
    """
    model = type(survivor)
    merged = {survivor.pk, *(other.pk for other in others)}
    changes: dict[str, object] = {}
    for fields in _fill_groups(model):
        lead = fields[0]
        own = _usable_value(survivor, lead, merged)
        if not _is_empty(own):
            continue
        donor = next((o for o in others if not _is_empty(_usable_value(o, lead, merged))), None)
        if donor is not None:
            changes.update({f.attname: _usable_value(donor, f, merged) for f in fields})
        elif own != getattr(survivor, lead.attname):
            changes[lead.attname] = own  # no parent rather than one making a loop
    if _has_field(model, "review_status"):
        statuses = [record.review_status for record in (survivor, *others)]
        most_reviewed = max(statuses, key=list(ReviewStatus.values).index)
        if most_reviewed != survivor.review_status:
            changes["review_status"] = most_reviewed
    if _has_field(model, "aliases"):
        aliases = _aliases(survivor, others, acronym=changes.get("acronym"))
        if aliases != survivor.aliases:
            changes["aliases"] = aliases
    return changes


def _fill_groups(model: type[Model]) -> list[tuple[models.Field, ...]]:
    together = FILLED_TOGETHER.get(model._meta.label_lower, [])
    excluded = {*OWN_RULES, *(name for group in together for name in group)}
    singles = [
        (field,)
        for field in model._meta.concrete_fields
        if field.editable
        and not field.primary_key
        and not field.unique
        and not isinstance(field, models.BooleanField)  # False is a value, not a gap
        and field.name not in excluded
    ]
    return [*singles, *(tuple(model._meta.get_field(name) for name in g) for g in together)]


def _usable_value(record: Model, field: models.Field, merged: set[int]) -> object:
    """The field's value, or None for a parent that would make the merged record its own."""
    value = getattr(record, field.attname)
    is_parent = field.is_relation and field.related_model is field.model
    if value is not None and is_parent and _leads_back(type(record), field.attname, value, merged):
        return None
    return value


def _leads_back(model: type[Model], attname: str, start: int, merged: set[int]) -> bool:
    """Whether going up ``attname`` from ``start`` reaches one of the merged records."""
    seen: set[int] = set()
    pk: int | None = start
    while pk is not None and pk not in seen:
        if pk in merged:
            return True
        seen.add(pk)
        pk = model._base_manager.filter(pk=pk).values_list(attname, flat=True).first()
    return False


def _is_empty(value: object) -> bool:
    return value in EMPTY_VALUES


def _has_field(model: type[Model], name: str) -> bool:
    return any(field.name == name for field in model._meta.concrete_fields)


def _aliases(survivor: Model, others: Sequence[Model], *, acronym: object) -> list[str]:
    """The survivor's aliases, then the others' names, acronyms and aliases it lacks."""
    own_names = [*names_of(survivor), acronym]
    aliases = list(survivor.aliases)
    taken = {name.strip().casefold() for name in own_names if name}
    for other in others:
        for name in names_of(other):
            if name.strip() and name.strip().casefold() not in taken:
                aliases.append(name.strip())
                taken.add(name.strip().casefold())
    return aliases


def names_of(record: Model) -> list[str]:
    """The record's name, then its acronym and aliases where its kind has them."""
    model = type(record)
    names = [getattr(record, name_field(model))] if name_field(model) else []
    if _has_field(model, "acronym") and record.acronym:
        names.append(record.acronym)
    if _has_field(model, "aliases"):
        names.extend(record.aliases)
    return names


@dataclass(frozen=True)
class MergePreview:
    """What merging the others into the survivor makes of it, for the editor to confirm."""

    name: str
    aliases: list[str]
    new_aliases: list[str]
    # Names of the others that a kind without aliases (events) keeps only in the merge record.
    names_not_kept: list[str]
    filled: list[tuple[str, object]]  # (field, value) of the fields filled from the others
    review_status: str
    moves: list[tuple[str, int]]  # (relation, rows moving to the survivor)


def preview_merge(survivor: Model, others: Sequence[Model]) -> MergePreview:
    """The merge's result, read without changing anything."""
    others = _checked(survivor, others)
    model = type(survivor)
    changes = planned_values(survivor, others)
    has_aliases = _has_field(model, "aliases")
    aliases = changes.get("aliases", survivor.aliases) if has_aliases else []
    status = changes.get("review_status", getattr(survivor, "review_status", None))
    return MergePreview(
        name=str(getattr(survivor, name_field(model) or "pk")),
        aliases=aliases,
        new_aliases=aliases[len(survivor.aliases) :] if has_aliases else [],
        names_not_kept=[] if has_aliases else [n for o in others for n in names_of(o)],
        filled=[
            (str(model._meta.get_field(attname).verbose_name), _shown(model, attname, value))
            for attname, value in changes.items()
            if attname not in OWN_RULES and value is not None
        ],
        review_status=str(ReviewStatus(status).label) if status else "",
        moves=[
            (relation.label, count)
            for relation in relations_of(model)
            if (count := relation.count(survivor, others))
        ],
    )


def _shown(model: type[Model], attname: str, value: object) -> object:
    """A field's value as an editor reads it: a choice's label, a related record."""
    field = model._meta.get_field(attname)
    if field.is_relation:
        return field.related_model._base_manager.filter(pk=value).first()
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value


@transaction.atomic
def merge_records(survivor: Model, others: Sequence[Model], *, user: Model | None = None) -> Model:
    """Merge ``others`` into ``survivor`` in one transaction and delete them; return it.

    Every relation moves to the survivor; the others' names become its aliases and their
    values fill its empty fields; their old slugs redirect to it (a chain of merges included).
    """
    others = _checked(survivor, others)
    reason = "Merged {} into “{}” (#{})".format(
        ", ".join(f"“{other}” (#{other.pk})" for other in others), survivor, survivor.pk
    )
    slugged = _has_field(type(survivor), "slug")
    gone = {other.pk: _merged_record(other, user) for other in others} if slugged else {}
    _merge_into(survivor, others, user=user, reason=reason)
    _redirect_to(survivor, gone)
    return survivor


def _checked(survivor: Model, others: Sequence[Model]) -> list[Model]:
    unique = list({other.pk: other for other in others}.values())
    if not unique:
        raise MergeError("Choose at least one record to merge into the one kept.")
    if any(type(other) is not type(survivor) for other in unique):
        raise MergeError("Only records of one kind can be merged.")
    if any(other.pk == survivor.pk for other in unique):
        raise MergeError("The record kept cannot also be merged away.")
    return unique


def _merge_into(
    survivor: Model, others: Sequence[Model], *, user: Model | None, reason: str
) -> None:
    """Move the others' relations to the survivor, complete its fields, delete the others."""
    _mark(survivor, user, reason)  # its many-to-many changes are versions of it too
    for relation in relations_of(type(survivor)):
        relation.move(survivor, others, user=user, reason=reason)
    for attname, value in planned_values(survivor, others).items():
        setattr(survivor, attname, value)
    for other in others:
        _mark(other, user, reason)
        other.delete()
    _save(survivor, user, reason)


def _save(record: Model, user: Model | None, reason: str, **options: object) -> None:
    _mark(record, user, reason)
    record.save(**options)


def _mark(record: Model, user: Model | None, reason: str) -> None:
    """The reason and user a version of the record names (django-simple-history)."""
    record._change_reason = reason
    if user is not None:
        record._history_user = user


def _merged_record(record: Model, user: Model | None) -> MergedRecord:
    """The record's slug, name and fields, taken before its relations move."""
    return MergedRecord(
        content_type=ContentType.objects.get_for_model(record),
        old_slug=record.slug,
        old_name=str(record)[:500],
        data=serializers.serialize("python", [record])[0]["fields"],
        merged_by=user,
    )


def _redirect_to(survivor: Model, gone: dict[int, MergedRecord]) -> None:
    """Old slugs lead to the survivor: the merged records', and those that led to them."""
    if not gone:
        return
    content_type = ContentType.objects.get_for_model(survivor)
    MergedRecord.objects.filter(content_type=content_type, survivor_id__in=gone).update(
        survivor_id=survivor.pk
    )
    # A slug merged away before, then taken by a new record: the newer merge tells.
    MergedRecord.objects.filter(
        content_type=content_type, old_slug__in=[record.old_slug for record in gone.values()]
    ).delete()
    for record in gone.values():
        record.survivor_id = survivor.pk
    MergedRecord.objects.bulk_create(gone.values())


def survivor_of(model: type[Model], slug: str) -> Model | None:
    """The record a merged-away slug now leads to, or None."""
    merged = (
        MergedRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(model), old_slug=slug
        )
        .values_list("survivor_id", flat=True)
        .first()
    )
    if merged is None:
        return None
    return model._default_manager.filter(pk=merged).first()
