"""Layer rules of the access engine, checked rather than written down."""

from __future__ import annotations

import subprocess
import sys

from schemadesk.core.access.change_sql import KEYWORD
from schemadesk.core.access.models import privileges_for


def test_core_access_imports_no_qt_no_gateway_no_pool() -> None:
    code = (
        "import sys, schemadesk.core.access\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'schemadesk.db', "
        "'schemadesk.ui', 'psycopg_pool', 'qasync'))]\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_privilege_has_a_fixed_keyword() -> None:
    kinds = ("database", "schema", "table", "sequence", "function", "types")
    for kind in kinds:
        for privilege in privileges_for(kind, 180000):  # type: ignore[arg-type]
            assert privilege in KEYWORD
