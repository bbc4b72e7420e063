"""The English of migration files' problems and plan blockers, by message code.

core/migrations says each problem with ``say(code, ...)``: the command line and the audit log
read the English below; the window takes the message it carries and translates it by code
(ui/core_texts/problems_migrations.py). A name, path or keyword is a parameter, never part of
a sentence the window would have to read back.
"""

from __future__ import annotations

from schemadesk.core.messages import Message, say, templates

# Import ``say`` from here: the templates below are then registered before anything is said.
__all__ = ["Message", "say"]

templates(
    {
        # A problem placed in a file: ``app/001_x.sql:2:15: <problem>`` (a said text or message).
        "at": "{where}: {problem}",
        "drifted": (
            "changed after it was applied (recorded {recorded}, file {file}); accept the new "
            "checksum first"
        ),
        "partial-commit": (
            "{committed} of {statements} statements of {file} were committed; no ledger row was "
            "written; the file must be fixed to be re-runnable"
        ),
        "checksum-warning": (
            "The file changed after it was applied; the changed text is NOT run: only the "
            "ledger's checksum is updated."
        ),
        "unknown-placeholder": (
            "{ph} is not a pgdbm placeholder and is sent to the server as it is (pgdbm knows "
            "{{{{schema}}}}, {{{{tables.name}}}} and {{{{tables.schema.name}}}}, no spaces)"
        ),
        "placeholder-inside": "{ph} is {place}; pgdbm replaces it there too",
        "inside-comment": "inside a comment",
        "inside-string": "inside a string literal",
        "inside-identifier": "inside a quoted identifier",
        "inside-dollar-body": "inside a $$ body",
        "empty-file": "empty file; pgdbm refuses it",
        "control-character-name": (
            "the file name holds a control character ({name}): rename the file"
        ),
        "control-character": (
            "holds the control character {char} (shown escaped; a terminal printing the file "
            "as is would act on it): check what the file really says"
        ),
        "symlink-loop": "is a symlink loop; pgdbm skips it silently",
        "symlink-to-nothing": "is a symlink to nothing; pgdbm skips it silently",
        "outside-folder": "Migration file '{path}' is outside the migrations directory",
        "bom": (
            "starts with a UTF-8 byte order mark; pgdbm sends it to the server, which fails on "
            "it: save the file without BOM"
        ),
        "not-utf8": "not UTF-8 (byte 0x{byte} at offset {offset}); pgdbm cannot read it",
        "transaction-control": (
            "{keyword} in a migration that runs in one transaction: it would end or nest that "
            "transaction, so the file and its ledger row would no longer be applied together "
            "(and a rehearsal could commit). Remove it; if the file must control its own "
            "transactions, mark it with a line '-- pgdbm:no-transaction' (it then runs "
            "statement by statement)"
        ),
        "session-setting": (
            "{keyword} in a migration that runs in one transaction changes the session, not "
            "only this migration: it outlives the migration's transaction. Use SET LOCAL (SET "
            "LOCAL ROLE, SET LOCAL search_path ...) to keep it to this migration"
        ),
        "no-folder": "migrations folder {path} not found",
        "no-transaction-on-pooler": (
            "-- pgdbm:no-transaction file on what looks like a transaction pooler (pgbouncer, "
            "-pooler): the session lock and autocommit statements are not safe there; use a "
            "direct connection"
        ),
        "mixed-case-schema": (
            "schema {name} has capital letters: pgdbm quotes it in templates but not in its "
            "ledger (it would look for {lower}); schemadesk keeps the ledger in the real schema"
        ),
        "invalid-schema": (
            "invalid schema name {name}: pgdbm refuses it (letters, digits, underscores, not "
            "starting with a digit, at most 63 characters)"
        ),
        "invalid-schema-in": (
            "invalid schema name {name} in {ph}: pgdbm refuses to render the file (names start "
            "with a letter or underscore, then letters, digits, underscores, at most 63 "
            "characters)"
        ),
        "invalid-table-in": (
            "invalid table name {name} in {ph}: pgdbm refuses to render the file (names start "
            "with a letter or underscore, then letters, digits, underscores, at most 63 "
            "characters)"
        ),
    }
)
