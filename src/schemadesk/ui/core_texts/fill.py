"""The translation call and placeholder filling shared by the tables."""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def fill(template: str, params: Mapping[str, str]) -> str:
    """``{name}`` marks of a translated template replaced by ``params`` (unknown ones kept)."""
    return re.sub(r"\{(\w+)\}", lambda m: params.get(m.group(1), m.group(0)), template)
