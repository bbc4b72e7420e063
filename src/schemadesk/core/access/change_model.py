"""A change set: statements to run in one transaction and what must hold afterwards."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from psycopg import sql
from psycopg.abc import AdaptContext

from schemadesk.core.access.change_sql import sql_text
from schemadesk.core.access.expectations import Expectation
from schemadesk.core.access.models import Catalog
from schemadesk.core.messages import Message, said


class Statement:
    """One statement and what it does, in plain words.

    The summary may be given as a message, said in English only when read: ``check`` makes
    the fixes of 50,000 findings and prints their SQL, never their summaries, which the
    window reads one confirmation at a time."""

    __slots__ = ("_summary", "sql")

    def __init__(self, statement: sql.Composed, summary: str | Message) -> None:
        self.sql: sql.Composed = statement
        self._summary = summary

    @property
    def summary(self) -> str:
        """What the statement does, in English (carrying its message when said from one)."""
        found = self._summary
        return said(found) if isinstance(found, Message) else found

    def render(self, context: AdaptContext | None = None) -> str:
        return sql_text(self.sql) if context is None else self.sql.as_string(context)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Statement):
            return NotImplemented
        return (self.sql, self.summary) == (other.sql, other.summary)

    def __hash__(self) -> int:
        return hash((self.render(), self.summary))

    def __repr__(self) -> str:
        return f"Statement(sql={self.sql!r}, summary={self.summary!r})"


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
