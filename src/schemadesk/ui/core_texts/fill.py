"""The translation call and placeholder filling shared by the tables."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from schemadesk.core.messages import fill

translate = QCoreApplication.translate

__all__ = ["fill", "translate"]
