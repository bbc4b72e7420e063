"""The review report's own words: every heading and label, in one table, English by default.

core/ has no Qt, so the report cannot call ``tr()``. Its renderer takes a ``ReportTexts``; the
window builds one from its translations (ui/report_texts.py), the command line uses ``ENGLISH``.
A report in another language carries its language and the texts that differ from English in its
manifest, so the manifest alone still gives its visible text (the content hash covers the words,
and ``read_report`` can re-render any language to check the text was not edited).

Texts are templates: ``{name}`` marks a value the renderer fills in (escaped for HTML or
Markdown itself; the words around it are escaped too). A template must keep its placeholders.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

CHECKSUM_ALGORITHM = (
    "SHA-256 (hex) of the migration file's UTF-8 text with CRLF turned into LF and leading and "
    "trailing whitespace stripped: pgdbm's checksum, the value its ledger records"
)
SQL_HASH_NOTE = "SHA-256 (hex) of the step's exact SQL as shown (secret literals masked)"


@dataclass(frozen=True, slots=True)
class ReportTexts:
    """Every word of a review report that is not data, keyed by a stable id (the field)."""

    language: str = "en"  # BCP 47 code: <html lang>, and the manifest's "language"
    document_title: str = "{title} · schemadesk review"
    source_plan: str = "Planned change for review"
    source_audit: str = "Past action from the audit log"
    counts: str = "{steps} step(s), {statements} statement(s)"
    written: str = "written {created}"
    content_hash: str = "Content SHA-256 (note it with your approval):"
    apply_reviewed: str = (
        "Apply exactly what was reviewed: {command} refuses any difference (a changed file, a "
        "step added or removed, other SQL, another database)."
    )
    this_report: str = "this report"
    target: str = "Target"
    profile: str = "Profile"
    server: str = "Server"
    database: str = "Database"
    login: str = "Login"
    runs_as: str = "Runs as"
    schema: str = "Schema"
    prepared_by: str = "Prepared by (OS user)"
    outcome: str = "Outcome"
    when: str = "When (UTC)"
    duration: str = "Duration"
    record_id: str = "Record id"
    error: str = "Error"
    locks: str = "Locks taken"
    warnings: str = "Warnings"
    rehearsal: str = "Rehearsal"
    steps: str = "Steps and exact SQL ({n})"
    hashes: str = "Checksum: {checksum}. SQL SHA-256: {sql}."
    checksum_note: str = CHECKSUM_ALGORITHM
    sql_hash_note: str = SQL_HASH_NOTE
    nothing_to_run: str = "Nothing to run."
    step_statements: str = "{n} statement(s)"
    step_locks: str = "locks: {locks}"
    file_sha: str = "file SHA-256"
    sql_sha: str = "SQL SHA-256"
    milliseconds: str = "{ms} ms"
    migration: str = "Migration"
    time: str = "Time"
    not_rehearsable: str = "Not rehearsable (no-transaction files): {files}"
    observed: str = "Locks and rewrites observed"
    findings: str = "Convention findings ({n})"
    severity: str = "Severity"
    finding: str = "Finding"
    fix_sql: str = "fix SQL"
    lint: str = "Lint findings ({n})"
    lint_note: str = (
        "squawk's rules and schemadesk's own, at the line and column of each migration file"
    )
    lint_where: str = "Where"
    lint_rule: str = "Rule"
    more: str = "and {n} more"
    footer: str = (
        "schemadesk {version} review report ({format}). The manifest below is the reviewed "
        "content; its SHA-256 is the content hash above."
    )
    md_manifest: str = (
        "Review manifest (schemadesk {version}, {format}); its SHA-256 over canonical JSON is "
        "the content hash above."
    )
    # Outcomes and severities, shown in badges (the manifest keeps the English word).
    word_succeeded: str = "succeeded"
    word_failed: str = "failed"
    word_cancelled: str = "cancelled"
    word_applied: str = "applied"
    word_skipped: str = "skipped"
    word_not_rehearsable: str = "not-rehearsable"
    word_not_run: str = "not run"
    word_rehearsed_partly: str = "rehearsed partly"
    word_ok: str = "ok"
    word_protected: str = "protected"
    word_error: str = "error"
    word_warning: str = "warning"
    word_info: str = "info"

    def word(self, value: str) -> str:
        """An outcome or severity as the report shows it (itself when not in the table)."""
        found = getattr(self, "word_" + re.sub(r"\W", "_", value), None)
        return found if isinstance(found, str) else value


ENGLISH = ReportTexts()
_FIELDS = tuple(f.name for f in dataclasses.fields(ReportTexts) if f.name != "language")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def text_ids() -> tuple[str, ...]:
    """The ids of every text (the fields, without ``language``)."""
    return _FIELDS


def placeholders(template: str) -> set[str]:
    """``{name}`` marks in a template."""
    return set(_PLACEHOLDER.findall(template))


def to_manifest(texts: ReportTexts) -> dict[str, Any]:
    """What the manifest records: the language, and the texts that differ from English."""
    entry: dict[str, Any] = {"language": texts.language}
    changed = {
        name: getattr(texts, name)
        for name in _FIELDS
        if getattr(texts, name) != getattr(ENGLISH, name)
    }
    if changed:
        entry["texts"] = changed
    return entry


def from_manifest(manifest: Mapping[str, Any]) -> ReportTexts:
    """The texts a manifest was rendered with (English for what it does not name; unknown ids
    and templates that lost a placeholder are ignored, so the renderer never fails on them)."""
    given = manifest.get("texts")
    values: dict[str, str] = {}
    if isinstance(given, Mapping):
        for name in _FIELDS:
            value = given.get(name)
            if isinstance(value, str) and placeholders(value) == placeholders(
                getattr(ENGLISH, name)
            ):
                values[name] = value
    language = manifest.get("language")
    return dataclasses.replace(
        ENGLISH, language=language if isinstance(language, str) else "en", **values
    )


def compose(template: str, escape: Callable[[str], str], **values: str) -> str:
    """``template`` with its words escaped by ``escape`` and each ``{name}`` replaced by the
    already escaped ``values[name]`` (a placeholder without a value stays as written)."""
    out: list[str] = []
    last = 0
    for match in _PLACEHOLDER.finditer(template):
        out.append(escape(template[last : match.start()]))
        value = values.get(match.group(1))
        out.append(value if value is not None else escape(match.group(0)))
        last = match.end()
    out.append(escape(template[last:]))
    return "".join(out)
