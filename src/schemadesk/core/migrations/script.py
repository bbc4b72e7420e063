"""Every statement the engine sends for one plan step, in order, as the objects that run.

The runner executes these very objects and the previews (CLI plan, ``--json``, the window's
confirmation, the review report) print their text, so what the user reviewed is what the
server receives. Round trips group statements; the user's file is always a round trip of its
own (sent as it is). Besides pgdbm's lock and ledger statements, each step carries:

- a transaction guard: ``set_config('schemadesk.xact', txid_current()::text, true)`` when the
  step's transaction opens, checked before anything is written to the ledger. If the file
  ended that transaction (a ``COMMIT``/``ROLLBACK`` in a transactional migration) the check
  divides by zero and nothing after it runs: no ledger row, no commit of a new transaction;
- a session reset (``RESET ROLE; RESET SESSION AUTHORIZATION; RESET ALL`` and the profile's
  own settings again) so that a ``SET`` in one migration reaches neither the ledger write nor
  the next migration nor anything run on the connection afterwards.
"""

from __future__ import annotations

from psycopg import sql

from schemadesk.core.migrations import statements
from schemadesk.core.migrations.models import PlanStep, SessionBaseline
from schemadesk.core.migrations.observed import observe_query, sizes_query, snapshot_query
from schemadesk.core.migrations.project import ModuleConfig
from schemadesk.core.terminal_text import visible_line

BEGIN = sql.SQL("BEGIN")
COMMIT = sql.SQL("COMMIT")
ROLLBACK = sql.SQL("ROLLBACK")
# Marks the step's transaction (txid_current() also gives it an id, which its writes would).
GUARD_MARK = sql.SQL("SELECT set_config('schemadesk.xact', txid_current()::text, true)")
# Fails (division by zero) unless this is still the transaction GUARD_MARK ran in: a SET LOCAL
# value dies with its transaction, and a new transaction has another id.
GUARD_CHECK = sql.SQL(
    "SELECT 1 / (coalesce(current_setting('schemadesk.xact', true), '') = txid_current()::text)"
    "::int AS schemadesk_same_transaction"
)
SAVEPOINT = sql.SQL("SAVEPOINT schemadesk_step")
RELEASE = sql.SQL("RELEASE SAVEPOINT schemadesk_step")
# A rehearsal reads what a group of steps locked after its last step (observed_steps): a group
# of several opens with this savepoint, to run its steps again one by one when the read cannot
# tell them apart; the next group's first step gives it back.
GROUP_SAVEPOINT = sql.SQL("SAVEPOINT schemadesk_group")
GROUP_RELEASE = sql.SQL("RELEASE SAVEPOINT schemadesk_group")
GROUP_ROLLBACK = sql.SQL("ROLLBACK TO SAVEPOINT schemadesk_group")
# The observation sizes relations (pg_relation_size takes ACCESS SHARE): inside a savepoint
# rolled back at once, so that its own locks never hide a later step's.
OBSERVE_SAVEPOINT = sql.SQL("SAVEPOINT schemadesk_observe")
OBSERVE_ROLLBACK = sql.SQL("ROLLBACK TO SAVEPOINT schemadesk_observe")


def observing(query: sql.Composable) -> list[sql.Composable]:
    """``query`` between ``OBSERVE_SAVEPOINT`` and ``OBSERVE_ROLLBACK``."""
    return [OBSERVE_SAVEPOINT, query, OBSERVE_ROLLBACK]


RESETS = (sql.SQL("RESET ROLE"), sql.SQL("RESET SESSION AUTHORIZATION"), sql.SQL("RESET ALL"))
FILE = "-- <the file, as rendered above, sent as it is>"
MS = "<ms>"


def session_reset(baseline: SessionBaseline) -> list[sql.Composable]:
    """Back to ``baseline``: whatever a migration SET (role, authorization, any setting)."""
    out: list[sql.Composable] = list(RESETS)
    if baseline.settings:
        calls = sql.SQL(", ").join(
            sql.SQL("set_config({}, {}, false)").format(sql.Literal(k), sql.Literal(v))
            for k, v in baseline.settings
        )
        out.append(sql.SQL("SELECT {}").format(calls))
    if baseline.role:
        out.append(sql.SQL("SET ROLE {}").format(sql.Identifier(baseline.role)))
    return out


def lock_head(module: ModuleConfig) -> list[sql.Composable]:
    """``BEGIN; [SET LOCAL search_path]; SELECT pg_try_advisory_xact_lock(...)``."""
    head: list[sql.Composable] = [BEGIN]
    search_path = statements.set_search_path(module, local=True)
    if search_path is not None:
        head.append(search_path)
    head.append(statements.try_xact_lock(module))
    return head


