"""Why a role holds a right (core/access/effective.py), built from the reason's parts."""

from __future__ import annotations

from schemadesk.core.access.effective import EffectivePrivilege, Reason
from schemadesk.core.access.matrix import MatrixCell
from schemadesk.ui.core_texts.fill import translate


def reason_text(reason: Reason) -> str:
    """``via membership app → team (granted by alice)``, as core words it, in the window's
    language (built from the reason's parts, not from core's English line)."""
    path = " → ".join(reason.chain)
    by = (
        " " + translate("CoreText", "(granted by {role})").replace("{role}", reason.grantor)
        if reason.grantor
        else ""
    )
    if reason.kind == "superuser":
        return translate("CoreText", "as superuser")
    if reason.kind == "public":
        return translate("CoreText", "via PUBLIC") + by
    if reason.kind == "owner":
        if len(reason.chain) <= 1:
            return translate("CoreText", "as owner")
        return translate("CoreText", "as owner, via membership {path}").replace("{path}", path)
    if reason.kind == "direct":
        return translate("CoreText", "direct grant") + by
    if reason.kind == "predefined":
        return translate("CoreText", "via predefined role {path}").replace("{path}", path)
    return translate("CoreText", "via membership {path}").replace("{path}", path) + by


def privilege_text(privilege: EffectivePrivilege) -> str:
    """``USAGE: direct grant`` or ``CREATE: not held``."""
    if not privilege.reasons:
        return translate("CoreText", "{privilege}: not held").replace(
            "{privilege}", privilege.privilege
        )
    return f"{privilege.privilege}: " + "; ".join(reason_text(r) for r in privilege.reasons)


def cell_reasons_text(cell: MatrixCell) -> str:
    """``USAGE: direct grant; CREATE: not held; SELECT 20/20, INSERT 0/20, ...``"""
    parts = [privilege_text(cell.usage), privilege_text(cell.create)]
    if cell.tables:
        parts.append(", ".join(f"{p} {n}/{cell.tables}" for p, n in cell.coverage))
        if not cell.usage.held and any(n for _, n in cell.coverage):
            parts.append(
                translate("CoreText", "table rights are unusable without USAGE on the schema")
            )
    return "; ".join(parts)
