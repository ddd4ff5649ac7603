"""Import a national SDG data repository: indicators, their series, regions and sources.

Each indicator is written in its own transaction, so a file that cannot be read or saved
leaves that indicator as it was and the others imported. A bad translation or boundary file,
which every indicator depends on, stops the import before it writes anything. Records are
compared before they are written: a re-run that finds nothing new changes no row, and a changed
value in a CSV updates exactly that observation.
"""

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils import timezone

from indicators import codes
from indicators.models import (
    Dimension,
    DimensionValue,
    GlobalIndicator,
    IndicatorOrganisation,
    NationalIndicator,
    Observation,
    Region,
    Target,
    is_headline,
)
from indicators.open_sdg import (
    LANGUAGES,
    UNIT_COLUMN,
    BadFile,
    DimensionData,
    IndicatorData,
    RegionData,
    Repository,
    SourceMention,
    relative_path,
)
from indicators.responsible import SourceDirectory, SourceName, is_state_body
from indicators.services import LoadSummary, translated, update_fields
from organisations.models import Organisation, Sector
from sdgportal.caching import note_data_change
from sdgportal.history import imported_from
from sdgportal.importing.load import NameIndex, unique_slug
from sdgportal.importing.organisations import known_acronym
from sdgportal.models import Citation, ReviewStatus, SourceDocument

DATASET = "sdg-data-kazstat"
CODE_LENGTH, VALUE_CODE_LENGTH = 50, 100  # of regions and disaggregations, of their values


@dataclass
class NationalImportSummary(LoadSummary):
    """What an import found, wrote, left alone and skipped."""

    found: int = 0
    deleted: Counter[str] = field(default_factory=Counter)
    skipped_indicators: list[BadFile] = field(default_factory=list)
    skipped_files: list[BadFile] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.found - len(self.skipped_indicators)

    @property
    def skipped(self) -> list[BadFile]:
        return self.skipped_indicators + self.skipped_files

    @property
    def changed(self) -> bool:
        return super().changed or bool(self.deleted.total())

    def add(self, other: "NationalImportSummary") -> None:
        """Count what another summary counted (one indicator's, once it is committed)."""
        for outcome in ("created", "updated", "unchanged", "deleted"):
            getattr(self, outcome).update(getattr(other, outcome))


def import_national_data(
    repository: Repository, *, progress: Callable[[str], None] | None = None
) -> NationalImportSummary:
    """Import every indicator of the repository; bad files of an indicator are skipped and
    listed. Raises :class:`BadFile`, having written nothing, for a bad translation or boundary
    file."""
    summary = NationalImportSummary()
    regions, dimensions = repository.regions(), repository.dimensions()
    with transaction.atomic(), imported_from(DATASET):
        _load_regions(regions, summary)
        _load_dimensions(dimensions, summary)
    directory = SourceDirectory(repository.source_statements())
    writer = _IndicatorWriter(directory)
    for file_id in repository.indicator_ids():
        summary.found += 1
        try:
            data = repository.read_indicator(file_id)
        except BadFile as problem:
            summary.skipped_indicators.append(problem)
            continue
        outcome = NationalImportSummary()
        try:
            with transaction.atomic():
                writer.write(data, outcome)
        except DatabaseError as error:
            writer = _IndicatorWriter(directory)  # the old one remembers rolled-back rows
            where = data.data_file or Path(f"indicator-config/{file_id}.yml")
            reason = f"could not be saved ({' '.join(str(error).split())})"
            summary.skipped_indicators.append(BadFile(relative_path(where), reason))
            continue
        summary.add(outcome)
        summary.notes += [(data.code, note) for note in data.notes]
        if progress:
            progress(data.code)
    summary.skipped_files = list(repository.problems)
    note_data_change()  # observations are written in bulk, without signals
    return summary


def _load_regions(parsed_regions: list[RegionData], summary: NationalImportSummary) -> None:
    regions = {region.code: region for region in Region.objects.all()}
    for parsed in parsed_regions:
        code = parsed.code[:CODE_LENGTH]  # found again by what the column keeps of it
        values = translated("name", _all_languages(parsed.names, limit=200)) | {
            "boundary_code": parsed.boundary_code[:20],
            "boundary": parsed.boundary,
        }
        if code in regions:
            summary.count("regions", update_fields(regions[code], values))
        else:
            regions[code] = Region.objects.create(code=code, **values)
            summary.count("regions", "created")