def prepare_parts(module: ModuleConfig, schema: bool = True) -> list[sql.Composable]:
    """The module's schema (own pool; ``schema``: not known to exist) and pgdbm's ledger DDL,
    each ``IF NOT EXISTS``."""
    parts: list[sql.Composable] = []
    create_schema = statements.create_schema(module)
    if create_schema is not None and schema:
        parts.append(create_schema)
    parts.append(statements.create_ledger(module))
    return parts


def step_head(module: ModuleConfig, filename: str) -> list[sql.Composable]:
    """Opens a transactional step: lock, the ledger re-checked inside it, the guard's mark."""
    return [*lock_head(module), statements.ledger_check(module, filename), GUARD_MARK]


def step_tail(
    module: ModuleConfig,
    filename: str,
    checksum: str,
    ms: int,
    baseline: SessionBaseline,
    *,
    rehearse: bool = False,
    observe: bool | sql.Composable = True,
) -> list[sql.Composable]:
    """After a transactional file: the guard, the session reset, the ledger row and COMMIT.

    A rehearsal writes no ledger row: its id comes from a sequence, which no rollback puts
    back, and a rehearsal must leave the database as it found it. It reads the locks its
    transaction holds instead (``observe``: ``core.migrations.observed``; True: the query as
    the previews show it, a query: the one to send)."""
    tail: list[sql.Composable] = [GUARD_CHECK]
    if rehearse:
        if observe is True:
            observe = observe_query(module.lock_key)
        seen = observing(observe) if isinstance(observe, sql.Composable) else []
        return [*tail, *seen, RELEASE, *session_reset(baseline)]
    tail += session_reset(baseline)
    tail.append(statements.ledger_insert(module, filename, checksum, ms))
    tail.append(COMMIT)
    return tail


def rehearsal_head(
    module: ModuleConfig, filename: str, prepare: bool, prepare_schema: bool = True
) -> list[sql.Composable]:
    """Inside the rehearsal's one transaction: search path, lock, ledger, savepoint, mark."""
    head: list[sql.Composable] = []
    search_path = statements.set_search_path(module, local=True)
    if search_path is not None:
        head.append(search_path)
    head.append(statements.try_xact_lock(module))
    if prepare:
        head += prepare_parts(module, prepare_schema)
    return [*head, GUARD_MARK, SAVEPOINT]


def rehearsal_start(schemas: tuple[str, ...]) -> list[sql.Composable]:
    """Before the rehearsal's ``BEGIN``, in autocommit: the relations of the plan's schemas as
    they are (``observed.snapshot_query``), what each step's observation is compared with."""
    return [snapshot_query(schemas)] if schemas else []


def no_transaction_head(module: ModuleConfig, filename: str) -> list[sql.Composable]:
    """pgdbm's session lock, the module's search path, the ledger re-checked."""
    head: list[sql.Composable] = [statements.try_session_lock(module)]
    search_path = statements.set_search_path(module, local=False)
    if search_path is not None:
        head.append(search_path)
    head.append(statements.ledger_check(module, filename))
    return head


def no_transaction_tail(
    module: ModuleConfig,
    filename: str,
    checksum: str,
    ms: int | None,
    baseline: SessionBaseline,
) -> list[sql.Composable]:
    """After a no-transaction file: the session reset, the ledger row (``ms`` None: the file
    failed, no row), the session lock given back."""
    tail = session_reset(baseline)
    if ms is not None:
        tail.append(statements.ledger_insert(module, filename, checksum, ms))
    tail.append(statements.session_unlock(module))
    return tail


def text(parts: list[sql.Composable]) -> list[str]:
    """The statements' texts as sent."""
    return [statements.text(p) for p in parts]


def _with_ms(texts: list[str]) -> list[str]:
    # The measured time is only known after the file ran; the preview names it.
    return [t[: -len(", 0)")] + f", {MS})" if t.startswith("INSERT INTO") else t for t in texts]


def preview(
    module: ModuleConfig,
    filename: str,
    checksum: str,
    *,
    no_transaction: bool,
    prepare: bool,
    baseline: SessionBaseline,
    prepare_schema: bool = True,
    rehearse: bool = False,
    statement_count: int = 0,
) -> tuple[str, ...]:
    """Every statement one step sends, in order; ``FILE`` stands for the rendered file (for
    no-transaction files, its statements one by one). Rehearsals start with ``BEGIN`` once and
    end with ``ROLLBACK`` once; they skip no-transaction files."""
    out: list[str] = []
    if rehearse:
        return (
            *text(rehearsal_head(module, filename, prepare, prepare_schema)),
            FILE,
            *_with_ms(text(step_tail(module, filename, checksum, 0, baseline, rehearse=True))),
        )
    if prepare:
        out += text(lock_head(module)) + text([*prepare_parts(module, prepare_schema), COMMIT])
    if no_transaction:
        out += text(no_transaction_head(module, filename))
        out.append(FILE + f" ({statement_count} statement(s), one at a time)")
        out += _with_ms(text(no_transaction_tail(module, filename, checksum, 0, baseline)))
        return tuple(out)
    out += text(step_head(module, filename))
    out.append(FILE)
    out += _with_ms(text(step_tail(module, filename, checksum, 0, baseline)))
    return tuple(out)


