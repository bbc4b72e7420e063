"""The English of errors from the tools around a change, by code: the project's ``[lint]``
table and squawk, a profile's session settings and conninfo, Alembic's offline preview, a
change set refused by a read-only session, a rollout refused for its targets' problems (or one
opened read-only), the throwaway PostgreSQL cluster of ``schemadesk demo`` and where its server
binaries were looked for, the OS keyring, the shared audit trail and ``~/.ssh/config``.

core and db say each with ``say(code, ...)``; the command line prints the English below, the
window recalls the message and translates it by code (ui/core_texts/problems_tools.py). A
path, a program's own output or a server's reason is a parameter, passed whole.
"""

from __future__ import annotations

import schemadesk.core.messages_config  # noqa: F401 ("at", "refusals")
from schemadesk.core.messages import Message, say, templates

# Import ``say`` from here: the templates below are then registered before anything is said.
__all__ = ["Message", "say"]

templates(
    {
        # [lint] of schemadesk.toml (core/lint/models.py)
        "lint-size": "{where}: {value} is not a size (examples: 104857600, '100MB')",
        "lint-not-table": "{where} must be a table",
        "lint-unknown-key": "{where}: unknown key {key} (disable, large_table)",
        "lint-disable": "{where}: disable must be a list of rule names",
        # squawk, the linter schemadesk runs (core/lint/squawk.py)
        "squawk-missing": (
            "squawk not found next to {python} nor on PATH; it comes with schemadesk "
            "(pip install squawk-cli into the same environment)"
        ),
        "squawk-could-not-run": "{program}: could not run squawk: {reason}",
        "squawk-exited": "squawk exited {status}: {message}",
        "squawk-no-message": "no message",
        "squawk-not-json": "squawk printed something that is not its JSON report",
        "squawk-not-list": "squawk's JSON report is not a list",
        # a profile's [session] and conninfo (core/session_settings.py, core/profiles.py)
        "session-duration": (
            "session setting {name} = {value} is not a PostgreSQL duration "
            "(examples: '30s', '500ms', '5min', '0' for none)"
        ),
        "conninfo-invalid": "{what} is not a valid conninfo or URI: {reason}",
        "conninfo-of-profile": "profile {name}: conninfo",
        "session-not-accepted": "{where}: [session]: {reason}",
        # Alembic's offline SQL (core/alembic/preview.py)
        "alembic-offline-failed": (
            "module {module}: env.py failed in offline mode (-x schema={schema}): {error}"
        ),
        # a change set run in a read-only session (db/access/apply.py)
        "apply-read-only": "the session is read-only; nothing was changed",
        # a rollout refused before anything runs (usecases/rollout.py)
        "rollout-problems": "{n} target problem(s); nothing was run: {problems}",
        "rollout-pgdbm-only": "{what} covers pgdbm migrations only: Alembic revisions pending",
        "rollout-review-report": "the rollout review report",
        # the throwaway cluster (db/local_cluster.py)
        "cluster-no-tool": "{bindir} has no {tool}",
        "cluster-root": (
            "PostgreSQL refuses to run as root and there is no 'postgres' account to run it as; "
            "create one ('useradd --system postgres') or run as a normal user"
        ),
        "cluster-initdb-failed": "initdb failed in {datadir}: {output}",
        "cluster-not-started": "PostgreSQL did not start in {root}: {output}",
        # where PostgreSQL's server binaries were looked for (core/pg_binaries.py)
        "pg-not-found": (
            "no PostgreSQL server binaries (initdb and postgres) found (looked in: {where}); {hint}"
        ),
        "pg-looked-nowhere": "nowhere",
        "pg-hint-windows": (
            "install PostgreSQL with the EDB installer, or {wheel}, or set SCHEMADESK_PG_BINDIR"
        ),
        "pg-hint-macos": (
            "run 'brew install postgresql@17' or install Postgres.app, or {wheel}, "
            "or set SCHEMADESK_PG_BINDIR"
        ),
        "pg-hint-linux": (
            "install the server package (Debian/Ubuntu: 'sudo apt-get install postgresql'; "
            "Fedora: 'sudo dnf install postgresql-server'), or {wheel}, "
            "or set SCHEMADESK_PG_BINDIR"
        ),
        "pg-wheel": "'pip install schemadesk[embedded-pg]' (PostgreSQL 16 from PyPI)",
        # the OS keyring (core/passwords.py)
        "keyring-none": (
            "no OS keyring is available (install and unlock one, e.g. GNOME Keyring or KWallet); "
            "schemadesk will ask for the password each session or use ~/.pgpass"
        ),
        "keyring-refused": "the OS keyring refused to store the password ({kind})",
        # Alembic's env.py connecting while offline (core/alembic/scripts.py)
        "alembic-connected-offline": (
            "env.py opened a database connection in offline mode (--sql); nothing was connected to"
        ),
        # the shared audit trail (db/audit.py)
        "audit-own-transaction": (
            "the audit record is written in its own transaction: end the action's transaction "
            "(commit or roll back) first"
        ),
        # ~/.ssh/config (db/ssh_tunnel.py): asyncssh's reason passed whole
        "ssh-config-unreadable": "cannot read {path}: {reason}",
        # a rollout target opened read-only (usecases/rollout.py)
        "rollout-read-only": "read-only: {where}",
    }
)
