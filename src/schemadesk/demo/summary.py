"""What the demo seed built, as plain data: the smoke test, the demo command and tests read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ModuleKind = Literal["pgdbm", "alembic"]


@dataclass(frozen=True, slots=True)
class ModuleState:
    """The seeded state of one module, as schemadesk's status should later report it.

    The four file lists are disjoint. ``applied`` holds the clean ones only: ledger rows whose
    file is on disk with the recorded checksum (for Alembic: the revisions up to the current head,
    which Alembic cannot verify). ``drifted`` files are applied but changed on disk since;
    ``missing`` ones are applied but gone from disk; ``pending`` ones are on disk, not applied
    (the engine calls a pending file after a drifted one "blocked").
    """

    name: str
    kind: ModuleKind
    schema: str
    ledger: str  # "schema.table" of the pgdbm ledger or the Alembic version table
    applied: tuple[str, ...]
    pending: tuple[str, ...]
    drifted: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()  # Alembic only: the version table's rows

    @property
    def recorded(self) -> int:
        """Rows in the pgdbm ledger (applied + drifted + missing); Alembic: applied revisions."""
        return len(self.applied) + len(self.drifted) + len(self.missing)

    def counts(self) -> dict[str, int]:
        """``{"applied": n, "pending": n, "drifted": n, "missing": n}``."""
        return {
            "applied": len(self.applied),
            "pending": len(self.pending),
            "drifted": len(self.drifted),
            "missing": len(self.missing),
        }


@dataclass(frozen=True, slots=True)
class BrokenGrant:
    """The one grant the seed gets wrong on purpose, for the convention checks to find."""

    role: str
    privilege: str
    schema: str
    table: str
    explanation: str


@dataclass(frozen=True, slots=True)
class SeedSummary:
    """Schemas, roles and modules the demo seed created, with per-state migration counts."""

    database: str
    schemas: tuple[str, ...]
    roles: tuple[str, ...]
    modules: tuple[ModuleState, ...]
    broken_grant: BrokenGrant
    role_settings: tuple[tuple[str, str], ...]  # set on every <schema>_rw in this database
    alembic_ran: bool  # True: Alembic's own command API built the Alembic schemas
    notes: tuple[str, ...] = field(default=())

    def module(self, name: str) -> ModuleState:
        """The module called ``name``; KeyError when the seed has none."""
        for module in self.modules:
            if module.name == name:
                return module
        raise KeyError(name)

    def counts(self) -> dict[str, dict[str, int]]:
        """Per module, the number of migrations in each state."""
        return {m.name: m.counts() for m in self.modules}

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form (for ``--smoke-test`` output and logs)."""
        return {
            "database": self.database,
            "schemas": list(self.schemas),
            "roles": list(self.roles),
            "modules": {
                m.name: {"kind": m.kind, "schema": m.schema, **m.counts(), "heads": list(m.heads)}
                for m in self.modules
            },
            "broken_grant": {
                "role": self.broken_grant.role,
                "privilege": self.broken_grant.privilege,
                "table": f"{self.broken_grant.schema}.{self.broken_grant.table}",
            },
            "alembic_ran": self.alembic_ran,
        }
