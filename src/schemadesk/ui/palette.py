"""The colours of View ▸ Colours: a real dark (or light) palette, not only a hint.

``QStyleHints.setColorScheme`` alone changes nothing where the platform theme does not follow
it (X11 without a desktop theme, the offscreen platform), so "Dark" had no effect. Forcing a
scheme therefore sets the Fusion style, which honours the application palette everywhere, and
a full palette; "Follow the system" puts back the style and palette the application started with.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

COLOR_SCHEMES = {
    "system": Qt.ColorScheme.Unknown,
    "light": Qt.ColorScheme.Light,
    "dark": Qt.ColorScheme.Dark,
}
_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup
_STARTED_WITH: dict[str, tuple[str, QPalette]] = {}  # "app": style and palette before forcing


def dark_palette() -> QPalette:
    """A dark palette with readable disabled texts, links and selection."""
    palette = QPalette()
    for role, colour in (
        (_Role.Window, "#2b2b2b"), (_Role.WindowText, "#e6e6e6"), (_Role.Base, "#1e1e1e"),
        (_Role.AlternateBase, "#262626"), (_Role.ToolTipBase, "#3a3a3a"),
        (_Role.ToolTipText, "#f0f0f0"), (_Role.PlaceholderText, "#8c8c8c"),
        (_Role.Text, "#e6e6e6"), (_Role.Button, "#353535"), (_Role.ButtonText, "#e6e6e6"),
        (_Role.BrightText, "#ff6b6b"), (_Role.Light, "#4a4a4a"), (_Role.Midlight, "#3e3e3e"),
        (_Role.Mid, "#303030"), (_Role.Dark, "#181818"), (_Role.Shadow, "#000000"),
        (_Role.Highlight, "#2f65ca"), (_Role.HighlightedText, "#ffffff"),
        (_Role.Link, "#6ea8fe"), (_Role.LinkVisited, "#b48ef5"), (_Role.Accent, "#2f65ca"),
    ):  # fmt: skip
        palette.setColor(role, QColor(colour))
    for role in (_Role.WindowText, _Role.Text, _Role.ButtonText):
        palette.setColor(_Group.Disabled, role, QColor("#7a7a7a"))
    palette.setColor(_Group.Disabled, _Role.Highlight, QColor("#464646"))
    return palette


def light_palette() -> QPalette:
    """Fusion's light palette, whatever the desktop's scheme."""
    palette = QPalette(QColor("#efefef"), QColor("#efefef"))  # button, window: the rest derived
    palette.setColor(_Role.Base, QColor("#ffffff"))
    palette.setColor(_Role.Text, QColor("#000000"))
    palette.setColor(_Role.WindowText, QColor("#000000"))
    palette.setColor(_Role.ButtonText, QColor("#000000"))
    palette.setColor(_Role.Highlight, QColor("#308cc6"))
    palette.setColor(_Role.HighlightedText, QColor("#ffffff"))
    palette.setColor(_Role.ToolTipBase, QColor("#ffffdc"))
    palette.setColor(_Role.ToolTipText, QColor("#000000"))
    return palette


def apply_color_scheme(name: str) -> None:
    """Follow the system (``system``), or force ``light`` or ``dark`` at once."""
    app = QApplication.instance()
    QGuiApplication.styleHints().setColorScheme(COLOR_SCHEMES.get(name, Qt.ColorScheme.Unknown))
    if not isinstance(app, QApplication):
        return
    _STARTED_WITH.setdefault("app", (app.style().name(), QPalette(app.palette())))
    if name in ("dark", "light"):
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")
        app.setPalette(dark_palette() if name == "dark" else light_palette())
        return
    style, palette = _STARTED_WITH["app"]
    if app.style().name() != style:
        app.setStyle(style)
    app.setPalette(palette)
