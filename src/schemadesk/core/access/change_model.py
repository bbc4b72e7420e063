"""A change set: statements to run in one transaction and what must hold afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from psycopg import sql
from psycopg.abc import AdaptContext

from schemadesk.core.access.change_sql import script_text, sql_text, statements_text
from schemadesk.core.access.expectations import Expectation
from schemadesk.core.access.models import Catalog
from schemadesk.core.messages import Message, Param, said

_set = object.__setattr__


class Statement:
    """One statement and what it does, in plain words.

    The summary may be given as a message (or a function making it), said in English only
    when read: ``check`` makes
    the fixes of 50,000 findings and prints their SQL, never their summaries, which the
    window reads one confirmation at a time."""

    __slots__ = ("_summary", "sql")

    def __init__(
        self, statement: sql.Composed, summary: str | Message | Callable[[], Message]
    ) -> None:
        self.sql: sql.Composed = statement
        self._summary = summary

    @property
    def summary(self) -> str:
        """What the statement does, in English (carrying its message when said from one)."""
        found = self._summary
        if isinstance(found, str):
            return found
        return said(found if isinstance(found, Message) else found())

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


class ChangeSet:
    """Statements to run in one transaction, and what must hold once they have run.

    Immutable. The title may be given as a message, said in English only when read, as a
    statement's summary: ``check`` builds the fixes of 50,000 findings and prints only their
    SQL. For the same reason the expectations may be given as a function making them, called
    once when they are first read (a check's fixes would expect 200,000 grants, never read)."""

    __slots__ = ("_expect", "_title", "statements")
    _title: str | Message
    statements: tuple[Statement, ...]
    _expect: tuple[Expectation, ...] | Callable[[], tuple[Expectation, ...]]

    def __init__(
        self,
        title: str | Message,
        statements: tuple[Statement, ...] = (),
        expectations: tuple[Expectation, ...] | Callable[[], tuple[Expectation, ...]] = (),
    ) -> None:
        _set(self, "_title", title)
        _set(self, "statements", statements)
        _set(self, "_expect", expectations)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"ChangeSet is immutable: cannot set {name!r}")

    @property
    def title(self) -> str:
        """What the change does, in English (carrying its message when said from one)."""
        found = self._title
        return said(found) if isinstance(found, Message) else found

    @property
    def expectations(self) -> tuple[Expectation, ...]:
        """What must hold once the statements have run (made when first read, then kept)."""
        found = self._expect
        if isinstance(found, tuple):
            return found
        made = found()
        _set(self, "_expect", made)
        return made

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ChangeSet):
            return NotImplemented
        return (self.title, self.statements, self.expectations) == (
            other.title,
            other.statements,
            other.expectations,
        )

    def __hash__(self) -> int:
        return hash((self.title, self.statements, self.expectations))

    def __repr__(self) -> str:
        return (
            f"ChangeSet(title={self.title!r}, statements={self.statements!r}, "
            f"expectations={self.expectations!r})"
        )

    def __reduce__(self) -> tuple[type[ChangeSet], tuple[object, ...]]:
        return (ChangeSet, (self._title, self.statements, self.expectations))

    @property
    def empty(self) -> bool:
        return not self.statements

    def render(self, context: AdaptContext | None = None) -> str:
        """The exact SQL that runs, one statement per line group, each ending with ``;``."""
        if context is None:
            return statements_text(self.statements)
        return script_text([s.sql for s in self.statements], context)

    def unmet(self, catalog: Catalog) -> tuple[Expectation, ...]:
        """Expectations that do not hold in ``catalog`` (empty after a successful apply)."""
        return tuple(e for e in self.expectations if not e.holds(catalog))

    def __add__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet.joined(self, other)

    @staticmethod
    def joined(first: ChangeSet, *rest: ChangeSet) -> ChangeSet:
        """``first + second + ...``, equal to it, in one pass: each ``+`` copies both sides,
        so a fold over a schema's 10,000 objects copied 50 million statements (and searched
        its expectations as often)."""
        return ChangeSet._joined(first._title, (first, *rest), keep_title=False)

    @staticmethod
    def combine(title: str | Message, parts: Iterable[ChangeSet]) -> ChangeSet:
        """The parts joined (as ``joined``) under ``title``."""
        return ChangeSet._joined(title, tuple(parts), keep_title=True)

    @staticmethod
    def _joined(
        title: str | Message, given: tuple[ChangeSet, ...], *, keep_title: bool
    ) -> ChangeSet:
        statements: list[Statement] = []
        for number, part in enumerate(given):
            # ``a + b`` keeps a's title, unless a has no statement and b has a title (a
            # message is never empty: only a plain title can be). ``combine``'s stays.
            if not keep_title and number and not statements and part._title:
                title = part._title
            statements.extend(part.statements)
        sides = [part._expect for part in given if part._expect != ()]
        if not sides:
            return ChangeSet(title, tuple(statements))
        if len(sides) == 1 and isinstance(sides[0], tuple):
            return ChangeSet(title, tuple(statements), sides[0])  # folding one side keeps it
        # Folded when first read: hashing a check's 50,000 fixes' expectations to fold them
        # was a tenth of making the fixes, and a printed fix never reads them.
        return ChangeSet(title, tuple(statements), partial(_folded_parts, given))


def _folded_parts(given: tuple[ChangeSet, ...]) -> tuple[Expectation, ...]:
    return _folded([part.expectations for part in given])


def _folded(sides: list[tuple[Expectation, ...]]) -> tuple[Expectation, ...]:
    """The sides' expectations as ``+`` joins them: each side adds what no earlier side
    holds, in order. Looked up by hash (every ``Expect*`` is frozen and hashed by its
    fields), not searched for in a tuple."""
    out: list[Expectation] = []
    seen: set[Expectation] = set()
    for then in sides:
        added = [e for e in then if e not in seen]  # repeats within one side stay, as there
        out.extend(added)
        seen.update(added)
    return tuple(out)


def titled(code: str, **params: Param) -> Message:
    """A title or summary to say when read (``said_title``'s message, not said yet)."""
    return Message(code, params)


def one_change(
    title: str | Message, statement: sql.Composed, summary: str | Message, *expect: Expectation
) -> ChangeSet:
    """A change set of one statement."""
    return ChangeSet(title, (Statement(statement, summary),), expect)
