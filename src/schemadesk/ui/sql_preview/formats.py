"""The SQL preview's character formats: one per token category, the $$ body, problem
underlines, and the merge of overlays (spans, bodies, underlines) over the token formats."""

from __future__ import annotations

import itertools

from PySide6.QtGui import QColor, QFont, QTextCharFormat

from schemadesk.ui.sql_preview.colours import Scheme

Run = tuple[int, int, str | None]  # start and length in code points, category (None: plain)
Layer = tuple[int, int, QTextCharFormat]


def formats_of(scheme: Scheme) -> dict[str, QTextCharFormat]:
    """The formats of a colour scheme, by category ("keyword", "body", "problem-error"...)."""
    s = scheme
    formats: dict[str, QTextCharFormat] = {}
    for category, colour in (
        ("keyword", s.keyword),
        ("builtin", s.builtin),
        ("function", s.function),
        ("string", s.string),
        ("identifier", s.identifier),
        ("number", s.number),
        ("comment", s.comment),
        ("variable", s.variable),
        ("operator", s.operator),
    ):
        fmt = QTextCharFormat()
        fmt.setForeground(QColor(colour))
        formats[category] = fmt
    formats["keyword"].setFontWeight(QFont.Weight.DemiBold)
    formats["comment"].setFontItalic(True)
    body = QTextCharFormat()
    body.setBackground(QColor(s.body))
    formats["body"] = body
    for severity in ("error", "warning", "info"):
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(
            QTextCharFormat.UnderlineStyle.DotLine
            if severity == "info"
            else QTextCharFormat.UnderlineStyle.WaveUnderline
        )
        fmt.setUnderlineColor(s.severity(severity))
        formats[f"problem-{severity}"] = fmt
    return formats


def merged(
    text: str, runs: list[Run], layers: list[Layer], formats: dict[str, QTextCharFormat]
) -> list[tuple[int, int, QTextCharFormat]]:
    """Token formats with the layers merged on top, cut where any of them starts or ends."""
    size = len(text)
    points = {0, size}
    for start, _, _ in runs:
        points.add(start)
    for start, length, _ in layers:
        points.add(max(0, min(size, start)))
        points.add(max(0, min(size, start + length)))
    pieces: list[tuple[int, int, QTextCharFormat]] = []
    r = 0
    for a, b in itertools.pairwise(sorted(points)):
        while r + 1 < len(runs) and runs[r + 1][0] <= a:
            r += 1
        inside = bool(runs) and runs[r][0] <= a < runs[r][0] + runs[r][1]
        category = runs[r][2] if inside else None
        fmt = QTextCharFormat(formats[category]) if category else QTextCharFormat()
        marked = False
        for start, length, overlay in layers:
            if start <= a and b <= start + length:
                fmt.merge(overlay)
                marked = True
        if category or marked:
            pieces.append((a, b, fmt))
    return pieces
