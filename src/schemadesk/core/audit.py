"""The audit log: one record per confirmed action — what ran, where, as whom, and how it ended.

Records are built only from a ``PlannedAction`` and the results of running it, so nothing a
connection knows (a password, a DSN) can reach them; secret literals in the SQL itself
(``PASSWORD '...'``, ``password=...`` in a conninfo, ``user:pass@`` in a URI) are masked.

The local log is JSON lines in the app's data folder (``audit.jsonl``, mode 0600), one record per
line, each appended with a single write and fsynced. ``schemadesk.db.audit`` keeps the same
records in a table of the database for a shared trail.
"""

from __future__ import annotations

import enum
import html
import json
import os
import re
import sys
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from schemadesk.core.actions import ActionKind, PlannedAction
from schemadesk.core.errors import ConfigError
from schemadesk.core.migrations.models import ApplyEventKind, ApplyResult
from schemadesk.core.migrations.observed_text import as_json as observed_json
from schemadesk.core.profiles import default_data_dir
from schemadesk.core.secrets import (
    CONNINFO_PASSWORD,
    MASK,
    SQL_PASSWORD,
    URI_PASSWORD,
    mask_secrets,
)

FORMAT_VERSION = 1

# Names the schema whose ``schemadesk_audit`` table keeps the team's shared trail (unset: local
# JSON lines only). Read by the command line and the window alike.
AUDIT_SCHEMA_ENV = "SCHEMADESK_AUDIT_SCHEMA"


# Older name of ``mask_secrets``, kept for the code that imports it from here.
redact_sql = mask_secrets


def scan_for_secrets(text: str, secrets: Iterable[str]) -> list[str]:
    """Where any of ``secrets`` appears in ``text`` — plain, URL-, JSON- or HTML-encoded.

    Returns one description per hit (``secret #2 (json-escaped) at offset 120``) that never
    repeats the secret itself, so a failing check does not print it; empty when clean. Also
    reports unmasked ``PASSWORD '...'`` literals and ``password=`` conninfo values.
    """
    hits: list[str] = []
    for number, secret in enumerate(secrets, 1):
        if not secret:
            continue
        forms = {
            "plain": secret,
            "url-encoded": quote(secret, safe=""),
            "json-escaped": json.dumps(secret, ensure_ascii=False)[1:-1],
            "json-ascii-escaped": json.dumps(secret, ensure_ascii=True)[1:-1],
            "html-escaped": html.escape(secret),
        }
        seen: set[str] = set()
        for how, form in forms.items():
            if form in seen:
                continue
            seen.add(form)
            at = text.find(form)
            if at >= 0:
                hits.append(f"secret #{number} ({how}) at offset {at}")
    for pattern, what in (
        (SQL_PASSWORD, "PASSWORD literal"),
        (CONNINFO_PASSWORD, "conninfo password"),
        (URI_PASSWORD, "URI password"),
    ):
        for match in pattern.finditer(text):
            if MASK not in match.group(0):
                hits.append(f"unmasked {what} at offset {match.start()}")
    return hits


class Outcome(enum.StrEnum):
    """How a confirmed action ended."""

    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class AuditTarget:
    """Where the action ran (the login is the record's ``db_user``)."""

    host: str
    port: int
    database: str
    schema: str | None = None
    run_as: str | None = None


@dataclass(frozen=True, slots=True)
class AuditStep:
    """One migration or statement of the action, as it ran (or did not)."""

    label: str
    sql: str
    checksum: str | None = None
    statements: int = 1
    outcome: str = "not run"  # applied, skipped, failed, cancelled, not-rehearsable, not run
    duration_ms: float | None = None


