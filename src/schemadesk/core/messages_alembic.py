"""The English of Alembic modules' problems, preview warnings and refusals, by message code.

core/alembic says each with ``say(code, ...)`` (a quoted ``'name'`` is core's repr() of a
module, branch or schema name, passed whole as a parameter); the window translates by code
(ui/core_texts/problems_alembic.py).
"""

from __future__ import annotations

from schemadesk.core.messages import Message, say, templates

# Import ``say`` from here: the templates below are then registered before anything is said.
__all__ = ["Message", "say"]

templates(
    {
        "version-table-unreadable": "{table}: the login may not read the version table",
        "unknown-revision": (
            "{table} records revision {rev}, which the script directory does not have: Alembic "
            "cannot upgrade this schema until the file is back"
        ),
        "foreign-head": (
            "{table} records revision {rev} ({file}), which is not on branch {branch}: was it "
            "run with the wrong -x schema?"
        ),
        "detected-only": (
            "found in the database ({table}); no Alembic configuration in the project: current "
            "heads only"
        ),
        "alembic-missing": (
            "Alembic is not installed: only the version tables' state can be shown; to preview "
            "and apply revisions: {hint}"
        ),
        "alembic-missing-names": (
            "Alembic is not installed (cannot import {names}): only the version tables' state "
            "can be shown; to preview and apply revisions: {hint}"
        ),
        "scripts-unreadable": "module {module}: cannot read the script directory: {error}",
        "database-only": (
            "module {module} was found in the database only: no Alembic configuration"
        ),
        "config-not-found": "module {module}: {path}: no such file",
        "names-no-revision": "module {module}: {target} names no revision",
        "no-branch-label": (
            "module {module}: no revision declares the branch label {branch} (branch_labels = "
            "({branch},) in its first revision)"
        ),
        "branch-other-schema": (
            "branch {branch} does not belong to schema {schema}: its first revision ({files}) "
            "creates schema {others}; running it with -x schema={bare} would record {branch}'s "
            "revisions in {table}"
        ),
        "branch-unpaired": (
            "cannot tell that branch {branch} belongs to schema {schema}: its first revision "
            "({files}) creates no schema; pair them in schemadesk.toml"
        ),
        "dependency-runs-again": (
            "{file} (branch {branch}, pulled in by depends_on) is already recorded in {table}: "
            "upgrading {module} runs it again"
        ),
        "several-heads": (
            "the version table holds several heads of this branch ({heads}): the offline SQL "
            "starts from {first} only and may show revisions already applied"
        ),
        "schema-not-yet": (
            "schema {schema} does not exist yet: in offline mode Alembic writes the version "
            "table {table} before the first revision's CREATE SCHEMA, so this SQL fails when run "
            "as a script; the upgrade itself works only if env.py creates the schema before "
            "Alembic's version table"
        ),
        "also-records": "{table} also records {rev} ({file}), not on branch {branch}",
        "depends-on-runs": (
            "{file} (another branch, pulled in by depends_on) runs too and is recorded in {table}"
        ),
        "env-connects": (
            "env.py connects on its own: schemadesk points sqlalchemy.url (and url_env) at this "
            "profile's database and refuses any connection elsewhere; no rehearsal"
        ),
        "no-scripts": "module {module}: no scripts to preview ({reasons})",
        "unknown-heads": (
            "module {module}: {table} records {revs}, unknown to the script directory: nothing "
            "can run"
        ),
        "changed-meanwhile": (
            "module {module}: {table} changed since it was read (it held {was}, now {now}); "
            "nothing was run: refresh and review the plan again"
        ),
        "no-revision": "no revision",
        "nothing-to-apply": "module {module}: nothing to apply ({reasons})",
        "unknown-to-scripts": (
            "module {module}: the version table records {revs}, unknown to the scripts: nothing "
            "was run"
        ),
        "env-commits": (
            "module {module}: env.py opens its own connections and commits on them: schemadesk "
            "cannot roll its revisions back, so it does not rehearse them (reading "
            "config.attributes['connection'] in env.py makes rehearsal possible)"
        ),
    }
)
