"""Errors from the tools around a change (core/messages_tools.py), by code: the project's
``[lint]`` and squawk, a profile's session settings and conninfo, Alembic's offline preview, a
read-only session, a rollout's refusal (a plural: Qt's ``%n``) or read-only target, the
throwaway cluster and where its server binaries were looked for, the OS keyring, the audit
trail's own transaction and ``~/.ssh/config``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from schemadesk.ui.core_texts.fill import translate

TOOL_TEXTS: dict[str, Callable[[], str]] = {
    "lint-size": lambda: translate(
        "CoreText", "{where}: {value} is not a size (examples: 104857600, '100MB')"
    ),
    "lint-not-table": lambda: translate("CoreText", "{where} must be a table"),
    "lint-unknown-key": lambda: translate(
        "CoreText", "{where}: unknown key {key} (disable, large_table)"
    ),
    "lint-disable": lambda: translate("CoreText", "{where}: disable must be a list of rule names"),
    "squawk-missing": lambda: translate(
        "CoreText",
        "squawk not found next to {python} nor on PATH; it comes with schemadesk "
        "(pip install squawk-cli into the same environment)",
    ),
    "squawk-could-not-run": lambda: translate(
        "CoreText", "{program}: could not run squawk: {reason}"
    ),
    "squawk-exited": lambda: translate("CoreText", "squawk exited {status}: {message}"),
    "squawk-no-message": lambda: translate("CoreText", "no message"),
    "squawk-not-json": lambda: translate(
        "CoreText", "squawk printed something that is not its JSON report"
    ),
    "squawk-not-list": lambda: translate("CoreText", "squawk's JSON report is not a list"),
    "session-duration": lambda: translate(
        "CoreText",
        "session setting {name} = {value} is not a PostgreSQL duration "
        "(examples: '30s', '500ms', '5min', '0' for none)",
    ),
    "conninfo-invalid": lambda: translate(
        "CoreText", "{what} is not a valid conninfo or URI: {reason}"
    ),
    "conninfo-of-profile": lambda: translate("CoreText", "profile {name}: conninfo"),
    "session-not-accepted": lambda: translate("CoreText", "{where}: [session]: {reason}"),
    "alembic-offline-failed": lambda: translate(
        "CoreText", "module {module}: env.py failed in offline mode (-x schema={schema}): {error}"
    ),
    "apply-read-only": lambda: translate(
        "CoreText", "the session is read-only; nothing was changed"
    ),
    "rollout-pgdbm-only": lambda: translate(
        "CoreText", "{what} covers pgdbm migrations only: Alembic revisions pending"
    ),
    "rollout-review-report": lambda: translate("CoreText", "the rollout review report"),
    "cluster-no-tool": lambda: translate("CoreText", "{bindir} has no {tool}"),
    "cluster-root": lambda: translate(
        "CoreText",
        "PostgreSQL refuses to run as root and there is no 'postgres' account to run it as; "
        "create one ('useradd --system postgres') or run as a normal user",
    ),
    "cluster-initdb-failed": lambda: translate("CoreText", "initdb failed in {datadir}: {output}"),
    "cluster-not-started": lambda: translate(
        "CoreText", "PostgreSQL did not start in {root}: {output}"
    ),
    "pg-not-found": lambda: translate(
        "CoreText",
        "no PostgreSQL server binaries (initdb and postgres) found (looked in: {where}); {hint}",
    ),
    "pg-looked-nowhere": lambda: translate("CoreText", "nowhere"),
    "pg-hint-windows": lambda: translate(
        "CoreText",
        "install PostgreSQL with the EDB installer, or {wheel}, or set SCHEMADESK_PG_BINDIR",
    ),
    "pg-hint-macos": lambda: translate(
        "CoreText",
        "run 'brew install postgresql@17' or install Postgres.app, or {wheel}, "
        "or set SCHEMADESK_PG_BINDIR",
    ),
    "pg-hint-linux": lambda: translate(
        "CoreText",
        "install the server package (Debian/Ubuntu: 'sudo apt-get install postgresql'; "
        "Fedora: 'sudo dnf install postgresql-server'), or {wheel}, "
        "or set SCHEMADESK_PG_BINDIR",
    ),
    "pg-wheel": lambda: translate(
        "CoreText", "'pip install schemadesk[embedded-pg]' (PostgreSQL 16 from PyPI)"
    ),
    "keyring-none": lambda: translate(
        "CoreText",
        "no OS keyring is available (install and unlock one, e.g. GNOME Keyring or KWallet); "
        "schemadesk will ask for the password each session or use ~/.pgpass",
    ),
    "keyring-refused": lambda: translate(
        "CoreText", "the OS keyring refused to store the password ({kind})"
    ),
    "alembic-connected-offline": lambda: translate(
        "CoreText",
        "env.py opened a database connection in offline mode (--sql); nothing was connected to",
    ),
    "audit-own-transaction": lambda: translate(
        "CoreText",
        "the audit record is written in its own transaction: end the action's transaction "
        "(commit or roll back) first",
    ),
    "ssh-config-unreadable": lambda: translate("CoreText", "cannot read {path}: {reason}"),
    "rollout-read-only": lambda: translate("CoreText", "read-only: {where}"),
}


class ToolPlurals(QObject):
    """Plural texts (a QObject: lupdate reads plurals only from its tr())."""

    def rollout_problems(self, n: int) -> str:
        return self.tr("%n target problem(s); nothing was run: {problems}", "", n)


# Codes whose text depends on a count (``n``): the window's language picks the plural form.
PLURAL_TEXTS: dict[str, Callable[[int], str]] = {
    "rollout-problems": lambda n: ToolPlurals().rollout_problems(n),
}
