"""Run a change set in one transaction and check afterwards that what it promised holds."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg

from schemadesk.core.access.changes import ChangeSet
from schemadesk.core.access.guards import refuse_unsafe
from schemadesk.core.access.models import Catalog
from schemadesk.core.errors import ReadOnlyViolation, SchemadeskError
from schemadesk.core.messages_db import say as say_db
from schemadesk.core.messages_tools import say
from schemadesk.db.access.loader import load_catalog
from schemadesk.db.connects import Connects


class ChangeSetFailed(SchemadeskError):
    """A statement of a change set failed; the transaction was rolled back, nothing changed.

    ``number`` of ``total`` is the statement (``summary`` says what it did), ``sqlstate`` and
    ``server_message`` are the server's own."""

    def __init__(
        self, *, number: int, total: int, summary: str, sqlstate: str | None, server_message: str
    ) -> None:
        super().__init__(
            say_db(
                "change-set-failed",
                number=number,
                total=total,
                summary=(summary,),  # a statement's summary the window may translate itself
                server_message=server_message,
            )
        )
        self.number = number
        self.total = total
        self.summary = summary
        self.sqlstate = sqlstate
        self.server_message = server_message


@dataclass(frozen=True, slots=True)
class ApplyResult:
    """What ran, the catalog read back afterwards, and the expectations that still do not hold."""

    change_set: ChangeSet
    sql: str
    catalog: Catalog
    unmet: tuple[str, ...]

    @property
    def verified(self) -> bool:
        return not self.unmet


async def render_change_set(pool: Connects, change_set: ChangeSet) -> str:
    """The exact SQL text, quoted as the server connection would (encoding, std strings)."""
    async with pool.connection() as conn:
        return change_set.render(conn)


async def apply_change_set(pool: Connects, change_set: ChangeSet) -> ApplyResult:
    """Run every statement in one transaction (all or nothing), then re-read the catalog."""
    refuse_unsafe(change_set)  # whichever front end built it: no name PostgreSQL would cut
    async with pool.connection() as conn:
        text = change_set.render(conn)
        total = len(change_set.statements)
        try:
            async with conn.transaction():
                for number, statement in enumerate(change_set.statements, 1):
                    try:
                        await conn.execute(statement.sql)
                    except psycopg.errors.ReadOnlySqlTransaction:
                        raise ReadOnlyViolation(say("apply-read-only")) from None
                    except psycopg.Error as exc:
                        reason = (exc.diag.message_primary or str(exc)).strip()
                        raise ChangeSetFailed(
                            number=number,
                            total=total,
                            summary=statement.summary,
                            sqlstate=exc.sqlstate,
                            server_message=reason,
                        ) from exc
        except psycopg.errors.ReadOnlySqlTransaction:  # at COMMIT
            raise ReadOnlyViolation(say("apply-read-only")) from None
    catalog = await load_catalog(pool)
    return ApplyResult(change_set, text, catalog, tuple(e.text for e in change_set.unmet(catalog)))
