"""What each tab of the object details shows, as rows of text (the window's language).

Pure functions over the core models: the view only puts them into tables. Names, types and
expressions stay as the catalog has them; control characters are shown as escapes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale

from schemadesk.core.objects.grants import PUBLIC_ROW, Holder
from schemadesk.core.objects.models import (
    AnyObject,
    Column,
    Domain,
    Function,
    MaterializedView,
    Table,
    Type,
    View,
)
from schemadesk.core.objects.models import (
    Sequence as SequenceModel,
)
from schemadesk.core.terminal_text import visible_line
from schemadesk.ui.core_texts import reason_text
from schemadesk.ui.core_texts.fill import translate

Rows = list[tuple[str, ...]]


def kind_text(kind: str) -> str:
    """An object's kind in the window's language."""
    texts = {
        "table": translate("ObjectDetails", "table"),
        "partitioned table": translate("ObjectDetails", "partitioned table"),
        "foreign table": translate("ObjectDetails", "foreign table"),
        "view": translate("ObjectDetails", "view"),
        "materialized view": translate("ObjectDetails", "materialized view"),
        "sequence": translate("ObjectDetails", "sequence"),
        "function": translate("ObjectDetails", "function"),
        "procedure": translate("ObjectDetails", "procedure"),
        "aggregate": translate("ObjectDetails", "aggregate"),
        "window": translate("ObjectDetails", "window function"),
        "type": translate("ObjectDetails", "type"),
        "domain": translate("ObjectDetails", "domain"),
    }
    return texts.get(kind, kind)


def group_text(kind: str, count: int) -> str:
    """The heading of a kind in the object tree, with its count."""
    texts = {
        "tables": translate("ObjectDetails", "Tables (%1)"),
        "views": translate("ObjectDetails", "Views (%1)"),
        "materialized_views": translate("ObjectDetails", "Materialized views (%1)"),
        "sequences": translate("ObjectDetails", "Sequences (%1)"),
        "functions": translate("ObjectDetails", "Functions and procedures (%1)"),
        "types": translate("ObjectDetails", "Types (%1)"),
        "domains": translate("ObjectDetails", "Domains (%1)"),
    }
    return texts[kind].replace("%1", str(count))


def size_text(n: int | None) -> str:
    """kB, MB as pg_size_pretty counts them (powers of 1024), in the window's language."""
    if n is None:
        return ""
    if n < 1024:
        return translate("ObjectDetails", "%1 bytes").replace("%1", str(n))
    traditional = QLocale.DataSizeFormat.DataSizeTraditionalFormat
    return QLocale().formattedDataSize(n, 1, traditional)


def _yes(flag: bool) -> str:
    return translate("ObjectDetails", "yes") if flag else translate("ObjectDetails", "no")


def column_rows(columns: Sequence[Column]) -> Rows:
    """#, name, type, nullable, default (identity / generated), collation, column privileges
    (aclitem text: ``reader=r/owner``), comment."""
    rows: Rows = []
    for c in columns:
        default = c.default or ""
        if c.identity is not None:
            default = (
                translate("ObjectDetails", "identity, always")
                if c.identity == "always"
                else translate("ObjectDetails", "identity, by default")
            )
        elif c.generated is not None:
            how = (
                translate("ObjectDetails", "stored")
                if c.generated == "stored"
                else translate("ObjectDetails", "virtual")
            )
            default = (
                translate("ObjectDetails", "generated (%1): %2")
                .replace("%1", how)
                .replace("%2", c.generated_expression or "")
            )
        name = c.name + (" " + translate("ObjectDetails", "(inherited)") if c.inherited else "")
        rows.append(
            (
                str(c.position),
                name,
                c.type,
                _yes(c.nullable),
                default,
                ".".join(c.collation) if c.collation else "",
                ", ".join(item.to_text() for item in c.acl),
                c.comment or "",
            )
        )
    return [tuple(visible_line(cell) for cell in row) for row in rows]


def index_rows(obj: AnyObject) -> Rows:
    indexes = obj.indexes if isinstance(obj, Table | MaterializedView) else ()
    return [
        (
            visible_line(i.name),
            size_text(i.size_bytes),
            _yes(i.valid),
            visible_line(i.constraint or ""),
            visible_line(i.definition),
        )
        for i in indexes
    ]


def constraint_rows(obj: AnyObject) -> Rows:
    constraints = obj.constraints if isinstance(obj, Table | Domain) else ()
    kinds = {
        "primary key": translate("ObjectDetails", "primary key"),
        "unique": translate("ObjectDetails", "unique"),
        "foreign key": translate("ObjectDetails", "foreign key"),
        "check": translate("ObjectDetails", "check"),
        "exclusion": translate("ObjectDetails", "exclusion"),
    }
    return [
        (
            visible_line(c.name),
            kinds[c.kind] + ("" if c.local else " " + translate("ObjectDetails", "(inherited)")),
            visible_line(c.definition),
        )
        for c in constraints
    ]


