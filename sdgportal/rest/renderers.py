"""JSON written by orjson: the same bytes as DRF's renderer, several times faster."""

import orjson
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

# Dates, times and dataclasses go through DRF's encoder (orjson would write them its own way),
# as do the types orjson does not know: Decimal, lazy translations, querysets.
OPTIONS = (
    orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
)
LINE_SEPARATOR = "\u2028".encode()
PARAGRAPH_SEPARATOR = "\u2029".encode()


class FastJSONRenderer(JSONRenderer):
    """DRF's compact UTF-8 JSON; indented JSON (``; indent=4``) is left to DRF."""

    def render(
        self,
        data: object,
        accepted_media_type: str | None = None,
        renderer_context: dict | None = None,
    ) -> bytes:
        indent = self.get_indent(accepted_media_type, renderer_context or {})
        if data is None or indent is not None or self.ensure_ascii or not self.compact:
            return super().render(data, accepted_media_type, renderer_context)
        try:
            text = orjson.dumps(data, default=JSONEncoder().default, option=OPTIONS)
        except orjson.JSONEncodeError:  # e.g. an integer over 64 bits: DRF writes or refuses it
            return super().render(data, accepted_media_type, renderer_context)
        # As DRF: escaped, so that the JSON is also valid JavaScript.
        return text.replace(LINE_SEPARATOR, b"\\u2028").replace(PARAGRAPH_SEPARATOR, b"\\u2029")