def script_text(
    step: PlanStep,
    *,
    rehearse: bool = False,
    first: bool = False,
    last: bool = False,
    start: tuple[str, ...] = (),
) -> str:
    """A step's statements as one text, the rendered file in its place: what the previews
    show. ``first``/``last``: the rehearsal's ``BEGIN``/``ROLLBACK`` around the whole plan,
    ``start`` what it sends before its ``BEGIN`` (``rehearsal_start``)."""
    skip = rehearse and step.no_transaction
    parts = list(step.rehearsal if rehearse else step.script)
    if skip:
        parts = ["-- not rehearsed (-- pgdbm:no-transaction): nothing of it is sent"]
    if rehearse and first:
        parts[:0] = [*start, statements.text(BEGIN)]
    if rehearse and last:
        parts.append(statements.text(ROLLBACK))
    if visible_line(step.filename) != step.filename:
        # Such a name blocks the plan, so these statements never run; shown raw, the name's
        # newline inside the ledger's string literal would print as a line of SQL of its own.
        parts = [p if p.startswith(FILE) else visible_line(p) for p in parts]
    out: list[str] = []
    for part in parts:
        if part.startswith(FILE):
            how = " (one statement at a time, each committed)" if step.no_transaction else ""
            body = step.sql if step.sql.endswith("\n") else step.sql + "\n"
            # Comment lines: a file name holding a newline must not continue as a line of SQL.
            name = visible_line(step.filename)
            out.append(f"-- {name}{how}:\n{body}-- end of {name}\n")
            out.append(
                _IF_FAILS_NT
                if step.no_transaction
                else _IF_FAILS_REHEARSAL
                if rehearse
                else _IF_FAILS
            )
        elif part.startswith("--"):
            out.append(part + "\n")
        else:
            if part == _GUARD_TEXT:
                out.append(_GUARD_SAYS)
            elif part.startswith(_OBSERVE_TEXT):
                out.append(_OBSERVE_SAYS)
            elif part.startswith(_SNAPSHOT_TEXT):
                out.append(_SNAPSHOT_SAYS)
            out.append(part + ";\n")
            if "pg_try_advisory" in part and not rehearse:
                out.append(_IF_BUSY_NT if "advisory_lock(" in part else _IF_BUSY)
    return "".join(out)


_GUARD_TEXT = statements.text(GUARD_CHECK)
_GUARD_SAYS = (
    "-- (the guard: division by zero, and nothing after it, unless the file left the step's"
    " transaction open)\n"
)
_OBSERVE_TEXT = statements.text(observe_query(""))[:40]
_OBSERVE_SAYS = (
    "-- (what the rehearsal saw: the locks its transaction holds, relation sizes; reads only,"
    " and its own locks given back at once. Sent after the step that ends a group of steps"
    " read together — each step on its own in a plan of a few steps; a group's"
    " read has every module's migration lock in its ARRAY and 'false' where this one says"
    " 'true' (it sizes only the relations that existed before). A group of several starts"
    " with RELEASE SAVEPOINT schemadesk_group (the group before) and SAVEPOINT"
    " schemadesk_group; when its read finds a lock, rewrite or size change on a relation that"
    " existed before the plan: ROLLBACK TO SAVEPOINT schemadesk_group, the sizes of what it"
    " found again between the same SAVEPOINT and ROLLBACK TO SAVEPOINT schemadesk_observe ("
    + statements.text(sizes_query())
    + ") and the group's steps again, each with its own read)\n"
)
_SNAPSHOT_TEXT = statements.text(snapshot_query(("",)))[:40]
_SNAPSHOT_SAYS = (
    "-- (before the rehearsal, in autocommit: the relations its steps are compared with)\n"
)
# What the engine does on the other paths, said where they branch off.
_IF_BUSY = "-- (lock held by another session: ROLLBACK, wait, and the same again)\n"
_IF_BUSY_NT = "-- (lock held by another session: wait, and the same again)\n"
_IF_FAILS = "-- (if it fails: ROLLBACK; nothing of this step is kept)\n"
_IF_FAILS_REHEARSAL = "-- (if it fails: the rehearsal stops and rolls back)\n"
_IF_FAILS_NT = (
    "-- (if a statement fails: those before it stay committed; the reset and unlock below"
    " run, without the ledger row)\n"
)
