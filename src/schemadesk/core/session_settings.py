"""Per-profile session settings applied to every pooled connection."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from schemadesk.core.errors import ConfigError
from schemadesk.core.messages_tools import say

# PostgreSQL duration syntax: a number with an optional unit ("0" disables the timeout).
_DURATION = re.compile(r"^\d+(\.\d+)?\s*(us|ms|s|min|h|d)?$")


@dataclass(frozen=True, slots=True)
class SessionSettings:
    """Timeouts every schemadesk session runs with.

    The defaults are pgdbm's own session defaults (60 s statement, 5 s lock, 60 s idle in
    transaction), so a migration behaves under schemadesk as it does under pgdbm, and a lock
    queue behind a long transaction fails in seconds instead of stalling the window.
    """

    statement_timeout: str = "60s"
    lock_timeout: str = "5s"
    idle_in_transaction_session_timeout: str = "60s"

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, str) or not _DURATION.match(value.strip()):
                raise ConfigError(say("session-duration", name=f.name, value=repr(value)))

    def as_parameters(self, *, read_only: bool) -> dict[str, str]:
        """The server parameters to set, in a stable order, including the read-only switch."""
        params = {
            "statement_timeout": self.statement_timeout,
            "lock_timeout": self.lock_timeout,
            "idle_in_transaction_session_timeout": self.idle_in_transaction_session_timeout,
        }
        if read_only:
            params["default_transaction_read_only"] = "on"
        return params
