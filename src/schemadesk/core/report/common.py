"""What the HTML and Markdown renderers share: the texts, the source line, the command."""

from __future__ import annotations

from schemadesk.core.report.manifest import Manifest
from schemadesk.core.report_texts import ReportTexts, from_manifest


def texts_of(m: Manifest) -> ReportTexts:
    """The headings and labels the manifest was written with."""
    return from_manifest(m.texts_entry())


def source_label(m: Manifest, t: ReportTexts) -> str:
    """Whether the report reviews a plan or a past action, in the report's words."""
    return {"plan": t.source_plan, "audit": t.source_audit}.get(m.source, m.source)


def command(t: ReportTexts) -> str:
    """The command that runs the reviewed change."""
    return f"schemadesk apply --reviewed <{t.this_report}>"


def ms(t: ReportTexts, value: float) -> str:
    """A duration in the report's words (``12 ms``)."""
    return t.milliseconds.replace("{ms}", f"{float(value):.0f}")


def badge_style(word: str) -> str:
    """The badge colour of an outcome or severity."""
    if word in {"succeeded", "applied", "ok", "info"}:
        return "b-ok"
    if word in {"failed", "error"}:
        return "b-fail"
    if word in {"cancelled", "warning", "skipped", "not-rehearsable", "rehearsed-partly"}:
        return "b-warn"
    return "b-neutral"
