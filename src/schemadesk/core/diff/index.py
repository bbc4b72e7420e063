"""Lookups a comparison needs that the catalog does not keep: default privileges by schema,
and the role pairs of a set of schema pairs. Built once per catalog (a 2,000-schema catalog
would otherwise be walked once per schema), kept for the last few catalogs compared."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from schemadesk.core.access.models import Catalog, DefaultPrivilege

T = TypeVar("T")
_KEPT = 4
# (id of the catalogs, what) -> (the catalogs, kept alive so that no id is reused, the value)
_CACHE: dict[tuple[tuple[int, ...], Hashable], tuple[tuple[Catalog, ...], object]] = {}


def cached(catalogs: tuple[Catalog, ...], what: Hashable, build: Callable[[], T]) -> T:
    """``build()`` once for these very catalogs (by identity, never by value: hashing a catalog
    would walk all of it)."""
    key = (tuple(id(c) for c in catalogs), what)
    found = _CACHE.get(key)
    if found is not None and all(x is y for x, y in zip(found[0], catalogs, strict=True)):
        return found[1]  # type: ignore[return-value]
    value = build()
    if len(_CACHE) >= _KEPT * 2:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = (catalogs, value)
    return value


def defaults_by_schema(catalog: Catalog) -> dict[str | None, list[DefaultPrivilege]]:
    """The catalog's default privileges by schema (None: the global entries)."""

    def build() -> dict[str | None, list[DefaultPrivilege]]:
        out: dict[str | None, list[DefaultPrivilege]] = {}
        for d in catalog.default_privileges:
            out.setdefault(d.schema, []).append(d)
        return out

    return cached((catalog,), "defaults", build)
