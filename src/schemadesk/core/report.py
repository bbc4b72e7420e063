"""Review reports: what a DBA reviews before a change runs, and the check that it is what runs.

A report is rendered from a *manifest*: plain JSON data describing a planned action (or a past
one, from the audit log) — target, every step's exact SQL, each migration file's checksum, the
convention findings and the rehearsal. The manifest is embedded in the report (HTML: a
``<script type="application/json" id="schemadesk-manifest">`` element; Markdown: a fenced
``json`` block), and its SHA-256 over canonical JSON is the report's *content hash*, printed in
the report for the approver to note. ``verify_reviewed`` compares a planned action with the
manifest of a report and names every difference; it also refuses a report whose manifest or
visible text was edited after it was written.

The same manifest gives the same HTML and Markdown bodies: the rendering is a pure function of it.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from schemadesk import __version__
from schemadesk.core.access.conventions import Finding
from schemadesk.core.actions import ActionKind, PlannedAction
from schemadesk.core.audit import AuditRecord, redact_sql
from schemadesk.core.errors import ConfigError, SchemadeskError
from schemadesk.core.migrations.models import ApplyEventKind, ApplyResult
from schemadesk.core.report_texts import (
    CHECKSUM_ALGORITHM,
    ENGLISH,
    SQL_HASH_NOTE,
    ReportTexts,
    compose,
    from_manifest,
    to_manifest,
)

REPORT_FORMAT = "schemadesk-review/1"

_BODY_START = "<!--schemadesk:body-->"
_BODY_END = "<!--/schemadesk:body-->"
_MD_MANIFEST = "<!--schemadesk:manifest-->"
_HTML_MANIFEST = re.compile(
    r'<script type="application/json" id="schemadesk-manifest">(.*?)</script>', re.DOTALL
)
_MD_MANIFEST_BLOCK = re.compile(
    re.escape(_MD_MANIFEST) + r"\n(?P<fence>`{3,})json\n(?P<json>.*?)\n(?P=fence)[ \t]*(?:\n|$)",
    re.DOTALL,
)
_MIGRATION_KINDS = {str(ActionKind.APPLY_MIGRATIONS), str(ActionKind.REHEARSE)}


class ReviewMismatch(SchemadeskError):
    """The planned action is not the reviewed one, or the report was edited: nothing runs."""

    exit_code = 5


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_json(data: Any) -> str:
    """The one JSON text of ``data`` that its hash is taken over (sorted keys, no spaces)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class Review:
    """The manifest of a report, and the hash that identifies its content."""

    manifest: Mapping[str, Any]

    @property
    def content_sha256(self) -> str:
        return _sha256(canonical_json(self.manifest))


def _generator() -> dict[str, str]:
    import pygments

    return {"schemadesk": __version__, "pygments": str(pygments.__version__)}


# --------------------------------------------------------------------------------- manifests


def _target(action: PlannedAction) -> dict[str, Any]:
    t = action.target
    return {
        "profile": t.profile,
        "host": t.host,
        "port": t.port,
        "database": t.database,
        "login": t.login,
        "schema": t.schema,
        "run_as": t.run_as,
        "protected": t.protected,
    }


def _steps(action: PlannedAction) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = []
    for step in action.steps:
        text = redact_sql(step.sql)
        steps.append(
            {
                "label": step.label,
                "checksum": step.checksum,
                "sql_sha256": _sha256(text),
                "statements": step.statements,
                "locks": list(step.locks),
                "sql": text,
            }
        )
    return steps


def _finding(f: Finding) -> dict[str, Any]:
    return {**f.as_record(), "fix_sql": redact_sql(f.fix.render())}


def _rehearsal(result: ApplyResult) -> dict[str, Any]:
    steps = [
        {
            "label": f"{r.module}/{r.filename}",
            "outcome": str(r.outcome),
            "duration_ms": round(r.elapsed_ms, 3),
        }
        for r in result.results
    ]
    error = None
    if result.error is not None:
        e = result.error
        failed = next((r for r in result.results if r.outcome is ApplyEventKind.FAILED), None)
        error = {
            "file": f"{failed.module}/{failed.filename}" if failed else e.filename,
            "line": e.line,
            "column": e.column,
            "sqlstate": e.sqlstate,
            "message": e.message,
        }
    done = sum(1 for r in result.results if r.outcome is ApplyEventKind.APPLIED)
    if error is not None:
        summary = f"failed after {done} migration(s); everything was rolled back"
    elif result.cancelled:
        summary = f"cancelled after {done} migration(s); everything was rolled back"
    else:
        summary = f"{done} migration(s) ran and were rolled back in {result.total_ms:.0f} ms"
    return {
        "ok": result.ok,
        "summary": summary,
        "steps": steps,
        "not_rehearsed": list(result.not_rehearsed),
        "error": error,
    }


