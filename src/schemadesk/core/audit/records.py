"""Audit records: one per confirmed action, built only from a ``PlannedAction`` and the results
of running it (nothing a connection knows can reach them), secret literals in its SQL masked.

A record keeps, next to its English texts (title, step labels, warnings, error), the messages
they were said from (code and parameters, ``said``): read back, those texts carry their
messages again (``Said``), so a later session shows them in its own language. A record written
before it had them shows its English as written.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from schemadesk.core.actions import ActionKind, PlannedAction
from schemadesk.core.errors import ConfigError
from schemadesk.core.messages import Message, Said, english, said_of
from schemadesk.core.messages_json import message_from_json, message_to_json
from schemadesk.core.messages_reports import say, why
from schemadesk.core.migrations.models import ApplyEventKind, ApplyResult
from schemadesk.core.migrations.observed_text import as_json as observed_json
from schemadesk.core.secrets import mask_secrets

FORMAT_VERSION = 1


class Outcome(enum.StrEnum):
    """How a confirmed action ended."""

    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


# How a rehearsal that ran but left out no-transaction files is shown (the window, ``audit``,
# ``--json``'s ``verdict``, the review report). Not an ``Outcome``: such a record is stored as
# ``succeeded`` with those steps ``not-rehearsable``, so the shared table's CHECK on its
# ``outcome`` column needs no migration, older versions still read the record, and records
# written before this showed it are shown so too.
REHEARSED_PARTLY = "rehearsed-partly"
VERDICTS = (*(str(o) for o in Outcome), REHEARSED_PARTLY)


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

    def describe(self, words: Callable[[str], str] = str) -> str:
        """``file:line:column: message [SQLSTATE]`` (and what a half-run file left behind);
        ``words`` shows the message and that note (the window: in its language)."""
        where = self.file or ""
        if where and self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        state = f" [{self.sqlstate}]" if self.sqlstate else ""
        said = f"{where + ': ' if where else ''}{words(self.message)}{state}"
        return f"{said}; {words(self.partial)}" if self.partial else said


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
    # The messages the English texts above were said from (text -> code and parameters, see
    # core/messages_json.py): what the window translates. Empty in records written before.
    said: Mapping[str, Any] = field(default_factory=dict)
    # A rehearsal's observed locks and rewrites per step (``observed_text.as_json``).
    observed: tuple[dict[str, Any], ...] = ()

    @property
    def at(self) -> datetime:
        return datetime.fromisoformat(self.when)

    @property
    def checksums(self) -> dict[str, str]:
        """Checksum of each step that has one (migrations), by step label."""
        return {s.label: s.checksum for s in self.steps if s.checksum}

    @property
    def not_rehearsed(self) -> tuple[str, ...]:
        """Labels of the steps a rehearsal left out (no-transaction files)."""
        return tuple(s.label for s in self.steps if s.outcome == ApplyEventKind.NOT_REHEARSABLE)

    @property
    def verdict(self) -> str:
        """How the action ended as shown: its outcome, or ``rehearsed-partly`` for a rehearsal
        that succeeded without some of its files (a migration that runs them is untried)."""
        if (
            self.kind == ActionKind.REHEARSE
            and self.outcome is Outcome.SUCCEEDED
            and self.not_rehearsed
        ):
            return REHEARSED_PARTLY
        return str(self.outcome)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data (the line of ``audit.jsonl``, the ``record`` column of the table)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AuditRecord:
        """The record a ``to_json`` dict describes, its texts carrying the messages it kept;
        ConfigError naming what is wrong."""
        try:
            values = dict(data)
            said = values.get("said", {})
            values["said"] = dict(said) if isinstance(said, Mapping) else {}
            again = _sayer(values["said"])
            if "title" in values:  # else the record's own error names it
                values["title"] = again(values["title"])
            values["target"] = AuditTarget(**values["target"])
            values["steps"] = tuple(AuditStep(**again(s, "label")) for s in values["steps"])
            values["outcome"] = Outcome(values["outcome"])
            error = values.get("error")
            values["error"] = (
                AuditError(**again(again(error, "message"), "partial")) if error else None
            )
            values["warnings"] = tuple(again(w) for w in values.get("warnings", ()))
            values["observed"] = tuple(values.get("observed", ()))
            return cls(**values)
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(say("audit-not-record", why=why(exc))) from None


def _sayer(said: Mapping[str, Any]) -> Callable[..., Any]:
    """``again(text)``: the text carrying the message the record kept for it, if any;
    ``again(entry, key)``: the JSON object with that key's text so (anything else as it is)."""
    messages: dict[str, Message] = {}
    for text, data in said.items():
        try:
            message = message_from_json(data)
            # Only a message that says exactly this text: a forged or edited log (or one whose
            # template has changed since) shows its English, never another sentence translated.
            if english(message) == text:
                messages[text] = message
        except (ValueError, KeyError):  # not a message, or a code this version does not know
            continue

    def again(value: Any, key: str | None = None) -> Any:
        if key is not None:  # a step's or error's JSON object: its text at ``key``
            if not isinstance(value, Mapping) or not isinstance(value.get(key), str):
                return value
            return {**value, key: again(value[key])}
        message = messages.get(value) if isinstance(value, str) else None
        return Said(value, message) if message is not None else value

    return again


def said_in(texts: Iterable[str | None]) -> dict[str, Any]:
    """The messages ``texts`` carry, by text, as JSON data; a text that carries none (never
    said, or made anew, e.g. masked) is left out: it shows as written."""
    found: dict[str, Any] = {}
    for text in texts:
        if not text or text in found:
            continue
        message = said_of(text)
        if message is not None:
            found[text] = _masked(message_to_json(message))
    return found


def _masked(data: Any) -> Any:
    """Secret literals masked in every string of a message's JSON (its names are the text's)."""
    if isinstance(data, str):
        return mask_secrets(data)
    if isinstance(data, list):
        return [_masked(x) for x in data]
    if isinstance(data, dict):
        return {k: _masked(v) for k, v in data.items()}
    return data


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
        said=said_in(
            (
                action.title,
                *(s.label for s in action.steps),
                *action.warnings,
                error.message if error else None,
                error.partial if error else None,
            )
        ),
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
    text = str(exc)
    message = mask_secrets(" ".join(text.split())) or type(exc).__name__
    said = said_of(exc)
    if said is not None and message == text:  # one line, nothing masked: it keeps its message
        message = Said(message, said)
    return AuditError(message=message, sqlstate=sqlstate, detail=detail)
