"""The pure half of the engine stays pure: no Qt, no connections, no db package."""

from __future__ import annotations

import subprocess
import sys


def test_core_migrations_imports_neither_qt_nor_the_db_layer() -> None:
    code = (
        "import sys, pkgutil, importlib, schemadesk.core.migrations as m\n"
        "for info in pkgutil.iter_modules(m.__path__):\n"
        "    importlib.import_module('schemadesk.core.migrations.' + info.name)\n"
        "bad = sorted(n for n in sys.modules if n.startswith(('PySide6', 'qasync', 'asyncpg',"
        " 'psycopg_pool', 'schemadesk.db', 'schemadesk.ui')))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == ""


def test_db_migrations_imports_no_qt() -> None:
    code = (
        "import sys, schemadesk.db.migrations.service, schemadesk.cli.migrate_cmd\n"
        "print(','.join(sorted(n for n in sys.modules if n.startswith(('PySide6', 'qasync')))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == ""
