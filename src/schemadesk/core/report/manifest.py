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
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from schemadesk.core.errors import SchemadeskError

REPORT_FORMAT = "schemadesk-review/1"

T = TypeVar("T")
Json = dict[str, Any]


class ReviewMismatch(SchemadeskError):
    """The planned action is not the reviewed one, or the report was edited: nothing runs."""

    exit_code = 5


class ManifestError(ValueError):
    """A manifest that does not have the shape of its format (a damaged or forged report)."""


def sha256(text: str) -> str:
    """The hex SHA-256 of ``text`` as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_json(data: Any) -> str:
    """The one JSON text of ``data`` that its hash is taken over (sorted keys, no spaces)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _get(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    if key not in data:
        raise ManifestError(f"no {key!r}")
    value = data[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _kinds(kind)):
        raise ManifestError(f"{key!r} is {type(value).__name__}")
    return value


def _kinds(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


_STR_OR_NONE = (str, type(None))
_NUMBER = (int, float)
_NUMBER_OR_NONE = (int, float, type(None))


def _strings(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    values = _get(data, key, list)
    if not all(isinstance(v, str) for v in values):
        raise ManifestError(f"{key!r} holds a non-text item")
    return tuple(values)


def _objects(data: Mapping[str, Any], key: str, read: Callable[[Mapping[str, Any]], T]) -> list[T]:
    values = _get(data, key, list)
    if not all(isinstance(v, Mapping) for v in values):
        raise ManifestError(f"{key!r} holds a non-object item")
    return [read(v) for v in values]


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
            profile=_get(data, "profile", str),
            host=_get(data, "host", _STR_OR_NONE),
            port=_get(data, "port", (int, type(None))),
            database=_get(data, "database", str),
            login=_get(data, "login", str),
            schema=_get(data, "schema", _STR_OR_NONE),
            run_as=_get(data, "run_as", _STR_OR_NONE),
            protected=_get(data, "protected", (bool, type(None))),
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
            label=_get(data, "label", str),
            checksum=_get(data, "checksum", _STR_OR_NONE),
            sql_sha256=_get(data, "sql_sha256", str),
            statements=_get(data, "statements", int),
            locks=_strings(data, "locks"),
            sql=_get(data, "sql", str),
            outcome=_get(data, "outcome", str) if ran else None,
            duration_ms=_get(data, "duration_ms", _NUMBER_OR_NONE) if ran else None,
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
            schema=_get(data, "schema", str),
            code=_get(data, "code", str),
            severity=_get(data, "severity", str),
            title=_get(data, "title", str),
            explanation=_get(data, "explanation", str),
            objects=_strings(data, "objects"),
            fix_sql=_get(data, "fix_sql", str),
        )


@dataclass(frozen=True, slots=True)
class RehearsedStep:
    """One migration of the rehearsal: its outcome and time."""

    label: str
    outcome: str
    duration_ms: float

    def to_json(self) -> Json:
        return {"label": self.label, "outcome": self.outcome, "duration_ms": self.duration_ms}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RehearsedStep:
        return cls(
            label=_get(data, "label", str),
            outcome=_get(data, "outcome", str),
            duration_ms=_get(data, "duration_ms", _NUMBER),
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
            file=_get(data, "file", str),
            line=_get(data, "line", (int, type(None))),
            column=_get(data, "column", (int, type(None))),
            sqlstate=_get(data, "sqlstate", _STR_OR_NONE),
            message=_get(data, "message", str),
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
        error = _get(data, "error", (Mapping, type(None)))
        return cls(
            ok=_get(data, "ok", bool),
            summary=_get(data, "summary", str),
            steps=tuple(_objects(data, "steps", RehearsedStep.from_json)),
            not_rehearsed=_strings(data, "not_rehearsed"),
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
            id=_get(data, "id", str),
            when=_get(data, "when", str),
            outcome=_get(data, "outcome", str),
            duration_ms=_get(data, "duration_ms", _NUMBER),
            error=_get(data, "error", _STR_OR_NONE),
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
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Manifest:
        """The manifest ``data`` describes; ``ManifestError`` unless it is exactly one."""
        texts = data.get("texts")
        if "texts" in data and not isinstance(texts, Mapping):
            raise ManifestError("'texts' is not an object")
        rehearsal = _get(data, "rehearsal", (Mapping, type(None)))
        audit = _get(data, "audit", (Mapping, type(None)))
        manifest = cls(
            format=_get(data, "format", str),
            language=_get(data, "language", str),
            texts=texts,
            source=_get(data, "source", str),
            created=_get(data, "created", str),
            kind=_get(data, "kind", str),
            title=_get(data, "title", str),
            os_user=_get(data, "os_user", str),
            target=Target.from_json(_get(data, "target", Mapping)),
            checksum_algorithm=_get(data, "checksum_algorithm", str),
            sql_sha256_note=_get(data, "sql_sha256_note", str),
            steps=tuple(_objects(data, "steps", Step.from_json)),
            statement_count=_get(data, "statement_count", int),
            locks=_strings(data, "locks"),
            warnings=_strings(data, "warnings"),
            findings=tuple(_objects(data, "findings", FindingEntry.from_json)),
            rehearsal=Rehearsal.from_json(rehearsal) if rehearsal is not None else None,
            rehearsal_note=_get(data, "rehearsal_note", _STR_OR_NONE),
            audit=AuditEntry.from_json(audit) if audit is not None else None,
        )
        if manifest.to_json() != data:  # unknown keys, or a value in another shape
            raise ManifestError("it holds more, or other, than its format describes")
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
