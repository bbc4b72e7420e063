"""A bug in a window task: one line for the person, the masked stack behind "Copy details" and
in the log file."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from schemadesk.core.audit import scan_for_secrets
from schemadesk.core.logs import configure_logging
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui

SECRET = "s3cr3t-in-a-conninfo"


async def _load_that_breaks() -> None:
    raise KeyError(f"host=db password={SECRET}")


def _copy_button(box: QMessageBox) -> object:
    found = [b for b in box.buttons() if b.text() == "Copy details"]
    assert len(found) == 1, [b.text() for b in box.buttons()]
    return found[0]


def test_a_bug_shows_one_line_and_copy_details_gives_the_masked_stack(
    main_window: MainWindow, ui_loop: UiLoop, isolated_dirs: Path
) -> None:
    log_file = configure_logging()
    QGuiApplication.clipboard().clear()
    main_window.tasks.start("refresh", _load_that_breaks())
    ui_loop.run(until(lambda: main_window.error_box is not None))
    box = main_window.error_box
    assert box is not None
    assert box.text().startswith("KeyError: ")  # one line, the type says where to look
    assert SECRET not in box.text()
    _copy_button(box).click()  # type: ignore[attr-defined]
    copied = QGuiApplication.clipboard().text()
    assert "Traceback (most recent call last)" in copied
    assert "_load_that_breaks" in copied
    assert scan_for_secrets(copied, [SECRET]) == []
    for handler in logging.getLogger("schemadesk").handlers:
        handler.flush()
    logged = log_file.read_text(encoding="utf-8")
    assert "task 'refresh' failed unexpectedly" in logged
    assert "_load_that_breaks" in logged
    assert scan_for_secrets(logged, [SECRET]) == []


def test_a_refusal_core_worded_has_no_details_to_copy(
    main_window: MainWindow, ui_loop: UiLoop
) -> None:
    from schemadesk.core.errors import SchemadeskError

    async def refused() -> None:
        raise SchemadeskError("profile 'prod' is read-only")

    main_window.tasks.start("apply", refused())
    ui_loop.run(until(lambda: main_window.error_box is not None))
    box = main_window.error_box
    assert box is not None
    assert "Copy details" not in [b.text() for b in box.buttons()]
