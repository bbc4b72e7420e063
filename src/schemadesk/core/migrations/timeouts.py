"""The ``lock_timeout`` and ``statement_timeout`` each migration runs under.

Every migration starts from the profile's session settings (the engine resets the session and
sets them again after each file: ``script.session_reset``), so a step starts under the
profile's values; without them, under whatever the login's session has (``postgresql.conf``,
``ALTER DATABASE/ROLE ... SET``). A ``SET [LOCAL] lock_timeout ...`` in the file changes it
from that statement on; a ``RESET`` goes back to the login's default, not the profile's.
``statement_timeout`` applies to each statement of the file (PostgreSQL 13 and later).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from schemadesk.core.migrations.lexer import statements

if TYPE_CHECKING:  # template imports models, which holds these dataclasses
    from schemadesk.core.migrations.template import Rendered

NAMES = ("lock_timeout", "statement_timeout")
_SET = re.compile(
    r"SET\s+(?:SESSION\s+|LOCAL\s+)?(lock_timeout|statement_timeout)\s*(?:=|\bTO\b)\s*(.*)",
    re.IGNORECASE | re.DOTALL,
)
_RESET = re.compile(r"RESET\s+(lock_timeout|statement_timeout|ALL)\s*$", re.IGNORECASE)
_SET_CONFIG = re.compile(
    r"set_config\s*\(\s*'(lock_timeout|statement_timeout)'\s*,\s*'([^']*)'", re.IGNORECASE
)
PROFILE, LOGIN, FILE = "profile", "login", "file"


@dataclass(frozen=True, slots=True)
class TimeoutSetting:
    """One timeout's value and where it comes from: ``profile`` (the profile's session
    settings), ``login`` (not set by schemadesk: the login's own default; ``value`` None) or
    ``file`` (a statement of the migration at ``line``; ``value`` None for a ``RESET``)."""

    name: str
    value: str | None
    source: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class StepTimeouts:
    """The timeouts a step starts under, and the file's own changes to them, in order."""

    start: tuple[TimeoutSetting, ...]
    changes: tuple[TimeoutSetting, ...] = ()

    def english(self) -> str:
        """``lock_timeout 5s, statement_timeout 60s (profile); line 2: lock_timeout 1s``."""
        text = ", ".join(_said(t) for t in self.start)
        for change in self.changes:
            text += f"; line {change.line}: {_said(change)}"
        return text


def _said(t: TimeoutSetting) -> str:
    if t.source == LOGIN:
        return f"{t.name} as the login's session has it"
    if t.value is None:
        return f"{t.name} back to the login's default (RESET)"
    value = f"{t.value} (none)" if t.value.strip() in {"0", "'0'"} else t.value
    return f"{t.name} {value}" + (" (profile)" if t.source == PROFILE else "")


def _value(raw: str) -> str | None:
    value = raw.strip().rstrip(";").strip()
    if value.upper() == "DEFAULT":
        return None
    return value[1:-1] if len(value) > 1 and value[0] == value[-1] == "'" else value


def step_timeouts(rendered: Rendered, settings: Mapping[str, str]) -> StepTimeouts:
    """What the file ``rendered`` runs under, starting from the profile's ``settings``."""
    start = tuple(
        TimeoutSetting(n, settings[n], PROFILE) if n in settings else TimeoutSetting(n, None, LOGIN)
        for n in NAMES
    )
    changes: list[TimeoutSetting] = []
    text = rendered.text
    for statement in statements(text):
        if not statement.head or statement.head[0] not in {"SET", "RESET", "SELECT"}:
            continue
        body = text[statement.start : statement.end]
        line = rendered.source_position(statement.start)[0]
        found = _SET.match(body)
        if found:
            name = found.group(1).lower()
            changes.append(TimeoutSetting(name, _value(found.group(2)), FILE, line))
            continue
        reset = _RESET.match(body.rstrip(";"))
        if reset:
            which = reset.group(1).lower()
            names = NAMES if which == "all" else (which,)
            changes += [TimeoutSetting(n, None, FILE, line) for n in names]
            continue
        changes += [
            TimeoutSetting(m.group(1).lower(), m.group(2), FILE, line)
            for m in _SET_CONFIG.finditer(body)
        ]
    return StepTimeouts(start, tuple(changes))
