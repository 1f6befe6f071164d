"""JSON parsing that turns hostile bodies into 400s rather than 500s."""
from __future__ import annotations

import re

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32
# JSON's \uXXXX escapes can spell half of a UTF-16 pair alone; Python keeps it as a lone
# surrogate that no database, log or encoder takes, so it fails wherever it lands later.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _check(value, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise ParseError(f"JSON nested more than {MAX_DEPTH} levels deep.")
    if isinstance(value, str):
        if "\x00" in value:
            raise ParseError("Text may not contain NUL characters.")
        if _SURROGATE.search(value):
            raise ParseError("Text may not contain unpaired UTF-16 surrogates.")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check(key, depth + 1)
            _check(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check(item, depth + 1)


class SafeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError(f"JSON nested more than {MAX_DEPTH} levels deep.") from exc
        _check(data)
        return data
