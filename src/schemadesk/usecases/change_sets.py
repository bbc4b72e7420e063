"""Grant, revoke, provision and fix: one change set, confirmed, run in one transaction, audited.

Both front ends call ``apply_change_set``; they supply how to ask (``confirm``) and how to reach
the gateway's loop (``call``), and render what comes back.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, replace
from typing import Any

from schemadesk.core.access.changes import ChangeSet
from schemadesk.core.access.guards import PUBLIC_SCHEMA_NOTICE, refuse_unsafe, touches_public_schema
from schemadesk.core.actions import PlannedAction, change_set_action
from schemadesk.core.errors import ConfigError
from schemadesk.core.messages_config import say
from schemadesk.db.access.apply import ApplyResult as ChangeSetResult
from schemadesk.db.actions import as_role, rendered_statements, run_change_set, target_of
from schemadesk.db.database import Database
from schemadesk.usecases.audit import Audited, Sink

# Runs a coroutine on the gateway's loop and waits for it (the front end knows how).
Call = Callable[[Coroutine[Any, Any, Any]], Awaitable[Any]]
# Builds the action for a run-as role (None: the login itself).
ActionBuilder = Callable[[str | None], Awaitable[PlannedAction]]
# Shows the action, lets the person pick a run-as role among the choices; None: declined.
Confirm = Callable[
    [ActionBuilder, Sequence[str]], Awaitable[tuple[PlannedAction, str | None] | None]
]


@dataclass(frozen=True)
class ChangeSetRun:
    """What ran (as confirmed and recorded) and what the catalog showed afterwards."""

    action: PlannedAction
    run_as: str | None
    result: ChangeSetResult


def run_as_role(choice: str | None, owner: str | None, login: str) -> str | None:
    """``--run-as owner|login|ROLE`` as a role to ``SET ROLE`` to (None: the login)."""
    if choice is None or choice == "login":
        return None
    if choice == "owner":
        if owner is None:
            raise ConfigError(say("run-as-no-schema"))
        return None if owner == login else owner
    return None if choice == login else choice


async def apply_change_set(
    database: Database,
    change_set: ChangeSet,
    *,
    schema: str | None,
    run_as_choices: Sequence[str],
    confirm: Confirm,
    call: Call,
    sink: Sink,
) -> ChangeSetRun | None:
    """Build the action, confirm it, run it in one transaction and audit it (in a
    ``finally``: a run that raises is recorded failed). None when it was declined."""
    database.refuse_writes("the change")
    refuse_unsafe(change_set)  # a name PostgreSQL would truncate: refused before asking
    # Schema public is every role's: the confirmation says what the change does to them.
    notice = (PUBLIC_SCHEMA_NOTICE,) if touches_public_schema(change_set) else ()

    async def build(run_as: str | None) -> PlannedAction:
        statements = await call(rendered_statements(database, as_role(change_set, run_as)))
        action = change_set_action(
            change_set.title, statements, target_of(database, schema, run_as)
        )
        return replace(action, warnings=action.warnings + notice)

    confirmed = await confirm(build, run_as_choices)
    if confirmed is None:
        return None
    action, run_as = confirmed
    with Audited(action, sink):
        result = await call(run_change_set(database, as_role(change_set, run_as)))
    return ChangeSetRun(action, run_as, result)
