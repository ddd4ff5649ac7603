"""Full-text search shared by the API and the pages."""

import json
import re
from collections.abc import Sequence
from functools import lru_cache, reduce
from operator import or_

from django import forms
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector, TrigramWordSimilarity
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import CharField, Exists, Func, Model, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.db.models.lookups import GreaterThanOrEqual
from django.utils.translation import gettext_lazy as _
from modeltranslation.fields import TranslationField
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from sdgportal.search_columns import SEARCH_KEY_FUNCTION, SearchColumns, has_stored_search
from sdgportal.search_keys import search_key

MAX_SEARCH_WORDS = 10
# A word of this many letters found nowhere finds near-misses on PostgreSQL (Nazarbaiv).
FUZZY_FROM_LETTERS = 5
FUZZY_SIMILARITY = 0.65


class SearchKey(Func):
    """The ``search_key`` of texts (columns) together, computed by ``portal_search_key``."""

    function = SEARCH_KEY_FUNCTION
    output_field = TextField()


def search(queryset: QuerySet, fields: Sequence[str], text: str) -> QuerySet:
    """Records where every word of ``text`` occurs in one of ``fields``.

    Each word may match a different field or related record (an event's organiser and its
    speaker). PostgreSQL matches whole words with its full-text search, language-neutral so
    that Russian and Kazakh names match as well as English; SQLite matches parts of words.
    A word also matches a name with a word that starts with its search key, whatever the
    alphabet or transliteration (Nazarbaev: Назарбаева). On PostgreSQL a word of
    ``FUZZY_FROM_LETTERS`` letters or more that no record holds as written also matches
    near-miss spellings of names (Nazarbaiv: Nazarbayev). Tables with stored search columns
    are searched through their indexes (``sdgportal.search_columns``).
    """
    if has_stored_search(queryset.model, queryset.db):
        return _search_stored(queryset, fields, text)
    records = queryset.model._default_manager
    fields = [column for field in fields for column in in_every_language(records.model, field)]
    on_postgresql = connections[queryset.db].vendor == "postgresql"
    if on_postgresql:
        records = records.annotate(search_document=SearchVector(*fields, config="simple"))
    for word in dict.fromkeys(text.split()):
        if on_postgresql:
            found = Q(search_document=SearchQuery(word, config="simple"))
        else:
            # SQLite keeps JSON text (aliases) with non-ASCII letters escaped.
            spellings = {word, json.dumps(word)[1:-1]}
            found = reduce(
                or_,
                (
                    Q(**{f"{field}__icontains": spelling})
                    for field in fields
                    for spelling in spellings
                ),
            )
        key = search_key(word)
        if re.search("[a-z]", key):
            by_key = _by_name_key(records.model, fields, key, near=False)
            if on_postgresql and _is_long(key):
                # Near-misses include the key's own matches; they count for a word not
                # written anywhere, as "civic" should not find "civil".
                written = Exists(records.filter(found))
                near = _by_name_key(records.model, fields, key, near=True)
                by_key = (written & by_key) | (~written & near)
            found |= by_key
        queryset = queryset.filter(pk__in=records.filter(found).values("pk"))
    return queryset


def _search_stored(queryset: QuerySet, fields: Sequence[str], text: str) -> QuerySet:
    """``search`` through stored columns: the record's document, and the name keys of the record
    and of the related records ``fields`` lead to (an event's organisers and speakers).

    Each way of matching a word is a query of its own, joined in a UNION of keys, so each reads
    its own index rather than the whole table being tested row by row.
    """
    for word in dict.fromkeys(text.split()):
        queryset = _matching_any(queryset, ways_to_match(queryset.model, fields, word))
    return queryset


def _matching_any(queryset: QuerySet, keys: Sequence[QuerySet]) -> QuerySet:
    """The records whose key one of the ``keys`` queries gives."""
    return queryset.filter(pk__in=keys[0].union(*keys[1:]))


def ways_to_match(model: type[Model], fields: Sequence[str], word: str) -> list[QuerySet]:
    """The keys of the records matching ``word`` in each way, as unordered queries: by their
    own columns, then through each relation of ``fields`` to records with stored columns."""
    records = model._default_manager.order_by()
    matches = [records.filter(word_in_own_columns(model, word)).values("pk")]
    key = search_key(word)
    if not re.search("[a-z]", key):
        return matches
    for relation, (related, _columns) in _names_by_relation(model, fields).items():
        if relation and issubclass(related, SearchColumns):
            named = related._default_manager.order_by().filter(_names_like(word, key, related))
            matches.append(_keys_through(model, relation, named.values("pk")))
    return matches


def word_in_own_columns(model: type[Model], word: str) -> Q:
    """Records holding ``word`` in their stored document or its key in their names (on
    PostgreSQL, ``model`` having stored columns): a test of each row on its own."""
    written = Q(search_document=SearchQuery(word, config="simple"))
    key = search_key(word)
    if not re.search("[a-z]", key):
        return written
    return written | _names_like(word, key, model)


