"""One search box across events, organisations, people, grants and national indicators."""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import and_
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connections
from django.db.models import F, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.urls import reverse

from events.filters import EventFilter
from events.models import Event
from indicators.filters import NationalIndicatorFilter
from indicators.models import NationalIndicator
from organisations.filters import GrantFilter, OrganisationFilter, PersonFilter
from organisations.models import Grant, Organisation, Person
from sdgportal.caching import per_data_version_among_pages
from sdgportal.search import (
    SearchKey,
    count_up_to,
    search,
    search_up_to,
    word_in_own_columns,
)
from sdgportal.search_columns import has_stored_search
from sdgportal.search_keys import search_key

SHOWN_PER_TYPE = 5
COUNTED_UP_TO = 1000  # beyond this a group says "1,000+": counting every match costs more
RANKED_UP_TO = 1000  # matches of each way ranked for the last places, where names do not match


@dataclass(frozen=True)
class ResultGroup:
    kind: str
    count: int
    records: list
    more_url: str | None

    @property
    def shown_count(self) -> int:
        return min(self.count, COUNTED_UP_TO)

    @property
    def count_is_partial(self) -> bool:
        """More matches than were counted."""
        return self.count > COUNTED_UP_TO


@dataclass(frozen=True)
class Source:
    kind: str
    records: QuerySet
    filterset: type
    name_field: str
    list_name: str | None  # the list the search continues in


def sources() -> list[Source]:
    return [
        Source("events", Event.objects.all(), EventFilter, "title", "events:list"),
        Source(
            "organisations",
            Organisation.objects.all(),
            OrganisationFilter,
            "name",
            "organisations:list",
        ),
        Source("people", Person.objects.all(), PersonFilter, "name", "organisations:people"),
        Source(
            "grants",
            Grant.objects.select_related("funder", "recipient"),
            GrantFilter,
            "title",
            "organisations:grants",
        ),
        Source(
            "indicators",
            NationalIndicator.objects.defer("metadata"),
            NationalIndicatorFilter,
            "title",
            None,
        ),
    ]


def search_everything(query: str) -> list[ResultGroup]:
    """Matches per record type, those whose name holds the whole query first."""
    found = matches_per_kind(query)
    groups = []
    for source in sources():
        count, keys = found[source.kind]
        records = source.records.in_bulk(keys) if keys else {}
        groups.append(
            ResultGroup(
                kind=source.kind,
                count=count,
                records=[records[key] for key in keys if key in records],
                more_url=f"{reverse(source.list_name)}?{urlencode({'search': query})}"
                if source.list_name
                else None,
            )
        )
    return groups


@per_data_version_among_pages
def matches_per_kind(query: str) -> dict[str, tuple[int, list[int]]]:
    """Per record type: how many records match (up to ``COUNTED_UP_TO`` and one more) and the
    keys of the best ``SHOWN_PER_TYPE``. Searched once per data version and query: a word
    many readers look for is searched once."""
    found = {}
    for source in sources():
        fields = source.filterset.search_fields
        best = best_matches(source.records, fields, query, source.name_field, SHOWN_PER_TYPE)
        if len(best) < SHOWN_PER_TYPE:  # every kind of match was read to its end: all found
            found[source.kind] = (len(best), best)
        else:
            found[source.kind] = (count_up_to(source.records, fields, query, COUNTED_UP_TO), best)
    return found


def best_matches(
    records: QuerySet, fields: Sequence[str], query: str, name_field: str, limit: int
) -> list[int]:
    """The keys of the ``limit`` best matches: names holding the query as written first,
    then spelled otherwise, then the others: the closest spellings first, or on stored columns
    the best full-text rank. On stored columns, names holding each word come after those
    holding the words as one phrase.

    Each kind is asked for only while the kinds before leave room, so all of theirs are found
    and the next kind is what is left of its matches. On stored columns a name holding the
    query is a match of the record's own columns, so those kinds test each row by itself;
    only the last needs the other matches. Of a common word, only the first ``RANKED_UP_TO``
    candidates of each kind (and way of matching) are sorted.
    """
    key = search_key(query)
    stored = has_stored_search(records.model, records.db)
    if key:
        name_key = F("search_names") if stored else SearchKey(Cast(name_field, TextField()))
        records = records.alias(name_key=name_key)
    as_phrase = Q(**{f"{name_field}__icontains": query})
    spelled_otherwise = Q(name_key__contains=key) if key else Q(pk__in=[])
    by_name = [name_field, "pk"]
    kinds: list[tuple[Callable[[], QuerySet], list | None]] = []
    if stored:
        # Sorted by name among the first candidates found (None): the names holding a common
        # word are thousands, and may all stand far down the name's index.
        as_written = _in_names_as_written(query)
        if len(words(query)) > 1:
            kinds.append((lambda: records.filter(as_written & as_phrase), None))
        kinds += [
            (lambda: records.filter(as_written), None),
            (lambda: _matching_own_columns(records, query).filter(spelled_otherwise), None),
        ]
    else:
        kinds += [
            (lambda: search(records, fields, query).filter(as_phrase), by_name),
            (lambda: search(records, fields, query).filter(spelled_otherwise), by_name),
        ]
    closest = _closest_first(records, key, query, stored)
    kinds.append((lambda: search_up_to(records, fields, query, RANKED_UP_TO), closest))
    found: list[int] = []
    for kind, ordering in kinds:
        if len(found) < limit:
            rest = kind().exclude(pk__in=found)
            if ordering is None:
                candidates = rest.order_by().values_list(name_field, "pk")[:RANKED_UP_TO]
                found += [pk for _name, pk in sorted(candidates)[: limit - len(found)]]
            else:
                found += rest.order_by(*ordering).values_list("pk", flat=True)[: limit - len(found)]
    return found


def _matching_own_columns(records: QuerySet, query: str) -> QuerySet:
    for word in dict.fromkeys(query.split()):
        records = records.filter(word_in_own_columns(records.model, word))
    return records


def _closest_first(records: QuerySet, key: str, query: str, stored: bool) -> list:
    if connections[records.db].vendor != "postgresql":
        return ["pk"]
    if stored:
        rank = SearchRank(F("search_document"), SearchQuery(query, config="simple"))
        return [rank.desc(), "pk"]
    if key:
        return [TrigramWordSimilarity(key.lstrip(), "name_key").desc(), "pk"]
    return ["pk"]


def _in_names_as_written(query: str) -> Q:
    """Every word of the query in the name, on stored columns: in the document's A part.

    Each word's key in the stored names says nothing more, but lets PostgreSQL tell from its
    statistics of the names whether a word is common there: then it reads records in the
    name's order until it has enough, and otherwise takes the few from the index. (A word
    common in descriptions looks common in the A part too: its statistics know no weights.)
    """
    if not words(query):
        return Q(pk__in=[])
    in_keys = [Q(search_names__contains=search_key(word)) for word in words(query)]
    return reduce(and_, in_keys, Q(search_document=words_weighted_a(query)))


def words(text: str) -> list[str]:
    """The words of ``text`` as PostgreSQL's "simple" configuration keeps them, roughly."""
    return re.findall(r"\w+", text.lower())


def words_weighted_a(text: str) -> SearchQuery:
    """Records with every word of ``text`` in the A part of their search document: the name."""
    return SearchQuery(
        " & ".join(f"'{word}':A" for word in words(text)), config="simple", search_type="raw"
    )