@dataclass(frozen=True, slots=True)
class AuditError:
    """Why the action failed: the file and line when the server's error points into one."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    sqlstate: str | None = None
    detail: str | None = None
    hint: str | None = None
    # A no-transaction file that failed half-way: "3 of 5 statements of ... were committed ..."
    partial: str | None = None

    def describe(self) -> str:
        """``file:line:column: message [SQLSTATE]`` (and what a half-run file left behind)."""
        where = self.file or ""
        if where and self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        state = f" [{self.sqlstate}]" if self.sqlstate else ""
        said = f"{where + ': ' if where else ''}{self.message}{state}"
        return f"{said}; {self.partial}" if self.partial else said


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One confirmed action. Never holds a password: see the module's docstring."""

    id: str
    when: str  # UTC, ISO 8601 with milliseconds: when the action was confirmed
    os_user: str
    db_user: str
    profile: str
    target: AuditTarget
    kind: str
    title: str
    sql: str
    steps: tuple[AuditStep, ...]
    outcome: Outcome
    duration_ms: float
    error: AuditError | None = None
    warnings: tuple[str, ...] = ()
    rehearsal: str | None = None
    version: int = FORMAT_VERSION
    # A rehearsal's observed locks and rewrites per step (``observed_text.as_json``).
    observed: tuple[dict[str, Any], ...] = ()

    @property
    def at(self) -> datetime:
        return datetime.fromisoformat(self.when)

    @property
    def checksums(self) -> dict[str, str]:
        """Checksum of each step that has one (migrations), by step label."""
        return {s.label: s.checksum for s in self.steps if s.checksum}

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data (the line of ``audit.jsonl``, the ``record`` column of the table)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AuditRecord:
        """The record a ``to_json`` dict describes; ConfigError naming what is wrong."""
        try:
            values = dict(data)
            values["target"] = AuditTarget(**values["target"])
            values["steps"] = tuple(AuditStep(**s) for s in values["steps"])
            values["outcome"] = Outcome(values["outcome"])
            error = values.get("error")
            values["error"] = AuditError(**error) if error else None
            values["warnings"] = tuple(values.get("warnings", ()))
            values["observed"] = tuple(values.get("observed", ()))
            return cls(**values)
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"not an audit record: {exc}") from None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def record_from(
    action: PlannedAction,
    outcome: Outcome,
    *,
    step_outcomes: Mapping[str, str] | None = None,
    durations_ms: Mapping[str, float] | None = None,
    total_ms: float = 0.0,
    error: AuditError | None = None,
    when: datetime | None = None,
    record_id: str | None = None,
) -> AuditRecord:
    """The record of ``action`` ended with ``outcome``.

    ``step_outcomes`` and ``durations_ms`` are keyed by step label; steps without an outcome are
    ``applied`` when the action succeeded and ``not run`` otherwise.
    """
    outcomes = step_outcomes or {}
    durations = durations_ms or {}
    default = "applied" if outcome is Outcome.SUCCEEDED else "not run"
    steps = tuple(
        AuditStep(
            label=step.label,
            sql=mask_secrets(step.sql),
            checksum=step.checksum,
            statements=step.statements,
            outcome=outcomes.get(step.label, default),
            duration_ms=durations.get(step.label),
        )
        for step in action.steps
    )
    target = action.target
    stamp = (when.astimezone(UTC).isoformat(timespec="milliseconds")) if when else _now()
    return AuditRecord(
        id=record_id or uuid.uuid4().hex,
        when=stamp,
        os_user=action.os_user,
        db_user=target.login,
        profile=target.profile,
        target=AuditTarget(target.host, target.port, target.database, target.schema, target.run_as),
        kind=str(action.kind),
        title=action.title,
        sql=mask_secrets(action.sql),
        steps=steps,
        outcome=outcome,
        duration_ms=round(total_ms, 3),
        error=error,
        warnings=action.warnings,
        rehearsal=action.rehearsal,
    )


def record_from_apply(
    action: PlannedAction, result: ApplyResult, *, when: datetime | None = None
) -> AuditRecord:
    """The record of applying or rehearsing migrations, from the engine's result."""
    outcomes: dict[str, str] = {}
    durations: dict[str, float] = {}
    for r in result.results:
        label = f"{r.module}/{r.filename}"
        outcomes[label] = str(r.outcome)
        durations[label] = round(r.elapsed_ms, 3)
    for label in result.not_rehearsed:
        outcomes.setdefault(label, str(ApplyEventKind.NOT_REHEARSABLE))
    error = None
    if result.error is not None:
        e = result.error
        failed = next((r for r in result.results if r.outcome is ApplyEventKind.FAILED), None)
        file = f"{failed.module}/{failed.filename}" if failed else e.filename
        error = AuditError(
            message=e.message,
            file=file,
            line=e.line,
            column=e.column,
            sqlstate=e.sqlstate,
            detail=e.detail,
            hint=e.hint,
            partial=e.partial,
        )
    if result.error is not None:
        outcome = Outcome.FAILED
    elif result.cancelled:
        outcome = Outcome.CANCELLED
    else:
        outcome = Outcome.SUCCEEDED
    record = record_from(
        action,
        outcome,
        step_outcomes=outcomes,
        durations_ms=durations,
        total_ms=result.total_ms,
        error=error,
        when=when,
    )
    return replace(record, observed=tuple(observed_json(o) for o in result.observed))


