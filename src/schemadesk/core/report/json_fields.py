"""Reading a manifest's JSON fields with their types checked: one error for every shape that
is not the format's."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from schemadesk.core.messages_reports import say

T = TypeVar("T")


class ManifestError(ValueError):
    """A manifest that does not have the shape of its format (a damaged or forged report)."""


def get(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    """``data[key]``, which must be there and of ``kind`` (a bool is no number)."""
    if key not in data:
        raise ManifestError(say("manifest-no-key", key=repr(key)))
    value = data[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _kinds(kind)):
        raise ManifestError(say("manifest-key-type", key=repr(key), type=type(value).__name__))
    return value


def _kinds(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


STR_OR_NONE = (str, type(None))
NUMBER = (int, float)
NUMBER_OR_NONE = (int, float, type(None))


def strings(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    """``data[key]``, a list of texts."""
    values = get(data, key, list)
    if not all(isinstance(v, str) for v in values):
        raise ManifestError(say("manifest-non-text", key=repr(key)))
    return tuple(values)


def objects(data: Mapping[str, Any], key: str, read: Callable[[Mapping[str, Any]], T]) -> list[T]:
    """``data[key]``, a list of JSON objects, each read by ``read``."""
    values = get(data, key, list)
    if not all(isinstance(v, Mapping) for v in values):
        raise ManifestError(say("manifest-non-object", key=repr(key)))
    return [read(v) for v in values]
