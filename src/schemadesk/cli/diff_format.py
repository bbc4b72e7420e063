"""How ``schemadesk diff`` prints a comparison: a text report grouped by schema pair, or JSON."""

from __future__ import annotations

from typing import Any

from schemadesk.core.diff.models import Difference
from schemadesk.core.messages import english
from schemadesk.usecases.diff import Comparison


def difference_json(d: Difference) -> dict[str, Any]:
    """One difference: category, pair, subject, message code and parameters, English, values."""
    return {
        "category": d.category,
        "source": d.pair.source if d.pair else None,
        "target": d.pair.target if d.pair else None,
        "subject": d.subject,
        "code": d.message.code,
        "params": {k: str(v) for k, v in d.message.params.items()},
        "text": d.text,
        "a": d.a,
        "b": d.b,
        "access": d.access,
    }


def as_json(found: Comparison, *, sql: str | None) -> dict[str, Any]:
    report = found.report
    out: dict[str, Any] = {
        "from": found.a.label,
        "to": found.b.label,
        "equal": report.equal,
        "access_equal": report.access_equal,
        "pairs": [{"source": p.source, "target": p.target} for p in report.pairs],
        "differences": [difference_json(d) for d in report.differences],
        "notes": [english(n) for n in found.notes],
    }
    if sql is not None:
        out["sql"] = sql
    return out


def print_report(found: Comparison) -> None:
    report = found.report
    print(f"A: {found.a.label}")
    print(f"B: {found.b.label}")
    groups: dict[str, list[Difference]] = {}
    for d in report.differences:
        key = f"schema {d.pair.label}" if d.pair else "roles"
        groups.setdefault(key, []).append(d)
    for key, rows in groups.items():
        print(f"\n{key}:")
        for d in rows:
            print(f"  {d.category:<10} {d.text}")
    for note in found.notes:
        print(f"note: {english(note)}")
    if report.equal:
        print(f"\nequal: {len(report.pairs)} schema pair(s) compared")
        return
    access = sum(1 for d in report.differences if d.access)
    print(
        f"\n{len(report.differences)} difference(s) over {len(report.pairs)} schema pair(s); "
        f"{access} of access (--sql scripts them for B)"
    )
