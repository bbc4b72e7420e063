"""Problems of migration files (core/migrations) and Alembic modules (core/alembic), alone or
as ``file:line:col: message``."""

from __future__ import annotations

import re
from collections.abc import Callable

from schemadesk.ui.core_texts.fill import fill, translate
from schemadesk.ui.lazy_pattern import LazyPattern

_PLACE = {
    "inside a comment": lambda: translate("CoreText", "inside a comment"),
    "inside a string literal": lambda: translate("CoreText", "inside a string literal"),
    "inside a quoted identifier": lambda: translate("CoreText", "inside a quoted identifier"),
    "inside a $$ body": lambda: translate("CoreText", "inside a $$ body"),
}
# Alembic modules (core/alembic): status problems, preview warnings and refusals. Quoted names
# ('x') are core's repr() of a module, branch or schema name.
_Q = r"'[^']*'"
_ALEMBIC_PROBLEMS: tuple[tuple[LazyPattern, Callable[[], str]], ...] = (
    (
        LazyPattern(r"(?P<table>\S+): the login may not read the version table"),
        lambda: translate("CoreText", "{table}: the login may not read the version table"),
    ),
    (
        LazyPattern(
            r"(?P<table>\S+) records revision (?P<rev>\S+), which the script directory does not "
            r"have: Alembic cannot upgrade this schema until the file is back"
        ),
        lambda: translate(
            "CoreText",
            "{table} records revision {rev}, which the script directory does not have: Alembic "
            "cannot upgrade this schema until the file is back",
        ),
    ),
    (
        LazyPattern(
            rf"(?P<table>\S+) records revision (?P<rev>\S+) \((?P<file>.+?)\), which is not on "
            rf"branch (?P<branch>{_Q}): was it run with the wrong -x schema\?"
        ),
        lambda: translate(
            "CoreText",
            "{table} records revision {rev} ({file}), which is not on branch {branch}: was it run "
            "with the wrong -x schema?",
        ),
    ),
    (
        LazyPattern(
            r"found in the database \((?P<table>\S+)\); no Alembic configuration in the project: "
            r"current heads only"
        ),
        lambda: translate(
            "CoreText",
            "found in the database ({table}); no Alembic configuration in the project: current "
            "heads only",
        ),
    ),
    (
        LazyPattern(
            r"Alembic is not installed \(cannot import (?P<names>.+?)\): only the version tables' "
            r"state can be shown; to preview and apply revisions: (?P<hint>.+)"
        ),
        lambda: translate(
            "CoreText",
            "Alembic is not installed (cannot import {names}): only the version tables' state can "
            "be shown; to preview and apply revisions: {hint}",
        ),
    ),
    (
        LazyPattern(
            r"Alembic is not installed: only the version tables' state can be shown; to preview "
            r"and apply revisions: (?P<hint>.+)"
        ),
        lambda: translate(
            "CoreText",
            "Alembic is not installed: only the version tables' state can be shown; to preview "
            "and apply revisions: {hint}",
        ),
    ),
    (
        LazyPattern(
            rf"module (?P<module>{_Q}): cannot read the script directory: (?P<error>.+)",
            re.DOTALL,
        ),
        lambda: translate("CoreText", "module {module}: cannot read the script directory: {error}"),
    ),
    (
        LazyPattern(
            rf"module (?P<module>{_Q}) was found in the database only: no Alembic configuration"
        ),
        lambda: translate(
            "CoreText", "module {module} was found in the database only: no Alembic configuration"
        ),
    ),
    (
        LazyPattern(rf"module (?P<module>{_Q}): (?P<target>\S+) names no revision"),
        lambda: translate("CoreText", "module {module}: {target} names no revision"),
    ),
    (
        LazyPattern(
            rf"module (?P<module>{_Q}): no revision declares the branch label (?P<branch>{_Q}) "
            rf"\(branch_labels = \((?P=branch),\) in its first revision\)"
        ),
        lambda: translate(
            "CoreText",
            "module {module}: no revision declares the branch label {branch} (branch_labels = "
            "({branch},) in its first revision)",
        ),
    ),
    (
        LazyPattern(
            rf"branch (?P<branch>{_Q}) does not belong to schema (?P<schema>{_Q}): its first "
            rf"revision \((?P<files>.+?)\) creates schema (?P<others>.+?); running it with "
            rf"-x schema=(?P<bare>\S+) would record (?P=branch)'s revisions in (?P<table>\S+)"
        ),
        lambda: translate(
            "CoreText",
            "branch {branch} does not belong to schema {schema}: its first revision ({files}) "
            "creates schema {others}; running it with -x schema={bare} would record {branch}'s "
            "revisions in {table}",
        ),
    ),
    (
        LazyPattern(
            rf"cannot tell that branch (?P<branch>{_Q}) belongs to schema (?P<schema>{_Q}): its "
            rf"first revision \((?P<files>.+?)\) creates no schema; pair them in schemadesk\.toml"
        ),
        lambda: translate(
            "CoreText",
            "cannot tell that branch {branch} belongs to schema {schema}: its first revision "
            "({files}) creates no schema; pair them in schemadesk.toml",
        ),
    ),
    (
        LazyPattern(
            rf"(?P<file>.+?) \(branch (?P<branch>{_Q}), pulled in by depends_on\) is already "
            rf"recorded in (?P<table>\S+): upgrading (?P<module>{_Q}) runs it again"
        ),
        lambda: translate(
            "CoreText",
            "{file} (branch {branch}, pulled in by depends_on) is already recorded in {table}: "
            "upgrading {module} runs it again",
        ),
    ),
    (
        LazyPattern(
            r"the version table holds several heads of this branch \((?P<heads>.+?)\): the "
            r"offline SQL starts from (?P<first>\S+) only and may show revisions already applied"
        ),
        lambda: translate(
            "CoreText",
            "the version table holds several heads of this branch ({heads}): the offline SQL "
            "starts from {first} only and may show revisions already applied",
        ),
    ),
    (
        LazyPattern(
            r"schema (?P<schema>\S+) does not exist yet: in offline mode Alembic writes the "
            r"version table (?P<table>\S+) before the first revision's CREATE SCHEMA, so this SQL "
            r"fails when run as a script; the upgrade itself works only if env\.py creates the "
            r"schema before Alembic's version table"
        ),
        lambda: translate(
            "CoreText",
            "schema {schema} does not exist yet: in offline mode Alembic writes the version table "
            "{table} before the first revision's CREATE SCHEMA, so this SQL fails when run as a "
            "script; the upgrade itself works only if env.py creates the schema before Alembic's "
            "version table",
        ),
    ),
    (
        LazyPattern(
            rf"(?P<table>\S+) also records (?P<rev>\S+) \((?P<file>.+?)\), not on branch "
            rf"(?P<branch>{_Q})"
        ),
        lambda: translate(
            "CoreText", "{table} also records {rev} ({file}), not on branch {branch}"
        ),
    ),
    (
        LazyPattern(
            r"(?P<file>.+?) \(another branch, pulled in by depends_on\) runs too and is recorded "
            r"in (?P<table>\S+)"
        ),
        lambda: translate(
            "CoreText",
            "{file} (another branch, pulled in by depends_on) runs too and is recorded in {table}",
        ),
    ),
    (
        LazyPattern(
            r"env\.py connects on its own: schemadesk points sqlalchemy\.url \(and url_env\) at "
            r"this profile's database and refuses any connection elsewhere; no rehearsal"
        ),
        lambda: translate(
            "CoreText",
            "env.py connects on its own: schemadesk points sqlalchemy.url (and url_env) at this "
            "profile's database and refuses any connection elsewhere; no rehearsal",
        ),
    ),
    (
        LazyPattern(
            rf"module (?P<module>{_Q}): no scripts to preview \((?P<reasons>.+)\)", re.DOTALL
        ),
        lambda: translate("CoreText", "module {module}: no scripts to preview ({reasons})"),
    ),
    (
        LazyPattern(
            rf"module (?P<module>{_Q}): (?P<table>\S+) records (?P<revs>.+?), unknown to the "
            rf"script directory: nothing can run"
        ),
        lambda: translate(
            "CoreText",
            "module {module}: {table} records {revs}, unknown to the script directory: nothing "
            "can run",
        ),
    ),
    (
        LazyPattern(
            r"module (?P<module>\S+): (?P<table>\S+) changed since it was read \(it held "
            r"(?P<was>.+?), now (?P<now>.+?)\); nothing was run: refresh and review the plan again"
        ),
        lambda: translate(
            "CoreText",
            "module {module}: {table} changed since it was read (it held {was}, now {now}); "
            "nothing was run: refresh and review the plan again",
        ),
    ),
    (
        LazyPattern(rf"module (?P<module>{_Q}): (?P<path>.+): no such file"),
        lambda: translate("CoreText", "module {module}: {path}: no such file"),
    ),
)

