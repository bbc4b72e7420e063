"""``--run-as`` for the migration commands (apply, report): who the migrations run as; and the
rehearsal an apply follows (the audit log remembers it between runs).

The default is the schema's owner when the login may ``SET ROLE`` to it (what the migrations
create is then the owner's, as the conventions expect), else the login; the use case
(usecases/migrations.py) decides, for the window as for the command line.
"""

from __future__ import annotations

import argparse
import sys

from schemadesk.core.actions import PlannedAction
from schemadesk.core.audit import AuditLog
from schemadesk.core.errors import SchemadeskError
from schemadesk.core.migrations.project import Project
from schemadesk.core.rehearsals import Rehearsal, last_rehearsal
from schemadesk.db.database import Database
from schemadesk.db.review import migration_target


def add_run_as_arg(parser: argparse.ArgumentParser) -> None:
    """Add ``--run-as owner|login|ROLE`` (default: the owner when the login may SET ROLE)."""
    parser.add_argument(
        "--run-as",
        metavar="owner|login|ROLE",
        default=None,
        help="run the migrations as the schema's owner, as the login or as ROLE (SET ROLE, "
        "shown in the SQL); default: the owner when the login may SET ROLE to it, else the login",
    )


def runs_as_line(role: str | None, login: str) -> str:
    """The line the confirmation prints about who runs the migrations."""
    if role:
        return f"runs as: {role} (SET ROLE {role}, from the login {login})"
    return f"runs as: the login {login}"


class RehearsalRefused(SchemadeskError):
    """The last rehearsal of this plan failed, or was of other files or another role."""

    exit_code = 5


_NOT_THIS_PLAN = {
    "failed": "the last rehearsal of this plan failed",
    "other-plan": "the last rehearsal was of other files or checksums than this plan",
    "other-role": "the plan was rehearsed as another role than it would run as now",
}


def add_despite_arg(parser: argparse.ArgumentParser) -> None:
    """``--despite-rehearsal``: apply although the audited rehearsal was not of this plan."""
    parser.add_argument(
        "--despite-rehearsal",
        action="store_true",
        help="apply although the last rehearsal on this target (audit log) failed, or was of "
        "other files or another run-as role (exit 5 without it)",
    )


def audited_rehearsal(database: Database, project: Project) -> Rehearsal | None:
    """The last rehearsal on the target the apply runs on, as the local audit log has it."""
    return last_rehearsal(AuditLog(), migration_target(database, project))


def check_rehearsal(action: PlannedAction, *, despite: bool) -> None:
    """Say which rehearsal this plan had; refuse to apply after a failed one, or one of other
    files or another role, unless ``--despite-rehearsal`` (as the window asks for a tick)."""
    if not action.rehearsal_bound:
        return
    print(f"rehearsal: {action.rehearsal_bound}: {action.rehearsal}", file=sys.stderr)
    reason = _NOT_THIS_PLAN.get(action.rehearsal_bound)
    if reason is not None and not despite:
        raise RehearsalRefused(f"{reason}; nothing was run (--despite-rehearsal applies anyway)")
