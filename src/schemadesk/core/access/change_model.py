"""A change set: statements to run in one transaction and what must hold afterwards."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from psycopg import sql
from psycopg.abc import AdaptContext

from schemadesk.core.access.expectations import Expectation
from schemadesk.core.access.models import Catalog


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement and what it does, in plain words."""

    sql: sql.Composed
    summary: str

    def render(self, context: AdaptContext | None = None) -> str:
        return self.sql.as_string(context)


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """Statements to run in one transaction, and what must hold once they have run."""

    title: str
    statements: tuple[Statement, ...] = ()
    expectations: tuple[Expectation, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.statements

    def render(self, context: AdaptContext | None = None) -> str:
        """The exact SQL that runs, one statement per line group, each ending with ``;``."""
        return "".join(s.render(context) + ";\n" for s in self.statements)

    def unmet(self, catalog: Catalog) -> tuple[Expectation, ...]:
        """Expectations that do not hold in ``catalog`` (empty after a successful apply)."""
        return tuple(e for e in self.expectations if not e.holds(catalog))

    def __add__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(
            self.title if self.statements or not other.title else other.title,
            self.statements + other.statements,
            self.expectations + tuple(e for e in other.expectations if e not in self.expectations),
        )

    @staticmethod
    def combine(title: str, parts: Iterable[ChangeSet]) -> ChangeSet:
        out = ChangeSet(title)
        for part in parts:
            out = out + part
        return ChangeSet(title, out.statements, out.expectations)


def one_change(
    title: str, statement: sql.Composed, summary: str, *expect: Expectation
) -> ChangeSet:
    """A change set of one statement."""
    return ChangeSet(title, (Statement(statement, summary),), expect)
