"""The local audit log: JSON lines in the app's data folder (``audit.jsonl``, mode 0600), one
record per line, each appended with a single write and fsynced; read back with filters."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from schemadesk.core.actions import ActionKind
from schemadesk.core.audit.records import AuditRecord, Outcome
from schemadesk.core.errors import ConfigError
from schemadesk.core.messages_reports import say
from schemadesk.core.profiles import default_data_dir


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Which records to list; every given criterion must hold."""

    since: datetime | None = None
    until: datetime | None = None
    profile: str | None = None
    database: str | None = None
    kind: str | None = None
    outcome: str | None = None  # one of VERDICTS: a partial rehearsal is not "succeeded"
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
            (self.outcome, record.verdict),
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
            reason = str(exc.strerror)
            raise ConfigError(say("audit-unreadable", path=str(self.path), reason=reason)) from None
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
                held = say("audit-no-number", number=number, path=str(self.path), n=len(records))
                raise ConfigError(held)
            return records[index]
        found = [r for r in records if r.id.startswith(text.lower())]
        if len(found) != 1:
            where = {"text": repr(text), "path": str(self.path)}
            if not found:
                raise ConfigError(say("audit-no-id", **where))
            raise ConfigError(say("audit-ids", n=len(found), **where))
        return found[0]
