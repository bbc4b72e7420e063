"""The HTML report: one self-contained file (inline CSS, inline-styled SQL, no external
reference), a pure function of the manifest."""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

from schemadesk import __version__
from schemadesk.core.report.common import badge_style, command, ms, source_label, texts_of
from schemadesk.core.report.envelope import BODY_END, BODY_START, embed_json, envelope
from schemadesk.core.report.lint_entry import LintEntry
from schemadesk.core.report.manifest import (
    REPORT_FORMAT,
    FindingEntry,
    Manifest,
    Rehearsal,
    Review,
)
from schemadesk.core.report_texts import ReportTexts, compose


@cache
def report_css() -> str:
    """The report's style sheet (package data: schemadesk.resources/report/review.css)."""
    path = resources.files("schemadesk.resources") / "report" / "review.css"
    return path.read_text(encoding="utf-8")


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _sql_html(text: str) -> str:
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PostgresLexer

    formatter = HtmlFormatter(noclasses=True, linenos="inline", style="default")
    return f'<div class="sql">{highlight(text, PostgresLexer(), formatter)}</div>'


def _badge(text: str, t: ReportTexts) -> str:
    return f'<span class="badge {badge_style(text)}">{_e(t.word(text))}</span>'


def _h(template: str, **values: str) -> str:
    """A report text as HTML: its words escaped, each ``{name}`` the given (escaped) HTML."""
    return compose(template, _e, **values)


