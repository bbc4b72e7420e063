"""``schemadesk check --json``: the findings' records as ``print_json`` writes them, byte for
byte, made faster for 50,000 of them and written a few hundred at a time.

``print_json`` masks every string in a walk of its own, then lets ``json.dumps`` indent (which
takes the pure-Python encoder: 34 MB at 10,000 schemas, a second in all). Here each string is
masked and encoded by the C encoder as it is reached, the indentation written around them;
``tests/access/test_check_print_work.py`` holds the text equal to ``print_json``'s."""

from __future__ import annotations

import sys
from json.encoder import encode_basestring
from typing import Any

from schemadesk.cli.common import print_json
from schemadesk.cli.output import json_safe
from schemadesk.core.secrets import mask_secrets

_CHUNK = 256  # records per write


class NotPlain(TypeError):
    """A value ``json.dumps`` would render some other way than this module knows."""


def print_records(records: list[dict[str, Any]]) -> None:
    """``print_json(records)``: the same text, written a few hundred records at a time."""
    try:
        chunks = records_chunks(records)
    except NotPlain:  # not a finding's record: json.dumps says it its own way
        print_json(records)
        return
    write_array(chunks)


def records_chunks(records: list[dict[str, Any]]) -> list[str]:
    """The records as ``print_json`` indents them inside its array, a few hundred per chunk
    (the chunks joined by ``",\\n  "``); ``NotPlain`` for a value this module cannot say."""
    chunks: list[str] = []
    for start in range(0, len(records), _CHUNK):
        parts = [_indented(r, 1) for r in records[start : start + _CHUNK]]
        chunks.append(json_safe(",\n  ".join(parts)))
    return chunks


def write_array(chunks: list[str]) -> None:
    """The JSON array of ``records_chunks``' chunks (of one or several runs), as
    ``print_json`` writes it."""
    if not chunks:
        sys.stdout.write("[]\n")
        return
    sys.stdout.write("[\n  " + chunks[0])
    for chunk in chunks[1:]:
        sys.stdout.write(",\n  " + chunk)
    sys.stdout.write("\n]\n")


def _indented(value: Any, level: int) -> str:
    """``value`` as ``json.dumps(masked(value), ensure_ascii=False, indent=2)`` writes it
    ``level`` deep (without the leading indentation)."""
    if isinstance(value, str):
        return encode_basestring(mask_secrets(value))
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return int.__repr__(value)
    inner = "\n" + "  " * (level + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = []
        for k, v in value.items():
            if not isinstance(k, str):
                raise NotPlain(k)
            items.append(encode_basestring(mask_secrets(k)) + ": " + _indented(v, level + 1))
        return "{" + inner + ("," + inner).join(items) + "\n" + "  " * level + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        items = [_indented(v, level + 1) for v in value]
        return "[" + inner + ("," + inner).join(items) + "\n" + "  " * level + "]"
    raise NotPlain(value)