def trigger_rows(obj: AnyObject) -> Rows:
    triggers = obj.triggers if isinstance(obj, Table | View) else ()
    states = {
        "enabled": translate("ObjectDetails", "enabled"),
        "disabled": translate("ObjectDetails", "disabled"),
        "replica": translate("ObjectDetails", "replica only"),
        "always": translate("ObjectDetails", "always"),
    }
    return [(visible_line(t.name), states[t.state], visible_line(t.definition)) for t in triggers]


def policy_rows(obj: AnyObject) -> Rows:
    policies = obj.policies if isinstance(obj, Table) else ()
    return [
        (
            visible_line(p.name),
            p.command,
            translate("ObjectDetails", "permissive")
            if p.permissive
            else translate("ObjectDetails", "restrictive"),
            visible_line(", ".join(r or "PUBLIC" for r in p.roles)),
            visible_line(p.using or ""),
            visible_line(p.with_check or ""),
        )
        for p in policies
    ]


def grant_rows(holders: Sequence[Holder]) -> Rows:
    """Role, privileges, why: the rights a role holds for the same reasons share a row
    (``SELECT, INSERT | direct grant``); PUBLIC for a grant to every role."""
    out: Rows = []
    for h in holders:
        grouped: dict[str, list[str]] = {}
        for p in h.privileges:
            if p.held:
                why = visible_line("; ".join(reason_text(r) for r in p.reasons))
                if p.grantable:
                    why += " · " + translate("ObjectDetails", "with grant option")
                grouped.setdefault(why, []).append(p.privilege)
        role = "PUBLIC" if h.role == PUBLIC_ROW else visible_line(h.role)
        out += [(role, ", ".join(rights), why) for why, rights in grouped.items()]
    return out


def facts(obj: AnyObject) -> list[tuple[str, str]]:
    """Label and value lines above the tabs (empty values left out)."""
    out: list[tuple[str, str]] = [
        (translate("ObjectDetails", "Owner"), obj.owner),
        (translate("ObjectDetails", "Comment"), obj.comment or ""),
    ]
    if isinstance(obj, Table):
        rows = (
            ""
            if obj.rows_estimate is None
            else translate("ObjectDetails", ", about %1 rows").replace("%1", str(obj.rows_estimate))
        )
        rls = ""
        if obj.rls_enabled:
            rls = (
                translate("ObjectDetails", "enabled, forced for the owner too")
                if obj.rls_forced
                else translate("ObjectDetails", "enabled")
            )
        out += [
            (translate("ObjectDetails", "Size"), size_text(obj.size_bytes) + rows),
            (translate("ObjectDetails", "Partition key"), obj.partition_key or ""),
            (
                translate("ObjectDetails", "Partition of"),
                ".".join(obj.partition_of) if obj.partition_of else "",
            ),
            (translate("ObjectDetails", "Bounds"), obj.partition_bound or ""),
            (translate("ObjectDetails", "Inherits"), ", ".join(".".join(p) for p in obj.inherits)),
            (translate("ObjectDetails", "Row-level security"), rls),
            (
                translate("ObjectDetails", "Unlogged"),
                translate("ObjectDetails", "yes") if obj.unlogged else "",
            ),
            (translate("ObjectDetails", "Foreign server"), obj.server or ""),
        ]
    elif isinstance(obj, MaterializedView):
        out += [
            (translate("ObjectDetails", "Size"), size_text(obj.size_bytes)),
            (translate("ObjectDetails", "Populated"), _yes(obj.populated)),
        ]
    elif isinstance(obj, SequenceModel):
        out += [
            (translate("ObjectDetails", "Type"), obj.data_type),
            (translate("ObjectDetails", "Start, increment"), f"{obj.start}, {obj.increment}"),
            (translate("ObjectDetails", "Range"), f"{obj.minimum} … {obj.maximum}"),
            (translate("ObjectDetails", "Cache, cycle"), f"{obj.cache}, {_yes(obj.cycle)}"),
            (
                translate("ObjectDetails", "Owned by"),
                ".".join(obj.owned_by) if obj.owned_by else "",
            ),
        ]
    elif isinstance(obj, Function):
        out += [
            (translate("ObjectDetails", "Returns"), obj.result or ""),
            (translate("ObjectDetails", "Language"), obj.language),
            (translate("ObjectDetails", "Volatility"), obj.volatility),
            (
                translate("ObjectDetails", "Security definer"),
                translate("ObjectDetails", "yes") if obj.security_definer else "",
            ),
        ]
    elif isinstance(obj, Type):
        out += [
            (translate("ObjectDetails", "Labels"), ", ".join(obj.labels)),
            (translate("ObjectDetails", "Subtype"), obj.subtype or ""),
        ]
    elif isinstance(obj, Domain):
        out += [
            (translate("ObjectDetails", "Base type"), obj.base_type),
            (translate("ObjectDetails", "Default"), obj.default or ""),
            (
                translate("ObjectDetails", "Not null"),
                "" if obj.nullable else translate("ObjectDetails", "yes"),
            ),
        ]
    elif isinstance(obj, View):
        out.append((translate("ObjectDetails", "Options"), ", ".join(obj.options)))
    return [(label, visible_line(value)) for label, value in out if value]
