"""The audit log: one record per confirmed action — what ran, where, as whom, and how it ended.

Records are built only from a ``PlannedAction`` and the results of running it, so nothing a
connection knows (a password, a DSN) can reach them; secret literals in the SQL itself
(``PASSWORD '...'``, ``password=...`` in a conninfo, ``user:pass@`` in a URI) are masked.

The local log is JSON lines in the app's data folder (``audit.jsonl``, mode 0600), one record per
line, each appended with a single write and fsynced. ``schemadesk.db.audit`` keeps the same
records in a table of the database for a shared trail.

One module per job: ``records`` (what a record holds, built from an action and its result),
``log`` (the JSON-lines file and its filters) and ``scan`` (no secret in a text).
"""

from __future__ import annotations

from schemadesk.core.audit.log import AuditFilter, AuditLog
from schemadesk.core.audit.records import (
    FORMAT_VERSION,
    REHEARSED_PARTLY,
    VERDICTS,
    AuditError,
    AuditRecord,
    AuditStep,
    AuditTarget,
    Outcome,
    error_of,
    record_from,
    record_from_apply,
)
from schemadesk.core.audit.scan import scan_for_secrets
from schemadesk.core.secrets import MASK, mask_secrets

# Names the schema whose ``schemadesk_audit`` table keeps the team's shared trail (unset: local
# JSON lines only). Read by the command line and the window alike.
AUDIT_SCHEMA_ENV = "SCHEMADESK_AUDIT_SCHEMA"

# Older name of ``mask_secrets``, kept for the code that imports it from here.
redact_sql = mask_secrets

__all__ = [
    "AUDIT_SCHEMA_ENV",
    "FORMAT_VERSION",
    "MASK",
    "REHEARSED_PARTLY",
    "VERDICTS",
    "AuditError",
    "AuditFilter",
    "AuditLog",
    "AuditRecord",
    "AuditStep",
    "AuditTarget",
    "Outcome",
    "error_of",
    "record_from",
    "record_from_apply",
    "redact_sql",
    "scan_for_secrets",
]
