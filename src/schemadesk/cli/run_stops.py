"""Ctrl-C, SIGTERM and SIGHUP during a changing run: it stops after the step in progress.

Before the person confirms (planning, the question), a signal stops the command, as
everywhere (``output.stop_signals``); during a step on the gateway, once that step is over.
From the confirmation to the command's end a signal is only noted: the run reads the note as
its cancel flag between steps, so the step in progress ends whole (commit or rollback) and every
step that ran is audited. A ``Stopped`` raised at any bytecode there could cut the audit record
of a committed step, or start the Alembic upgrades after a stop of the migrations before them.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import signal
import sys
from types import TracebackType
from typing import TypeVar

from schemadesk.cli.output import Stopped, stop_requests

T = TypeVar("T")
_POLL_S = 0.2  # how often a wait looks at the notes (a future's wait takes no signal)


class StopAfterStep:
    """A changing run's stop request; the use cases' cancel flag (``is_set``)."""

    def __init__(self, step: str) -> None:
        self.step = step  # "migration", "transaction", ...: said in the acknowledgement
        # Appended to by the signal handlers, read by this thread and the gateway's: a list
        # append takes no lock (``threading.Event.set`` in a handler could deadlock this thread
        # on the lock it already holds inside ``is_set``).
        self._noted: list[int] = []
        self._said = False
        self._armed = contextlib.ExitStack()
        self._is_armed = False

    def is_set(self) -> bool:
        """A stop was asked: the run starts no further step (and says so once)."""
        if self._noted:
            self._say()
        return bool(self._noted)

    def arm(self) -> None:
        """From now to ``close`` (the person confirmed), signals are noted, never raised."""
        if not self._is_armed:
            self._armed.enter_context(stop_requests(self._noted.append))
            self._is_armed = True

    def close(self) -> None:
        """The command's end: the signals' handlers as they were before ``arm``."""
        self._armed.close()
        self._is_armed = False
        if self._noted and not self._said:  # no step was left to stop: said, not dropped
            self._said = True
            print("schemadesk: the stop came as the run ended: nothing was left to stop",
                  file=sys.stderr)  # fmt: skip

    def __enter__(self) -> StopAfterStep:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def wait(self, future: concurrent.futures.Future[T]) -> T:
        """The result of a step running on the gateway; a stop asked meanwhile is said at once
        and takes effect after this step, never inside it. Before ``arm`` (nothing confirmed,
        so nothing changed yet) the command then stops, as a signal anywhere there does."""
        during = contextlib.nullcontext() if self._is_armed else stop_requests(self._noted.append)
        try:
            with during:
                result = self._result(future)
        finally:
            if self._noted:  # one that came as the step ended still stops the steps after it
                self._say()
        if self._noted and not self._is_armed:
            raise _stopping(self._noted[0])
        return result

    def _result(self, future: concurrent.futures.Future[T]) -> T:
        while True:
            if self._noted:
                self._say()
            try:
                return future.result(timeout=_POLL_S)
            except concurrent.futures.TimeoutError:
                continue
            except KeyboardInterrupt:  # where the handlers could not be set
                self._noted.append(signal.SIGINT)

    def _say(self) -> None:
        if not self._said:
            self._said = True
            print(f"schemadesk: stopping after the {self.step} in progress", file=sys.stderr)


def _stopping(signum: int) -> KeyboardInterrupt:
    """What a signal raises where it is not only noted (``output.stop_signals``)."""
    return KeyboardInterrupt() if signum == signal.SIGINT else Stopped(signum)
