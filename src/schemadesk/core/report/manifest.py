"""The review manifest: the typed contract behind a report and ``apply --reviewed``.

One dataclass per part, each written by ``to_json`` and read by ``from_json``; the JSON form is
what a report embeds and what its content hash is taken over, so it must stay exactly as it
was for every format version: a step of a plan has no ``outcome``/``duration_ms`` keys, a
manifest in English no ``texts`` key. ``Manifest.from_json`` refuses anything whose JSON would
not come back identical, so the hash is always over what the file says.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from schemadesk.core.messages_reports import say
from schemadesk.core.report.json_fields import (
    NUMBER,
    NUMBER_OR_NONE,
    STR_OR_NONE,
    ManifestError,
    get,
    objects,
    strings,
)
from schemadesk.core.report.lint_entry import LintEntry

REPORT_FORMAT = "schemadesk-review/1"

Json = dict[str, Any]


def sha256(text: str) -> str:
    """The hex SHA-256 of ``text`` as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_json(data: Any) -> str:
    """The one JSON text of ``data`` that its hash is taken over (sorted keys, no spaces)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class Target:
    """Where the action runs and as whom (``protected`` is unknown for a past action)."""

    profile: str
    host: str | None
    port: int | None
    database: str
    login: str
    schema: str | None
    run_as: str | None
    protected: bool | None

    def to_json(self) -> Json:
        return {
            "profile": self.profile,
            "host": self.host,
            "port": self.port,
            "database": self.database,
            "login": self.login,
            "schema": self.schema,
            "run_as": self.run_as,
            "protected": self.protected,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Target:
        return cls(
            profile=get(data, "profile", str),
            host=get(data, "host", STR_OR_NONE),
            port=get(data, "port", (int, type(None))),
            database=get(data, "database", str),
            login=get(data, "login", str),
            schema=get(data, "schema", STR_OR_NONE),
            run_as=get(data, "run_as", STR_OR_NONE),
            protected=get(data, "protected", (bool, type(None))),
        )


@dataclass(frozen=True, slots=True)
class Step:
    """One step's exact SQL and hashes; ``outcome`` (and its duration) only for a past one."""

    label: str
    checksum: str | None
    sql_sha256: str
    statements: int
    locks: tuple[str, ...]
    sql: str
    outcome: str | None = None
    duration_ms: float | None = None

    def to_json(self) -> Json:
        data: Json = {
            "label": self.label,
            "checksum": self.checksum,
            "sql_sha256": self.sql_sha256,
            "statements": self.statements,
            "locks": list(self.locks),
            "sql": self.sql,
        }
        if self.outcome is not None:
            data |= {"outcome": self.outcome, "duration_ms": self.duration_ms}
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Step:
        ran = "outcome" in data
        return cls(
            label=get(data, "label", str),
            checksum=get(data, "checksum", STR_OR_NONE),
            sql_sha256=get(data, "sql_sha256", str),
            statements=get(data, "statements", int),
            locks=strings(data, "locks"),
            sql=get(data, "sql", str),
            outcome=get(data, "outcome", str) if ran else None,
            duration_ms=get(data, "duration_ms", NUMBER_OR_NONE) if ran else None,
        )


