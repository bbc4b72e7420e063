"""The review report's headings and labels in the window's language.

core/report_texts.py holds them in English; this builds the same table from the window's
translations. Each text is a literal ``translate("ReviewReport", ...)`` call, so lupdate finds
it; tests/ui/test_translations.py checks that, untranslated, the table is exactly core's
English one, so the two cannot drift apart.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from schemadesk.core.report_texts import ReportTexts

translate = QCoreApplication.translate


def report_texts() -> ReportTexts:
    """The report's texts as the installed translation gives them (English without one)."""
    return ReportTexts(
        language=translate(
            "ReviewReport",
            "en",
            "The language code (BCP 47) of this translation, as the report's <html lang> says it",
        ),
        document_title=translate("ReviewReport", "{title} · schemadesk review"),
        source_plan=translate("ReviewReport", "Planned change for review"),
        source_audit=translate("ReviewReport", "Past action from the audit log"),
        counts=translate("ReviewReport", "{steps} step(s), {statements} statement(s)"),
        written=translate("ReviewReport", "written {created}"),
        content_hash=translate("ReviewReport", "Content SHA-256 (note it with your approval):"),
        apply_reviewed=translate(
            "ReviewReport",
            "Apply exactly what was reviewed: {command} refuses any difference (a changed file, "
            "a step added or removed, other SQL, another database).",
        ),
        this_report=translate("ReviewReport", "this report"),
        target=translate("ReviewReport", "Target"),
        profile=translate("ReviewReport", "Profile"),
        server=translate("ReviewReport", "Server"),
        database=translate("ReviewReport", "Database"),
        login=translate("ReviewReport", "Login"),
        runs_as=translate("ReviewReport", "Runs as"),
        schema=translate("ReviewReport", "Schema"),
        prepared_by=translate("ReviewReport", "Prepared by (OS user)"),
        outcome=translate("ReviewReport", "Outcome"),
        when=translate("ReviewReport", "When (UTC)"),
        duration=translate("ReviewReport", "Duration"),
        record_id=translate("ReviewReport", "Record id"),
        error=translate("ReviewReport", "Error"),
        locks=translate("ReviewReport", "Locks taken"),
        warnings=translate("ReviewReport", "Warnings"),
        rehearsal=translate("ReviewReport", "Rehearsal"),
        steps=translate("ReviewReport", "Steps and exact SQL ({n})"),
        hashes=translate("ReviewReport", "Checksum: {checksum}. SQL SHA-256: {sql}."),
        checksum_note=translate(
            "ReviewReport",
            "SHA-256 (hex) of the migration file's UTF-8 text with CRLF turned into LF and "
            "leading and trailing whitespace stripped: pgdbm's checksum, the value its ledger "
            "records",
        ),
        sql_hash_note=translate(
            "ReviewReport",
            "SHA-256 (hex) of the step's exact SQL as shown (secret literals masked)",
        ),
        nothing_to_run=translate("ReviewReport", "Nothing to run."),
        step_statements=translate("ReviewReport", "{n} statement(s)"),
        step_locks=translate("ReviewReport", "locks: {locks}"),
        file_sha=translate("ReviewReport", "file SHA-256"),
        sql_sha=translate("ReviewReport", "SQL SHA-256"),
        milliseconds=translate("ReviewReport", "{ms} ms"),
        migration=translate("ReviewReport", "Migration"),
        time=translate("ReviewReport", "Time"),
        not_rehearsable=translate(
            "ReviewReport", "Not rehearsable (no-transaction files): {files}"
        ),
        observed=translate("ReviewReport", "Locks and rewrites observed"),
        findings=translate("ReviewReport", "Convention findings ({n})"),
        severity=translate("ReviewReport", "Severity"),
        finding=translate("ReviewReport", "Finding"),
        fix_sql=translate("ReviewReport", "fix SQL"),
        lint=translate("ReviewReport", "Lint findings ({n})"),
        lint_note=translate(
            "ReviewReport",
            "squawk's rules and schemadesk's own, at the line and column of each migration file",
        ),
        lint_where=translate("ReviewReport", "Where"),
        lint_rule=translate("ReviewReport", "Rule"),
        more=translate("ReviewReport", "and {n} more"),
        footer=translate(
            "ReviewReport",
            "schemadesk {version} review report ({format}). The manifest below is the reviewed "
            "content; its SHA-256 is the content hash above.",
        ),
        md_manifest=translate(
            "ReviewReport",
            "Review manifest (schemadesk {version}, {format}); its SHA-256 over canonical JSON "
            "is the content hash above.",
        ),
        word_succeeded=translate("ReviewReport", "succeeded"),
        word_failed=translate("ReviewReport", "failed"),
        word_cancelled=translate("ReviewReport", "cancelled"),
        word_applied=translate("ReviewReport", "applied"),
        word_skipped=translate("ReviewReport", "skipped"),
        word_not_rehearsable=translate("ReviewReport", "not-rehearsable"),
        word_not_run=translate("ReviewReport", "not run"),
        word_rehearsed_partly=translate("ReviewReport", "rehearsed partly"),
        word_ok=translate("ReviewReport", "ok"),
        word_protected=translate("ReviewReport", "protected"),
        word_error=translate("ReviewReport", "error"),
        word_warning=translate("ReviewReport", "warning"),
        word_info=translate("ReviewReport", "info"),
    )
