"""The rollout review report (HTML or Markdown): every target's plan and each distinct file's
SQL once, with its manifest embedded the way a single-database report embeds its own, and the
reading back that refuses an edited report."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from schemadesk import __version__
from schemadesk.core.errors import ConfigError
from schemadesk.core.messages_reports import say
from schemadesk.core.report.envelope import (
    BODY_END,
    BODY_START,
    MD_MANIFEST,
    embed_json,
    generator,
)
from schemadesk.core.report.errors import ReviewMismatch
from schemadesk.core.report.errors import ReviewReason as R
from schemadesk.core.report.files import body_of, damaged, edited, envelope_of
from schemadesk.core.report.html_report import report_css
from schemadesk.core.report.json_fields import ManifestError
from schemadesk.core.report.manifest import sha256
from schemadesk.core.report.markdown_report import md_block
from schemadesk.core.rollout.models import RolloutPlan
from schemadesk.core.rollout.review_manifest import (
    ROLLOUT_FORMAT,
    ReviewedStep,
    ReviewedTarget,
    RolloutManifest,
    rollout_manifest,
)


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _md(value: Any) -> str:
    """Text in a Markdown table cell or line: no markup, no line break, no pipe."""
    text = " ".join(str(value).split())
    return re.sub(r"([\\`*_{}\[\]<>()#+!|~-])", r"\\\1", text)


def groups(target: ReviewedTarget) -> Iterator[tuple[tuple[str, ...], tuple[ReviewedStep, ...]]]:
    """The target's schemas grouped by the files they run (fifty tenants: one line)."""
    by_schema: dict[str, list[ReviewedStep]] = {}
    for step in target.steps:
        by_schema.setdefault(step.schema, []).append(step)
    grouped: dict[tuple[tuple[str, str], ...], list[str]] = {}
    for schema, steps in by_schema.items():
        # Each tenant schema is a module of its own: grouped by files alone.
        grouped.setdefault(tuple((s.file, s.checksum) for s in steps), []).append(schema)
    for key, schemas in grouped.items():
        yield tuple(schemas), tuple(ReviewedStep("", schemas[0], f, c) for f, c in key)


def _schemas(names: tuple[str, ...]) -> str:
    return ", ".join(names) + (f" ({len(names)} schemas)" if len(names) > 1 else "")


def body_html(m: RolloutManifest) -> str:
    """The visible part of the HTML report (between the body markers)."""
    out = [
        f"<h1>{_e(m.title)}</h1>",
        f'<p class="sub">rollout review · {len(m.targets)} target(s) in {len(m.stages)} '
        f"stage(s) · {len(m.files)} distinct file(s) · written {_e(m.created)} by "
        f"{_e(m.os_user)}</p>",
        f'<div class="hashbox"><p>Content SHA-256 (note it when approving)</p>'
        f'<p class="hash">{_e(m.content_sha256)}</p><p><code>schemadesk rollout --reviewed '
        "REPORT</code> refuses a target not listed here, or a file not listed for it or "
        "changed since (checksum: "
        f"{_e(m.checksum_algorithm)}).</p></div>",
        "<h2>Targets</h2>",
        '<table class="grid"><tr><th>stage</th><th>target</th><th>where</th>'
        "<th>schemas</th><th>migrations</th></tr>",
    ]
    for t in m.targets:
        mark = ' <span class="badge b-fail">protected</span>' if t.protected else ""
        count = len({s.schema for s in t.steps})
        out.append(
            f"<tr><td>{_e(t.stage)}</td><td>{_e(t.name)}{mark}</td><td><code>{_e(t.where)}"
            f"</code></td><td>{count}</td><td>{len(t.steps)}</td></tr>"
        )
    out.append("</table>")
    for t in m.targets:
        out.append(f"<h3>{_e(t.name)} <code>{_e(t.where)}</code></h3>")
        if not t.steps:
            out.append("<p>Nothing to run: up to date.</p>")
        for schemas, steps in groups(t):
            files = "".join(
                f"<li><code>{_e(s.file)}</code> <code>{_e(s.checksum)}</code></li>" for s in steps
            )
            out.append(f"<p>{_e(_schemas(schemas))}</p><ol>{files}</ol>")
    out.append("<h2>Files</h2>")
    for f in m.files:
        out.append(
            f"<h3><code>{_e(f.file)}</code></h3>"
            f'<p class="sub">checksum <code>{_e(f.checksum)}</code> · SQL SHA-256 '
            f"<code>{_e(f.sql_sha256)}</code> · as rendered for <code>{_e(f.rendered_for)}"
            "</code> (other schemas: their own names)</p>"
            f'<div class="sql"><pre>{_e(f.sql)}</pre></div>'
        )
    return "\n".join(out)


