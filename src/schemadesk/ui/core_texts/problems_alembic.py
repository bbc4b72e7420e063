"""Alembic modules' problems, preview warnings and refusals (core/messages_alembic.py), by
code. A quoted ``'name'`` is core's repr() of a module, branch or schema: a parameter."""

from __future__ import annotations

from collections.abc import Callable

from schemadesk.ui.core_texts.fill import translate

ALEMBIC_TEXTS: dict[str, Callable[[], str]] = {
    "version-table-unreadable": lambda: translate(
        "CoreText", "{table}: the login may not read the version table"
    ),
    "unknown-revision": lambda: translate(
        "CoreText",
        "{table} records revision {rev}, which the script directory does not have: Alembic "
        "cannot upgrade this schema until the file is back",
    ),
    "foreign-head": lambda: translate(
        "CoreText",
        "{table} records revision {rev} ({file}), which is not on branch {branch}: was it run "
        "with the wrong -x schema?",
    ),
    "detected-only": lambda: translate(
        "CoreText",
        "found in the database ({table}); no Alembic configuration in the project: current "
        "heads only",
    ),
    "alembic-missing-names": lambda: translate(
        "CoreText",
        "Alembic is not installed (cannot import {names}): only the version tables' state can "
        "be shown; to preview and apply revisions: {hint}",
    ),
    "alembic-missing": lambda: translate(
        "CoreText",
        "Alembic is not installed: only the version tables' state can be shown; to preview "
        "and apply revisions: {hint}",
    ),
    "scripts-unreadable": lambda: translate(
        "CoreText", "module {module}: cannot read the script directory: {error}"
    ),
    "database-only": lambda: translate(
        "CoreText", "module {module} was found in the database only: no Alembic configuration"
    ),
    "config-not-found": lambda: translate("CoreText", "module {module}: {path}: no such file"),
    "names-no-revision": lambda: translate(
        "CoreText", "module {module}: {target} names no revision"
    ),
    "no-branch-label": lambda: translate(
        "CoreText",
        "module {module}: no revision declares the branch label {branch} (branch_labels = "
        "({branch},) in its first revision)",
    ),
    "branch-other-schema": lambda: translate(
        "CoreText",
        "branch {branch} does not belong to schema {schema}: its first revision ({files}) "
        "creates schema {others}; running it with -x schema={bare} would record {branch}'s "
        "revisions in {table}",
    ),
    "branch-unpaired": lambda: translate(
        "CoreText",
        "cannot tell that branch {branch} belongs to schema {schema}: its first revision "
        "({files}) creates no schema; pair them in schemadesk.toml",
    ),
    "dependency-runs-again": lambda: translate(
        "CoreText",
        "{file} (branch {branch}, pulled in by depends_on) is already recorded in {table}: "
        "upgrading {module} runs it again",
    ),
    "several-heads": lambda: translate(
        "CoreText",
        "the version table holds several heads of this branch ({heads}): the offline SQL "
        "starts from {first} only and may show revisions already applied",
    ),
    "schema-not-yet": lambda: translate(
        "CoreText",
        "schema {schema} does not exist yet: in offline mode Alembic writes the version table "
        "{table} before the first revision's CREATE SCHEMA, so this SQL fails when run as a "
        "script; the upgrade itself works only if env.py creates the schema before Alembic's "
        "version table",
    ),
    "also-records": lambda: translate(
        "CoreText", "{table} also records {rev} ({file}), not on branch {branch}"
    ),
    "depends-on-runs": lambda: translate(
        "CoreText",
        "{file} (another branch, pulled in by depends_on) runs too and is recorded in {table}",
    ),
    "env-connects": lambda: translate(
        "CoreText",
        "env.py connects on its own: schemadesk points sqlalchemy.url (and url_env) at this "
        "profile's database and refuses any connection elsewhere; no rehearsal",
    ),
    "no-scripts": lambda: translate(
        "CoreText", "module {module}: no scripts to preview ({reasons})"
    ),
    "unknown-heads": lambda: translate(
        "CoreText",
        "module {module}: {table} records {revs}, unknown to the script directory: nothing can run",
    ),
    "changed-meanwhile": lambda: translate(
        "CoreText",
        "module {module}: {table} changed since it was read (it held {was}, now {now}); "
        "nothing was run: refresh and review the plan again",
    ),
    "no-revision": lambda: translate("CoreText", "no revision"),
    "nothing-to-apply": lambda: translate(
        "CoreText", "module {module}: nothing to apply ({reasons})"
    ),
    "unknown-to-scripts": lambda: translate(
        "CoreText",
        "module {module}: the version table records {revs}, unknown to the scripts: nothing was "
        "run",
    ),
    "env-commits": lambda: translate(
        "CoreText",
        "module {module}: env.py opens its own connections and commits on them: schemadesk "
        "cannot roll its revisions back, so it does not rehearse them (reading "
        "config.attributes['connection'] in env.py makes rehearsal possible)",
    ),
}
