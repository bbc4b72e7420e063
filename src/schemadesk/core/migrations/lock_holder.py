"""Who holds a migration lock, as ``statements.advisory_lock_holder`` reads it: the fields a
front end words for itself (never a sentence to parse back)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LockHolder:
    """The session holding the lock: its pid, user, application, client, since when, and the
    start of what it runs."""

    pid: int
    user: str
    app: str
    client: str
    since: str
    query: str

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> LockHolder:
        """From a row of ``advisory_lock_holder`` (NULLs as empty text)."""
        pid, user, app, client, since, query = row
        return cls(int(pid), user or "", app or "", client or "", str(since or ""), str(query))

    @property
    def who(self) -> str:
        """``alice, pgdbm, from 10.0.0.7`` (the parts that are known)."""
        parts = (self.user, self.app, f"from {self.client}" if self.client else "")
        return ", ".join(x for x in parts if x)
