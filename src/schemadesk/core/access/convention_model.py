"""The convention a schema is checked against, and a finding of the check.

``Convention`` reads ``[conventions]`` of ``schemadesk.toml``; ``Finding`` is one departure with
the change that fixes it. ``core.access.conventions`` runs the checks.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Literal

from schemadesk.core.access.changes import ChangeSet, Statement
from schemadesk.core.access.convention_texts import english_of
from schemadesk.core.access.models import DML_PRIVILEGES, Schema, privileges_for
from schemadesk.core.errors import ConfigError
from schemadesk.core.messages import Param
from schemadesk.core.messages_acl import Message
from schemadesk.core.messages_config import say
from schemadesk.core.toml_file import read_toml

Severity = Literal["error", "warning", "info"]
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(us|ms|s|min|h|d)?\s*$")
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "min": 60000.0, "h": 3600000.0, "d": 86400000.0}


@dataclass(frozen=True, slots=True)
class Convention:
    """The checked convention; ``{schema}`` in a role pattern is the schema's name."""

    owner_role: str = "{schema}_owner"
    rw_role: str = "{schema}_rw"
    migrator_role: str = "migrator"
    rw_table_privileges: tuple[str, ...] = DML_PRIVILEGES
    rw_sequence_privileges: tuple[str, ...] = ("USAGE", "SELECT")
    rw_settings: tuple[tuple[str, str], ...] = (
        ("statement_timeout", "5s"),
        ("idle_in_transaction_session_timeout", "10s"),
    )
    rw_login: bool = False
    owner_database_create: bool = True
    public_schema_privileges: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ("public",)

    def owner_for(self, schema: str) -> str:
        return self.owner_role.replace("{schema}", schema)

    def rw_for(self, schema: str) -> str:
        return self.rw_role.replace("{schema}", schema)

    def applies_to(self, schema: Schema) -> bool:
        if schema.is_managed:  # the system's or an extension's: not a service's schema
            return False
        if self.include and not any(fnmatch.fnmatchcase(schema.name, p) for p in self.include):
            return False
        return not any(fnmatch.fnmatchcase(schema.name, p) for p in self.exclude)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], source: str = "[conventions]") -> Convention:
        """Build from the ``[conventions]`` table; unknown keys are an error naming the key."""
        known = set(cls.__dataclass_fields__)
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                known_keys = ", ".join(sorted(known))
                raise ConfigError(
                    say("conventions-unknown-key", source=source, key=repr(key), known=known_keys)
                )
            if key == "rw_settings":
                if not isinstance(value, Mapping):
                    raise ConfigError(say("conventions-rw-settings", source=source))
                values[key] = tuple((str(k), str(v)) for k, v in value.items())
            elif key in ("owner_role", "rw_role", "migrator_role"):
                if not isinstance(value, str) or not value:
                    raise ConfigError(say("conventions-string", source=source, key=key))
                values[key] = value
            elif key in ("rw_login", "owner_database_create"):
                if not isinstance(value, bool):
                    raise ConfigError(say("conventions-bool", source=source, key=key))
                values[key] = value
            else:
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ConfigError(say("conventions-list", source=source, key=key))
                values[key] = tuple(v.upper() if key.endswith("privileges") else v for v in value)
        conv = cls(**values)
        for key, kind in (
            ("rw_table_privileges", "table"),
            ("rw_sequence_privileges", "sequence"),
            ("public_schema_privileges", "schema"),
        ):
            allowed = privileges_for(kind, 170000)  # type: ignore[arg-type]
            for p in getattr(conv, key):
                if p not in allowed:
                    raise ConfigError(
                        say(
                            "conventions-privilege",
                            source=source,
                            key=key,
                            privilege=repr(p),
                            kind=Message(f"privilege-kind-{kind}"),
                        )
                    )
        return conv

    @classmethod
    def from_toml(cls, path: Path) -> Convention:
        """``[conventions]`` of a ``schemadesk.toml``; defaults when the file or table is absent."""
        data = read_toml(path)
        if data is None:
            return cls()
        table = data.get("conventions", {})
        if not isinstance(table, dict):
            raise ConfigError(say("conventions-not-table", path=str(path)))
        return cls.from_mapping(table, f"{path} [conventions]")


