"""Reads shared by the portal's pages."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Model, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import translation
from django_countries.fields import Country

from indicators.models import Goal, NationalIndicator
from sdgportal.caching import per_data_version, per_data_version_in_process
from sdgportal.models import Citation, SourceDocument
from sdgportal.related_rows import RelatedRows


def goals_with_counts() -> QuerySet[Goal]:
    """The 17 goals, each with how many events, grants and national indicators work on it."""
    return Goal.objects.annotate(
        event_count=_rows_per_goal(Goal.events.through),
        grant_count=_rows_per_goal(Goal.grants.through),
        indicator_count=_rows_per_goal(NationalIndicator),
    ).order_by("number")


def _rows_per_goal(model: type[Model]) -> Coalesce:
    """How many rows of ``model`` name the goal: a count of its own, not a join with the
    other counts (events × grants × indicators of each goal)."""
    rows = (
        model.objects.filter(goal=OuterRef("number"))
        .order_by()
        .values("goal")
        .annotate(count=Count("*"))
        .values("count")
    )
    return Coalesce(Subquery(rows), 0)


@per_data_version
def goals_with_counts_listed() -> list[Goal]:
    """``goals_with_counts()`` read once per data version, for the home page."""
    return list(goals_with_counts())


def citations_prefetch() -> Prefetch:
    """A record's citations with their documents and articles, in one query per list."""
    return Prefetch("citations", queryset=Citation.objects.select_related("document", "article"))


def citation_rows(model: type[Model]) -> RelatedRows:
    """Each record's citations as rows: document, article, its address, its date, quote."""
    # The content type found by the query itself: building it reads nothing (schema checks).
    content_type = ContentType.objects.filter(
        app_label=model._meta.app_label, model=model._meta.model_name
    ).values("pk")
    citations = Citation.objects.filter(
        content_type=Subquery(content_type), object_id=OuterRef("pk")
    )
    return RelatedRows(
        citations,
        "document__name",
        "article__title",
        "article__url",
        "article__published_on",
        "quote",
    )


@per_data_version_in_process
def goals_by_number() -> dict[int, Goal]:
    """The 17 goals by number, for badges shown beside records that hold only the numbers."""
    return {goal.number: goal for goal in Goal.objects.order_by("number")}


def goal_choices() -> list[tuple[int, str]]:
    """(number, "16. Peace, justice and strong institutions") for a goal filter."""
    return _goal_choices_in(translation.get_language())


@per_data_version
def _goal_choices_in(language: str) -> list[tuple[int, str]]:
    with translation.override(language):
        return [(goal.number, f"{goal.number}. {goal.short_title}") for goal in Goal.objects.all()]


def source_counts() -> dict[str, int]:
    """How many news pages and national indicators the portal's data come from."""
    return {
        "news_count": SourceDocument.objects.filter(kind=SourceDocument.Kind.NEWS_PAGE).count(),
        "indicator_count": NationalIndicator.objects.count(),
    }


@per_data_version
def headline_figures() -> dict[str, int]:
    """How many events, organisations, grants and national indicators the portal holds."""
    from events.models import Event
    from organisations.models import Grant, Organisation

    return {
        "events": Event.objects.count(),
        "organisations": Organisation.objects.count(),
        "grants": Grant.objects.count(),
        "indicators": NationalIndicator.objects.count(),
    }


def country_choices(records: QuerySet) -> list[tuple[str, str]]:
    """(code, name) of the countries the records name, by name, for a country filter."""
    codes = records.exclude(country="").order_by().values_list("country", flat=True).distinct()
    return countries_named(codes)


def countries_named(codes: Iterable[str]) -> list[tuple[str, str]]:
    """(code, name) of the countries, by name in the active language, for a country filter."""
    countries = sorted((Country(code) for code in codes), key=lambda country: country.name)
    return [(country.code, country.name) for country in countries]


def records_by_content_type(
    ids: dict[int, Iterable[int]],
) -> dict[int, tuple[type[Model], dict[int, Model]]]:
    """Content type id → its model and the records named, by key: one query per type, the
    rows their names show (foreign keys) joined. Types whose model is gone, and records
    deleted since, are left out."""
    found = {}
    for content_type_id, pks in ids.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        parents = [field.name for field in model._meta.concrete_fields if field.many_to_one]
        records = model._default_manager.select_related(*parents).in_bulk(list(pks))
        found[content_type_id] = (model, records)
    return found