def error_of(exc: BaseException) -> AuditError:
    """An exception as an audit error: its one-line message, and the server's SQLSTATE and
    message when a database error caused it."""
    cause = exc.__cause__ or exc.__context__
    sqlstate = getattr(exc, "sqlstate", None) or getattr(cause, "sqlstate", None)
    detail = None
    diag = getattr(cause, "diag", None)
    if diag is not None:
        detail = getattr(diag, "message_detail", None)
    message = " ".join(str(exc).split()) or type(exc).__name__
    return AuditError(message=mask_secrets(message), sqlstate=sqlstate, detail=detail)


# ----------------------------------------------------------------------------- filters and log


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Which records to list; every given criterion must hold."""

    since: datetime | None = None
    until: datetime | None = None
    profile: str | None = None
    database: str | None = None
    kind: str | None = None
    outcome: str | None = None
    text: str | None = None  # case-insensitive, in title, SQL, labels, error, users, schema

    def matches(self, record: AuditRecord) -> bool:
        at = record.at
        if self.since is not None and at < _aware(self.since):
            return False
        if self.until is not None and at >= _aware(self.until):
            return False
        checks = (
            (self.profile, record.profile),
            (self.database, record.target.database),
            (self.kind, record.kind),
            (self.outcome, str(record.outcome)),
        )
        if any(wanted is not None and wanted != actual for wanted, actual in checks):
            return False
        if self.text:
            needle = self.text.casefold()
            haystack = "\n".join(
                [
                    record.title,
                    record.sql,
                    record.os_user,
                    record.db_user,
                    record.target.schema or "",
                    record.error.describe() if record.error else "",
                    *(s.label for s in record.steps),
                ]
            ).casefold()
            return needle in haystack
        return True


def _aware(moment: datetime) -> datetime:
    """Naive datetimes are taken as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@dataclass
class AuditLog:
    """The local JSON-lines log (``<data dir>/audit.jsonl`` unless ``path`` says otherwise)."""

    path: Path = field(default_factory=lambda: default_data_dir() / "audit.jsonl")
    skipped: int = 0  # lines of the last read that were not records (a torn write, an edit)

    def append(self, record: AuditRecord) -> None:
        """Append one line in one write, fsynced; the file is created 0600, its folder 0700."""
        line = json.dumps(record.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n"
        data = line.encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0)
        fd = os.open(self.path, flags, 0o600)
        try:
            if sys.platform != "win32":
                os.fchmod(fd, 0o600)
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX)  # two appliers never interleave their lines
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)  # closing releases the lock

    def __iter__(self) -> Iterator[AuditRecord]:
        return iter(self.read())

    def read(
        self,
        where: AuditFilter | None = None,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        profile: str | None = None,
        database: str | None = None,
        kind: str | ActionKind | None = None,
        outcome: str | Outcome | None = None,
        text: str | None = None,
    ) -> list[AuditRecord]:
        """Records in the order they were written, those matching every given filter."""
        chosen = where or AuditFilter(
            since=since,
            until=until,
            profile=profile,
            database=database,
            kind=str(kind) if kind is not None else None,
            outcome=str(outcome) if outcome is not None else None,
            text=text,
        )
        return [r for r in self._all() if chosen.matches(r)]

    def _all(self) -> list[AuditRecord]:
        self.skipped = 0
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise ConfigError(f"{self.path}: cannot read: {exc.strerror}") from None
        records: list[AuditRecord] = []
        for line in raw.decode("utf-8", errors="replace").splitlines():
            if not line.strip():
                continue
            try:
                records.append(AuditRecord.from_json(json.loads(line)))
            except (ValueError, ConfigError, AttributeError):
                self.skipped += 1
        return records

    def find(self, ref: str) -> AuditRecord:
        """One record by number (1 = the oldest, -1 = the latest) or by id (a unique prefix)."""
        records = self._all()
        text = ref.strip()
        if re.fullmatch(r"-?\d+", text) and len(text.lstrip("-")) < 6:
            number = int(text)
            index = number - 1 if number > 0 else number
            if number == 0 or not -len(records) <= index < len(records):
                raise ConfigError(
                    f"no audit record #{number}: {self.path} holds {len(records)} record(s)"
                )
            return records[index]
        found = [r for r in records if r.id.startswith(text.lower())]
        if len(found) != 1:
            what = "no" if not found else f"{len(found)}"
            raise ConfigError(f"{what} audit record(s) with an id starting {text!r} in {self.path}")
        return found[0]
