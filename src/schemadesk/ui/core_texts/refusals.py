"""Why a change set is refused before anything runs (core/access/guards.py), by code."""

from __future__ import annotations

from collections.abc import Callable

from schemadesk.ui.core_texts.fill import translate

REFUSAL_TEXTS: dict[str, Callable[[], str]] = {
    "system-schema": lambda: translate(
        "CoreText",
        "{schema} is a system schema (pg_*, information_schema): schemadesk changes neither "
        "its owner nor its rights, on which every role relies",
    ),
    "name-too-long": lambda: translate(
        "CoreText",
        "name {name} is {size} bytes long; PostgreSQL keeps only the first {limit} bytes of a "
        "name and would silently create a different one: choose a shorter name",
    ),
    "refusals": lambda: "{items}",  # each refusal translated on its own, joined by "; "
}
