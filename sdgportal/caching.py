"""The data version: one marker every cached page, answer and figure is keyed by.

Any save, delete or many-to-many change of the portal's content, and every bulk write (imports,
admin actions), replaces the version; what was cached under the old one is never read again
and expires. A migration replaces it too, so a deploy never serves pages of the old code.
"""

import functools
import hashlib
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from django.apps import apps
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.base import BaseCache
from django.core.exceptions import EmptyResultSet
from django.db import models, transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save

CONTENT_APPS = ("sdgportal", "indicators", "organisations", "events")
VERSION_KEY = "data-version"
PAGES_CACHE = "pages"  # stored pages, apart from the figures (settings.CACHES)
# How long a computed figure stays if the data never change: bounds a cache's growth.
KEEP_SECONDS = 24 * 60 * 60

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class DataVersion:
    token: str
    changed_at: float  # seconds since the epoch


_held_version: ContextVar[DataVersion | None] = ContextVar("held_version", default=None)


def data_version() -> DataVersion:
    """The current version; a new one if the cache has none (first start, evicted). Within
    ``one_data_version()``, the version read when it began."""
    if (held := _held_version.get()) is not None:
        return held
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _new_version(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_data_version() -> None:
    _held_version.set(None)
    cache.set(VERSION_KEY, _new_version(), timeout=None)


@contextmanager
def one_data_version() -> Iterator[DataVersion]:
    """The data version, read once for a request that only reads: every figure it computes is
    keyed by that version without reading it again (about ten cache reads for a list page)."""
    version = data_version()
    held = _held_version.set(version)
    try:
        yield version
    finally:
        _held_version.reset(held)


def note_data_change(**_signal: Any) -> None:
    """Replace the version now, and again on commit: a page rendered in between saw old data."""
    bump_data_version()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(bump_data_version)


def _new_version() -> DataVersion:
    return DataVersion(token=uuid.uuid4().hex, changed_at=time.time())


def watch_content_changes() -> None:
    """Note every change of a content model (not its history), from ``AppConfig.ready``."""
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            if not _is_history(model):
                post_save.connect(note_data_change, sender=model, dispatch_uid=f"data-{model}")
                post_delete.connect(note_data_change, sender=model, dispatch_uid=f"data-{model}")
    m2m_changed.connect(_note_relation_change, dispatch_uid="data-m2m")


def _note_relation_change(sender: type[models.Model], action: str, **signal: Any) -> None:
    if action.startswith("post_") and sender._meta.app_label in CONTENT_APPS:
        note_data_change()


def _is_history(model: type[models.Model]) -> bool:
    """django-simple-history's version models (and their many-to-many rows)."""
    return model.__name__.startswith("Historical") or hasattr(model, "instance_type")


def per_data_version(compute: Callable[P, R], store: str = DEFAULT_CACHE_ALIAS) -> Callable[P, R]:
    """Compute once per data version and arguments; for results in no particular language.

    Kept in the cache ``store``: one of ``settings.CACHES``, the default one unless the
    arguments are as many as readers may type (``per_data_version_among_pages``).
    """
    name = f"{compute.__module__}.{compute.__qualname__}"

    @functools.wraps(compute)
    def computed(*args: P.args, **kwargs: P.kwargs) -> R:
        arguments = repr([_key_part(value) for value in (*args, *sorted(kwargs.items()))])
        digest = hashlib.sha256(f"{name}|{arguments}".encode()).hexdigest()
        key = f"computed:{data_version().token}:{digest}"
        return _kept(caches[store], key, lambda: compute(*args, **kwargs))

    return computed


def per_data_version_in_process(compute: Callable[[], R]) -> Callable[[], R]:
    """Compute once per data version in each process and keep only the latest: for a small
    value many pages read (the goals), read then with no cache request at all."""
    kept: dict[str, R] = {}

    @functools.wraps(compute)
    def computed() -> R:
        token = data_version().token
        if token not in kept:
            kept.clear()
            kept[token] = compute()
        return kept[token]

    return computed


def per_data_version_among_pages(compute: Callable[P, R]) -> Callable[P, R]:
    """``per_data_version``, kept with the stored pages: for results of what readers type (a
    search), which must not push out the figures every page reads."""
    return per_data_version(compute, store=PAGES_CACHE)


def per_query_and_data_version(what: str, records: QuerySet, compute: Callable[[QuerySet], R]) -> R:
    """``compute(records)`` (a count, totals) once per data version and query, kept with the
    stored pages: the queries are as many as the filters readers choose."""
    try:
        sql, params = records.query.sql_with_params()
    except EmptyResultSet:
        return compute(records)  # nothing found, known without a query
    digest = hashlib.sha256(repr((what, records.db, sql, params)).encode()).hexdigest()
    key = f"{what}:{data_version().token}:{digest}"
    return _kept(caches[PAGES_CACHE], key, lambda: compute(records))


_MISSING = object()


def _kept(store: BaseCache, key: str, compute: Callable[[], R]) -> R:
    """The value ``store`` holds under ``key``, computed and kept there if it holds none."""
    found = store.get(key, _MISSING)
    if found is _MISSING:
        found = compute()
        store.set(key, found, timeout=KEEP_SECONDS)
    return found


def _key_part(value: object) -> object:
    if isinstance(value, tuple):
        return tuple(_key_part(item) for item in value)
    if isinstance(value, models.Model):
        return (value._meta.label, value.pk)
    return value
