"""Which file a failed apply's error belongs to, so that the migrations view marks that file
only: the module's pending file with that name and checksum. A refresh keeps the mark while that
very file is still pending unchanged; applied, edited or gone, the mark goes."""

from __future__ import annotations

from collections.abc import Mapping

from schemadesk.core.alembic.models import AlembicSnapshot
from schemadesk.core.migrations.models import MigrationState, SqlErrorLocation
from schemadesk.db.migrations.service import ModuleSnapshot

FailedFile = tuple[str, str, str | None]  # module, filename, checksum

Snapshots = Mapping[str, ModuleSnapshot | AlembicSnapshot]


def _pending(snapshot: ModuleSnapshot | AlembicSnapshot, filename: str) -> str | None:
    """The checksum of the module's pending file ``filename`` ("" without one), else None."""
    if not isinstance(snapshot, ModuleSnapshot):
        return None
    for row in snapshot.status.rows:
        if row.filename == filename and row.state is MigrationState.PENDING:
            return row.file_checksum or ""
    return None


def failed_file(
    snapshots: Snapshots, preferred: str | None, error: SqlErrorLocation
) -> FailedFile | None:
    """The pending file the error came from: in the module ``preferred`` (the one applied)
    when it has one by that name, else in the first module that has."""
    names = [preferred, *snapshots] if preferred in snapshots else list(snapshots)
    for name in names:
        assert name is not None
        checksum = _pending(snapshots[name], error.filename)
        if checksum is not None:
            return name, error.filename, checksum
    return None


def still_failing(snapshots: Snapshots, failed: FailedFile) -> bool:
    """Whether that very file (same module, name and checksum) is still pending."""
    module, filename, checksum = failed
    snapshot = snapshots.get(module)
    return snapshot is not None and _pending(snapshot, filename) == checksum
