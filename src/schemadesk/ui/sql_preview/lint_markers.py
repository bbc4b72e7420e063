"""Lint findings as markers in the SQL preview, linted off the UI thread.

squawk is a program that takes some milliseconds per file: the preview shows the file at once
and the findings join its problems (gutter marker, underline, list row) when they arrive, unless
another file is shown by then.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal

from schemadesk.core.errors import SchemadeskError
from schemadesk.core.lint import (
    LintConfig,
    LintFinding,
    LintInput,
    SquawkMissing,
    lint_file,
    squawk_path,
)
from schemadesk.core.lint.engine import DEFAULT_CONFIG, DEFAULT_SESSION
from schemadesk.core.session_settings import SessionSettings
from schemadesk.ui.sql_preview.preview import SqlPreview
from schemadesk.ui.sql_preview.types import Problem

log = logging.getLogger(__name__)
# A plain Python worker, not the qasync loop's default executor: that one runs QThreads, and a
# QThread still running squawk when the window closes aborts the process.
_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="schemadesk-lint")


def lint_problems(findings: Iterable[LintFinding]) -> list[Problem]:
    """Findings as preview problems at their template positions, the rule named."""
    problems = []
    for f in findings:
        text = f"{f.message} [{f.source}: {f.rule}]"
        if f.help:
            text += f"\n{f.help}"
        problems.append(Problem(f.line, f.column, text, str(f.severity)))
    return problems


class LintMarkers(QObject):
    """Lints the file a preview shows and adds the findings to it (latest request wins)."""

    linted = Signal(str)  # the file's name, once its findings are shown

    def __init__(self, preview: SqlPreview) -> None:
        super().__init__(preview)
        self.preview = preview
        self._request = 0
        self._tasks: set[asyncio.Task[None]] = set()
        self._missing_said = False

    def request(
        self,
        item: LintInput,
        config: LintConfig = DEFAULT_CONFIG,
        session: SessionSettings = DEFAULT_SESSION,
    ) -> None:
        """Lint ``item`` (the file the preview shows now) with the project's ``[lint]`` and the
        profile's session settings; does nothing without a UI loop."""
        self._request += 1
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        task = loop.create_task(self._run(self._request, item, config, session))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def cancel(self) -> None:
        """Forget pending requests (another text is shown)."""
        self._request += 1

    async def _run(
        self, request: int, item: LintInput, config: LintConfig, session: SessionSettings
    ) -> None:
        try:
            program = squawk_path()
            loop = asyncio.get_running_loop()
            findings = await loop.run_in_executor(
                _WORKER, lint_file, item, program, config, session
            )
        except SquawkMissing as exc:
            if not self._missing_said:  # once per window, not per click
                log.warning("no lint markers: %s", exc)
                self._missing_said = True
            return
        except SchemadeskError as exc:
            log.warning("no lint markers for %s: %s", item.file.filename, exc)
            return
        if request != self._request:
            return  # another file is shown now
        self.preview.add_problems(lint_problems(findings))
        self.linted.emit(item.file.filename)
