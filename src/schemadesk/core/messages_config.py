"""The English of the errors the window shows from core and db, by code: schemadesk's own
files (project, profiles, TOML, SSH), read-only and run-as refusals, change-set targets,
migrations refused before they run.

core says each with ``say(code, ...)`` and raises ``ConfigError`` with that text: the command
line shows the English below; the window takes the error's message and translates it by code
(ui/core_texts/problems_config.py). A quoted ``'name'`` is core's repr() of a name, passed
whole as a parameter; a path, key or name is never part of a sentence the window reads back.
"""

from __future__ import annotations

from collections.abc import Sequence

import schemadesk.core.messages_access
import schemadesk.core.messages_migrations  # noqa: F401 ("at"; "refusals")
from schemadesk.core.messages import Message, say, templates

# Import ``say`` from here: the templates below are then registered before anything is said.
__all__ = ["Message", "say"]

templates(
    {
        # project file (schemadesk.toml) and module tables
        "project-no-module": "no module named {name} in the project (known: {known})",
        "project-no-file": "{path}: no such project file",
        "project-no-modules": "{path}: no [[modules]] tables",
        "project-modules-not-tables": "{path}: [[modules]] entries must be tables",
        "project-two-modules": "{path}: two modules named {names}",
        "project-not-found": (
            "{root}: no {file} and no migrations folder found (looked for "
            "services/<name>/migrations, migrations/<name>/ and migrations/); give --project or "
            "--migrations DIR --schema S"
        ),
        "module-key-required": "{where}: {key} is required (a string)",
        "module-key-string": "{where}: {key} must be a string",
        "module-search-path": "{where}: 'search_path' must be a list of schema names",
        "module-kind": "{where}: kind {kind} is not supported (known: pgdbm)",
        "module-pool": "{where}: pool must be 'own' or 'shared', not {pool}",
        "module-ledger-name": "{where}: ledger table name {ledger} is not a plain identifier",
        "module-schema-name": (
            "{where}: schema {schema} is not a name pgdbm accepts (letters, digits, "
            "underscores, not starting with a digit, at most 63 characters)"
        ),
        "module-name-long": "{where}: module_name is longer than the ledger's 100 characters",
        # Alembic modules in the project file ([alembic], [[modules]] kind = "alembic")
        "alembic-x-list": "{where}: 'x' must be a list of \"key=value\" strings",
        "alembic-x-schema": "{where}: 'x' must not set {key}= (schemadesk passes each schema)",
        "alembic-schema-x": "{where}: 'schema_x' must be an -x key such as \"tenant\"",
        "alembic-config-shared": (
            "{path}: [alembic]: 'config' is required with schema_version_tables"
        ),
        "alembic-schema-clash": "{path}: [alembic]: schema {schema} clashes with a module name",
        "alembic-version-schema-string": "{where}: 'version_table_schema' must be a string",
        "alembic-version-tables-map": (
            "{where}: schema_version_tables must map schema names to table names"
        ),
        "alembic-config-required": (
            "{where}: 'config' is required (the alembic.ini or pyproject.toml, relative to "
            "the project file), or set it once in [alembic]"
        ),
        "alembic-env-name": "{where}: {key} must name an environment variable, not {value}",
        "alembic-config-path": "{where}: 'config' must be a path (a string)",
        "alembic-config-kind": "{where}: config {value} is neither an alembic.ini nor a .toml file",
        "alembic-name-bad": "{where}: {what} {name} is empty or longer than 63 bytes",
        # what ``alembic-name-bad`` names (a nested message, translated on its own)
        "name-kind-schema": "schema",
        "name-kind-version-table": "version table",
        "name-kind-version-table-schema": "version table schema",
        # [[alembic.tenants]]: one chain of revisions, many schemas
        "tenants-not-tables": "{path}: [alembic]: 'tenants' must be [[alembic.tenants]] tables",
        "tenants-two-groups": "{path}: [[alembic.tenants]]: two groups share a name",
        "tenants-name": "{where}: 'name' must be a non-empty string",
        "tenants-config": "{where}: 'config' is required (or set it once in [alembic])",
        "tenants-schemas-required": (
            "{where}: 'schemas' is required: a list, a pattern or \"discover\""
        ),
        "tenants-schema-twice": "{where}: 'schemas' names a schema twice",
        "tenants-schemas-kind": (
            "{where}: 'schemas' must be a list of names, a pattern or \"discover\""
        ),
        "tenants-template-empty": "{where}: {key} must be a non-empty string",
        "tenants-template-braces": "{where}: {key} may hold {mark} and nothing else in braces",
        # SSH tunnel settings (a profile's [ssh], --ssh, ProxyJump)
        "ssh-host": "SSH host {host}: give a host name or ~/.ssh/config alias",
        "ssh-port": "SSH port {port}: must be between 1 and 65535",
        "ssh-not-table": "[ssh] must be a table",
        "ssh-secret": "[ssh] holds a secret; SSH passwords belong in the OS keyring",
        "ssh-unknown-keys": "[ssh]: unknown key(s) {keys}",
        "ssh-key-type": "[ssh]: {key} must be a {type}",
        "ssh-target": "{what} {text}: expected [user@]host[:port]",
        "ssh-target-port": "{what} {text}: the port must be a number from 1 to 65535",
        # a read-only profile refuses what would write (db/database.py refuse_writes)
        "read-only-refused": "profile {name} is read-only: {action} refused",
        "refused-apply": "apply",
        "refused-rehearsal": "rehearsal",
        "refused-rollout": "rollout",
        "refused-change": "the change",
        "refused-move": "the move",
        "refused-checksum": "accepting a checksum",
        "refused-alembic-upgrade": "Alembic upgrade",
        "refused-alembic-rehearsal": "Alembic rehearsal",
        # who runs the migrations or the change (--run-as, the window's run-as box)
        "run-as-no-owner": "--run-as owner needs a plan whose schemas have one owner",
        "run-as-no-schema": "--run-as owner needs a schema (--schema) whose owner to run as",
        "run-as-owner-denied": "the login {login} may not SET ROLE to the owner {owner}",
        "run-as-denied": "the login {login} may not SET ROLE to {role}",
        # a change set's target that is not there (core/access/change_targets.py)
        "change-other-database": "the catalog is of database {database}, not {schema}",
        "change-no-schema": "schema {schema} does not exist",
        "change-overloaded": (
            "function {schema}.{name} is overloaded; grant on all functions of the schema instead"
        ),
        "change-no-object": "{schema}.{name} does not exist (or is not of that kind)",
        # migrations refused before anything runs
        "checksum-not-drifted": "{module}/{file} is not drifted: nothing to accept",
        "rehearse-transaction-control": (
            "{where}: {keyword} controls the transaction; a rehearsal runs every migration in "
            "one transaction that it rolls back, and this statement would end it (committing "
            "what ran before it): nothing was run. If the file means to manage transactions, "
            "mark it -- pgdbm:no-transaction"
        ),
        "folder-unreadable": "cannot read {where}: {reason}",
        # a rollout's targets file (core/rollout/targets.py)
        "rollout-no-stage": "no stage named {name} in the targets (known: {known})",
        "rollout-positive": "{where}: {key} must be a whole number of at least 1",
        "rollout-no-file": "{path}: no such targets file",
        "rollout-stage-unknown": (
            "{path}: [[targets]] #{number} ({target}): stage {stage} is not one of the "
            "[[rollout.stages]] ({stages})"
        ),
        "rollout-stages-list": "{path}: [[rollout.stages]] must be a list of tables",
        "rollout-second-stage": "{where}: a second stage named {name}",
        "rollout-tenants-list": "{path}: [[rollout.tenants]] must be a list of tables",
        "rollout-schemas-kind": "{where}: 'schemas' must be a pattern or a list of schema names",
        "rollout-schema-name": (
            "{where}: schema {schema} is not a name pgdbm accepts (letters, digits, "
            "underscores, not starting with a digit, at most 63 characters; no pg_*)"
        ),
        "rollout-no-targets": "{path}: no [[targets]] tables",
        "rollout-profile-or-dsn": "{where}: give 'profile' or 'dsn' (one of them)",
        "rollout-second-target": "{where}: a second target named {name}",
        "rollout-dsn-bad": "{where}: 'dsn' is not a libpq conninfo or URI",
        "rollout-dsn-password": (
            "{where}: the dsn holds a password; use ~/.pgpass, PGPASSFILE or a saved profile "
            "with its password in the keyring, never a targets file"
        ),
        # Alembic modules that cannot be read or applied
        "alembic-resolve": "module {module}: {target}: {error}",
        "alembic-cannot-apply": "Alembic module {module}: cannot apply ({problems})",
        "alembic-no-module": "no Alembic module named {names}",
        "rollout-no-targets-given": "no targets to roll out to",
        # the schema pairs a diff compares (--map / --schema, the compare view's Schemas box)
        "map-form": "--map {text}: give SOURCE=TARGET (a schema of A = one of B)",
        "map-two-patterns": "--map {text}: only one side may be a pattern",
        "map-no-match": "--map {text}: no schema of --to matches {pattern}",
        "map-no-schema": "schema {name} does not exist in {side}",
        # the conventions file and provisioning a schema (core/access/conventions*.py)
        "conventions-unknown-key": "{source}: unknown key {key} (known: {known})",
        "conventions-rw-settings": "{source}: rw_settings must be a table of name = value",
        "conventions-string": "{source}: {key} must be a non-empty string",
        "conventions-bool": "{source}: {key} must be true or false",
        "conventions-list": "{source}: {key} must be a list of strings",
        "conventions-not-table": "{path}: [conventions] must be a table",
        "provision-extension": (
            "schema {schema} belongs to extension {extension}: the extension manages its owner "
            "and rights, schemadesk does not change them"
        ),
        "provision-system": "schema {schema} is a system schema: schemadesk does not change it",
        # any TOML file
        "toml-unreadable": "{path}: cannot read: {reason}",
        "toml-not-table": "{where}: must be a table",
        "toml-unknown-keys": "{where}: unknown key(s) {keys}",
        # connection profiles
        "profile-no-name": "a connection profile needs a name",
        "profile-password-conninfo": (
            "profile {name}: the conninfo holds a password; store passwords in the "
            "OS keyring or ~/.pgpass, never in a profile"
        ),
        "profile-ssh-host": (
            "profile {name}: through an SSH tunnel the server must be one TCP "
            "host and port (not {host} port {port})"
        ),
        "profiles-not-table": "{path}: [profiles] must be a table",
        "profile-unknown": "no profile named {name} in {path} (known: {known})",
        "profile-not-table": "{path}: [profiles.{name}] must be a table",
        "profile-password-key": (
            "{path}: profile {name} has a password key; passwords belong in the OS keyring "
            "or ~/.pgpass — remove it"
        ),
        "profile-unknown-keys": "{path}: profile {name}: unknown key(s) {keys}",
    }
)


# What a read-only profile refused, by the English its callers pass (said as a nested message
# so the window translates it; an action not listed stays as written).
REFUSED_ACTIONS = {
    "apply": "refused-apply",
    "rehearsal": "refused-rehearsal",
    "rollout": "refused-rollout",
    "the change": "refused-change",
    "the move": "refused-move",
    "accepting a checksum": "refused-checksum",
    "Alembic upgrade": "refused-alembic-upgrade",
    "Alembic rehearsal": "refused-alembic-rehearsal",
}


def said_refusals(items: Sequence[str]) -> str:
    """Texts already said (a plan's blockers), joined by "; " as one said text: the window
    translates each on its own."""
    return say("refusals", items=tuple(items))
