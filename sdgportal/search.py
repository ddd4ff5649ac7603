"""Full-text search shared by the API and the pages."""

import json
from collections.abc import Sequence
from functools import reduce
from operator import or_

from django import forms
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

MAX_SEARCH_WORDS = 10


def search(queryset: QuerySet, fields: Sequence[str], text: str) -> QuerySet:
    """Records where every word of ``text`` occurs in one of ``fields``.

    Each word may match a different field or related record (an event's organiser and its
    speaker). PostgreSQL matches whole words with its full-text search, language-neutral so
    that Russian and Kazakh names match as well as English; SQLite matches parts of words.
    """
    records = queryset.model._default_manager
    fields = [column for field in fields for column in _in_every_language(records.model, field)]
    on_postgresql = connections[queryset.db].vendor == "postgresql"
    if on_postgresql:
        records = records.annotate(search_document=SearchVector(*fields, config="simple"))
    for word in dict.fromkeys(text.split()):
        if on_postgresql:
            matches = records.filter(search_document=SearchQuery(word, config="simple"))
        else:
            # SQLite keeps JSON text (aliases) with non-ASCII letters escaped.
            spellings = {word, json.dumps(word)[1:-1]}
            matches = records.filter(
                reduce(
                    or_,
                    (
                        Q(**{f"{field}__icontains": spelling})
                        for field in fields
                        for spelling in spellings
                    ),
                )
            )
        queryset = queryset.filter(pk__in=matches.values("pk"))
    return queryset


def _in_every_language(model: type[Model], path: str) -> list[str]:
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
