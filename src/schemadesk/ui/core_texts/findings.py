"""Convention findings (core/access/conventions.py): title and explanation by code, the
parameters read back from core's English text; severities and relation kinds."""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtCore import QObject

from schemadesk.core.access.conventions import Finding
from schemadesk.core.access.effective import Reason
from schemadesk.ui.core_texts.fill import fill, translate
from schemadesk.ui.core_texts.reasons import reason_text
from schemadesk.ui.lazy_pattern import LazyPattern

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
    "citus-owner-nologin": r"owner (?P<owner>.+) cannot log in to the Citus nodes",
    "citus-default-privileges": r"default privileges are kept on the coordinator only",
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
        if code == "citus-owner-nologin":
            return (
                self.tr("owner {owner} cannot log in to the Citus nodes"),
                self.tr(
                    "Citus connects to the nodes as the current role: a migration of {s} run as "
                    "{owner} fails on its first CREATE or ALTER with 'role is not permitted to "
                    "log in', and citus_schema_move of {s} fails the same way. Let {owner} log "
                    "in (ALTER ROLE is propagated to every node; when the nodes ask for a "
                    "password, add it to pg_dist_authinfo), or run the migrations as a role "
                    "that can."
                ),
            )
        if code == "citus-default-privileges":
            return (
                self.tr("default privileges are kept on the coordinator only"),
                self.tr(
                    "Citus does not propagate ALTER DEFAULT PRIVILEGES to the nodes. Tables "
                    "created through the coordinator still get the right grants on every node; "
                    "objects created directly on a node do not get them."
                ),
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
            out.append(fill(translate("FindingText", "has the rights of {owner} via {chain}"),
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
    return fill(texts[0], params), fill(texts[1], params)


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