_PROBLEMS: tuple[tuple[LazyPattern, Callable[[], str]], ...] = (
    (
        LazyPattern(
            r"The file changed after it was applied; the changed text is NOT run: only the "
            r"ledger's checksum is updated\."
        ),
        lambda: translate(
            "CoreText",
            "The file changed after it was applied; the changed text is NOT run: only the "
            "ledger's checksum is updated.",
        ),
    ),
    (
        LazyPattern(
            r"(?P<ph>\{\{.*?\}\}) is not a pgdbm placeholder and is sent to the server as it is "
            r"\(pgdbm knows \{\{schema\}\}, \{\{tables\.name\}\} and \{\{tables\.schema\.name\}\}, "
            r"no spaces\)"
        ),
        lambda: translate(
            "CoreText",
            "{ph} is not a pgdbm placeholder and is sent to the server as it is (pgdbm knows "
            "{{schema}}, {{tables.name}} and {{tables.schema.name}}, no spaces)",
        ),
    ),
    (
        LazyPattern(r"(?P<ph>.+) is (?P<place>inside .+); pgdbm replaces it there too"),
        lambda: translate("CoreText", "{ph} is {place}; pgdbm replaces it there too"),
    ),
    (
        LazyPattern(r"empty file; pgdbm refuses it"),
        lambda: translate("CoreText", "empty file; pgdbm refuses it"),
    ),
    (
        LazyPattern(r"the file name holds a control character \((?P<name>.*)\): rename the file"),
        lambda: translate(
            "CoreText", "the file name holds a control character ({name}): rename the file"
        ),
    ),
    (
        LazyPattern(
            r"holds the control character (?P<char>\S+) \(shown escaped; a terminal printing "
            r"the file as is would act on it\): check what the file really says"
        ),
        lambda: translate(
            "CoreText",
            "holds the control character {char} (shown escaped; a terminal printing the file "
            "as is would act on it): check what the file really says",
        ),
    ),
    (
        LazyPattern(r"is a symlink loop; pgdbm skips it silently"),
        lambda: translate("CoreText", "is a symlink loop; pgdbm skips it silently"),
    ),
    (
        LazyPattern(r"is a symlink to nothing; pgdbm skips it silently"),
        lambda: translate("CoreText", "is a symlink to nothing; pgdbm skips it silently"),
    ),
    (
        LazyPattern(r"Migration file '(?P<path>.*)' is outside the migrations directory"),
        lambda: translate(
            "CoreText", "Migration file '{path}' is outside the migrations directory"
        ),
    ),
    (
        LazyPattern(
            r"this changes schema public, which every role uses by default: revoking PUBLIC's "
            r"USAGE or CREATE there takes it from every other role at once \(their queries of "
            r"unqualified names and their migrations into public start failing with "
            r"'permission denied for schema public'\), and a new owner of public decides who "
            r"may use it from then on"
        ),
        lambda: translate(
            "CoreText",
            "this changes schema public, which every role uses by default: revoking PUBLIC's "
            "USAGE or CREATE there takes it from every other role at once (their queries of "
            "unqualified names and their migrations into public start failing with "
            "'permission denied for schema public'), and a new owner of public decides who "
            "may use it from then on",
        ),
    ),
    (
        LazyPattern(
            r"starts with a UTF-8 byte order mark; pgdbm sends it to the server, which fails on "
            r"it: save the file without BOM"
        ),
        lambda: translate(
            "CoreText",
            "starts with a UTF-8 byte order mark; pgdbm sends it to the server, which fails on "
            "it: save the file without BOM",
        ),
    ),
    (
        LazyPattern(
            r"not UTF-8 \(byte 0x(?P<byte>[0-9a-f]+) at offset (?P<offset>\d+)\); "
            r"pgdbm cannot read it"
        ),
        lambda: translate(
            "CoreText", "not UTF-8 (byte 0x{byte} at offset {offset}); pgdbm cannot read it"
        ),
    ),
    (
        LazyPattern(
            r"(?P<keyword>[A-Z]+(?: [A-Z]+)?) in a migration that runs in one transaction: it "
            r"would end or nest that transaction, so the file and its ledger row would no longer "
            r"be applied together \(and a rehearsal could commit\)\. Remove it; if the file must "
            r"control its own transactions, mark it with a line '-- pgdbm:no-transaction' \(it "
            r"then runs statement by statement\)"
        ),
        lambda: translate(
            "CoreText",
            "{keyword} in a migration that runs in one transaction: it would end or nest that "
            "transaction, so the file and its ledger row would no longer be applied together "
            "(and a rehearsal could commit). Remove it; if the file must control its own "
            "transactions, mark it with a line '-- pgdbm:no-transaction' (it then runs "
            "statement by statement)",
        ),
    ),
    (
        LazyPattern(
            r"(?P<keyword>[A-Z]+(?: [A-Z]+)*) in a migration that runs in one transaction "
            r"changes the session, not only this migration: it outlives the migration's "
            r"transaction\. Use SET LOCAL \(SET LOCAL ROLE, SET LOCAL search_path \.\.\.\) to "
            r"keep it to this migration"
        ),
        lambda: translate(
            "CoreText",
            "{keyword} in a migration that runs in one transaction changes the session, not "
            "only this migration: it outlives the migration's transaction. Use SET LOCAL (SET "
            "LOCAL ROLE, SET LOCAL search_path ...) to keep it to this migration",
        ),
    ),
    (
        LazyPattern(r"migrations folder (?P<path>.+) not found"),
        lambda: translate("CoreText", "migrations folder {path} not found"),
    ),
    (
        LazyPattern(
            r"changed after it was applied \(recorded (?P<recorded>\w*), file (?P<file>\w*)\); "
            r"accept the new checksum first"
        ),
        lambda: translate(
            "CoreText",
            "changed after it was applied (recorded {recorded}, file {file}); accept the new "
            "checksum first",
        ),
    ),
    (
        LazyPattern(
            r"-- pgdbm:no-transaction file on what looks like a transaction pooler "
            r"\(pgbouncer, -pooler\): the session lock and autocommit statements are not safe "
            r"there; use a direct connection"
        ),
        lambda: translate(
            "CoreText",
            "-- pgdbm:no-transaction file on what looks like a transaction pooler (pgbouncer, "
            "-pooler): the session lock and autocommit statements are not safe there; use a "
            "direct connection",
        ),
    ),
    (
        LazyPattern(
            r"schema (?P<name>'.*') has capital letters: pgdbm quotes it in templates but not in "
            r"its ledger \(it would look for (?P<lower>'.*')\); schemadesk keeps the ledger in "
            r"the real schema"
        ),
        lambda: translate(
            "CoreText",
            "schema {name} has capital letters: pgdbm quotes it in templates but not in its "
            "ledger (it would look for {lower}); schemadesk keeps the ledger in the real schema",
        ),
    ),
    (
        LazyPattern(
            r"invalid schema name (?P<name>.+): pgdbm refuses it \(letters, digits, underscores, "
            r"not starting with a digit, at most 63 characters\)"
        ),
        lambda: translate(
            "CoreText",
            "invalid schema name {name}: pgdbm refuses it (letters, digits, underscores, not "
            "starting with a digit, at most 63 characters)",
        ),
    ),
    (
        LazyPattern(
            r"invalid schema name (?P<name>'.*?') in (?P<ph>\{\{.*?\}\}): pgdbm refuses to render "
            r"the file \(names start with a letter or underscore, then letters, digits, "
            r"underscores, at most 63 characters\)"
        ),
        lambda: translate(
            "CoreText",
            "invalid schema name {name} in {ph}: pgdbm refuses to render the file (names start "
            "with a letter or underscore, then letters, digits, underscores, at most 63 "
            "characters)",
        ),
    ),
    (
        LazyPattern(
            r"invalid table name (?P<name>'.*?') in (?P<ph>\{\{.*?\}\}): pgdbm refuses to render "
            r"the file \(names start with a letter or underscore, then letters, digits, "
            r"underscores, at most 63 characters\)"
        ),
        lambda: translate(
            "CoreText",
            "invalid table name {name} in {ph}: pgdbm refuses to render the file (names start "
            "with a letter or underscore, then letters, digits, underscores, at most 63 "
            "characters)",
        ),
    ),
    *_ALEMBIC_PROBLEMS,
)
_WHERE = LazyPattern(r"(?P<where>\S+?(?::\d+){0,2}): (?P<rest>.+)", re.DOTALL)


def _problem(text: str) -> str | None:
    for pattern, template in _PROBLEMS:
        match = pattern.fullmatch(text)
        if match is not None:
            params = match.groupdict()
            if "place" in params:
                place = _PLACE.get(params["place"])
                if place is None:
                    return None
                params["place"] = place()
            if "reasons" in params:  # the problems of a module, joined by core
                params["reasons"] = _problem(params["reasons"]) or params["reasons"]
            for heads in ("was", "now"):  # a version table's heads, or none
                if params.get(heads) == "no revision":
                    params[heads] = translate("CoreText", "no revision")
            return fill(template(), params)
    return None


def problem_text(message: str) -> str:
    """A migration file's problem, or a plan's ``module/file:line:col: problem`` line, in the
    window's language (core's English when its shape is not known)."""
    translated = _problem(message)
    if translated is not None:
        return translated
    match = _WHERE.fullmatch(message)
    if match is not None:
        rest = _problem(match["rest"])
        if rest is not None:
            return f"{match['where']}: {rest}"
    return message