def _load_dimensions(
    parsed_dimensions: list[DimensionData], summary: NationalImportSummary
) -> None:
    dimensions = {dimension.code: dimension for dimension in Dimension.objects.all()}
    values = {
        (value.dimension.code, value.code): value
        for value in DimensionValue.objects.select_related("dimension")
    }
    untranslated = set(values)
    for parsed in parsed_dimensions:
        dimension_code = parsed.code[:CODE_LENGTH]
        names = translated("name", _all_languages(parsed.names, limit=200))
        if dimension_code in dimensions:
            summary.count("disaggregations", update_fields(dimensions[dimension_code], names))
        else:
            dimensions[dimension_code] = Dimension.objects.create(code=dimension_code, **names)
            summary.count("disaggregations", "created")
        for code, labels in sorted(parsed.labels.items()):
            key = (dimension_code, code[:VALUE_CODE_LENGTH])
            fields = translated("label", _all_languages(labels, limit=500))
            untranslated.discard(key)
            if key in values:
                summary.count("disaggregation values", update_fields(values[key], fields))
            else:
                values[key] = DimensionValue.objects.create(
                    dimension=dimensions[dimension_code], code=key[1], **fields
                )
                summary.count("disaggregation values", "created")
    # Codes the data use without a label in the translations.
    summary.unchanged["disaggregation values"] += len(untranslated)


