"""Convention findings (core/access/conventions.py): title and explanation by code with the
parameters core gave (``Finding.params``), never read back from its English; severities and
relation kinds."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject

from schemadesk.core.access.conventions import Finding
from schemadesk.core.access.effective import Reason
from schemadesk.core.messages import Message, Param, english, fill, param_english
from schemadesk.ui.core_texts.fill import translate
from schemadesk.ui.core_texts.reasons import reason_text

# Findings whose texts take no parameter but the schema.
_WITHOUT_PARAMS = frozenset({"citus-default-privileges"})

Texts = tuple[str, str]  # title, explanation


class FindingText(QObject):
    """Translations of the convention findings (a QObject: lupdate reads its tr() plurals)."""

    def texts(self, code: str, p: Mapping[str, Param], n: int) -> Texts | None:
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
                if p.get("with_create")
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


def _part_text(part: Message) -> str:
    """One part of a list parameter (rw-ddl's reasons, rw-settings' values) in the window's
    language, from its parameters."""
    p = part.params
    if part.code == "ddl-create":
        reason = p["reason"]
        said = reason_text(reason) if isinstance(reason, Reason) else param_english(reason)
        return fill(translate("FindingText", "CREATE on the schema {reason}"), {"reason": said})
    if part.code == "ddl-owner-rights":
        template = translate("FindingText", "has the rights of {owner} via {chain}")
        return fill(template, {k: param_english(v) for k, v in p.items()})
    if part.code == "setting-unset":
        return f"{param_english(p['name'])} = " + translate("FindingText", "(not set)")
    return english(part)


def _param_text(value: Param) -> str:
    if isinstance(value, tuple):
        return "; ".join(m if isinstance(m, str) else _part_text(m) for m in value)
    if isinstance(value, Reason):
        return reason_text(value)
    return param_english(value)


def finding_parameters(finding: Finding) -> dict[str, str] | None:
    """The parameters of a finding as the window shows them (core's, never read back from its
    English); None when core gave none."""
    if not finding.params and finding.code not in _WITHOUT_PARAMS:
        return None
    return {"s": finding.schema, **{k: _param_text(v) for k, v in finding.params.items()}}


def finding_texts(finding: Finding) -> Texts:
    """A finding's title and explanation in the window's language (core's text if unknown)."""
    params = finding_parameters(finding)
    if params is None:
        return finding.title, finding.explanation
    n = finding.params.get("n", -1)
    texts = FindingText().texts(finding.code, finding.params, n if isinstance(n, int) else -1)
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
