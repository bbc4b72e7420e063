"""Errors in schemadesk's own files: the project, connection profiles, any TOML file
(core/messages_config.py), by code. A quoted ``'name'`` is core's repr(): a parameter."""

from __future__ import annotations

from collections.abc import Callable

from schemadesk.ui.core_texts.fill import translate

CONFIG_TEXTS: dict[str, Callable[[], str]] = {
    "project-no-module": lambda: translate(
        "CoreText", "no module named {name} in the project (known: {known})"
    ),
    "project-no-file": lambda: translate("CoreText", "{path}: no such project file"),
    "project-no-modules": lambda: translate("CoreText", "{path}: no [[modules]] tables"),
    "project-modules-not-tables": lambda: translate(
        "CoreText", "{path}: [[modules]] entries must be tables"
    ),
    "project-two-modules": lambda: translate("CoreText", "{path}: two modules named {names}"),
    "project-not-found": lambda: translate(
        "CoreText",
        "{root}: no {file} and no migrations folder found (looked for "
        "services/<name>/migrations, migrations/<name>/ and migrations/); give --project or "
        "--migrations DIR --schema S",
    ),
    "module-key-required": lambda: translate("CoreText", "{where}: {key} is required (a string)"),
    "module-key-string": lambda: translate("CoreText", "{where}: {key} must be a string"),
    "module-search-path": lambda: translate(
        "CoreText", "{where}: 'search_path' must be a list of schema names"
    ),
    "module-kind": lambda: translate(
        "CoreText", "{where}: kind {kind} is not supported (known: pgdbm)"
    ),
    "module-pool": lambda: translate(
        "CoreText", "{where}: pool must be 'own' or 'shared', not {pool}"
    ),
    "module-ledger-name": lambda: translate(
        "CoreText", "{where}: ledger table name {ledger} is not a plain identifier"
    ),
    "module-schema-name": lambda: translate(
        "CoreText",
        "{where}: schema {schema} is not a name pgdbm accepts (letters, digits, "
        "underscores, not starting with a digit, at most 63 characters)",
    ),
    "module-name-long": lambda: translate(
        "CoreText", "{where}: module_name is longer than the ledger's 100 characters"
    ),
    "toml-unreadable": lambda: translate("CoreText", "{path}: cannot read: {reason}"),
    "toml-not-table": lambda: translate("CoreText", "{where}: must be a table"),
    "toml-unknown-keys": lambda: translate("CoreText", "{where}: unknown key(s) {keys}"),
    "profile-no-name": lambda: translate("CoreText", "a connection profile needs a name"),
    "profile-password-conninfo": lambda: translate(
        "CoreText",
        "profile {name}: the conninfo holds a password; store passwords in the "
        "OS keyring or ~/.pgpass, never in a profile",
    ),
    "profile-ssh-host": lambda: translate(
        "CoreText",
        "profile {name}: through an SSH tunnel the server must be one TCP "
        "host and port (not {host} port {port})",
    ),
    "profiles-not-table": lambda: translate("CoreText", "{path}: [profiles] must be a table"),
    "profile-unknown": lambda: translate(
        "CoreText", "no profile named {name} in {path} (known: {known})"
    ),
    "profile-not-table": lambda: translate("CoreText", "{path}: [profiles.{name}] must be a table"),
    "profile-password-key": lambda: translate(
        "CoreText",
        "{path}: profile {name} has a password key; passwords belong in the OS keyring "
        "or ~/.pgpass — remove it",
    ),
    "profile-unknown-keys": lambda: translate(
        "CoreText", "{path}: profile {name}: unknown key(s) {keys}"
    ),
    "alembic-x-list": lambda: translate(
        "CoreText",
        "{where}: 'x' must be a list of \"key=value\" strings",
    ),
    "alembic-x-schema": lambda: translate(
        "CoreText",
        "{where}: 'x' must not set {key}= (schemadesk passes each schema)",
    ),
    "alembic-schema-x": lambda: translate(
        "CoreText",
        "{where}: 'schema_x' must be an -x key such as \"tenant\"",
    ),
    "alembic-config-shared": lambda: translate(
        "CoreText",
        "{path}: [alembic]: 'config' is required with schema_version_tables",
    ),
    "alembic-schema-clash": lambda: translate(
        "CoreText",
        "{path}: [alembic]: schema {schema} clashes with a module name",
    ),
    "alembic-version-schema-string": lambda: translate(
        "CoreText",
        "{where}: 'version_table_schema' must be a string",
    ),
    "alembic-version-tables-map": lambda: translate(
        "CoreText",
        "{where}: schema_version_tables must map schema names to table names",
    ),
    "alembic-config-required": lambda: translate(
        "CoreText",
        "{where}: 'config' is required (the alembic.ini or pyproject.toml, relative to "
        "the project file), or set it once in [alembic]",
    ),
    "alembic-env-name": lambda: translate(
        "CoreText",
        "{where}: {key} must name an environment variable, not {value}",
    ),
    "alembic-config-path": lambda: translate(
        "CoreText",
        "{where}: 'config' must be a path (a string)",
    ),
    "alembic-config-kind": lambda: translate(
        "CoreText",
        "{where}: config {value} is neither an alembic.ini nor a .toml file",
    ),
    "alembic-name-bad": lambda: translate(
        "CoreText",
        "{where}: {what} {name} is empty or longer than 63 bytes",
    ),
    "name-kind-schema": lambda: translate(
        "CoreText",
        "schema",
    ),
    "name-kind-version-table": lambda: translate(
        "CoreText",
        "version table",
    ),
    "name-kind-version-table-schema": lambda: translate(
        "CoreText",
        "version table schema",
    ),
    "tenants-not-tables": lambda: translate(
        "CoreText",
        "{path}: [alembic]: 'tenants' must be [[alembic.tenants]] tables",
    ),
    "tenants-two-groups": lambda: translate(
        "CoreText",
        "{path}: [[alembic.tenants]]: two groups share a name",
    ),
    "tenants-name": lambda: translate(
        "CoreText",
        "{where}: 'name' must be a non-empty string",
    ),
    "tenants-config": lambda: translate(
        "CoreText",
        "{where}: 'config' is required (or set it once in [alembic])",
    ),
    "tenants-schemas-required": lambda: translate(
        "CoreText",
        "{where}: 'schemas' is required: a list, a pattern or \"discover\"",
    ),
    "tenants-schema-twice": lambda: translate(
        "CoreText",
        "{where}: 'schemas' names a schema twice",
    ),
    "tenants-schemas-kind": lambda: translate(
        "CoreText",
        "{where}: 'schemas' must be a list of names, a pattern or \"discover\"",
    ),
    "tenants-template-empty": lambda: translate(
        "CoreText",
        "{where}: {key} must be a non-empty string",
    ),
    "tenants-template-braces": lambda: translate(
        "CoreText",
        "{where}: {key} may hold {mark} and nothing else in braces",
    ),
    "ssh-host": lambda: translate(
        "CoreText",
        "SSH host {host}: give a host name or ~/.ssh/config alias",
    ),
    "ssh-port": lambda: translate(
        "CoreText",
        "SSH port {port}: must be between 1 and 65535",
    ),
    "ssh-not-table": lambda: translate(
        "CoreText",
        "[ssh] must be a table",
    ),
    "ssh-secret": lambda: translate(
        "CoreText",
        "[ssh] holds a secret; SSH passwords belong in the OS keyring",
    ),
    "ssh-unknown-keys": lambda: translate(
        "CoreText",
        "[ssh]: unknown key(s) {keys}",
    ),
    "ssh-key-type": lambda: translate(
        "CoreText",
        "[ssh]: {key} must be a {type}",
    ),
    "ssh-target": lambda: translate(
        "CoreText",
        "{what} {text}: expected [user@]host[:port]",
    ),
    "ssh-target-port": lambda: translate(
        "CoreText",
        "{what} {text}: the port must be a number from 1 to 65535",
    ),
}