class _IndicatorWriter:
    """Writes one indicator at a time, with what all indicators share read once."""

    def __init__(self, directory: SourceDirectory) -> None:
        self.directory = directory
        self.summary = NationalImportSummary()
        self.regions = dict(Region.objects.values_list("code", "pk"))
        self.dimension_values = {
            (dimension, code): pk
            for pk, dimension, code in DimensionValue.objects.values_list(
                "pk", "dimension__code", "code"
            )
        }
        self.names = NameIndex()
        self.indicators = {
            indicator.code: indicator
            for indicator in NationalIndicator.objects.prefetch_related("targets")
        }
        self.targets = dict(Target.objects.values_list("code", "pk"))
        self.global_indicators = dict(GlobalIndicator.objects.values_list("code", "pk"))
        self.documents = {
            document.name: document
            for document in SourceDocument.objects.filter(name__startswith=f"{DATASET}/")
        }

    def write(self, data: IndicatorData, summary: NationalImportSummary) -> None:
        """Write one indicator, counting what changed in ``summary``."""
        self.summary = summary
        document = self._document(data)
        with imported_from(document.name):
            indicator = self._indicator(data, document)
            self._responsibilities(indicator, data.sources, document)
            self._observations(indicator, data, document)

    def _document(self, data: IndicatorData) -> SourceDocument:
        main_file = data.data_file or (data.files[0] if data.files else None)
        name = f"{DATASET}/{relative_path(main_file)}" if main_file else f"{DATASET}/{data.code}"
        values = {
            "kind": SourceDocument.Kind.DATASET,
            "title": f"{data.code} {data.titles.get('en') or next(iter(data.titles.values()))}"[
                :500
            ],
            "sha256": data.sha256,
        }
        document = self.documents.get(name)
        if document is None:
            document = SourceDocument.objects.create(
                name=name, imported_at=timezone.now(), **values
            )
            self.documents[name] = document
        elif document.sha256 != data.sha256 or document.title != values["title"]:
            update_fields(document, values | {"imported_at": timezone.now()})
        return document

    def _indicator(self, data: IndicatorData, document: SourceDocument) -> NationalIndicator:
        global_code = ".".join(data.code.split(".")[:3])
        values = (
            translated("title", _all_languages(data.titles, limit=10_000))
            | translated("unit", _all_languages(data.units, limit=200))
            | {
                "goal_id": codes.goal_of(data.code),
                "chart_type": data.chart_type,
                "reporting_status": data.reporting_status,
                "metadata": data.metadata,
                "global_indicator_id": self.global_indicators.get(global_code),
                "document_id": document.pk,
            }
        )
        indicator = self.indicators.get(data.code)
        if indicator is None:
            indicator = NationalIndicator(code=data.code, **values)
            indicator.save()
            self.indicators[data.code] = indicator
            self.summary.count("indicators", "created")
        else:
            self.summary.count("indicators", update_fields(indicator, values))
        target = self.targets.get(codes.target_of(data.code))
        wanted = {target} if target else set()
        if {target.pk for target in indicator.targets.all()} != wanted:
            indicator.targets.set(wanted)
        return indicator

    def _responsibilities(
        self, indicator: NationalIndicator, sources: list[SourceMention], document: SourceDocument
    ) -> None:
        wanted = set()
        for mention in sources:
            quote = mention.texts.get("en") or next(iter(mention.texts.values()))
            for source in self.directory.resolve(mention.texts):
                organisation_id = self._organisation(source, document, quote)
                wanted.add((organisation_id, mention.role))
        existing = {
            (organisation_id, role): pk
            for pk, organisation_id, role in indicator.responsibilities.values_list(
                "pk", "organisation_id", "role"
            )
        }
        stale = [pk for key, pk in existing.items() if key not in wanted]
        if stale:
            IndicatorOrganisation.objects.filter(pk__in=stale).delete()
            self.summary.deleted["responsible organisations"] += len(stale)
        new = sorted(wanted - existing.keys())
        IndicatorOrganisation.objects.bulk_create(
            IndicatorOrganisation(indicator=indicator, organisation_id=pk, role=role)
            for pk, role in new
        )
        self.summary.created["responsible organisations"] += len(new)
        self.summary.unchanged["responsible organisations"] += len(wanted) - len(new)

    def _organisation(self, source: SourceName, document: SourceDocument, quote: str) -> int:
        known = known_acronym(source.name)
        acronym, name = known if known else ("", source.name)
        found = self.names.organisation(name, acronym)
        if found is not None:
            return found.pk
        if known:
            sector = Sector.INTERNATIONAL
        else:
            sector = Sector.STATE if is_state_body(name) else Sector.OTHER
        organisation = Organisation.objects.create(
            name=name[:300],
            slug=unique_slug(Organisation, acronym or name),
            acronym=acronym,
            aliases=[alias for alias in source.aliases if alias != name],
            sector=sector,
            country="KZ" if sector == Sector.STATE else "",
            review_status=ReviewStatus.IMPORTED,
        )
        Citation.objects.create(record=organisation, document=document, quote=quote)
        self.names.remember(organisation)
        self.summary.count("organisations", "created")
        return organisation.pk

    def _observations(
        self, indicator: NationalIndicator, data: IndicatorData, document: SourceDocument
    ) -> None:
        existing = {}
        rows = Observation.objects.filter(indicator=indicator, article__isnull=True)
        for observation in rows.only(
            "pk", "year", "unit", "region_id", "disaggregation", "value", "document_id"
        ):
            key = _series_key(
                observation.year,
                observation.unit,
                observation.region_id,
                observation.disaggregation,
            )
            existing[key] = observation
        new, changed = [], []
        wanted = set()
        for row in data.rows:
            region_id = self._region(row.region) if row.region else None
            breakdown = dict(row.disaggregation)
            self._remember_codes(row.unit, breakdown)
            key = _series_key(row.year, row.unit, region_id, breakdown)
            wanted.add(key)
            current = existing.get(key)
            if current is None:
                new.append(
                    Observation(
                        indicator=indicator,
                        goal_id=indicator.goal_id,
                        year=row.year,
                        value=row.value,
                        unit=row.unit,
                        region_id=region_id,
                        disaggregation=breakdown,
                        document=document,
                        is_headline=is_headline(region_id, breakdown),
                    )
                )
            elif not _same_value(current.value, row.value) or current.document_id != document.pk:
                current.value, current.document_id = row.value, document.pk
                changed.append(current)
        stale = [observation.pk for key, observation in existing.items() if key not in wanted]
        if stale:
            Observation.objects.filter(pk__in=stale).delete()
        Observation.objects.bulk_create(new, batch_size=1000)
        Observation.objects.bulk_update(changed, ["value", "document"], batch_size=1000)
        self.summary.created["observations"] += len(new)
        self.summary.updated["observations"] += len(changed)
        self.summary.deleted["observations"] += len(stale)
        self.summary.unchanged["observations"] += len(data.rows) - len(new) - len(changed)

    def _region(self, code: str) -> int:
        """The region with this code, created without a name if the translations lack it."""
        if code not in self.regions:
            self.regions[code] = Region.objects.create(code=code).pk
            self.summary.count("regions", "created")
        return self.regions[code]

    def _remember_codes(self, unit: str, breakdown: dict[str, str]) -> None:
        """Every code the data use has a disaggregation value, labelled or not."""
        for dimension, code in ((UNIT_COLUMN, unit), *breakdown.items()):
            if code and (dimension, code) not in self.dimension_values:
                parent, created = Dimension.objects.get_or_create(code=dimension)
                if created:
                    self.summary.count("disaggregations", "created")
                value = DimensionValue.objects.create(dimension=parent, code=code)
                self.dimension_values[dimension, code] = value.pk
                self.summary.count("disaggregation values", "created")


def _series_key(
    year: int, unit: str, region_id: int | None, breakdown: dict[str, str]
) -> tuple[int, str, int | None, str]:
    return (year, unit, region_id, json.dumps(breakdown, sort_keys=True))


def _same_value(stored: Decimal, read: Decimal) -> bool:
    """Equal as far as the database keeps them: SQLite keeps 15 significant digits."""
    return stored == read or f"{stored:.15g}" == f"{read:.15g}"


def _all_languages(texts: dict[str, str], limit: int) -> dict[str, str]:
    """Text per language with '' for a language the source lacks, so a removed text is cleared."""
    return {lang: texts.get(lang, "")[:limit] for lang in LANGUAGES}
