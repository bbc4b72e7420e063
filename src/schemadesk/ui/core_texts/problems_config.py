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
}
