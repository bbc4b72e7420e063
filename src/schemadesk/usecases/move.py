"""Moving a tenant (a Citus distributed schema) to another node: the checked plan → the action
(the exact ``citus_schema_move`` statement) → confirmation → the move, with its progress →
audit in a ``finally``; the same for ``schemadesk move`` and the window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from schemadesk.core.actions import PlannedAction, change_set_action
from schemadesk.core.citus_move import MovePlan, MoveProgress
from schemadesk.core.messages_access import said_title
from schemadesk.core.messages_citus import said_part, say
from schemadesk.db.actions import target_of
from schemadesk.db.citus_move import MoveRefused, render_move, run_move
from schemadesk.db.database import Database
from schemadesk.usecases.audit import Audited, Sink
from schemadesk.usecases.change_sets import Call, Confirm


@dataclass(frozen=True)
class MoveRun:
    """What ran (as confirmed and recorded) and the nodes that hold the tenant afterwards."""

    action: PlannedAction
    nodes: tuple[str, ...]


def refusal(plan: MovePlan) -> tuple[str, ...]:
    """Why the move is refused: each failed check with its fix (empty when none failed), each
    said on its own."""
    return tuple(
        say(
            "citus-check-fix",
            what=said_part(c.what),
            detail=said_part(c.detail),
            fix=said_part(c.fix),
        )
        for c in plan.blocked
    )


async def move_tenant(
    database: Database,
    plan: MovePlan,
    *,
    confirm: Confirm,
    call: Call,
    sink: Sink,
    on_progress: Callable[[MoveProgress], None] | None = None,
) -> MoveRun | None:
    """Refuse a blocked plan (``MoveRefused``, naming each fix) or a read-only profile, else
    confirm the move as an action, run it (``on_progress`` hears how far it is) and audit it
    in a ``finally``. None when it was declined."""
    if plan.blocked:
        raise MoveRefused(say("citus-move-refused", schema=plan.schema, checks=refusal(plan)))
    database.refuse_writes("the move")

    async def build(_run_as: str | None) -> PlannedAction:
        text = await call(render_move(database, plan))
        step = said_title("citus-move-step", schema=plan.schema, target=plan.target)
        return change_set_action(
            said_title("citus-move", schema=plan.schema, target=plan.target),
            [(step, text)],
            target_of(database, plan.schema),
        )

    confirmed = await confirm(build, ())
    if confirmed is None:
        return None
    action, _ = confirmed
    with Audited(action, sink):
        nodes: tuple[str, ...] = await call(run_move(database, plan, on_progress))
    return MoveRun(action, nodes)
