"""Write what a document's import produced as a Django fixture: JSON, natural keys, stable order.

The same records give the same bytes: a re-import that changes nothing leaves the files as they
are (timestamps included, as nothing is saved). ``manage.py loaddata`` reproduces the records,
with their keys, in an empty database.
"""

from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import models

from events.models import Event, EventOrganisation, EventSpeaker
from indicators.models import Observation
from organisations.models import Grant, Organisation, Person, Position
from sdgportal.models import Article, Citation, SourceDocument

# Parents before children, so that loaddata meets every reference after its target.
MODELS: tuple[type[models.Model], ...] = (
    SourceDocument,
    Article,
    Organisation,
    Person,
    Position,
    Event,
    EventOrganisation,
    EventSpeaker,
    Grant,
    Observation,
    Citation,
)


def document_fixture(document: SourceDocument) -> str:
    """The document, its articles and every record they cite, as fixture JSON."""
    citations = Citation.objects.filter(document=document)
    cited: dict[type[models.Model], set[int]] = {}
    for content_type_id, object_id in citations.values_list("content_type_id", "object_id"):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        cited.setdefault(model, set()).add(object_id)
    events = cited.get(Event, set())
    selections = {
        SourceDocument: SourceDocument.objects.filter(pk=document.pk),
        Article: Article.objects.filter(document=document),
        Observation: Observation.objects.filter(document=document),
        Citation: citations,
        EventOrganisation: EventOrganisation.objects.filter(event__in=events),
        EventSpeaker: EventSpeaker.objects.filter(event__in=events),
    }
    objects = []
    for model in MODELS:
        queryset = selections.get(model, model._default_manager.filter(pk__in=cited.get(model, ())))
        objects.extend(queryset.order_by("pk"))
    return serializers.serialize("json", objects, indent=2, use_natural_foreign_keys=True) + "\n"


def write_document_fixture(document: SourceDocument, directory: Path) -> Path:
    """Write the fixture to ``directory/<document name>.json``; unchanged bytes stay untouched."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{Path(document.name).stem}.json"
    content = document_fixture(document)
    if not path.exists() or path.read_text(encoding="utf-8") != content:
        path.write_text(content, encoding="utf-8")
    return path
