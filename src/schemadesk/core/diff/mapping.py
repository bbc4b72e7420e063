"""Which schema of A is compared with which of B, and how role names follow a renamed schema.

``--schema S`` pairs S with S; ``--map S=T`` pairs S of A with T of B; a pattern
(``--map 'tenant_*=template'`` or ``'template=tenant_*'``) pairs the one reference schema of A
with every schema of B the pattern matches ("which tenants drifted from the template?"). With
nothing given, every user schema is paired by name.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from schemadesk.core.diff.models import SchemaPair
from schemadesk.core.errors import ConfigError
from schemadesk.core.messages_config import say

_PATTERN_CHARS = frozenset("*?[")


def is_pattern(text: str) -> bool:
    return any(c in _PATTERN_CHARS for c in text)


@dataclass(frozen=True, slots=True)
class Mapping:
    """The pairs asked for, and the schemas only one side has when pairing by name."""

    pairs: tuple[SchemaPair, ...]
    only_a: tuple[str, ...] = ()
    only_b: tuple[str, ...] = ()


def parse_map(text: str) -> tuple[str, str]:
    """``S=T`` as ``(S, T)``; the error names the argument."""
    left, sep, right = text.partition("=")
    if not sep or not left or not right:
        raise ConfigError(say("map-form", text=repr(text)))
    if is_pattern(left) and is_pattern(right):
        raise ConfigError(say("map-two-patterns", text=repr(text)))
    return left, right


def pair_schemas(
    a: Sequence[str],
    b: Sequence[str],
    *,
    schemas: Iterable[str] = (),
    maps: Iterable[str] = (),
) -> Mapping:
    """The pairs to compare among A's schemas ``a`` and B's ``b`` (user schemas, in order)."""
    in_a, in_b = set(a), set(b)
    pairs: list[SchemaPair] = []
    for name in schemas:
        _exists(name, in_a, "--from")
        _exists(name, in_b, "--to")
        pairs.append(SchemaPair(name, name))
    for text in maps:
        left, right = parse_map(text)
        if is_pattern(left) or is_pattern(right):
            reference, pattern = (right, left) if is_pattern(left) else (left, right)
            _exists(reference, in_a, "--from")
            matched = [s for s in b if fnmatch.fnmatchcase(s, pattern) and s != reference]
            if not matched:
                raise ConfigError(say("map-no-match", text=repr(text), pattern=repr(pattern)))
            pairs.extend(SchemaPair(reference, s) for s in matched)
        else:
            _exists(left, in_a, "--from")
            _exists(right, in_b, "--to")
            pairs.append(SchemaPair(left, right))
    if pairs:
        return Mapping(tuple(dict.fromkeys(pairs)))
    return Mapping(
        tuple(SchemaPair(s, s) for s in a if s in in_b),
        tuple(s for s in a if s not in in_b),
        tuple(s for s in b if s not in in_a),
    )


def _exists(name: str, names: set[str], side: str) -> None:
    if name not in names:
        raise ConfigError(say("map-no-schema", name=repr(name), side=side))


def role_in_b(role: str, pair: SchemaPair) -> str:
    """The role of B that plays ``role``'s part for a renamed schema: ``tenant_a_rw`` of A is
    ``tenant_b_rw`` of B when tenant_a is compared with tenant_b (a role named after its schema,
    as the convention names them); any other role keeps its name."""
    if pair.source == pair.target:
        return role
    if role == pair.source:
        return pair.target
    if role.startswith(pair.source + "_"):
        return pair.target + role[len(pair.source) :]
    return role