@dataclass(frozen=True, slots=True)
class FindingEntry:
    """A convention finding shown with the review, and the SQL that would fix it."""

    schema: str
    code: str
    severity: str
    title: str
    explanation: str
    objects: tuple[str, ...]
    fix_sql: str

    def to_json(self) -> Json:
        return {
            "schema": self.schema,
            "code": self.code,
            "severity": self.severity,
            "title": self.title,
            "explanation": self.explanation,
            "objects": list(self.objects),
            "fix_sql": self.fix_sql,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FindingEntry:
        return cls(
            schema=get(data, "schema", str),
            code=get(data, "code", str),
            severity=get(data, "severity", str),
            title=get(data, "title", str),
            explanation=get(data, "explanation", str),
            objects=strings(data, "objects"),
            fix_sql=get(data, "fix_sql", str),
        )


@dataclass(frozen=True, slots=True)
class RehearsedStep:
    """One migration of the rehearsal: its outcome, time and what it was seen to lock and
    rewrite (``observed``; the key only when there is something, so older reports verify)."""

    label: str
    outcome: str
    duration_ms: float
    observed: tuple[str, ...] = ()

    def to_json(self) -> Json:
        out: Json = {"label": self.label, "outcome": self.outcome, "duration_ms": self.duration_ms}
        return {**out, "observed": list(self.observed)} if self.observed else out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RehearsedStep:
        return cls(
            label=get(data, "label", str),
            outcome=get(data, "outcome", str),
            duration_ms=get(data, "duration_ms", NUMBER),
            observed=strings(data, "observed") if "observed" in data else (),
        )


@dataclass(frozen=True, slots=True)
class RehearsalError:
    """Where the rehearsal failed: file, line, column, SQLSTATE and the server's message."""

    file: str
    line: int | None
    column: int | None
    sqlstate: str | None
    message: str

    def to_json(self) -> Json:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "sqlstate": self.sqlstate,
            "message": self.message,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RehearsalError:
        return cls(
            file=get(data, "file", str),
            line=get(data, "line", (int, type(None))),
            column=get(data, "column", (int, type(None))),
            sqlstate=get(data, "sqlstate", STR_OR_NONE),
            message=get(data, "message", str),
        )

    def describe(self) -> str:
        """``file:line:column: message [SQLSTATE]``, as the report shows it."""
        where = self.file
        if where and self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        state = f" [{self.sqlstate}]" if self.sqlstate else ""
        return f"{where + ': ' if where else ''}{self.message}{state}"


@dataclass(frozen=True, slots=True)
class Rehearsal:
    """The rehearsal's verdict, per-migration outcomes and what could not be rehearsed."""

    ok: bool
    summary: str
    steps: tuple[RehearsedStep, ...]
    not_rehearsed: tuple[str, ...]
    error: RehearsalError | None

    def to_json(self) -> Json:
        return {
            "ok": self.ok,
            "summary": self.summary,
            "steps": [s.to_json() for s in self.steps],
            "not_rehearsed": list(self.not_rehearsed),
            "error": self.error.to_json() if self.error else None,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Rehearsal:
        error = get(data, "error", (Mapping, type(None)))
        return cls(
            ok=get(data, "ok", bool),
            summary=get(data, "summary", str),
            steps=tuple(objects(data, "steps", RehearsedStep.from_json)),
            not_rehearsed=strings(data, "not_rehearsed"),
            error=RehearsalError.from_json(error) if error is not None else None,
        )


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """How a past action ended, from its audit record."""

    id: str
    when: str
    outcome: str
    duration_ms: float
    error: str | None

    def to_json(self) -> Json:
        return {
            "id": self.id,
            "when": self.when,
            "outcome": self.outcome,
            "duration_ms": self.duration_ms,
            "error": self.error,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AuditEntry:
        return cls(
            id=get(data, "id", str),
            when=get(data, "when", str),
            outcome=get(data, "outcome", str),
            duration_ms=get(data, "duration_ms", NUMBER),
            error=get(data, "error", STR_OR_NONE),
        )


@dataclass(frozen=True, slots=True)
class Manifest:
    """Everything a review report shows and ``apply --reviewed`` compares (format version 1)."""

    language: str
    texts: Mapping[str, Any] | None  # the report's words that differ from English
    source: str  # "plan" or "audit"
    created: str
    kind: str
    title: str
    os_user: str
    target: Target
    checksum_algorithm: str
    sql_sha256_note: str
    steps: tuple[Step, ...]
    statement_count: int
    locks: tuple[str, ...]
    warnings: tuple[str, ...]
    findings: tuple[FindingEntry, ...]
    rehearsal: Rehearsal | None
    rehearsal_note: str | None
    audit: AuditEntry | None
    format: str = REPORT_FORMAT
    lint: tuple[LintEntry, ...] = ()  # absent from the JSON when empty (older reports verify)

    def texts_entry(self) -> Json:
        """The language and texts as ``core.report_texts.from_manifest`` reads them."""
        entry: Json = {"language": self.language}
        if self.texts is not None:
            entry["texts"] = dict(self.texts)
        return entry

    def to_json(self) -> Json:
        """The JSON data a report embeds (and hashes)."""
        return {
            "format": self.format,
            **self.texts_entry(),
            "source": self.source,
            "created": self.created,
            "kind": self.kind,
            "title": self.title,
            "os_user": self.os_user,
            "target": self.target.to_json(),
            "checksum_algorithm": self.checksum_algorithm,
            "sql_sha256_note": self.sql_sha256_note,
            "steps": [s.to_json() for s in self.steps],
            "statement_count": self.statement_count,
            "locks": list(self.locks),
            "warnings": list(self.warnings),
            "findings": [f.to_json() for f in self.findings],
            "rehearsal": self.rehearsal.to_json() if self.rehearsal else None,
            "rehearsal_note": self.rehearsal_note,
            "audit": self.audit.to_json() if self.audit else None,
        } | ({"lint": [f.to_json() for f in self.lint]} if self.lint else {})

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Manifest:
        """The manifest ``data`` describes; ``ManifestError`` unless it is exactly one."""
        texts = data.get("texts")
        if "texts" in data and not isinstance(texts, Mapping):
            raise ManifestError(say("manifest-texts"))
        rehearsal = get(data, "rehearsal", (Mapping, type(None)))
        audit = get(data, "audit", (Mapping, type(None)))
        manifest = cls(
            format=get(data, "format", str),
            language=get(data, "language", str),
            texts=texts,
            source=get(data, "source", str),
            created=get(data, "created", str),
            kind=get(data, "kind", str),
            title=get(data, "title", str),
            os_user=get(data, "os_user", str),
            target=Target.from_json(get(data, "target", Mapping)),
            checksum_algorithm=get(data, "checksum_algorithm", str),
            sql_sha256_note=get(data, "sql_sha256_note", str),
            steps=tuple(objects(data, "steps", Step.from_json)),
            statement_count=get(data, "statement_count", int),
            locks=strings(data, "locks"),
            warnings=strings(data, "warnings"),
            findings=tuple(objects(data, "findings", FindingEntry.from_json)),
            rehearsal=Rehearsal.from_json(rehearsal) if rehearsal is not None else None,
            rehearsal_note=get(data, "rehearsal_note", STR_OR_NONE),
            audit=AuditEntry.from_json(audit) if audit is not None else None,
            lint=tuple(objects(data, "lint", LintEntry.from_json)) if "lint" in data else (),
        )
        if manifest.to_json() != data:  # unknown keys, or a value in another shape
            raise ManifestError(say("manifest-more"))
        return manifest


@dataclass(frozen=True)
class Review:
    """A report's typed manifest, its JSON form and the hash that identifies its content."""

    typed: Manifest

    @property
    def manifest(self) -> Json:
        """The manifest as the JSON data the report embeds."""
        return self.typed.to_json()

    @property
    def content_sha256(self) -> str:
        return sha256(canonical_json(self.manifest))
