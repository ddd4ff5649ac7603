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
# The texts of links, shown with their address; alone they say nothing ("Link to source").
LINK_TEXTS = re.compile(r"^(goal_meta_link_text|source_url_text(_\d+)?)$")
WEB_ADDRESS = re.compile(r"^https?://\S+$")
NUMBERED = re.compile(r"^(?P<field>.+?)_(?P<number>\d+)$")


@dataclass(frozen=True)
class MetadataFact:
    label: str
    text: str
    url: str = ""


def metadata_facts(metadata: dict[str, str]) -> list[MetadataFact]:
    """The fields in their order, labelled; web addresses as links with their texts."""
    facts = []
    for field, text in metadata.items():
        text = str(text)
        if LINK_TEXTS.match(field) or not text.strip():
            continue
        numbered = NUMBERED.match(field)
        base = numbered["field"] if numbered else field
        label = str(FIELD_LABELS.get(base) or base.replace("_", " ").capitalize())
        if numbered and numbered["number"] != "1":
            label = f"{label} {numbered['number']}"
        if WEB_ADDRESS.match(text) and base in {"goal_meta_link", "source_url"}:
            link_text = metadata.get(_link_text_field(field)) or text
            facts.append(MetadataFact(label, str(link_text), url=text))
        else:
            facts.append(MetadataFact(label, text))
    return facts


def _link_text_field(field: str) -> str:
    """goal_meta_link → goal_meta_link_text; source_url_2 → source_url_text_2."""
    base, _underscore, number = field.rpartition("_")
    return f"{base}_text_{number}" if number.isdigit() else f"{field}_text"
