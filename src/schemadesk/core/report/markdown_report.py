"""The Markdown report: the same content and the same manifest as the HTML one."""

from __future__ import annotations

import html
import re
from typing import Any

from schemadesk import __version__
from schemadesk.core.report.common import command, ms, source_label, texts_of
from schemadesk.core.report.envelope import (
    BODY_END,
    BODY_START,
    MD_MANIFEST,
    embed_json,
    envelope,
)
from schemadesk.core.report.manifest import REPORT_FORMAT, Review
from schemadesk.core.report_texts import compose


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


def md_block(text: str, lang: str) -> str:
    """A fenced block longer than any backtick run inside ``text``."""
    ticks = max(3, max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    fence = "`" * ticks
    return f"{fence}{lang}\n{text.rstrip(chr(10))}\n{fence}"


def _head(review: Review) -> list[str]:
    m = review.typed
    t = texts_of(m)
    target = m.target
    server = f"{target.host}:{target.port}"
    protected = f" ({_md(t.word('protected'))})" if target.protected else ""
    counts = _m(t.counts, steps=str(len(m.steps)), statements=_md(m.statement_count))
    out = [
        f"# {_md(m.title)}",
        "",
        f"{_md(source_label(m, t))} · {_md_code(m.kind)} · {counts} · "
        f"{_m(t.written, created=_md(m.created))}",
        "",
        f"> **{_md(t.content_hash)}** {_md_code(review.content_sha256)}",
        ">",
        f"> {_m(t.apply_reviewed, command=_md_code(command(t)))}",
        "",
        f"## {_md(t.target)}",
        "",
        "| | |",
        "|---|---|",
        f"| {_md(t.profile)} | {_md(target.profile)}{protected} |",
        f"| {_md(t.server)} | {_md_code(server)} |",
        f"| {_md(t.database)} | {_md_code(target.database)} |",
        f"| {_md(t.login)} | {_md_code(target.login)} |",
        f"| {_md(t.runs_as)} | {_md_code(target.run_as or target.login)} |",
    ]
    if target.schema:
        out.append(f"| {_md(t.schema)} | {_md_code(target.schema)} |")
    out += [f"| {_md(t.prepared_by)} | {_md(m.os_user)} |", ""]
    audit = m.audit
    if audit:
        out += [
            f"## {_md(t.outcome)}",
            "",
            "| | |",
            "|---|---|",
            f"| {_md(t.outcome)} | **{_md(t.word(audit.outcome))}** |",
            f"| {_md(t.when)} | {_md(audit.when)} |",
            f"| {_md(t.duration)} | {_md(ms(t, audit.duration_ms))} |",
            f"| {_md(t.record_id)} | {_md_code(audit.id)} |",
        ]
        if audit.error:
            out.append(f"| {_md(t.error)} | {_md_code(audit.error)} |")
        out.append("")
    return out


def _rehearsal(review: Review) -> list[str]:
    m = review.typed
    t = texts_of(m)
    out: list[str] = []
    rehearsal = m.rehearsal
    if not (rehearsal or m.rehearsal_note):
        return out
    out += [f"## {_md(t.rehearsal)}", ""]
    if m.rehearsal_note:
        out += [_md(m.rehearsal_note), ""]
    if rehearsal:
        verdict = t.word("ok" if rehearsal.ok else "failed")
        out += [f"**{_md(verdict)}**: {_md(rehearsal.summary)}", ""]
        if rehearsal.steps:
            out += [f"| {_md(t.migration)} | {_md(t.outcome)} | {_md(t.time)} |", "|---|---|---|"]
            out += [
                f"| {_md(s.label)} | {_md(t.word(s.outcome))} | {_md(ms(t, s.duration_ms))} |"
                for s in rehearsal.steps
            ]
            out.append("")
            observed = [s for s in rehearsal.steps if s.observed]
            if observed:
                out += [f"**{_md(t.observed)}**", ""]
                for s in observed:
                    out += [f"- {_md(s.label)}", *(f"  - {_md_code(x)}" for x in s.observed)]
                out.append("")
        if rehearsal.not_rehearsed:
            names = ", ".join(_md_code(n) for n in rehearsal.not_rehearsed)
            out += [_m(t.not_rehearsable, files=names), ""]
        if rehearsal.error:
            out += [f"{_md(t.error)}: {_md_code(rehearsal.error.describe())}", ""]
    return out


def _steps_and_findings(review: Review) -> list[str]:
    m = review.typed
    t = texts_of(m)
    out = [
        f"## {_m(t.steps, n=str(len(m.steps)))}",
        "",
        _m(t.hashes, checksum=_md(t.checksum_note), sql=_md(t.sql_hash_note)),
        "",
    ]
    if not m.steps:
        out += [_md(t.nothing_to_run), ""]
    for number, step in enumerate(m.steps, 1):
        status = f" — **{_md(t.word(step.outcome))}**" if step.outcome is not None else ""
        if step.duration_ms is not None:
            status += f", {_md(ms(t, step.duration_ms))}"
        out += [f"### {number}. {_md(step.label)}{status}", ""]
        out.append(f"- {_m(t.step_statements, n=str(step.statements))}")
        if step.checksum:
            out.append(f"- {_md(t.file_sha)}: {_md_code(step.checksum)}")
        out.append(f"- {_md(t.sql_sha)}: {_md_code(step.sql_sha256)}")
        if step.locks:
            out.append(f"- {_m(t.step_locks, locks=_md(', '.join(step.locks)))}")
        out += ["", md_block(step.sql, "sql"), ""]
    if m.findings:
        out += [f"## {_m(t.findings, n=str(len(m.findings)))}", ""]
        for f in m.findings:
            out += [
                f"### {_md(t.word(f.severity))}: {_md(f.schema)}: {_md(f.title)} "
                f"({_md_code(f.code)})",
                "",
                _md(f.explanation),
                "",
            ]
            if f.objects:
                out += [*(f"- {_md(o)}" for o in f.objects[:10])]
                if len(f.objects) > 10:
                    out.append(f"- {_md(t.more.replace('{n}', str(len(f.objects) - 10)))}")
                out.append("")
            if f.fix_sql:
                out += [f"{_md(t.fix_sql)}:", "", md_block(f.fix_sql, "sql"), ""]
    if m.lint:
        out += [f"## {_m(t.lint, n=str(len(m.lint)))}", "", _md(t.lint_note), ""]
        out += [
            f"- **{_md(t.word(f.severity))}** {_md_code(f.where())} {_md_code(f.rule)} "
            f"({_md(f.source)}): {_md(f.message)}"
            for f in m.lint
        ]
        out.append("")
    return out


def body_markdown(review: Review) -> str:
    """The visible part of the Markdown report (between the body markers)."""
    m = review.typed
    t = texts_of(m)
    out = _head(review)
    if m.locks:
        out += [f"## {_md(t.locks)}", "", *(f"- {_md(lock)}" for lock in m.locks), ""]
    if m.warnings:
        out += [f"## {_md(t.warnings)}", "", *(f"- {_md(w)}" for w in m.warnings), ""]
    out += _rehearsal(review)
    out += _steps_and_findings(review)
    return "\n".join(out).rstrip("\n")


def render_markdown(review: Review) -> str:
    """Markdown with the same content and the same manifest as the HTML report."""
    body = body_markdown(review)
    data = embed_json(envelope(review, body))  # no marker can appear inside it
    trailer = _m(texts_of(review.typed).md_manifest, version=__version__, format=REPORT_FORMAT)
    return (
        f"{BODY_START}\n{body}\n{BODY_END}\n\n"
        "---\n\n"
        f"{trailer}\n\n"
        f"{MD_MANIFEST}\n{md_block(data, 'json')}\n"
    )
