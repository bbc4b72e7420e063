"""A rehearsal's observations in English (the command line, the audit, the review report) and
as JSON; the window words them itself (``ui.observed_texts``)."""

from __future__ import annotations

from typing import Any

from schemadesk.core.migrations.observed import ObservedLock, ObservedRelation, StepObservation

NOT_REHEARSED = "not rehearsed (-- pgdbm:no-transaction): no locks observed, see the lint"
NOTHING = "no locks beyond those of earlier steps"
HELD_BEFORE = "lock taken by an earlier step"


def human_size(size: int) -> str:
    """Bytes as ``pg_size_pretty`` words them: ``8192 bytes``, ``1.2 MB`` (one decimal)."""
    if size < 10 * 1024:
        return f"{size} bytes"
    value = float(size)
    for unit in ("kB", "MB", "GB", "TB"):
        value /= 1024
        if value < 1024 or unit == "TB":
            return f"{value:.1f} {unit}"
    return f"{size} bytes"  # pragma: no cover - the loop always returns


def relation_facts(rel: ObservedRelation) -> list[str]:
    """``1.2 GB``, ``rewritten (1.1 GB → 1.2 GB)``, ``new``, ``dropped``, ``~2,000 rows``; a
    relation made in a group of steps read together: ``new (made by one of the steps from
    shop/002_a.sql to this one)``."""
    facts: list[str] = []
    if rel.dropped:
        facts.append("dropped")
    elif rel.rewritten:
        before = human_size(rel.size_before) if rel.size_before is not None else "?"
        after = human_size(rel.size_after) if rel.size_after is not None else "?"
        facts.append(f"rewritten ({before} → {after})")
    elif rel.created:
        since = rel.created_since
        facts.append(f"new (made by one of the steps from {since} to this one)" if since else "new")
    if not rel.rewritten and not rel.dropped and rel.size_after is not None:
        facts.insert(0, human_size(rel.size_after))
    if rel.rows is not None and not rel.dropped:
        facts.append(f"~{rel.rows:,} rows")
    if rel.held_before:
        facts.append(HELD_BEFORE)
    return facts


def lock_target(lock: ObservedLock, module: str) -> str:
    if lock.relation is not None:
        return lock.relation
    if lock.ours:
        return f"advisory lock pgdbm_migration_{module} (the migration lock)"
    return f"advisory lock {lock.key}"


def lines(obs: StepObservation, module_name: str | None = None) -> list[str]:
    """One line per relation: ``ACCESS EXCLUSIVE on shop.orders — 1.2 GB, rewritten``; the
    strongest lock first."""
    if not obs.rehearsed:
        return [NOT_REHEARSED]
    relations: dict[str, list[ObservedRelation]] = {}
    for rel in obs.relations:
        relations.setdefault(rel.relation, []).append(rel)
    strongest: dict[str, str] = {}  # the locks come strongest first; the others add nothing
    for lock in obs.locks:
        strongest.setdefault(lock_target(lock, module_name or obs.module), lock.mode)
    out: list[str] = []
    for target, mode in strongest.items():
        text = f"{mode} on {target}"
        same = relations.get(target)
        if same:
            text += " — " + ", ".join(relation_facts(same.pop(0)))
        out.append(text)
    out += [
        f"{rel.relation} — {', '.join(relation_facts(rel))}"
        for rels in relations.values()
        for rel in rels
    ]
    return out or [NOTHING]


def as_json(obs: StepObservation) -> dict[str, Any]:
    """``{step, rehearsed, locks: [{relation, mode, advisory, ours}], rewrites, relations}``."""
    return {
        "step": obs.label,
        "rehearsed": obs.rehearsed,
        "locks": [
            {"relation": lk.relation, "mode": lk.mode, "advisory": lk.key, "ours": lk.ours}
            for lk in obs.locks
        ],
        "rewrites": list(obs.rewrites),
        "relations": [
            {
                "relation": r.relation,
                "kind": r.kind,
                "size_before": r.size_before,
                "size_after": r.size_after,
                "rows": r.rows,
                "rewritten": r.rewritten,
                "created": r.created,
                "created_since": r.created_since,
                "dropped": r.dropped,
                "lock_taken_earlier": r.held_before,
            }
            for r in obs.relations
        ],
    }


def summary(observed: tuple[StepObservation, ...]) -> list[str]:
    """Every step with its lines, for a text report: ``shop/002_a.sql: ACCESS ...``."""
    return [f"{obs.label}: {line}" for obs in observed for line in lines(obs)]