def review_of(
    action: PlannedAction,
    *,
    findings: Iterable[Finding] = (),
    rehearsal: ApplyResult | None = None,
    created: datetime | None = None,
    texts: ReportTexts = ENGLISH,
) -> Review:
    """The review of a planned action, with the convention findings and rehearsal if given.

    ``texts`` are the report's headings and labels (English unless given): the manifest records
    their language and every text that is not English, so it alone gives the visible report.
    """
    manifest: dict[str, Any] = {
        "format": REPORT_FORMAT,
        **to_manifest(texts),
        "source": "plan",
        "created": (created or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds"),
        "kind": str(action.kind),
        "title": action.title,
        "os_user": action.os_user,
        "target": _target(action),
        "checksum_algorithm": CHECKSUM_ALGORITHM,
        "sql_sha256_note": SQL_HASH_NOTE,
        "steps": _steps(action),
        "statement_count": action.statement_count,
        "locks": list(action.locks),
        "warnings": list(action.warnings),
        "findings": [_finding(f) for f in findings],
        "rehearsal": _rehearsal(rehearsal) if rehearsal is not None else None,
        "rehearsal_note": action.rehearsal,
        "audit": None,
    }
    return Review(manifest)


def review_of_record(
    record: AuditRecord, *, created: datetime | None = None, texts: ReportTexts = ENGLISH
) -> Review:
    """The review of a past action from the audit log (outcome, durations, error included)."""
    t = record.target
    steps: list[dict[str, Any]] = [
        {
            "label": s.label,
            "checksum": s.checksum,
            "sql_sha256": _sha256(s.sql),
            "statements": s.statements,
            "locks": [],
            "sql": s.sql,
            "outcome": s.outcome,
            "duration_ms": s.duration_ms,
        }
        for s in record.steps
    ]
    manifest: dict[str, Any] = {
        "format": REPORT_FORMAT,
        **to_manifest(texts),
        "source": "audit",
        "created": (created or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds"),
        "kind": record.kind,
        "title": record.title,
        "os_user": record.os_user,
        "target": {
            "profile": record.profile,
            "host": t.host,
            "port": t.port,
            "database": t.database,
            "login": record.db_user,
            "schema": t.schema,
            "run_as": t.run_as,
            "protected": None,
        },
        "checksum_algorithm": CHECKSUM_ALGORITHM,
        "sql_sha256_note": SQL_HASH_NOTE,
        "steps": steps,
        "statement_count": sum(s.statements for s in record.steps),
        "locks": [],
        "warnings": list(record.warnings),
        "findings": [],
        "rehearsal": None,
        "rehearsal_note": record.rehearsal,
        "audit": {
            "id": record.id,
            "when": record.when,
            "outcome": str(record.outcome),
            "duration_ms": record.duration_ms,
            "error": record.error.describe() if record.error else None,
        },
    }
    return Review(manifest)


# ----------------------------------------------------------------------------------- HTML

_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #eef1f5; color: #1f2328;
  font: 14px/1.5 "Segoe UI", "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1080px; margin: 24px auto; background: #fff; border: 1px solid #d0d7de;
  border-radius: 10px; padding: 28px 36px 36px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #d8dee4; }
.sub { color: #57606a; margin: 0 0 18px; }
code, .mono, pre { font-family: "DejaVu Sans Mono", Consolas, Menlo, monospace; }
code { background: #f2f4f7; border-radius: 4px; padding: 1px 5px; font-size: 12.5px; }
table { border-collapse: collapse; width: 100%; }
.kv th { text-align: left; color: #57606a; font-weight: 600; width: 200px; padding: 3px 14px 3px 0;
  vertical-align: top; white-space: nowrap; }
.kv td { padding: 3px 0; }
.grid th, .grid td { border: 1px solid #d8dee4; padding: 6px 9px; text-align: left;
  vertical-align: top; }
.grid th { background: #f6f8fa; font-weight: 600; }
.hashbox { background: #f3f6fb; border: 1px solid #c8d3e3; border-left: 4px solid #3b6fd6;
  border-radius: 6px; padding: 12px 16px; margin: 18px 0; }
.hashbox .hash { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 13px;
  word-break: break-all; font-weight: 600; }
.hashbox p { margin: 4px 0; }
.badge { display: inline-block; border-radius: 12px; padding: 0 9px; font-size: 12px;
  font-weight: 600; line-height: 20px; white-space: nowrap; }
.b-ok { background: #dafbe1; color: #116329; }
.b-fail { background: #ffebe9; color: #a40e26; }
.b-warn { background: #fff8c5; color: #7d4e00; }
.b-info { background: #ddf4ff; color: #0550ae; }
.b-neutral { background: #eaeef2; color: #424a53; }
.step { border: 1px solid #d0d7de; border-radius: 8px; margin: 14px 0; overflow: hidden; }
.step-head { background: #f6f8fa; border-bottom: 1px solid #d0d7de; padding: 8px 12px; }
.step-title { font-weight: 600; font-size: 14.5px; }
.step-meta { color: #57606a; font-size: 12.5px; margin-top: 2px; }
.step-hash { font-size: 12px; color: #57606a; display: flex; gap: 8px; }
.step-hash .hl { min-width: 104px; }
.step-hash .mono { word-break: break-all; color: #24292f; }
.took { color: #57606a; font-size: 12.5px; font-weight: 400; }
.sql { background: #fbfcfd; }
.sql pre { margin: 0 !important; padding: 10px 14px; overflow-x: auto; font-size: 12.5px;
  line-height: 1.45 !important; background: transparent !important; }
.sql .highlight { background: transparent !important; }
.warnings li { color: #7d4e00; }
.error { background: #ffebe9; border: 1px solid #ffc1c0; border-radius: 6px; padding: 8px 12px; }
details summary { cursor: pointer; color: #0550ae; margin: 4px 0; }
footer { margin-top: 30px; color: #6e7781; font-size: 12px; }
@media print { body { background: #fff; } main { border: 0; margin: 0; max-width: none; } }
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _sql_html(text: str) -> str:
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PostgresLexer

    formatter = HtmlFormatter(noclasses=True, linenos="inline", style="default")
    return f'<div class="sql">{highlight(text, PostgresLexer(), formatter)}</div>'


def _badge(text: str, t: ReportTexts) -> str:
    good = {"succeeded", "applied", "ok", "info"}
    bad = {"failed", "error"}
    warn = {"cancelled", "warning", "skipped", "not-rehearsable"}
    style = (
        "b-ok"
        if text in good
        else "b-fail"
        if text in bad
        else "b-warn"
        if text in warn
        else "b-neutral"
    )
    return f'<span class="badge {style}">{_e(t.word(text))}</span>'


def _h(template: str, **values: str) -> str:
    """A report text as HTML: its words escaped, each ``{name}`` the given (escaped) HTML."""
    return compose(template, _e, **values)


def _ms(t: ReportTexts, value: Any) -> str:
    return t.milliseconds.replace("{ms}", f"{float(value):.0f}")


def _kv(rows: Sequence[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><th>{_e(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="kv">{cells}</table>'


def _target_rows(m: Mapping[str, Any], t: ReportTexts) -> list[tuple[str, str]]:
    target = m["target"]
    protected = " " + _badge("protected", t) if target.get("protected") else ""
    rows = [
        (t.profile, _e(target["profile"]) + protected),
        (t.server, f"<code>{_e(target['host'])}:{_e(target['port'])}</code>"),
        (t.database, f"<code>{_e(target['database'])}</code>"),
        (t.login, f"<code>{_e(target['login'])}</code>"),
        (t.runs_as, f"<code>{_e(target['run_as'] or target['login'])}</code>"),
    ]
    if target.get("schema"):
        rows.append((t.schema, f"<code>{_e(target['schema'])}</code>"))
    rows.append((t.prepared_by, _e(m["os_user"])))
    return rows


def _source(m: Mapping[str, Any], t: ReportTexts) -> str:
    return {"plan": t.source_plan, "audit": t.source_audit}.get(m["source"], str(m["source"]))


def _command(t: ReportTexts) -> str:
    return f"schemadesk apply --reviewed <{t.this_report}>"


def _body_html(review: Review) -> str:
    m = review.manifest
    t = from_manifest(m)
    audit = m.get("audit")
    parts: list[str] = []
    counts = _h(t.counts, steps=str(len(m["steps"])), statements=_e(m["statement_count"]))
    parts.append(f"<h1>{_e(m['title'])}</h1>")
    parts.append(
        f'<p class="sub">{_e(_source(m, t))} · <code>{_e(m["kind"])}</code> · {counts} · '
        f"{_h(t.written, created=_e(m['created']))}</p>"
    )
    parts.append(
        f'<div class="hashbox"><p>{_e(t.content_hash)}</p>'
        f'<p class="hash">{_e(review.content_sha256)}</p>'
        f"<p>{_h(t.apply_reviewed, command=f'<code>{_e(_command(t))}</code>')}</p></div>"
    )
    parts.append(f"<h2>{_e(t.target)}</h2>")
    parts.append(_kv(_target_rows(m, t)))
    if audit:
        rows = [
            (t.outcome, _badge(audit["outcome"], t)),
            (t.when, _e(audit["when"])),
            (t.duration, _e(_ms(t, audit["duration_ms"]))),
            (t.record_id, f"<code>{_e(audit['id'])}</code>"),
        ]
        if audit.get("error"):
            rows.append((t.error, f'<div class="error mono">{_e(audit["error"])}</div>'))
        parts.append(f"<h2>{_e(t.outcome)}</h2>")
        parts.append(_kv(rows))
    if m["locks"]:
        parts.append(f"<h2>{_e(t.locks)}</h2><ul>")
        parts.extend(f"<li>{_e(lock)}</li>" for lock in m["locks"])
        parts.append("</ul>")
    if m["warnings"]:
        parts.append(f'<h2>{_e(t.warnings)}</h2><ul class="warnings">')
        parts.extend(f"<li>{_e(w)}</li>" for w in m["warnings"])
        parts.append("</ul>")
    if m["rehearsal"] or m.get("rehearsal_note"):
        parts.append(f"<h2>{_e(t.rehearsal)}</h2>")
        parts.append(_rehearsal_html(m["rehearsal"], m.get("rehearsal_note"), t))
    parts.append(f"<h2>{_h(t.steps, n=str(len(m['steps'])))}</h2>")
    hashes = _h(t.hashes, checksum=_e(t.checksum_note), sql=_e(t.sql_hash_note))
    parts.append(f'<p class="sub">{hashes}</p>')
    if not m["steps"]:
        parts.append(f"<p>{_e(t.nothing_to_run)}</p>")
    for number, step in enumerate(m["steps"], 1):
        meta = [_h(t.step_statements, n=_e(step["statements"]))]
        if step.get("locks"):
            meta.append(_h(t.step_locks, locks=_e(", ".join(step["locks"]))))
        digests = []
        if step.get("checksum"):
            digests.append((t.file_sha, step["checksum"]))
        digests.append((t.sql_sha, step["sql_sha256"]))
        status = ""
        if "outcome" in step:
            took = step.get("duration_ms")
            status = " " + _badge(step["outcome"], t)
            if took is not None:
                status += f' <span class="took">{_e(_ms(t, took))}</span>'
        hash_rows = "".join(
            f'<div class="step-hash"><span class="hl">{_e(k)}</span>'
            f'<span class="mono">{_e(v)}</span></div>'
            for k, v in digests
        )
        parts.append(
            f'<section class="step"><div class="step-head"><div class="step-title">{number}. '
            f"{_e(step['label'])}{status}</div>"
            f'<div class="step-meta">{" · ".join(meta)}</div>{hash_rows}</div>'
            f"{_sql_html(step['sql'])}</section>"
        )
    if m["findings"]:
        parts.append(f"<h2>{_h(t.findings, n=str(len(m['findings'])))}</h2>")
        parts.append(_findings_html(m["findings"], t))
    return "\n".join(parts)


def _rehearsal_html(rehearsal: Mapping[str, Any] | None, note: str | None, t: ReportTexts) -> str:
    out: list[str] = []
    if note:
        out.append(f"<p>{_e(note)}</p>")
    if rehearsal:
        out.append(
            f"<p>{_badge('ok' if rehearsal['ok'] else 'failed', t)} {_e(rehearsal['summary'])}</p>"
        )
        if rehearsal["steps"]:
            rows = "".join(
                f"<tr><td>{_e(s['label'])}</td><td>{_badge(s['outcome'], t)}</td>"
                f"<td>{_e(_ms(t, s['duration_ms']))}</td></tr>"
                for s in rehearsal["steps"]
            )
            out.append(
                f'<table class="grid"><tr><th>{_e(t.migration)}</th><th>{_e(t.outcome)}</th>'
                f"<th>{_e(t.time)}</th></tr>{rows}</table>"
            )
        if rehearsal["not_rehearsed"]:
            files = ", ".join(f"<code>{_e(n)}</code>" for n in rehearsal["not_rehearsed"])
            out.append(f"<p>{_h(t.not_rehearsable, files=files)}</p>")
        err = rehearsal.get("error")
        if err:
            out.append(f'<div class="error mono">{_e(_error_line(err))}</div>')
    return "\n".join(out)


def _error_line(err: Mapping[str, Any]) -> str:
    where = str(err.get("file") or "")
    if where and err.get("line") is not None:
        where += f":{err['line']}"
        if err.get("column") is not None:
            where += f":{err['column']}"
    state = f" [{err['sqlstate']}]" if err.get("sqlstate") else ""
    return f"{where + ': ' if where else ''}{err['message']}{state}"


def _findings_html(findings: Sequence[Mapping[str, Any]], t: ReportTexts) -> str:
    rows = []
    for f in findings:
        objects = ", ".join(f["objects"][:10])
        if len(f["objects"]) > 10:
            objects += " " + t.more.replace("{n}", str(len(f["objects"]) - 10))
        fix = (
            f"<details><summary>{_e(t.fix_sql)}</summary>{_sql_html(f['fix_sql'])}</details>"
            if f["fix_sql"]
            else ""
        )
        rows.append(
            f"<tr><td>{_badge(f['severity'], t)}</td><td><code>{_e(f['schema'])}</code></td>"
            f"<td><strong>{_e(f['title'])}</strong> <code>{_e(f['code'])}</code><br>"
            f"{_e(f['explanation'])}"
            + (f"<br><small>{_e(objects)}</small>" if objects else "")
            + f"{fix}</td></tr>"
        )
    return (
        f'<table class="grid"><tr><th>{_e(t.severity)}</th><th>{_e(t.schema)}</th>'
        f"<th>{_e(t.finding)}</th></tr>" + "".join(rows) + "</table>"
    )


def _embed_json(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False)
    # Nothing inside the script element may close it: escape < > & as JSON escapes.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _envelope(review: Review, body: str) -> dict[str, Any]:
    return {
        "content_sha256": review.content_sha256,
        "body_sha256": _sha256(body),
        "generator": _generator(),
        "manifest": review.manifest,
    }


def render_html(review: Review) -> str:
    """One self-contained HTML file: inline CSS, inline-styled SQL, no external reference."""
    body = _body_html(review)
    envelope = _envelope(review, body)
    t = from_manifest(review.manifest)
    title = _h(t.document_title, title=_e(review.manifest["title"]))
    footer = _h(t.footer, version=_e(__version__), format=_e(REPORT_FORMAT))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(t.language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        f"{_BODY_START}\n{body}\n{_BODY_END}\n"
        f"<footer>{footer}</footer>\n</main>\n"
        '<script type="application/json" id="schemadesk-manifest">\n'
        f"{_embed_json(envelope)}\n</script>\n</body>\n</html>\n"
    )


# ------------------------------------------------------------------------------- Markdown


def _md(value: Any) -> str:
    """Inline Markdown text: markup characters escaped, HTML disarmed, on one line."""
    return _md_words(" ".join(("" if value is None else str(value)).split()))


def _md_words(text: str) -> str:
    """Like ``_md`` but keeping the spaces at either end (words between placeholders)."""
    text = html.escape(re.sub(r"\s+", " ", text), quote=False)
    return re.sub(r"([\\`*_\[\]|~])", r"\\\1", text)


def _m(template: str, **values: str) -> str:
    """A report text as Markdown: words escaped, each ``{name}`` the given Markdown."""
    return compose(template, _md_words, **values)


def _md_code(value: Any) -> str:
    text = " ".join(("" if value is None else str(value)).split())
    ticks = max((len(r) for r in re.findall(r"`+", text)), default=0) + 1
    fence = "`" * ticks
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_block(text: str, lang: str) -> str:
    ticks = max(3, max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    fence = "`" * ticks
    return f"{fence}{lang}\n{text.rstrip(chr(10))}\n{fence}"


def _body_markdown(review: Review) -> str:
    m = review.manifest
    t = from_manifest(m)
    target = m["target"]
    audit = m.get("audit")
    server = f"{target['host']}:{target['port']}"
    protected = f" ({_md(t.word('protected'))})" if target.get("protected") else ""
    out: list[str] = [f"# {_md(m['title'])}", ""]
    counts = _m(t.counts, steps=str(len(m["steps"])), statements=_md(m["statement_count"]))
    out += [
        f"{_md(_source(m, t))} · {_md_code(m['kind'])} · {counts} · "
        f"{_m(t.written, created=_md(m['created']))}",
        "",
        f"> **{_md(t.content_hash)}** {_md_code(review.content_sha256)}",
        ">",
        f"> {_m(t.apply_reviewed, command=_md_code(_command(t)))}",
        "",
        f"## {_md(t.target)}",
        "",
        "| | |",
        "|---|---|",
        f"| {_md(t.profile)} | {_md(target['profile'])}{protected} |",
        f"| {_md(t.server)} | {_md_code(server)} |",
        f"| {_md(t.database)} | {_md_code(target['database'])} |",
        f"| {_md(t.login)} | {_md_code(target['login'])} |",
        f"| {_md(t.runs_as)} | {_md_code(target['run_as'] or target['login'])} |",
    ]
    if target.get("schema"):
        out.append(f"| {_md(t.schema)} | {_md_code(target['schema'])} |")
    out += [f"| {_md(t.prepared_by)} | {_md(m['os_user'])} |", ""]
    if audit:
        out += [
            f"## {_md(t.outcome)}",
            "",
            "| | |",
            "|---|---|",
            f"| {_md(t.outcome)} | **{_md(t.word(audit['outcome']))}** |",
            f"| {_md(t.when)} | {_md(audit['when'])} |",
            f"| {_md(t.duration)} | {_md(_ms(t, audit['duration_ms']))} |",
            f"| {_md(t.record_id)} | {_md_code(audit['id'])} |",
        ]
        if audit.get("error"):
            out.append(f"| {_md(t.error)} | {_md_code(audit['error'])} |")
        out.append("")
    if m["locks"]:
        out += [f"## {_md(t.locks)}", "", *(f"- {_md(lock)}" for lock in m["locks"]), ""]
    if m["warnings"]:
        out += [f"## {_md(t.warnings)}", "", *(f"- {_md(w)}" for w in m["warnings"]), ""]
    rehearsal = m["rehearsal"]
    if rehearsal or m.get("rehearsal_note"):
        out += [f"## {_md(t.rehearsal)}", ""]
        if m.get("rehearsal_note"):
            out += [_md(m["rehearsal_note"]), ""]
        if rehearsal:
            verdict = t.word("ok" if rehearsal["ok"] else "failed")
            out += [f"**{_md(verdict)}**: {_md(rehearsal['summary'])}", ""]
            if rehearsal["steps"]:
                out += [
                    f"| {_md(t.migration)} | {_md(t.outcome)} | {_md(t.time)} |",
                    "|---|---|---|",
                ]
                out += [
                    f"| {_md(s['label'])} | {_md(t.word(s['outcome']))} | "
                    f"{_md(_ms(t, s['duration_ms']))} |"
                    for s in rehearsal["steps"]
                ]
                out.append("")
            if rehearsal["not_rehearsed"]:
                names = ", ".join(_md_code(n) for n in rehearsal["not_rehearsed"])
                out += [_m(t.not_rehearsable, files=names), ""]
            if rehearsal.get("error"):
                out += [f"{_md(t.error)}: {_md_code(_error_line(rehearsal['error']))}", ""]
    out += [
        f"## {_m(t.steps, n=str(len(m['steps'])))}",
        "",
        _m(t.hashes, checksum=_md(t.checksum_note), sql=_md(t.sql_hash_note)),
        "",
    ]
    if not m["steps"]:
        out += [_md(t.nothing_to_run), ""]
    for number, step in enumerate(m["steps"], 1):
        status = f" — **{_md(t.word(step['outcome']))}**" if "outcome" in step else ""
        if step.get("duration_ms") is not None:
            status += f", {_md(_ms(t, step['duration_ms']))}"
        out += [f"### {number}. {_md(step['label'])}{status}", ""]
        out.append(f"- {_m(t.step_statements, n=str(step['statements']))}")
        if step.get("checksum"):
            out.append(f"- {_md(t.file_sha)}: {_md_code(step['checksum'])}")
        out.append(f"- {_md(t.sql_sha)}: {_md_code(step['sql_sha256'])}")
        if step.get("locks"):
            out.append(f"- {_m(t.step_locks, locks=_md(', '.join(step['locks'])))}")
        out += ["", _md_block(step["sql"], "sql"), ""]
    if m["findings"]:
        out += [f"## {_m(t.findings, n=str(len(m['findings'])))}", ""]
        for f in m["findings"]:
            out += [
                f"### {_md(t.word(f['severity']))}: {_md(f['schema'])}: {_md(f['title'])} "
                f"({_md_code(f['code'])})",
                "",
                _md(f["explanation"]),
                "",
            ]
            if f["objects"]:
                out += [*(f"- {_md(o)}" for o in f["objects"][:10])]
                if len(f["objects"]) > 10:
                    out.append(f"- {_md(t.more.replace('{n}', str(len(f['objects']) - 10)))}")
                out.append("")
            if f["fix_sql"]:
                out += [f"{_md(t.fix_sql)}:", "", _md_block(f["fix_sql"], "sql"), ""]
    return "\n".join(out).rstrip("\n")


def render_markdown(review: Review) -> str:
    """Markdown with the same content and the same manifest as the HTML report."""
    body = _body_markdown(review)
    envelope = _embed_json(_envelope(review, body))  # no marker can appear inside it
    trailer = _m(
        from_manifest(review.manifest).md_manifest, version=__version__, format=REPORT_FORMAT
    )
    return (
        f"{_BODY_START}\n{body}\n{_BODY_END}\n\n"
        "---\n\n"
        f"{trailer}\n\n"
        f"{_MD_MANIFEST}\n{_md_block(envelope, 'json')}\n"
    )


# ------------------------------------------------------------------------- writing, reading


def report_format(path: Path, fmt: str | None = None) -> str:
    """``html`` or ``md``: as given, else from the file's suffix (``.md``/``.markdown``)."""
    if fmt is not None:
        if fmt not in ("html", "md"):
            raise ConfigError(f"unknown report format {fmt!r}: html or md")
        return fmt
    return "md" if path.suffix.lower() in (".md", ".markdown") else "html"


def render(review: Review, fmt: str) -> str:
    """The report text in ``fmt`` (``html`` or ``md``)."""
    return render_markdown(review) if fmt == "md" else render_html(review)


def write_report(review: Review, path: Path, fmt: str | None = None) -> Path:
    """Write the report (bytes as rendered: ``\\n`` line ends on every platform)."""
    text = render(review, report_format(path, fmt))
    path.write_bytes(text.encode("utf-8"))
    return path


def _body_of(text: str) -> str | None:
    start = text.find(_BODY_START)
    end = text.rfind(_BODY_END)
    if start < 0 or end < start:
        return None
    return text[start + len(_BODY_START) + 1 : end - 1]


def read_report(path: Path) -> Review:
    """The review a report holds, once its manifest and visible text are checked unchanged.

    Raises ``ReviewMismatch`` for a report without a manifest, or one edited after it was
    written (the manifest's hash, or the visible text's, no longer matches).
    """
    try:
        text = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the review report: {exc}") from None
    found = _HTML_MANIFEST.search(text)
    fmt = "html"
    raw = found.group(1) if found else None
    if raw is None:
        md = _MD_MANIFEST_BLOCK.search(text)
        fmt = "md"
        raw = md.group("json") if md else None
    if raw is None:
        raise ReviewMismatch(f"{path}: not a schemadesk review report (no manifest in it)")
    try:
        envelope = json.loads(raw)
        manifest = envelope["manifest"]
        stated = str(envelope["content_sha256"])
        stated_body = str(envelope["body_sha256"])
    except (ValueError, KeyError, TypeError) as exc:
        raise ReviewMismatch(f"{path}: the report's manifest is damaged ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != REPORT_FORMAT:
        raise ReviewMismatch(f"{path}: not a {REPORT_FORMAT} manifest")
    review = Review(manifest)
    if review.content_sha256 != stated:
        raise ReviewMismatch(
            f"{path}: the report was edited after it was written: its manifest hashes to "
            f"{review.content_sha256}, the report states {stated}"
        )
    body = _body_of(text)
    if body is None or _sha256(body) != stated_body:
        raise ReviewMismatch(
            f"{path}: the report's visible text was edited after it was written "
            "(its SHA-256 no longer matches the one recorded with the manifest)"
        )
    if envelope.get("generator") == _generator():
        expected = _body_markdown(review) if fmt == "md" else _body_html(review)
        if body != expected:
            raise ReviewMismatch(
                f"{path}: the report's visible text does not show its manifest "
                "(edited after it was written)"
            )
    return review


# ----------------------------------------------------------------------------- comparing


def _short(digest: str | None) -> str:
    return digest[:12] + "…" if digest else "none"


def _first_difference(old: str, new: str) -> str:
    a, b = old.splitlines(), new.splitlines()
    for number, (x, y) in enumerate(zip(a, b, strict=False), 1):
        if x != y:
            return f"line {number} reads {y.strip()[:80]!r}, reviewed {x.strip()[:80]!r}"
    if len(a) != len(b):
        return f"{len(b)} line(s), reviewed {len(a)}"
    return "whitespace differs"


def differences(reviewed: Mapping[str, Any], planned: Mapping[str, Any]) -> list[str]:
    """Every way ``planned`` departs from ``reviewed`` (both manifests), as short phrases."""
    found: list[str] = []
    kinds = {reviewed["kind"], planned["kind"]}
    if len(kinds) > 1 and not kinds <= _MIGRATION_KINDS:
        found.append(f"the report reviews {reviewed['kind']}, this is {planned['kind']}")
    rt, pt = reviewed["target"], planned["target"]
    if rt["database"] != pt["database"]:
        found.append(f"target database {pt['database']!r}, reviewed {rt['database']!r}")
    if (rt["host"], rt["port"]) != (pt["host"], pt["port"]):
        found.append(f"target server {pt['host']}:{pt['port']}, reviewed {rt['host']}:{rt['port']}")
    if (rt["run_as"] or rt["login"]) != (pt["run_as"] or pt["login"]):
        found.append(
            f"runs as {pt['run_as'] or pt['login']!r}, reviewed {rt['run_as'] or rt['login']!r}"
        )
    old = {s["label"]: s for s in reviewed["steps"]}
    new = {s["label"]: s for s in planned["steps"]}
    found += [
        f"{label}: reviewed, but no longer planned (removed)" for label in old if label not in new
    ]
    found += [
        f"{label}: planned, but not in the report (added)" for label in new if label not in old
    ]
    for label, step in new.items():
        before = old.get(label)
        if before is None:
            continue
        if before["checksum"] != step["checksum"]:
            found.append(
                f"{label}: the file changed since the review (checksum {_short(step['checksum'])},"
                f" reviewed {_short(before['checksum'])})"
            )
        elif before["sql"] != step["sql"]:
            found.append(
                f"{label}: different SQL ({_first_difference(before['sql'], step['sql'])})"
            )
    common_old = [label for label in old if label in new]
    common_new = [label for label in new if label in old]
    if common_old != common_new:
        found.append("the steps run in another order than reviewed")
    return found


def verify_reviewed(
    report_path: Path, action: PlannedAction, *, expected_sha256: str | None = None
) -> Review:
    """Refuse (``ReviewMismatch``) unless ``action`` is exactly what the report reviewed.

    Checks the report itself first (unedited; its content hash equal to ``expected_sha256``
    when the approver noted one), then the target, every step's file checksum and SQL, and the
    steps' set and order. Returns the review when everything matches.
    """
    review = read_report(report_path)
    if expected_sha256 is not None and review.content_sha256 != expected_sha256.strip().lower():
        raise ReviewMismatch(
            f"{report_path}: content SHA-256 {review.content_sha256}, approved "
            f"{expected_sha256.strip()}: not the approved report"
        )
    found = differences(review.manifest, review_of(action).manifest)
    if found:
        raise ReviewMismatch(
            f"the planned change differs from the review in {report_path} "
            f"({len(found)} difference(s)); nothing was run: " + "; ".join(found)
        )
    return review
