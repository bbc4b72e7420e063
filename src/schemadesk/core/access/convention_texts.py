"""The English of the convention check's findings, by code, said only when a finding is shown.

A check of 10,000 schemas finds 50,000 departures; their titles and explanations made up front
held about 40 MiB and a second of the check, while the window translates a finding by its code
and parameters and shows one at a time. A finding keeps its code and parameters; these
templates say it in English for the command line and reports, byte-identical to the texts the
check used to build (``tests/access/test_finding_texts.py``).
"""

from __future__ import annotations

from collections.abc import Mapping

from schemadesk.core.messages import Param, param_english

_PUBLIC_EVERY = "Every role, including ones created later, "
_EXTRA = (
    "The application role should hold exactly {privs}; TRUNCATE, REFERENCES, TRIGGER and "
    "MAINTAIN let it lock, empty or hook into tables."
)

# code: (title, explanation); ``{s}`` is the finding's schema, the rest its parameters.
TEMPLATES: dict[str, tuple[str, str]] = {
    "owner-missing": (
        "owner role {owner} does not exist",
        "By the convention, role {owner} owns schema {s} and everything in it and runs its "
        "migrations; it does not exist.",
    ),
    "schema-owner": (
        "schema {s} is owned by {actual}, not {owner}",
        "The schema should belong to {owner}, the role that runs its migrations.",
    ),
    "object-owner": (
        "{n} object(s) in {s} not owned by {owner}",
        "Objects created by other roles cannot be altered by {owner}'s migrations and do not "
        "get {owner}'s default privileges.",
    ),
    "owner-database-create": (
        "{owner} cannot CREATE in database {database}",
        "The first migration of a schema runs CREATE SCHEMA IF NOT EXISTS as {owner}; "
        "PostgreSQL checks CREATE on the database even when the schema exists, so that "
        "migration fails.",
    ),
    "migrator-missing": (
        "role {migrator} does not exist",
        "Migrations run as {migrator}, which acts as {owner}; it does not exist.",
    ),
    "migrator-cannot-act": (
        "{migrator} cannot act as {owner}",
        "{migrator} must be a member of {owner} that inherits its rights and may SET ROLE to "
        "it, so that migrations can change {s}'s structure and new objects belong to {owner}.",
    ),
    "rw-missing": (
        "application role {rw} does not exist",
        "By the convention, the service uses {rw}: data rights only, with session timeouts.",
    ),
    "rw-usage": (
        "{rw} has no USAGE on schema {s}",
        "Without USAGE on the schema, {rw} cannot reach any table in it, whatever its table "
        "rights.",
    ),
    "rw-ddl": (
        "{rw} can change the structure of {s}",
        "The application role must not run DDL: {reasons}.",
    ),
    "rw-default-privileges": (
        "new tables or sequences in {s} will not be usable by {rw}",
        "Default privileges of {owner} in {s} must give {rw} {tables} on new tables and "
        "{sequences} on new sequences, or every migration has to remember its grants.",
    ),
    "rw-settings": (
        "{rw} sessions lack the convention's timeouts",
        "Application sessions should run with {wanted}, so that a stuck query or an idle open "
        "transaction cannot hold locks and pool connections; now {now}.",
    ),
    "rw-tables-missing": (
        "{rw} lacks {privs} on {n} table(s) in {s}",
        "The application role needs {privs} on every table of its schema.",
    ),
    "rw-sequences-missing": (
        "{rw} lacks {privs} on {n} sequence(s) in {s}",
        "The application role needs {privs} on every sequence of its schema.",
    ),
    "rw-tables-extra": ("{rw} holds more than {privs} on {n} table(s) in {s}", _EXTRA),
    "rw-sequences-extra": ("{rw} holds more than {privs} on {n} sequence(s) in {s}", _EXTRA),
    "public-schema": (
        "PUBLIC holds {privs} on schema {s}",
        _PUBLIC_EVERY + "gets what PUBLIC holds.",
    ),
    "public-objects": (
        "PUBLIC holds rights on {n} object(s) in {s}",
        _PUBLIC_EVERY + "can use these objects.",
    ),
    "citus-owner-nologin": (
        "owner {owner} cannot log in to the Citus nodes",
        "Citus connects to the nodes as the current role: a migration of {s} run as {owner} "
        "fails on its first CREATE or ALTER with 'role is not permitted to log in', and "
        "citus_schema_move of {s} fails the same way. Let {owner} log in (ALTER ROLE is "
        "propagated to every node; when the nodes ask for a password, add it to "
        "pg_dist_authinfo), or run the migrations as a role that can.",
    ),
    "citus-default-privileges": (
        "default privileges are kept on the coordinator only",
        "Citus does not propagate ALTER DEFAULT PRIVILEGES to the nodes. Tables created through "
        "the coordinator still get the right grants on every node; objects created directly on "
        "a node do not get them.",
    ),
}
_PUBLIC_CREATE = (
    _PUBLIC_EVERY + "gets what PUBLIC holds; with CREATE anyone can add objects to the schema."
)


def finding_english(schema: str, code: str, params: Mapping[str, Param]) -> tuple[str, str]:
    """A finding's title and explanation in English, from its code and parameters."""
    return english_of(schema, code, tuple(params), tuple(params.values()))


def english_of(
    schema: str, code: str, keys: tuple[str, ...], values: tuple[Param, ...]
) -> tuple[str, str]:
    """``finding_english`` of parameters kept as keys and values (``Finding``'s own way)."""
    title, explanation = TEMPLATES[code]
    if code == "public-schema" and dict(zip(keys, values, strict=True)).get("with_create"):
        explanation = _PUBLIC_CREATE
    # str.format_map fills in one pass: a name holding "{owner}" is never read again.
    said = {k: v if type(v) is str else param_english(v) for k, v in zip(keys, values, strict=True)}
    said["s"] = schema
    return title.format_map(said), explanation.format_map(said)