class Finding:
    """One way a schema departs from the convention, and the change that fixes it.

    A check of 10,000 schemas finds tens of thousands: a finding keeps its code and parameters
    (what the window translates) and says its English title and explanation only when read
    (``core/access/convention_texts.py``); ``title``/``explanation`` given are kept as they are
    (a node's finding, a translated copy). ``fix_of`` is the change or a function making it:
    ``fix`` makes it on first use and keeps it. Parameters are kept as a tuple of values beside
    a key tuple shared by every finding of a code, not a dict each.
    """

    __slots__ = ("_fix", "_keys", "_texts", "_values", "code", "objects", "schema", "severity")
    schema: str
    code: str
    severity: Severity
    objects: tuple[str, ...]

    def __init__(  # noqa: PLR0917 (the order of the dataclass it was, which callers use)
        self,
        schema: str,
        code: str,
        severity: Severity,
        title: str | None,
        explanation: str | None,
        fix_of: ChangeSet | Callable[[], ChangeSet],
        objects: tuple[str, ...] = (),
        params: Mapping[str, Param] | None = None,
    ) -> None:
        self.schema = schema
        self.code = code
        self.severity = severity
        self.objects = objects
        keys = tuple(params) if params else ()
        self._keys = _KEYS.setdefault(keys, keys)
        self._values = tuple(params.values()) if params else ()
        self._texts = None if title is None or explanation is None else (title, explanation)
        self._fix = fix_of

    @classmethod
    def said(
        cls,
        schema: str,
        code: str,
        severity: Severity,
        fix_of: ChangeSet | Callable[[], ChangeSet],
        objects: tuple[str, ...] = (),
        **params: Param,
    ) -> Finding:
        """A finding whose English is said from ``code`` and ``params`` when read."""
        return cls(schema, code, severity, None, None, fix_of, objects, params)

    @property
    def params(self) -> dict[str, Param]:
        """What the window translates by ``code`` (names kept whole)."""
        return dict(zip(self._keys, self._values, strict=True))

    @property
    def texts(self) -> tuple[str, str]:
        """The title and explanation in English."""
        if self._texts is not None:
            return self._texts
        return english_of(self.schema, self.code, self._keys, self._values)

    @property
    def title(self) -> str:
        """What is wrong, in one English line."""
        return self.texts[0]

    @property
    def explanation(self) -> str:
        """Why it matters, in English."""
        return self.texts[1]

    @property
    def fix_of(self) -> ChangeSet | Callable[[], ChangeSet]:
        """The fix, or the function that makes it (until ``fix`` is read)."""
        return self._fix

    @property
    def fix(self) -> ChangeSet:
        """The change that fixes this finding (made now if it was deferred)."""
        made = self._fix
        if not isinstance(made, ChangeSet):
            made = self._fix = made()  # the maker's closure is not kept
        return made

    def with_texts(self, title: str, explanation: str) -> Finding:
        """The same finding, its title and explanation replaced (a translated copy)."""
        out = Finding(self.schema, self.code, self.severity, title, explanation, self._fix)
        out.objects, out._keys, out._values = self.objects, self._keys, self._values
        return out

    def _key(self) -> tuple[object, ...]:
        return (self.schema, self.code, self.severity, *self.texts, self.objects)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Finding(schema={self.schema!r}, code={self.code!r}, severity={self.severity!r}, "
            f"title={self.title!r}, objects={self.objects!r})"
        )

    def as_record(self) -> dict[str, Any]:
        """The finding as JSON data, without its fix (callers add the fix SQL their way)."""
        title, explanation = self.texts
        return {
            "schema": self.schema,
            "code": self.code,
            "severity": self.severity,
            "title": title,
            "explanation": explanation,
            "objects": list(self.objects),
        }


# One key tuple per parameter set (per finding code): 50,000 findings share a handful.
_KEYS: dict[tuple[str, ...], tuple[str, ...]] = {}


def duration_ms(value: str) -> float | None:
    """A PostgreSQL duration in milliseconds (bare numbers are milliseconds), None if not one."""
    match = _DURATION.match(value)
    if not match:
        return None
    return float(match.group(1)) * _UNIT_MS[match.group(2) or "ms"]


def same_setting(actual: str | None, wanted: str) -> bool:
    if actual is None:
        return False
    a, w = duration_ms(actual), duration_ms(wanted)
    return a == w if a is not None and w is not None else actual.strip() == wanted.strip()


def dedupe(title: str, parts: Iterable[ChangeSet]) -> ChangeSet:
    seen: set[str] = set()
    statements: list[Statement] = []
    joined = list(parts)
    for part in joined:
        for st in part.statements:
            key = st.render()
            if key in ("RESET ROLE",) or key.startswith("SET ROLE ") or key not in seen:
                seen.add(key)
                statements.append(st)
    # Made when read (``check`` prints the SQL only).
    return ChangeSet(title, tuple(statements), partial(_expectations_of, joined))


def _expectations_of(parts: list[ChangeSet]) -> tuple[Any, ...]:
    # Kept in order, looked up by hash: ``check --fix`` joins 50,000 findings' fixes, whose
    # 250,000 expectations searched in a list took more than ten minutes at 10,000 schemas.
    expectations: dict[Any, None] = {}
    for part in parts:
        for e in part.expectations:
            expectations.setdefault(e)  # every Expect* is frozen: hashed by its fields
    return tuple(expectations)


def fix_findings(findings: Iterable[Finding], title: str = "fix convention findings") -> ChangeSet:
    """One change set fixing every finding given, without repeated statements."""
    return dedupe(title, (f.fix for f in findings))
