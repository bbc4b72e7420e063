"""pgdbm migration files' problems and plan blockers (core/messages_migrations.py), by code."""

from __future__ import annotations

from collections.abc import Callable

from schemadesk.ui.core_texts.fill import translate

MIGRATION_TEXTS: dict[str, Callable[[], str]] = {
    "drifted": lambda: translate(
        "CoreText",
        "changed after it was applied (recorded {recorded}, file {file}); accept the new "
        "checksum first",
    ),
    "partial-commit": lambda: translate(
        "CoreText",
        "{committed} of {statements} statements of {file} were committed; no ledger row was "
        "written; the file must be fixed to be re-runnable",
    ),
    "checksum-warning": lambda: translate(
        "CoreText",
        "The file changed after it was applied; the changed text is NOT run: only the "
        "ledger's checksum is updated.",
    ),
    "public-schema": lambda: translate(
        "CoreText",
        "this changes schema public, which every role uses by default: revoking PUBLIC's "
        "USAGE or CREATE there takes it from every other role at once (their queries of "
        "unqualified names and their migrations into public start failing with "
        "'permission denied for schema public'), and a new owner of public decides who "
        "may use it from then on",
    ),
    "unknown-placeholder": lambda: translate(
        "CoreText",
        "{ph} is not a pgdbm placeholder and is sent to the server as it is (pgdbm knows "
        "{{schema}}, {{tables.name}} and {{tables.schema.name}}, no spaces)",
    ),
    "placeholder-inside": lambda: translate(
        "CoreText", "{ph} is {place}; pgdbm replaces it there too"
    ),
    "inside-comment": lambda: translate("CoreText", "inside a comment"),
    "inside-string": lambda: translate("CoreText", "inside a string literal"),
    "inside-identifier": lambda: translate("CoreText", "inside a quoted identifier"),
    "inside-dollar-body": lambda: translate("CoreText", "inside a $$ body"),
    "empty-file": lambda: translate("CoreText", "empty file; pgdbm refuses it"),
    "control-character-name": lambda: translate(
        "CoreText", "the file name holds a control character ({name}): rename the file"
    ),
    "control-character": lambda: translate(
        "CoreText",
        "holds the control character {char} (shown escaped; a terminal printing the file "
        "as is would act on it): check what the file really says",
    ),
    "symlink-loop": lambda: translate("CoreText", "is a symlink loop; pgdbm skips it silently"),
    "symlink-to-nothing": lambda: translate(
        "CoreText", "is a symlink to nothing; pgdbm skips it silently"
    ),
    "outside-folder": lambda: translate(
        "CoreText", "Migration file '{path}' is outside the migrations directory"
    ),
    "bom": lambda: translate(
        "CoreText",
        "starts with a UTF-8 byte order mark; pgdbm sends it to the server, which fails on "
        "it: save the file without BOM",
    ),
    "not-utf8": lambda: translate(
        "CoreText", "not UTF-8 (byte 0x{byte} at offset {offset}); pgdbm cannot read it"
    ),
    "transaction-control": lambda: translate(
        "CoreText",
        "{keyword} in a migration that runs in one transaction: it would end or nest that "
        "transaction, so the file and its ledger row would no longer be applied together "
        "(and a rehearsal could commit). Remove it; if the file must control its own "
        "transactions, mark it with a line '-- pgdbm:no-transaction' (it then runs "
        "statement by statement)",
    ),
    "session-setting": lambda: translate(
        "CoreText",
        "{keyword} in a migration that runs in one transaction changes the session, not "
        "only this migration: it outlives the migration's transaction. Use SET LOCAL (SET "
        "LOCAL ROLE, SET LOCAL search_path ...) to keep it to this migration",
    ),
    "no-folder": lambda: translate("CoreText", "migrations folder {path} not found"),
    "no-transaction-on-pooler": lambda: translate(
        "CoreText",
        "-- pgdbm:no-transaction file on what looks like a transaction pooler (pgbouncer, "
        "-pooler): the session lock and autocommit statements are not safe there; use a "
        "direct connection",
    ),
    "mixed-case-schema": lambda: translate(
        "CoreText",
        "schema {name} has capital letters: pgdbm quotes it in templates but not in its "
        "ledger (it would look for {lower}); schemadesk keeps the ledger in the real schema",
    ),
    "invalid-schema": lambda: translate(
        "CoreText",
        "invalid schema name {name}: pgdbm refuses it (letters, digits, underscores, not "
        "starting with a digit, at most 63 characters)",
    ),
    "invalid-schema-in": lambda: translate(
        "CoreText",
        "invalid schema name {name} in {ph}: pgdbm refuses to render the file (names start "
        "with a letter or underscore, then letters, digits, underscores, at most 63 "
        "characters)",
    ),
    "invalid-table-in": lambda: translate(
        "CoreText",
        "invalid table name {name} in {ph}: pgdbm refuses to render the file (names start "
        "with a letter or underscore, then letters, digits, underscores, at most 63 "
        "characters)",
    ),
}
