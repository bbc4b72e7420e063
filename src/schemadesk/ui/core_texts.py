"""Texts the Qt-free core writes in English, shown in the window's language.

core/ has no Qt, so a convention finding, an action's title and its locks arrive as English
data. The window translates them here: a finding by its ``code`` (the parameters are read back
from the English text core wrote; the patterns mirror core/access/conventions.py and
tests/ui/test_translations.py checks that every code core emits is recognised), titles and
locks by pattern. Whatever is not recognised is shown as core wrote it, never lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QObject

from schemadesk.core.access.conventions import Finding
from schemadesk.core.access.effective import EffectivePrivilege, MatrixCell, Reason
from schemadesk.core.actions import PlannedAction
from schemadesk.db.connect_errors import CANNOT_CONNECT, CANNOT_OPEN_POOL, REASONS
from schemadesk.ui.lazy_pattern import LazyPattern

translate = QCoreApplication.translate

# A finding's title (fullmatch) and explanation (search) patterns, by code; the named groups are
# the parameters the translations take ({s}, the schema, always comes from the finding itself).
_TITLE_PATTERNS: dict[str, str] = {
    "owner-missing": r"owner role (?P<owner>.+) does not exist",
    "schema-owner": r"schema .+ is owned by (?P<actual>.+), not (?P<owner>.+)",
    "object-owner": r"(?P<n>\d+) object\(s\) in .+ not owned by (?P<owner>.+)",
    "owner-database-create": r"(?P<owner>.+) cannot CREATE in database (?P<database>.+)",
    "migrator-missing": r"role (?P<migrator>.+) does not exist",
    "migrator-cannot-act": r"(?P<migrator>.+) cannot act as (?P<owner>.+)",
    "rw-missing": r"application role (?P<rw>.+) does not exist",
    "rw-usage": r"(?P<rw>.+) has no USAGE on schema .+",
    "rw-ddl": r"(?P<rw>.+) can change the structure of .+",
    "rw-default-privileges": r"new tables or sequences in .+ will not be usable by (?P<rw>.+)",
    "rw-settings": r"(?P<rw>.+) sessions lack the convention's timeouts",
    "rw-tables-missing": r"(?P<rw>.+?) lacks (?P<privs>.+) on (?P<n>\d+) table\(s\) in .+",
    "rw-sequences-missing": r"(?P<rw>.+?) lacks (?P<privs>.+) on (?P<n>\d+) sequence\(s\) in .+",
    "rw-tables-extra": r"(?P<rw>.+?) holds more than (?P<privs>.+) on (?P<n>\d+) table\(s\) in .+",
    "rw-sequences-extra": (
        r"(?P<rw>.+?) holds more than (?P<privs>.+) on (?P<n>\d+) sequence\(s\) in .+"
    ),
    "public-schema": r"PUBLIC holds (?P<privs>.+) on schema .+",
    "public-objects": r"PUBLIC holds rights on (?P<n>\d+) object\(s\) in .+",
}
_EXPLANATION_PATTERNS: dict[str, str] = {
    "migrator-missing": r"Migrations run as .+, which acts as (?P<owner>.+); it does not exist",
    "rw-ddl": r"must not run DDL: (?P<reasons>.*)\.$",
    "rw-default-privileges": (
        r"Default privileges of (?P<owner>.+) in .+ must give .+? (?P<tables>[A-Z, ]*) on new "
        r"tables and (?P<sequences>[A-Z, ]*) on new sequences"
    ),
    "rw-settings": r"should run with (?P<wanted>.+), so that .*; now (?P<now>.*)\.$",
}

Texts = tuple[str, str]  # title, explanation


class FindingText(QObject):
    """Translations of the convention findings (a QObject: lupdate reads its tr() plurals)."""

    def texts(self, code: str, p: Mapping[str, str], n: int) -> Texts | None:
        """The translated title and explanation of a finding; None for an unknown code."""
        if code == "owner-missing":
            return (
                self.tr("owner role {owner} does not exist"),
                self.tr(
                    "By the convention, role {owner} owns schema {s} and everything in it and runs "
                    "its migrations; it does not exist.",
                ),
            )
        if code == "schema-owner":
            return (
                self.tr("schema {s} is owned by {actual}, not {owner}"),
                self.tr("The schema should belong to {owner}, the role that runs its migrations."),
            )
        if code == "object-owner":
            return (
                self.tr("%n object(s) in {s} not owned by {owner}", "", n),
                self.tr(
                    "Objects created by other roles cannot be altered by {owner}'s migrations "
                    "and do not get {owner}'s default privileges.",
                ),
            )
        if code == "owner-database-create":
            return (
                self.tr("{owner} cannot CREATE in database {database}"),
                self.tr(
                    "The first migration of a schema runs CREATE SCHEMA IF NOT EXISTS as {owner}; "
                    "PostgreSQL checks CREATE on the database even when the schema exists, so that "
                    "migration fails.",
                ),
            )
        if code == "migrator-missing":
            return (
                self.tr("role {migrator} does not exist"),
                self.tr("Migrations run as {migrator}, which acts as {owner}; it does not exist."),
            )
        if code == "migrator-cannot-act":
            return (
                self.tr("{migrator} cannot act as {owner}"),
                self.tr(
                    "{migrator} must be a member of {owner} that inherits its rights and may SET "
                    "ROLE to it, so that migrations can change {s}'s structure and new objects "
                    "belong to {owner}.",
                ),
            )
        if code == "rw-missing":
            return (
                self.tr("application role {rw} does not exist"),
                self.tr(
                    "By the convention, the service uses {rw}: data rights only, with session "
                    "timeouts.",
                ),
            )
        if code == "rw-usage":
            return (
                self.tr("{rw} has no USAGE on schema {s}"),
                self.tr(
                    "Without USAGE on the schema, {rw} cannot reach any table in it, whatever its "
                    "table rights.",
                ),
            )
        if code == "rw-ddl":
            return (
                self.tr("{rw} can change the structure of {s}"),
                self.tr("The application role must not run DDL: {reasons}."),
            )
        if code == "rw-default-privileges":
            return (
                self.tr("new tables or sequences in {s} will not be usable by {rw}"),
                self.tr(
                    "Default privileges of {owner} in {s} must give {rw} {tables} on new tables "
                    "and {sequences} on new sequences, or every migration has to remember its "
                    "grants.",
                ),
            )
        if code == "rw-settings":
            return (
                self.tr("{rw} sessions lack the convention's timeouts"),
                self.tr(
                    "Application sessions should run with {wanted}, so that a stuck query or an "
                    "idle open transaction cannot hold locks and pool connections; now {now}.",
                ),
            )
        if code == "rw-tables-missing":
            return (
                self.tr("{rw} lacks {privs} on %n table(s) in {s}", "", n),
                self.tr("The application role needs {privs} on every table of its schema."),
            )
        if code == "rw-sequences-missing":
            return (
                self.tr("{rw} lacks {privs} on %n sequence(s) in {s}", "", n),
                self.tr("The application role needs {privs} on every sequence of its schema."),
            )
        if code in ("rw-tables-extra", "rw-sequences-extra"):
            title = (
                self.tr("{rw} holds more than {privs} on %n table(s) in {s}", "", n)
                if code == "rw-tables-extra"
                else self.tr("{rw} holds more than {privs} on %n sequence(s) in {s}", "", n)
            )
            return (
                title,
                self.tr(
                    "The application role should hold exactly {privs}; TRUNCATE, REFERENCES, "
                    "TRIGGER and MAINTAIN let it lock, empty or hook into tables.",
                ),
            )
        if code == "public-schema":
            explanation = (
                self.tr(
                    "Every role, including ones created later, gets what PUBLIC holds; with CREATE "
                    "anyone can add objects to the schema.",
                )
                if "CREATE" in p.get("privs", "").split(", ")
                else self.tr("Every role, including ones created later, gets what PUBLIC holds.")
            )
            return self.tr("PUBLIC holds {privs} on schema {s}"), explanation
        if code == "public-objects":
            return (
                self.tr("PUBLIC holds rights on %n object(s) in {s}", "", n),
                self.tr("Every role, including ones created later, can use these objects."),
            )
        return None


def finding_parameters(finding: Finding) -> dict[str, str] | None:
    """The parameters of a finding, read back from core's English text; None if unrecognised."""
    pattern = _TITLE_PATTERNS.get(finding.code)
    if pattern is None:
        return None
    title = re.fullmatch(pattern, finding.title, re.DOTALL)
    if title is None:
        return None
    params = {"s": finding.schema, **title.groupdict()}
    extra = _EXPLANATION_PATTERNS.get(finding.code)
    if extra is not None:
        found = re.search(extra, finding.explanation, re.DOTALL)
        if found is None:
            return None
        params.update(found.groupdict())
    return params


