"""An indicator's metadata (Open SDG fields) as labelled facts for its page."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

FIELD_LABELS = {
    "indicator_definition": _("Definition"),
    "indicator_available": _("Indicator as available"),
    "customisation": _("Comparability with the global indicator"),
    "source_data": _("Data source"),
    "source_compilation": _("Compiled by"),
    "source_implementation": _("Responsible for the indicator"),
    "source_url": _("Source"),
    "un_custodian_agency": _("UN custodian agency"),
    "un_designated_tier": _("UN tier"),
    "availability": _("Availability"),
    "classification": _("Classification"),
    "goal_meta_link": _("UN metadata"),
}
# Shown as part of another field: the text of a link, or a link text whose address is missing.
PARTS_OF_OTHERS = re.compile(r"^(goal_meta_link_text|source_url_text(_\d+)?)$")
WEB_ADDRESS = re.compile(r"^https?://\S+$")
NUMBERED = re.compile(r"^(?P<field>.+?)_(?P<number>\d+)$")


@dataclass(frozen=True)
class MetadataFact:
    label: str
    text: str
    url: str = ""


def metadata_facts(metadata: dict[str, str]) -> list[MetadataFact]:
    """The fields in their order, labelled; the UN metadata link with its text."""
    facts = []
    for field, text in metadata.items():
        if PARTS_OF_OTHERS.match(field) or not str(text).strip():
            continue
        if field == "goal_meta_link" and WEB_ADDRESS.match(text):
            link_text = metadata.get("goal_meta_link_text") or text
            facts.append(MetadataFact(FIELD_LABELS[field], link_text, url=text))
            continue
        numbered = NUMBERED.match(field)
        base = numbered["field"] if numbered else field
        label = str(FIELD_LABELS.get(base) or base.replace("_", " ").capitalize())
        if numbered and numbered["number"] != "1":
            label = f"{label} {numbered['number']}"
        facts.append(MetadataFact(label, str(text)))
    return facts
