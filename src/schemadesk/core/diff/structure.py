"""Compare the structure of a pair of schemas on object details (core/objects): columns,
types, defaults, identity and generation, indexes, constraints, triggers, policies, views' and
functions' definitions, sequences' parameters, types and domains.

Pure. Names of A's schema inside A's texts (``sales_a.orders`` in an index definition) read
as B's schema's name, so that renamed tenants compare equal. Objects only on one side are
reported by the access comparison for relations and functions; here for types and domains.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from schemadesk.core.diff.mapping import role_in_b
from schemadesk.core.diff.models import Difference, SchemaPair
from schemadesk.core.diff.texts import NONE
from schemadesk.core.messages import Message
from schemadesk.core.objects.models import (
    AnyObject,
    Column,
    Domain,
    Function,
    MaterializedView,
    SchemaObjects,
    Sequence,
    Table,
    Type,
    View,
)
from schemadesk.core.sql_names import quoted_identifier

# The aspects compared, per part: (aspect label, attribute).
_COLUMN = (
    ("type", "type"),
    ("nullable", "nullable"),
    ("default", "default"),
    ("identity", "identity"),
    ("generated", "generated"),
    ("generation expression", "generated_expression"),
    ("collation", "collation"),
)
_OBJECT: dict[type, tuple[tuple[str, str], ...]] = {
    Table: (
        ("kind", "table_kind"),
        ("row level security", "rls_enabled"),
        ("forced row level security", "rls_forced"),
        ("partition key", "partition_key"),
        ("unlogged", "unlogged"),
        ("storage parameters", "options"),
    ),
    View: (("definition", "definition"), ("options", "options")),
    MaterializedView: (("definition", "definition"),),
    Sequence: (
        ("data type", "data_type"),
        ("start", "start"),
        ("increment", "increment"),
        ("minimum", "minimum"),
        ("maximum", "maximum"),
        ("cache", "cache"),
        ("cycle", "cycle"),
    ),
    Function: (
        ("result", "result"),
        ("language", "language"),
        ("security definer", "security_definer"),
        ("volatility", "volatility"),
        ("definition", "definition"),
    ),
    Type: (("kind", "type_kind"), ("labels", "labels"), ("subtype", "subtype")),
    Domain: (
        ("base type", "base_type"),
        ("default", "default"),
        ("nullable", "nullable"),
        ("collation", "collation"),
    ),
}


def value_text(value: Any) -> str:
    """A compared value as text: ``(none)`` for None, joined tuples, ``true``/``false``."""
    if value is None:
        return NONE
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ", ".join(value_text(v) for v in value) if value else NONE
    return str(value)


@dataclass(frozen=True)
class _Texts:
    """A's texts as B's: A's schema name in them read as B's."""

    pair: SchemaPair

    def __call__(self, value: Any) -> str:
        text = value_text(value)
        source, target = self.pair.source, self.pair.target
        if source == target:
            return text
        quoted_a = quoted_identifier(source) + "."
        quoted_b = quoted_identifier(target) + "."
        return text.replace(quoted_a, quoted_b).replace(source + ".", target + ".")


def compare_structure(a: SchemaObjects, b: SchemaObjects, pair: SchemaPair) -> Iterator[Difference]:
    """The structure differences of one pair of schemas."""
    texts = _Texts(pair)
    in_b: dict[tuple[str, str], AnyObject] = {(o.kind, o.signature): o for o in b.objects()}
    seen: set[tuple[str, str]] = set()
    for oa in a.objects():
        key = (oa.kind, oa.signature)
        seen.add(key)
        ob = in_b.get(key)
        if ob is None:
            if isinstance(oa, Type | Domain):
                yield _only_object(pair, oa, "A")
            continue
        yield from _object(pair, oa, ob, texts)
    for key, ob in in_b.items():
        if key not in seen and isinstance(ob, Type | Domain):
            yield _only_object(pair, ob, "B")


def _only_object(pair: SchemaPair, obj: AnyObject, side: str) -> Difference:
    schema = pair.source if side == "A" else pair.target
    name = f"{schema}.{obj.signature}"
    return Difference(
        "structure",
        pair,
        f"{obj.kind} {name}",
        Message("diff-object-only", {"kind": obj.kind, "name": name, "side": side}),
        name if side == "A" else None,
        name if side == "B" else None,
    )


def _subject(pair: SchemaPair, obj: AnyObject) -> dict[str, str]:
    name = f"{pair.target}.{obj.signature}"
    return {"subject": f"{obj.kind} {name}", "kind": obj.kind, "name": name}


def _object(pair: SchemaPair, oa: AnyObject, ob: AnyObject, texts: _Texts) -> Iterator[Difference]:
    subject = _subject(pair, ob)
    for aspect, attr in _OBJECT.get(type(ob), ()):
        va, vb = texts(getattr(oa, attr)), value_text(getattr(ob, attr))
        if va != vb:
            params = {**subject, "aspect": aspect, "a": va, "b": vb}
            yield Difference(
                "structure", pair, subject["subject"], Message("diff-structure", params), va, vb
            )
    columns_a: tuple[Column, ...] = getattr(oa, "columns", ()) or getattr(oa, "attributes", ())
    columns_b: tuple[Column, ...] = getattr(ob, "columns", ()) or getattr(ob, "attributes", ())
    yield from _parts(
        pair, subject, "column", a=_named(columns_a), b=_named(columns_b), aspects=_COLUMN,
        texts=texts,
    )  # fmt: skip
    for part, attr, aspects in (
        ("index", "indexes", (("definition", "definition"), ("valid", "valid"))),
        ("constraint", "constraints", (("definition", "definition"), ("validated", "validated"))),
        ("trigger", "triggers", (("definition", "definition"), ("state", "state"))),
    ):
        yield from _parts(
            pair, subject, part, a=_named(getattr(oa, attr, ())),
            b=_named(getattr(ob, attr, ())), aspects=aspects, texts=texts,
        )  # fmt: skip
    if isinstance(oa, Table) and isinstance(ob, Table):
        yield from _policies(pair, subject, oa, ob, texts)


def _named(items: tuple[Any, ...]) -> dict[str, Any]:
    return {item.name: item for item in items}


def _parts(
    pair: SchemaPair,
    subject: dict[str, str],
    part: str,
    *,
    a: Mapping[str, Any],
    b: Mapping[str, Any],
    aspects: tuple[tuple[str, str], ...],
    texts: _Texts,
) -> Iterator[Difference]:
    for name in sorted(a.keys() | b.keys()):
        pa, pb = a.get(name), b.get(name)
        if pa is None or pb is None:
            side = "A" if pa is not None else "B"
            params = {**subject, "part": part, "part_name": name, "side": side}
            yield Difference(
                "structure",
                pair,
                subject["subject"],
                Message("diff-structure-only", params),
                name if pa is not None else None,
                name if pb is not None else None,
            )
            continue
        for aspect, attr in aspects:
            va, vb = texts(getattr(pa, attr)), value_text(getattr(pb, attr))
            if va != vb:
                params = {**subject, "part": part, "part_name": name, "aspect": aspect}
                yield Difference(
                    "structure",
                    pair,
                    subject["subject"],
                    Message("diff-structure-part", {**params, "a": va, "b": vb}),
                    va,
                    vb,
                )


def _policies(
    pair: SchemaPair, subject: dict[str, str], oa: Table, ob: Table, texts: _Texts
) -> Iterator[Difference]:
    def roles_b(roles: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted(role_in_b(r, pair) if r else "PUBLIC" for r in roles))

    @dataclass(frozen=True)
    class _P:
        name: str
        command: str
        permissive: bool
        roles: tuple[str, ...]
        using: str | None
        with_check: str | None

    def roles_of_b(roles: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted(r or "PUBLIC" for r in roles))

    a = {
        p.name: _P(p.name, p.command, p.permissive, roles_b(p.roles), p.using, p.with_check)
        for p in oa.policies
    }
    b = {
        p.name: _P(p.name, p.command, p.permissive, roles_of_b(p.roles), p.using, p.with_check)
        for p in ob.policies
    }
    aspects = (
        ("command", "command"),
        ("permissive", "permissive"),
        ("roles", "roles"),
        ("using", "using"),
        ("with check", "with_check"),
    )
    yield from _parts(pair, subject, "policy", a=a, b=b, aspects=aspects, texts=texts)
