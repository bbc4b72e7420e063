"""Refusals of actions and errors in what they are given: read-only profiles, run-as, change
set targets, a rollout's targets file, a diff's schema pairs, the conventions file
(core/messages_config.py), by code. A quoted ``'name'`` is core's repr(): a parameter."""

from __future__ import annotations

from collections.abc import Callable

from schemadesk.ui.core_texts.fill import translate

ACTION_TEXTS: dict[str, Callable[[], str]] = {
    "read-only-refused": lambda: translate(
        "CoreText",
        "profile {name} is read-only: {action} refused",
    ),
    "refused-apply": lambda: translate(
        "CoreText",
        "apply",
    ),
    "refused-rehearsal": lambda: translate(
        "CoreText",
        "rehearsal",
    ),
    "refused-rollout": lambda: translate(
        "CoreText",
        "rollout",
    ),
    "refused-change": lambda: translate(
        "CoreText",
        "the change",
    ),
    "refused-move": lambda: translate(
        "CoreText",
        "the move",
    ),
    "refused-checksum": lambda: translate(
        "CoreText",
        "accepting a checksum",
    ),
    "refused-alembic-upgrade": lambda: translate(
        "CoreText",
        "Alembic upgrade",
    ),
    "refused-alembic-rehearsal": lambda: translate(
        "CoreText",
        "Alembic rehearsal",
    ),
    "run-as-no-owner": lambda: translate(
        "CoreText",
        "--run-as owner needs a plan whose schemas have one owner",
    ),
    "run-as-no-schema": lambda: translate(
        "CoreText",
        "--run-as owner needs a schema (--schema) whose owner to run as",
    ),
    "run-as-owner-denied": lambda: translate(
        "CoreText",
        "the login {login} may not SET ROLE to the owner {owner}",
    ),
    "run-as-denied": lambda: translate(
        "CoreText",
        "the login {login} may not SET ROLE to {role}",
    ),
    "change-other-database": lambda: translate(
        "CoreText",
        "the catalog is of database {database}, not {schema}",
    ),
    "change-no-schema": lambda: translate(
        "CoreText",
        "schema {schema} does not exist",
    ),
    "change-overloaded": lambda: translate(
        "CoreText",
        "function {schema}.{name} is overloaded; grant on all functions of the schema instead",
    ),
    "change-no-object": lambda: translate(
        "CoreText",
        "{schema}.{name} does not exist (or is not of that kind)",
    ),
    "checksum-not-drifted": lambda: translate(
        "CoreText",
        "{module}/{file} is not drifted: nothing to accept",
    ),
    "rehearse-transaction-control": lambda: translate(
        "CoreText",
        "{where}: {keyword} controls the transaction; a rehearsal runs every migration "
        "in one transaction that it rolls back, and this statement would end it "
        "(committing what ran before it): nothing was run. If the file means to manage "
        "transactions, mark it -- pgdbm:no-transaction",
    ),
    "folder-unreadable": lambda: translate(
        "CoreText",
        "cannot read {where}: {reason}",
    ),
    "rollout-no-stage": lambda: translate(
        "CoreText",
        "no stage named {name} in the targets (known: {known})",
    ),
    "rollout-positive": lambda: translate(
        "CoreText",
        "{where}: {key} must be a whole number of at least 1",
    ),
    "rollout-no-file": lambda: translate(
        "CoreText",
        "{path}: no such targets file",
    ),
    "rollout-stage-unknown": lambda: translate(
        "CoreText",
        "{path}: [[targets]] #{number} ({target}): stage {stage} is not one of the "
        "[[rollout.stages]] ({stages})",
    ),
    "rollout-stages-list": lambda: translate(
        "CoreText",
        "{path}: [[rollout.stages]] must be a list of tables",
    ),
    "rollout-second-stage": lambda: translate(
        "CoreText",
        "{where}: a second stage named {name}",
    ),
    "rollout-tenants-list": lambda: translate(
        "CoreText",
        "{path}: [[rollout.tenants]] must be a list of tables",
    ),
    "rollout-schemas-kind": lambda: translate(
        "CoreText",
        "{where}: 'schemas' must be a pattern or a list of schema names",
    ),
    "rollout-schema-name": lambda: translate(
        "CoreText",
        "{where}: schema {schema} is not a name pgdbm accepts (letters, digits, "
        "underscores, not starting with a digit, at most 63 characters; no pg_*)",
    ),
    "rollout-no-targets": lambda: translate(
        "CoreText",
        "{path}: no [[targets]] tables",
    ),
    "rollout-profile-or-dsn": lambda: translate(
        "CoreText",
        "{where}: give 'profile' or 'dsn' (one of them)",
    ),
    "rollout-second-target": lambda: translate(
        "CoreText",
        "{where}: a second target named {name}",
    ),
    "rollout-dsn-bad": lambda: translate(
        "CoreText",
        "{where}: 'dsn' is not a libpq conninfo or URI",
    ),
    "rollout-dsn-password": lambda: translate(
        "CoreText",
        "{where}: the dsn holds a password; use ~/.pgpass, PGPASSFILE or a saved "
        "profile with its password in the keyring, never a targets file",
    ),
    "alembic-resolve": lambda: translate(
        "CoreText",
        "module {module}: {target}: {error}",
    ),
    "alembic-cannot-apply": lambda: translate(
        "CoreText",
        "Alembic module {module}: cannot apply ({problems})",
    ),
    "alembic-no-module": lambda: translate(
        "CoreText",
        "no Alembic module named {names}",
    ),
    "rollout-no-targets-given": lambda: translate(
        "CoreText",
        "no targets to roll out to",
    ),
    "map-form": lambda: translate(
        "CoreText",
        "--map {text}: give SOURCE=TARGET (a schema of A = one of B)",
    ),
    "map-two-patterns": lambda: translate(
        "CoreText",
        "--map {text}: only one side may be a pattern",
    ),
    "map-no-match": lambda: translate(
        "CoreText",
        "--map {text}: no schema of --to matches {pattern}",
    ),
    "map-no-schema": lambda: translate(
        "CoreText",
        "schema {name} does not exist in {side}",
    ),
    "conventions-unknown-key": lambda: translate(
        "CoreText",
        "{source}: unknown key {key} (known: {known})",
    ),
    "conventions-rw-settings": lambda: translate(
        "CoreText",
        "{source}: rw_settings must be a table of name = value",
    ),
    "conventions-string": lambda: translate(
        "CoreText",
        "{source}: {key} must be a non-empty string",
    ),
    "conventions-bool": lambda: translate(
        "CoreText",
        "{source}: {key} must be true or false",
    ),
    "conventions-list": lambda: translate(
        "CoreText",
        "{source}: {key} must be a list of strings",
    ),
    "conventions-not-table": lambda: translate(
        "CoreText",
        "{path}: [conventions] must be a table",
    ),
    "provision-extension": lambda: translate(
        "CoreText",
        "schema {schema} belongs to extension {extension}: the extension manages its "
        "owner and rights, schemadesk does not change them",
    ),
    "provision-system": lambda: translate(
        "CoreText",
        "schema {schema} is a system schema: schemadesk does not change it",
    ),
}