def body_markdown(m: RolloutManifest) -> str:
    """The visible part of the Markdown report: the same content as the HTML one."""
    out = [
        f"# {_md(m.title)}",
        "",
        f"Rollout review: {len(m.targets)} target(s) in {len(m.stages)} stage(s), "
        f"{len(m.files)} distinct file(s); written {_md(m.created)} by {_md(m.os_user)}.",
        "",
        f"Content SHA-256 (note it when approving): `{m.content_sha256}`",
        "",
        "`schemadesk rollout --reviewed REPORT` refuses a target not listed here, or a file "
        f"not listed for it or changed since (checksum: {_md(m.checksum_algorithm)}).",
        "",
        "## Targets",
        "",
        "| stage | target | where | schemas | migrations |",
        "|---|---|---|---|---|",
    ]
    for t in m.targets:
        mark = " (protected)" if t.protected else ""
        count = len({s.schema for s in t.steps})
        out.append(
            f"| {_md(t.stage)} | {_md(t.name)}{mark} | {_md(t.where)} | {count} | {len(t.steps)} |"
        )
    out.append("")
    for t in m.targets:
        out += [f"### {_md(t.name)} {_md(t.where)}", ""]
        if not t.steps:
            out += ["Nothing to run: up to date.", ""]
        for schemas, steps in groups(t):
            out += [_md(_schemas(schemas)), ""]
            out += [f"{n}. {_md(s.file)} {_md(s.checksum)}" for n, s in enumerate(steps, 1)]
            out.append("")
    out += ["## Files", ""]
    for f in m.files:
        out += [
            f"### {_md(f.file)}",
            "",
            f"checksum {_md(f.checksum)}, SQL SHA-256 {_md(f.sql_sha256)}, as rendered for "
            f"{_md(f.rendered_for)} (other schemas: their own names)",
            "",
            md_block(f.sql, "sql"),
            "",
        ]
    return "\n".join(out).rstrip("\n")


def _envelope(m: RolloutManifest, body: str) -> dict[str, Any]:
    return {
        "content_sha256": m.content_sha256,
        "body_sha256": sha256(body),
        "generator": generator(),
        "manifest": m.to_json(),
    }


def render_rollout(m: RolloutManifest, fmt: str) -> str:
    """The whole report in ``fmt`` (``html``: self-contained, inline CSS; or ``md``)."""
    if fmt == "md":
        body = body_markdown(m)
        data = embed_json(_envelope(m, body))
        return (
            f"{BODY_START}\n{body}\n{BODY_END}\n\n---\n\n"
            f"Written by schemadesk {__version__} ({ROLLOUT_FORMAT}); the manifest below is "
            f"what `rollout --reviewed` reads.\n\n{MD_MANIFEST}\n{md_block(data, 'json')}\n"
        )
    body = body_html(m)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Review: {_e(m.title)}</title>\n<style>\n{report_css()}</style>\n</head>\n"
        f"<body>\n<main>\n{BODY_START}\n{body}\n{BODY_END}\n"
        f"<footer>schemadesk {_e(__version__)} · {_e(ROLLOUT_FORMAT)}</footer>\n</main>\n"
        '<script type="application/json" id="schemadesk-manifest">\n'
        f"{embed_json(_envelope(m, body))}\n</script>\n</body>\n</html>\n"
    )


def write_rollout_report(plan: RolloutPlan, path: Path, fmt: str | None = None) -> RolloutManifest:
    """The review report of ``plan`` written to ``path`` (format from the suffix unless given)."""
    import getpass

    from schemadesk.core.report.files import report_format

    manifest = rollout_manifest(plan, os_user=getpass.getuser())
    text = render_rollout(manifest, report_format(path, fmt))
    try:
        path.write_bytes(text.encode("utf-8"))
    except OSError as exc:
        reason = str(exc.strerror)
        raise ConfigError(say("report-unwritable", path=str(path), reason=reason)) from None
    return manifest


def read_rollout_report(path: Path) -> RolloutManifest:
    """The rollout review a report holds, once its manifest and visible text are unedited."""
    envelope, fmt, text = envelope_of(path)
    try:
        data = envelope["manifest"]
        stated, stated_body = str(envelope["content_sha256"]), str(envelope["body_sha256"])
        if not isinstance(data, dict) or data.get("format") != ROLLOUT_FORMAT:
            raise ManifestError(say("manifest-not-format", format=ROLLOUT_FORMAT))
        manifest = RolloutManifest.from_json(data)
    except (KeyError, ManifestError) as exc:
        raise ReviewMismatch(damaged(path, exc), R.DAMAGED) from None
    if manifest.content_sha256 != stated:
        raise ReviewMismatch(edited(path, manifest.content_sha256, stated), R.EDITED)
    body = body_of(text)
    if body is None or sha256(body) != stated_body:
        raise ReviewMismatch(say("rollout-report-edited-body", path=str(path)), R.EDITED)
    if envelope.get("generator") == generator():
        expected = body_markdown(manifest) if fmt == "md" else body_html(manifest)
        if body != expected:
            raise ReviewMismatch(say("report-body-not-manifest", path=str(path)), R.EDITED)
    return manifest