def _kv(rows: Sequence[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><th>{_e(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="kv">{cells}</table>'


def _target_rows(m: Manifest, t: ReportTexts) -> list[tuple[str, str]]:
    target = m.target
    protected = " " + _badge("protected", t) if target.protected else ""
    rows = [
        (t.profile, _e(target.profile) + protected),
        (t.server, f"<code>{_e(target.host)}:{_e(target.port)}</code>"),
        (t.database, f"<code>{_e(target.database)}</code>"),
        (t.login, f"<code>{_e(target.login)}</code>"),
        (t.runs_as, f"<code>{_e(target.run_as or target.login)}</code>"),
    ]
    if target.schema:
        rows.append((t.schema, f"<code>{_e(target.schema)}</code>"))
    rows.append((t.prepared_by, _e(m.os_user)))
    return rows


def body_html(review: Review) -> str:
    """The visible part of the HTML report (between the body markers)."""
    m = review.typed
    t = texts_of(m)
    audit = m.audit
    parts: list[str] = []
    counts = _h(t.counts, steps=str(len(m.steps)), statements=_e(m.statement_count))
    parts.append(f"<h1>{_e(m.title)}</h1>")
    parts.append(
        f'<p class="sub">{_e(source_label(m, t))} · <code>{_e(m.kind)}</code> · {counts} · '
        f"{_h(t.written, created=_e(m.created))}</p>"
    )
    parts.append(
        f'<div class="hashbox"><p>{_e(t.content_hash)}</p>'
        f'<p class="hash">{_e(review.content_sha256)}</p>'
        f"<p>{_h(t.apply_reviewed, command=f'<code>{_e(command(t))}</code>')}</p></div>"
    )
    parts.append(f"<h2>{_e(t.target)}</h2>")
    parts.append(_kv(_target_rows(m, t)))
    if audit:
        rows = [
            (t.outcome, _badge(audit.outcome, t)),
            (t.when, _e(audit.when)),
            (t.duration, _e(ms(t, audit.duration_ms))),
            (t.record_id, f"<code>{_e(audit.id)}</code>"),
        ]
        if audit.error:
            rows.append((t.error, f'<div class="error mono">{_e(audit.error)}</div>'))
        parts.append(f"<h2>{_e(t.outcome)}</h2>")
        parts.append(_kv(rows))
    if m.locks:
        parts.append(f"<h2>{_e(t.locks)}</h2><ul>")
        parts.extend(f"<li>{_e(lock)}</li>" for lock in m.locks)
        parts.append("</ul>")
    if m.warnings:
        parts.append(f'<h2>{_e(t.warnings)}</h2><ul class="warnings">')
        parts.extend(f"<li>{_e(w)}</li>" for w in m.warnings)
        parts.append("</ul>")
    if m.rehearsal or m.rehearsal_note:
        parts.append(f"<h2>{_e(t.rehearsal)}</h2>")
        parts.append(_rehearsal_html(m.rehearsal, m.rehearsal_note, t))
    parts.append(f"<h2>{_h(t.steps, n=str(len(m.steps)))}</h2>")
    hashes = _h(t.hashes, checksum=_e(t.checksum_note), sql=_e(t.sql_hash_note))
    parts.append(f'<p class="sub">{hashes}</p>')
    if not m.steps:
        parts.append(f"<p>{_e(t.nothing_to_run)}</p>")
    for number, step in enumerate(m.steps, 1):
        meta = [_h(t.step_statements, n=_e(step.statements))]
        if step.locks:
            meta.append(_h(t.step_locks, locks=_e(", ".join(step.locks))))
        digests = []
        if step.checksum:
            digests.append((t.file_sha, step.checksum))
        digests.append((t.sql_sha, step.sql_sha256))
        status = ""
        if step.outcome is not None:
            status = " " + _badge(step.outcome, t)
            if step.duration_ms is not None:
                status += f' <span class="took">{_e(ms(t, step.duration_ms))}</span>'
        hash_rows = "".join(
            f'<div class="step-hash"><span class="hl">{_e(k)}</span>'
            f'<span class="mono">{_e(v)}</span></div>'
            for k, v in digests
        )
        parts.append(
            f'<section class="step"><div class="step-head"><div class="step-title">{number}. '
            f"{_e(step.label)}{status}</div>"
            f'<div class="step-meta">{" · ".join(meta)}</div>{hash_rows}</div>'
            f"{_sql_html(step.sql)}</section>"
        )
    if m.findings:
        parts.append(f"<h2>{_h(t.findings, n=str(len(m.findings)))}</h2>")
        parts.append(_findings_html(m.findings, t))
    if m.lint:
        parts.append(f'<h2 id="lint">{_h(t.lint, n=str(len(m.lint)))}</h2>')
        parts.append(f"<p>{_e(t.lint_note)}</p>")
        parts.append(_lint_html(m.lint, t))
    return "\n".join(parts)


def _rehearsal_html(rehearsal: Rehearsal | None, note: str | None, t: ReportTexts) -> str:
    out: list[str] = []
    if note:
        out.append(f"<p>{_e(note)}</p>")
    if rehearsal:
        out.append(
            f"<p>{_badge('ok' if rehearsal.ok else 'failed', t)} {_e(rehearsal.summary)}</p>"
        )
        if rehearsal.steps:
            seen = any(s.observed for s in rehearsal.steps)
            rows = "".join(
                f"<tr><td>{_e(s.label)}</td><td>{_badge(s.outcome, t)}</td>"
                f"<td>{_e(ms(t, s.duration_ms))}</td>"
                + (
                    f'<td class="mono">{"<br>".join(_e(x) for x in s.observed)}</td>'
                    if seen
                    else ""
                )
                + "</tr>"
                for s in rehearsal.steps
            )
            observed = f"<th>{_e(t.observed)}</th>" if seen else ""
            out.append(
                f'<table class="grid"><tr><th>{_e(t.migration)}</th><th>{_e(t.outcome)}</th>'
                f"<th>{_e(t.time)}</th>{observed}</tr>{rows}</table>"
            )
        if rehearsal.not_rehearsed:
            files = ", ".join(f"<code>{_e(n)}</code>" for n in rehearsal.not_rehearsed)
            out.append(f"<p>{_h(t.not_rehearsable, files=files)}</p>")
        if rehearsal.error:
            out.append(f'<div class="error mono">{_e(rehearsal.error.describe())}</div>')
    return "\n".join(out)


def _findings_html(findings: Sequence[FindingEntry], t: ReportTexts) -> str:
    rows = []
    for f in findings:
        objects = ", ".join(f.objects[:10])
        if len(f.objects) > 10:
            objects += " " + t.more.replace("{n}", str(len(f.objects) - 10))
        fix = (
            f"<details><summary>{_e(t.fix_sql)}</summary>{_sql_html(f.fix_sql)}</details>"
            if f.fix_sql
            else ""
        )
        rows.append(
            f"<tr><td>{_badge(f.severity, t)}</td><td><code>{_e(f.schema)}</code></td>"
            f"<td><strong>{_e(f.title)}</strong> <code>{_e(f.code)}</code><br>"
            f"{_e(f.explanation)}"
            + (f"<br><small>{_e(objects)}</small>" if objects else "")
            + f"{fix}</td></tr>"
        )
    return (
        f'<table class="grid"><tr><th>{_e(t.severity)}</th><th>{_e(t.schema)}</th>'
        f"<th>{_e(t.finding)}</th></tr>" + "".join(rows) + "</table>"
    )


def _lint_html(entries: Sequence[LintEntry], t: ReportTexts) -> str:
    rows = "".join(
        f'<tr><td>{_badge(f.severity, t)}</td><td class="mono">{_e(f.where())}</td>'
        f"<td><code>{_e(f.rule)}</code> <small>{_e(f.source)}</small></td>"
        f"<td>{_e(f.message)}</td></tr>"
        for f in entries
    )
    return (
        f'<table class="grid"><tr><th>{_e(t.severity)}</th><th>{_e(t.lint_where)}</th>'
        f"<th>{_e(t.lint_rule)}</th><th>{_e(t.finding)}</th></tr>{rows}</table>"
    )


def render_html(review: Review) -> str:
    """One self-contained HTML file: inline CSS, inline-styled SQL, no external reference."""
    body = body_html(review)
    data = envelope(review, body)
    t = texts_of(review.typed)
    title = _h(t.document_title, title=_e(review.typed.title))
    footer = _h(t.footer, version=_e(__version__), format=_e(REPORT_FORMAT))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(t.language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        f"<style>\n{report_css()}</style>\n</head>\n<body>\n<main>\n"
        f"{BODY_START}\n{body}\n{BODY_END}\n"
        f"<footer>{footer}</footer>\n</main>\n"
        '<script type="application/json" id="schemadesk-manifest">\n'
        f"{embed_json(data)}\n</script>\n</body>\n</html>\n"
    )
