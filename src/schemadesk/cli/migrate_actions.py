"""The planned actions of migration commands that need a report or the ledger's checksums:
``apply --reviewed`` (the plan checked against the reviewed report) and ``accept-checksum``.

Apart from ``report_cmd`` so that ``migrate_cmd`` and ``report_cmd`` need not import each
other (``report_cmd`` takes the project arguments from ``migrate_cmd``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from schemadesk.core.actions import ActionKind, ActionStep, PlannedAction
from schemadesk.core.migrations.models import Plan
from schemadesk.core.migrations.project import Project
from schemadesk.core.report import verify_reviewed
from schemadesk.db.database import Database
from schemadesk.db.review import migration_target, planned_migrations


def check_reviewed(
    report: str, database: Database, project: Project, plan: Plan, *, rehearse: bool = False
) -> PlannedAction:
    """The planned action, once it is checked equal to the reviewed report (else exit 5)."""
    action = planned_migrations(database, project, plan, rehearse=rehearse)
    review = verify_reviewed(Path(report), action)
    print(
        f"schemadesk: the plan matches the review {report} "
        f"(content SHA-256 {review.content_sha256})",
        file=sys.stderr,
    )
    return action


def accept_action(
    database: Database, project: Project, targets: list[tuple[Any, str, str, str]]
) -> PlannedAction:
    """Accepting new checksums: ``(module, filename, recorded, new)`` per drifted file."""
    from schemadesk.core.migrations import statements

    steps = tuple(
        ActionStep(
            label=f"{module.name}/{filename}",
            sql=statements.text(statements.accept_checksum(module, filename, old, new)) + ";",
            checksum=new,
            locks=(f"transaction advisory lock pgdbm_migration_{module.module_name}",),
        )
        for module, filename, old, new in targets
    )
    return PlannedAction(
        kind=ActionKind.ACCEPT_CHECKSUM,
        title=f"Accept the checksum of {len(steps)} edited migration file(s)",
        target=migration_target(database, project),
        steps=steps,
    )