def _names_like(word: str, key: str, model: type[Model]) -> Q:
    """Names holding ``key``; for a long word written nowhere in ``model``'s documents, names
    holding a word like it instead (near-misses: "civic" written somewhere is not "civil")."""
    holding = Q(search_names__contains=key)
    if not _is_long(key):
        return holding
    written = Exists(
        model._default_manager.filter(search_document=SearchQuery(word, config="simple"))
    )
    similar = key.lstrip()
    near = Q(search_names__trigram_word_similar=similar) & Q(
        GreaterThanOrEqual(TrigramWordSimilarity(similar, "search_names"), FUZZY_SIMILARITY)
    )
    return holding | (~Q(written) & near)  # near-misses include the names holding the key


def _keys_through(model: type[Model], relation: str, related_keys: QuerySet) -> QuerySet:
    """The keys of ``model``'s records related through ``relation`` to ``related_keys``, read
    from the join table or foreign key alone."""
    field = model._meta.get_field(relation)
    if field.many_to_many:
        through = field.remote_field.through
        return (
            through.objects.order_by()
            .filter(**{f"{field.m2m_reverse_field_name()}__in": related_keys})
            .values(field.m2m_field_name())
        )
    if field.one_to_many:
        return (
            field.related_model.objects.order_by()
            .filter(pk__in=related_keys)
            .values(field.field.name)
        )
    return (
        model._default_manager.order_by().filter(**{f"{relation}__in": related_keys}).values("pk")
    )


def search_up_to(queryset: QuerySet, fields: Sequence[str], text: str, limit: int) -> QuerySet:
    """``search``, but of a single word matching in many ways only the first ``limit`` and one
    more of each way: all the matches when there are no more, and enough to tell when there
    are, without reading them all (a common word matches tens of thousands)."""
    words = list(dict.fromkeys(text.split()))
    if len(words) != 1 or not has_stored_search(queryset.model, queryset.db):
        return search(queryset, fields, text)
    ways = ways_to_match(queryset.model, fields, words[0])
    return _matching_any(queryset, [keys[: limit + 1] for keys in ways])


def count_up_to(queryset: QuerySet, fields: Sequence[str], text: str, limit: int) -> int:
    """How many records ``search`` finds, counted up to ``limit`` and one more."""
    return search_up_to(queryset, fields, text, limit).order_by()[: limit + 1].count()


def _is_long(key: str) -> bool:
    return len(key.lstrip()) >= FUZZY_FROM_LETTERS


def _by_name_key(model: type[Model], fields: Sequence[str], key: str, *, near: bool) -> Q:
    """Records with a name holding a word that starts with ``key``, or if ``near`` is like it.

    Names are the untranslated short fields (names, titles, acronyms, cities): their keys
    are computed at each search, table by table rather than for each row of a join, while
    descriptions and translated texts are left to the search as written. "Like" is trigram
    word similarity (PostgreSQL only).
    """
    matches = []
    for relation, (related, columns) in _names_by_relation(model, fields).items():
        # The cheap test first spares the key of rows without names (most observations).
        keys = related._default_manager.filter(
            reduce(or_, (Q(**{f"{column}__gt": ""}) for column in columns))
        ).alias(search_key=SearchKey(*(Cast(column, TextField()) for column in columns)))
        if near:
            keys = keys.alias(similarity=TrigramWordSimilarity(key.lstrip(), "search_key")).filter(
                similarity__gte=FUZZY_SIMILARITY
            )
        else:
            keys = keys.filter(search_key__contains=key)
        matches.append(Q(**{f"{relation}__in" if relation else "pk__in": keys.values("pk")}))
    return reduce(or_, matches, Q(pk__in=[]))


def _names_by_relation(
    model: type[Model], fields: Sequence[str]
) -> dict[str, tuple[type[Model], list[str]]]:
    """The name columns among ``fields`` by the relation leading to their model."""
    names: dict[str, tuple[type[Model], list[str]]] = {}
    for path in fields:
        relation, _, column = path.rpartition("__")
        related = model
        for name in relation.split("__") if relation else []:
            related = related._meta.get_field(name).related_model
        field = related._meta.get_field(column)
        if isinstance(field, CharField) and not isinstance(field, TranslationField):
            names.setdefault(relation, (related, []))[1].append(column)
    return names


def add_search_key_function(connection: BaseDatabaseWrapper, **kwargs: object) -> None:
    """Give each new SQLite connection ``portal_search_key``, calling ``search_key``."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SearchKey.function, -1, _sqlite_search_key, deterministic=True
        )


@lru_cache(maxsize=4096)
def _sqlite_search_key(*texts: str | None) -> str:
    return search_key(" ".join(text for text in texts if text is not None))


def in_every_language(model: type[Model], path: str) -> list[str]:
    """A translated field's column in each language (``title_en``…); other fields as given."""
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    try:
        translated = name in translator.get_options_for_model(model).fields
    except NotRegistered:
        translated = False
    if not translated:
        return [path]
    return [build_localized_fieldname(path, code) for code, _language in settings.LANGUAGES]


def validate_search_words(text: str) -> None:
    if len(set(text.split())) > MAX_SEARCH_WORDS:
        raise forms.ValidationError(
            _("Search for at most %(count)s different words.") % {"count": MAX_SEARCH_WORDS}
        )
