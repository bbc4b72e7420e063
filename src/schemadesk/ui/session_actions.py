"""What the window's action flow asks of a connection besides the dialog: who the login may run
as, and where a confirmed action's audit record goes."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import SignalInstance

from schemadesk.core.audit import AuditRecord
from schemadesk.db.actions import settable_roles
from schemadesk.db.audit import record_in_database
from schemadesk.db.database import Database
from schemadesk.ui.bridge import on_gateway
from schemadesk.ui.connection_session import ConnectionSession
from schemadesk.usecases.audit import keep_record


async def settable_owners(
    session: ConnectionSession, database: Database, schemas: Sequence[str]
) -> Sequence[str]:
    """The schemas' owners the login may ``SET ROLE`` to (the dialog's run-as choices)."""
    catalog = session.catalog
    owners = []
    for name in schemas:
        schema = catalog.schema(name) if catalog is not None else None
        if schema is not None:
            owners.append(schema.owner)
    return await on_gateway(session.gateway, settable_roles(database, owners))


def audit_sink(session: ConnectionSession, not_kept: SignalInstance, record: AuditRecord) -> None:
    """Keep the record through the one audit sink; the shared trail's insert runs as a task.
    The action has run: a record that cannot be kept is said (``not_kept``: title, why)."""

    def in_database(schema: str, done: AuditRecord) -> None:
        if session.database is not None:
            session.tasks.start(
                f"audit:{done.id}",
                on_gateway(session.gateway, record_in_database(session.database, schema, done)),
            )

    keep_record(record, in_database, lambda text: not_kept.emit(record.title, text))
