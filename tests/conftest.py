"""Test configuration: offscreen Qt, isolated config/keyring, and the throwaway PostgreSQL."""

from __future__ import annotations

import os

# Before anything imports Qt: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.fix_isolation", "tests.fix_db"]
