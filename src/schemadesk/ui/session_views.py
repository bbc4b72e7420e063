"""What a connection's views show beside their own rows: the schemas' migration and finding
columns, and the counts of what was loaded (the smoke report)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from schemadesk.core.alembic.models import AlembicSnapshot
from schemadesk.core.migrations.models import MigrationState
from schemadesk.db.migrations.service import ModuleSnapshot

if TYPE_CHECKING:
    from schemadesk.ui.connection_session import ConnectionSession


def annotate_schemas(session: ConnectionSession) -> None:
    """The schemas view's Migrations and Findings columns: modules and findings by schema."""
    modules: dict[str, list[ModuleSnapshot | AlembicSnapshot]] = defaultdict(list)
    for snapshot in session.migrations_view.snapshots.values():
        if snapshot.module.schema:
            modules[snapshot.module.schema].append(snapshot)
    session.schemas_model.set_annotations(
        {
            schema: (
                ", ".join(s.module.name for s in found),
                "; ".join(session.migrations_view.summary(s) for s in found),
            )
            for schema, found in modules.items()
        },
        {schema: len(found) for schema, found in session.findings.items()},
    )


def session_counts(session: ConnectionSession) -> dict[str, Any]:
    """What the views loaded, for the smoke report."""
    states = {state.value: 0 for state in MigrationState}
    for snapshot in session.migrations_view.snapshots.values():
        for state in MigrationState:
            states[state.value] += snapshot.status.count(state)
    return {
        "schemas": session.schemas_model.rowCount(),
        "roles": session.roles_view.roles_model.rowCount(),
        "modules": len(session.migrations_view.snapshots),
        "migrations": states,
        "alembic_pending": session.migrations_view.alembic_pending(),
        "findings": sum(len(f) for f in session.findings.values()),
    }
