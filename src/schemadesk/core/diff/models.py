"""What a comparison finds: typed differences between a schema of A and its pair in B.

A ``Difference`` carries a structured message (code + named parameters, English in
``core/diff/texts.py``) so that the window translates it by code, never by its English.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from schemadesk.core.messages import Message, english

# What a difference is about; ``access`` kinds are what ``--sql`` can script.
Category = Literal[
    "schema",  # a schema only on one side
    "owner",  # the schema's or an object's owner
    "grant",  # a grantee's rights on the schema or an object
    "default",  # ALTER DEFAULT PRIVILEGES FOR ROLE ... IN SCHEMA ...
    "role",  # a role involved: missing, or an attribute
    "setting",  # a role-level setting (ALTER ROLE ... SET)
    "membership",  # a membership of a role involved, with its options
    "migration",  # a pgdbm ledger row: applied on one side only, or another checksum
    "alembic",  # an Alembic version table's heads
    "structure",  # objects, columns, indexes, constraints, triggers, definitions
]
ACCESS_CATEGORIES: frozenset[str] = frozenset({"owner", "grant", "default", "membership"})


@dataclass(frozen=True, slots=True)
class SchemaPair:
    """Schema ``source`` of A compared with schema ``target`` of B."""

    source: str
    target: str

    @property
    def label(self) -> str:
        return self.source if self.source == self.target else f"{self.source} → {self.target}"


@dataclass(frozen=True, slots=True)
class Difference:
    """One thing that differs; ``a`` / ``b`` are each side's value as text (None: absent)."""

    category: Category
    pair: SchemaPair | None  # None: not about one schema (a role, a membership)
    subject: str  # what it is about, as text: "schema s", "table s.t", "role r"
    message: Message
    a: str | None = None
    b: str | None = None

    @property
    def access(self) -> bool:
        """Access (owners, grants, default privileges, memberships): scripted by ``--sql``."""
        return self.category in ACCESS_CATEGORIES

    @property
    def text(self) -> str:
        return english(self.message)


@dataclass(frozen=True, slots=True)
class DiffReport:
    """Every difference found, the pairs compared, and what could not be compared."""

    pairs: tuple[SchemaPair, ...]
    differences: tuple[Difference, ...] = ()
    notes: tuple[Message, ...] = field(default=())

    @property
    def equal(self) -> bool:
        return not self.differences

    @property
    def access_equal(self) -> bool:
        return not any(d.access for d in self.differences)

    def of(self, pair: SchemaPair | None) -> Iterator[Difference]:
        """The differences of one pair (None: those about roles)."""
        return (d for d in self.differences if d.pair == pair)