def _fill(template: str, params: Mapping[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: params.get(m.group(1), m.group(0)), template)


_REASON_TEXTS = (
    (LazyPattern(r"as superuser"), "superuser"),
    (LazyPattern(r"via PUBLIC(?: \(granted by (?P<grantor>.+)\))?"), "public"),
    (LazyPattern(r"as owner"), "owner"),
    (LazyPattern(r"as owner, via membership (?P<path>.+)"), "owner"),
    (LazyPattern(r"direct grant(?: \(granted by (?P<grantor>.+)\))?"), "direct"),
    (LazyPattern(r"via predefined role (?P<path>.+)"), "predefined"),
    (
        LazyPattern(r"via membership (?P<path>.+?)(?: \(granted by (?P<grantor>.+)\))?"),
        "membership",
    ),
)


def _reason_from_text(text: str) -> str:
    """Core's one-line reason (``Reason.text``) read back and said in the window's language."""
    for pattern, kind in _REASON_TEXTS:
        match = pattern.fullmatch(text)
        if match is not None:
            groups = match.groupdict()
            path = tuple((groups.get("path") or "").split(" → ")) if groups.get("path") else ()
            return reason_text(Reason(kind, path, groups.get("grantor")))  # type: ignore[arg-type]
    return text


def _ddl_reasons(reasons: str) -> str:
    """The reasons of ``rw-ddl``: ``CREATE on the schema <reason>`` or ``has the rights of
    <owner> via <chain>``, joined with "; "."""
    out = []
    for part in reasons.split("; "):
        create = re.fullmatch(r"CREATE on the schema (?P<reason>.+)", part, re.DOTALL)
        member = re.fullmatch(
            r"has the rights of (?P<owner>.+?) via (?P<chain>.+)", part, re.DOTALL
        )
        if create is not None:
            out.append(
                translate("FindingText", "CREATE on the schema {reason}").replace(
                    "{reason}", _reason_from_text(create["reason"])
                )
            )
        elif member is not None:
            out.append(_fill(translate("FindingText", "has the rights of {owner} via {chain}"),
                             member.groupdict()))  # fmt: skip
        else:
            out.append(part)
    return "; ".join(out)


def finding_texts(finding: Finding) -> Texts:
    """A finding's title and explanation in the window's language (core's text if unknown)."""
    params = finding_parameters(finding)
    if params is None:
        return finding.title, finding.explanation
    if "reasons" in params:
        params["reasons"] = _ddl_reasons(params["reasons"])
    if "now" in params:
        params["now"] = params["now"].replace("(not set)", translate("FindingText", "(not set)"))
    texts = FindingText().texts(finding.code, params, int(params.get("n", -1)))
    if texts is None:
        return finding.title, finding.explanation
    return _fill(texts[0], params), _fill(texts[1], params)


def severity_text(severity: str) -> str:
    return {
        "error": translate("FindingText", "error"),
        "warning": translate("FindingText", "warning"),
        "info": translate("FindingText", "note"),
    }.get(severity, severity)


def relation_kind_text(kind: str) -> str:
    """``table``, ``view``... as the window names them."""
    return {
        "table": translate("CoreText", "table"),
        "view": translate("CoreText", "view"),
        "materialized view": translate("CoreText", "materialized view"),
        "foreign table": translate("CoreText", "foreign table"),
        "sequence": translate("CoreText", "sequence"),
        "partitioned table": translate("CoreText", "partitioned table"),
    }.get(kind, kind)


# -- actions --------------------------------------------------------------------------------------

_MIGRATIONS_TITLE = LazyPattern(r"(?P<verb>Apply|Rehearse) (?P<n>\d+) migrations?")
_LOCK = LazyPattern(r"(?P<how>transaction|session) advisory lock (?P<key>\S+)")
_TARGET = LazyPattern(
    r"(?:(?P<kind>tables|sequences|functions) in )?(?P<what>schema|database) (?P<name>.+)"
)


_EVERY = LazyPattern(r"every (?P<kind>table|sequence|function) in schema (?P<name>.+)")
_ONE = LazyPattern(
    r"(?P<kind>table|view|materialized view|foreign table|partitioned table|sequence|function"
    r"|procedure|aggregate) (?P<name>[^,]+)"
)


def _object_text(text: str) -> str | None:
    """One object or "every <kind> in schema s" as a grant names it (accusative: after "на")."""
    every = _EVERY.fullmatch(text)
    if every is not None:
        texts = {
            "table": translate("CoreText", "every table in schema {name}"),
            "sequence": translate("CoreText", "every sequence in schema {name}"),
            "function": translate("CoreText", "every function in schema {name}"),
        }
        return texts[every["kind"]].replace("{name}", every["name"])
    one = _ONE.fullmatch(text)
    if one is not None:
        texts = {
            "table": translate("CoreText", "table {name}"),
            "view": translate("CoreText", "view {name}"),
            "materialized view": translate("CoreText", "materialized view {name}"),
            "foreign table": translate("CoreText", "foreign table {name}"),
            "partitioned table": translate("CoreText", "partitioned table {name}"),
            "sequence": translate("CoreText", "sequence {name}"),
            "function": translate("CoreText", "function {name}"),
            "procedure": translate("CoreText", "procedure {name}"),
            "aggregate": translate("CoreText", "aggregate {name}"),
        }
        return texts[one["kind"]].replace("{name}", one["name"])
    return None


def _target_text(text: str) -> str | None:
    match = _TARGET.fullmatch(text)
    if match is None:
        return _object_text(text)
    name, kind = match["name"], match["kind"]
    if match["what"] == "database":
        return translate("CoreText", "database {name}").replace("{name}", name)
    texts: dict[str | None, str] = {
        None: translate("CoreText", "schema {name}"),
        "tables": translate("CoreText", "the tables of schema {name}"),
        "sequences": translate("CoreText", "the sequences of schema {name}"),
        "functions": translate("CoreText", "the functions of schema {name}"),
    }
    return texts[kind].replace("{name}", name)


_TITLES: tuple[tuple[LazyPattern, Callable[[], str]], ...] = (
    (
        LazyPattern(r"Accept the new checksum of (?P<file>.+)"),
        lambda: translate("CoreText", "Accept the new checksum of {file}"),
    ),
    (
        LazyPattern(r"grant (?P<privs>[A-Z, ]+) on (?P<target>.+) to PUBLIC"),
        lambda: translate("CoreText", "grant {privs} on {target} to PUBLIC"),
    ),
    (
        LazyPattern(r"revoke (?P<privs>[A-Z, ]+) on (?P<target>.+) from PUBLIC"),
        lambda: translate("CoreText", "revoke {privs} on {target} from PUBLIC"),
    ),
    (
        LazyPattern(r"grant (?P<privs>[A-Z, ]+) on (?P<target>.+) to (?P<role>\S+)"),
        lambda: translate("CoreText", "grant {privs} on {target} to {role}"),
    ),
    (
        LazyPattern(r"revoke (?P<privs>[A-Z, ]+) on (?P<target>.+) from (?P<role>\S+)"),
        lambda: translate("CoreText", "revoke {privs} on {target} from {role}"),
    ),
    (
        LazyPattern(r"fix convention findings"),
        lambda: translate("CoreText", "fix convention findings"),
    ),
    (
        LazyPattern(r"run as (?P<role>\S+)"),
        lambda: translate("CoreText", "run as {role}"),
    ),
    (
        LazyPattern(r"create role (?P<role>\S+)"),
        lambda: translate("CoreText", "create role {role}"),
    ),
    (
        LazyPattern(r"create role (?P<role>\S+) \(can log in\)"),
        lambda: translate("CoreText", "create role {role} (can log in)"),
    ),
    (
        LazyPattern(r"make (?P<role>\S+) the owner of schema (?P<name>\S+)"),
        lambda: translate("CoreText", "make {role} the owner of schema {name}"),
    ),
    (
        LazyPattern(r"make (?P<role>\S+) the owner of (?P<object>\S+)"),
        lambda: translate("CoreText", "make {role} the owner of {object}"),
    ),
)


def change_text(text: str) -> str:
    """A change set's title or a step's label, translated when its shape is known."""
    for pattern, template in _TITLES:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        params = match.groupdict()
        if "target" in params:
            target = _target_text(params["target"])
            if target is None:
                continue
            params["target"] = target
        return _fill(template(), params)
    return text


def lock_text(lock: str) -> str:
    match = _LOCK.fullmatch(lock)
    if match is not None:
        template = (
            translate("CoreText", "transaction advisory lock {key}")
            if match["how"] == "transaction"
            else translate("CoreText", "session advisory lock {key}")
        )
        return template.replace("{key}", match["key"])
    if lock == "catalog row locks of the objects named (brief)":
        return translate("CoreText", "catalog row locks of the objects named (brief)")
    alembic = _ALEMBIC_LOCKS.fullmatch(lock)
    if alembic is not None:
        return translate(
            "CoreText",
            "row locks of {table} and the locks of each DDL statement (Alembic takes no advisory "
            "lock)",
        ).replace("{table}", alembic["table"])
    return lock


_ALEMBIC_LOCKS = LazyPattern(
    r"row locks of (?P<table>\S+) and the locks of each DDL statement \(Alembic takes no "
    r"advisory lock\)"
)


class CoreText(QObject):
    """Plural texts of actions (a QObject: lupdate reads plurals only from its tr())."""

    def migrations_title(self, *, rehearse: bool, n: int) -> str:
        if rehearse:
            return self.tr("Rehearse %n migration(s)", "", n)
        return self.tr("Apply %n migration(s)", "", n)


def title_text(title: str) -> str:
    """An action's title (as built, or as the audit log recorded it) as a heading in the
    window's language: ``Apply 3 migrations``, ``Grant USAGE on schema s to r``..."""
    match = _MIGRATIONS_TITLE.fullmatch(title)
    if match is not None:
        text = CoreText().migrations_title(rehearse=match["verb"] == "Rehearse", n=int(match["n"]))
    else:
        text = change_text(title)
    return text[:1].upper() + text[1:]


def action_title(action: PlannedAction) -> str:
    return title_text(action.title)


def translated_action(action: PlannedAction) -> PlannedAction:
    """The action as the window shows it: title, step labels and locks in its language.

    Only what a person reads changes; the SQL of every step is the same text that runs.
    """
    steps = tuple(
        replace(
            step,
            label=change_text(step.label),
            locks=tuple(lock_text(lock) for lock in step.locks),
        )
        for step in action.steps
    )
    warnings = tuple(problem_text(w) for w in action.warnings)
    return replace(action, title=action_title(action), steps=steps, warnings=warnings)


# -- why a role holds a right ----------------------------------------------------------------------


def reason_text(reason: Reason) -> str:
    """``via membership app → team (granted by alice)``, as core words it, in the window's
    language (built from the reason's parts, not from core's English line)."""
    path = " → ".join(reason.chain)
    by = (
        " " + translate("CoreText", "(granted by {role})").replace("{role}", reason.grantor)
        if reason.grantor
        else ""
    )
    if reason.kind == "superuser":
        return translate("CoreText", "as superuser")
    if reason.kind == "public":
        return translate("CoreText", "via PUBLIC") + by
    if reason.kind == "owner":
        if len(reason.chain) <= 1:
            return translate("CoreText", "as owner")
        return translate("CoreText", "as owner, via membership {path}").replace("{path}", path)
    if reason.kind == "direct":
        return translate("CoreText", "direct grant") + by
    if reason.kind == "predefined":
        return translate("CoreText", "via predefined role {path}").replace("{path}", path)
    return translate("CoreText", "via membership {path}").replace("{path}", path) + by


def privilege_text(privilege: EffectivePrivilege) -> str:
    """``USAGE: direct grant`` or ``CREATE: not held``."""
    if not privilege.reasons:
        return translate("CoreText", "{privilege}: not held").replace(
            "{privilege}", privilege.privilege
        )
    return f"{privilege.privilege}: " + "; ".join(reason_text(r) for r in privilege.reasons)


def cell_reasons_text(cell: MatrixCell) -> str:
    """``USAGE: direct grant; CREATE: not held; SELECT 20/20, INSERT 0/20, ...``"""
    parts = [privilege_text(cell.usage), privilege_text(cell.create)]
    if cell.tables:
        parts.append(", ".join(f"{p} {n}/{cell.tables}" for p, n in cell.coverage))
        if not cell.usage.held and any(n for _, n in cell.coverage):
            parts.append(
                translate("CoreText", "table rights are unusable without USAGE on the schema")
            )
    return "; ".join(parts)


# -- problems of migration files (core/migrations), alone or as "file:line:col: message" -----------

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
            r"env\.py does not read config\.attributes\['connection'\]: it would connect on its "
            r"own \(sqlalchemy\.url\), not to this profile's database; schemadesk will not apply it"
        ),
        lambda: translate(
            "CoreText",
            "env.py does not read config.attributes['connection']: it would connect on its own "
            "(sqlalchemy.url), not to this profile's database; schemadesk will not apply it",
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
            r"(?P<keyword>\w+) in a migration that runs in its own transaction: it ends or nests "
            r"that transaction, and the ledger row may then be written outside it"
        ),
        lambda: translate(
            "CoreText",
            "{keyword} in a migration that runs in its own transaction: it ends or nests that "
            "transaction, and the ledger row may then be written outside it",
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
            return _fill(template(), params)
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


# -- connection failures (db/connect_errors.py): our framing and reasons; the server's own
# message (FATAL: ...) stays as the server wrote it --------------------------------------------


def _shape(template: str, last: str) -> LazyPattern:
    """A pattern from one of connect_errors' templates: ``{target}`` and ``{last}`` captured."""
    text = re.escape(template)
    text = text.replace(r"\{target\}", r"(?P<target>.+?)", 1)
    return LazyPattern(text.replace(rf"\{{{last}\}}", rf"(?P<{last}>.+)", 1), re.DOTALL)


_CANNOT_CONNECT = _shape(CANNOT_CONNECT, "reason")
_CANNOT_OPEN_POOL = _shape(CANNOT_OPEN_POOL, "error")
_CONNECT_REASONS: dict[str, Callable[[], str]] = {
    "no-password": lambda: translate(
        "CoreText",
        "the server asks for a password and none was given (keyring, ~/.pgpass or prompt)",
    ),
    "refused": lambda: translate(
        "CoreText",
        "connection refused (is the server running and accepting TCP/IP connections on that port?)",
    ),
    "unknown-host": lambda: translate("CoreText", "unknown host name"),
    "timeout": lambda: translate("CoreText", "timed out (host unreachable or firewalled)"),
    "no-socket": lambda: translate(
        "CoreText", "no server listening on that local socket (is it running?)"
    ),
    "unknown": lambda: translate("CoreText", "unknown error"),
}
_REASON_BY_TEXT = {text: key for key, text in REASONS.items()}


def connection_error_text(message: str) -> str:
    """``cannot connect to <target>: <reason>`` (or a pool that would not open) in the window's
    language; the reason too when it is one of ours. Anything else is returned as it is."""
    match = _CANNOT_CONNECT.fullmatch(message)
    if match is not None:
        reason = match["reason"]
        key = _REASON_BY_TEXT.get(reason)
        if key in _CONNECT_REASONS:
            reason = _CONNECT_REASONS[key]()
        template = translate("CoreText", "cannot connect to {target}: {reason}")
        return _fill(template, {"target": match["target"], "reason": reason})
    match = _CANNOT_OPEN_POOL.fullmatch(message)
    if match is not None:
        template = translate("CoreText", "cannot open a pool to {target}: {error}")
        return _fill(template, match.groupdict())
    return message


# -- waiting for a module's migration lock (db/migrations/runner.py describe_holders) ------------

_WAITING = LazyPattern(r"waiting for the migration lock of module (?P<module>\S+)")
_WAITING_FOR = LazyPattern(
    r"waiting for the migration lock of module (?P<module>\S+), held by pid (?P<pid>\d+) "
    r"\((?P<who>.*?)\) since (?P<since>.+?): (?P<query>.*)",
    re.DOTALL,
)


def waiting_text(message: str) -> str | None:
    """Who holds the lock an apply waits for, in the window's language; None if not that."""
    match = _WAITING.fullmatch(message)
    if match is not None:
        template = translate("CoreText", "waiting for the migration lock of module {module}")
        return _fill(template, match.groupdict())
    match = _WAITING_FOR.fullmatch(message)
    if match is None:
        return None
    params = match.groupdict()
    params["who"] = re.sub(
        r"(^|, )from (\S+)$",
        lambda m: m.group(1) + translate("CoreText", "from {client}").replace("{client}", m[2]),
        params["who"],
    )
    template = translate(
        "CoreText",
        "waiting for the migration lock of module {module}, held by pid {pid} ({who}) since "
        "{since}: {query}",
    )
    return _fill(template, params)


def message_text(message: str) -> str:
    """Any one-line message core or db wrote (a connection failure, a migration or Alembic
    problem, who holds a lock) in the window's language; as written when its shape is unknown."""
    translated = connection_error_text(message)
    if translated != message:
        return translated
    return waiting_text(message) or problem_text(message)
