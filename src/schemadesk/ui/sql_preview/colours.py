"""Two colour schemes for SQL, chosen by the lightness of the widget's own palette."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette


@dataclass(frozen=True, slots=True)
class Scheme:
    """Colours as ``#rrggbb``; backgrounds are tints that keep every foreground readable."""

    dark: bool
    keyword: str
    builtin: str
    function: str
    string: str
    identifier: str  # "quoted identifiers"
    number: str
    comment: str
    variable: str
    operator: str
    body: str  # background of $$ bodies
    spans: dict[str, str]  # span kind -> background
    other_span: str
    error: str
    warning: str
    info: str
    error_line: str
    removed_line: str
    added_line: str
    filler_line: str
    gutter_text: str
    gutter_current: str

    def severity(self, severity: str) -> QColor:
        return QColor({"error": self.error, "warning": self.warning}.get(severity, self.info))

    def span(self, kind: str) -> QColor:
        return QColor(self.spans.get(kind, self.other_span))


LIGHT = Scheme(
    dark=False,
    keyword="#0d47a1",
    builtin="#7b1fa2",
    function="#00697a",
    string="#2e7d32",
    identifier="#8d5a00",
    number="#00796b",
    comment="#7d7d7d",
    variable="#ad1457",
    operator="#5d4037",
    body="#f6f4ec",
    spans={
        "placeholder": "#d6e6ff",
        "unknown_placeholder": "#ffd2cc",
        "invalid_name": "#ffc1c1",
        "in_literal": "#ffe7a8",
        "removed": "#ffc8c2",
        "added": "#b4ecc0",
    },
    other_span="#e4e4e4",
    error="#d32f2f",
    warning="#e08600",
    info="#1976d2",
    error_line="#ffe1e1",
    removed_line="#ffe8e6",
    added_line="#dff5e4",
    filler_line="#f1f1f1",
    gutter_text="#9a9a9a",
    gutter_current="#3c3c3c",
)

DARK = Scheme(
    dark=True,
    keyword="#82aaff",
    builtin="#c792ea",
    function="#7fdbca",
    string="#a5d17a",
    identifier="#e8b86d",
    number="#66d1c1",
    comment="#8a919e",
    variable="#f07178",
    operator="#d7c7a7",
    body="#262a31",
    spans={
        "placeholder": "#1d3b63",
        "unknown_placeholder": "#5e2323",
        "invalid_name": "#6e2020",
        "in_literal": "#584416",
        "removed": "#7a3238",
        "added": "#2f6b3d",
    },
    other_span="#3a3a3a",
    error="#ff6b6b",
    warning="#f0a93a",
    info="#64b5f6",
    error_line="#4a2222",
    removed_line="#45272b",
    added_line="#203b28",
    filler_line="#2a2a2a",
    gutter_text="#7b7f87",
    gutter_current="#d0d0d0",
)


def scheme_for(palette: QPalette) -> Scheme:
    """The dark scheme on a dark base colour, the light one otherwise."""
    return DARK if palette.color(QPalette.ColorRole.Base).lightness() < 128 else LIGHT
