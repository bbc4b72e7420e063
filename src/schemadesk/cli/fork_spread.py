"""Pure CPU work on large read-only data, spread over the machine's cores by ``fork``.

A command that has read a 10,000-schema catalog still has a second of Python work per core to
do on it (``check`` makes and says 50,000 findings). Threads share one interpreter lock, and
sending the catalog to other processes would cost more than the work. A forked child already
holds the catalog (its pages shared until written), does its part, hands back only its result,
and exits. The parent does the first part meanwhile and takes the others in order.

What it never risks: a child that fails, is killed, or hands back something unreadable costs
time, not output — its part is done again in the parent, so the result is always the serial
one. A child never writes to stdout or stderr, never flushes the parent's buffers and runs no
exit handlers (``os._exit``); a parent stopped by Ctrl-C or SIGTERM kills its children first.
Where ``fork`` is missing (Windows) or unsafe (another thread runs), everything runs in the
parent, one part after another.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from typing import IO, TypeVar, cast

Part = TypeVar("Part")
Result = TypeVar("Result")
log = logging.getLogger(__name__)


def usable_cores() -> int:
    """The cores this process may run on (its affinity where the platform says it)."""
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        return max(1, len(affinity(0)))
    return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Whether forking is available and safe here: POSIX, and no other thread running (a
    child of a threaded process may inherit a lock some other thread held)."""
    return hasattr(os, "fork") and threading.active_count() == 1


def spread(
    parts: Sequence[Part], work: Callable[[Part], Result], *, forked: bool = True
) -> Iterator[Result]:
    """``work(part)`` for each part, in order: the first in this process, the others in forked
    children running at the same time (unless ``forked`` is false or forking is unsafe).

    The results are yielded as they are ready, in the parts' order: the first as soon as this
    process has done it, so a caller can write it while the children still work.
    """
    if not parts:
        return
    if not forked or len(parts) == 1 or not can_fork():
        for part in parts:
            yield work(part)
        return
    children = _start(parts[1:], work)
    try:
        yield work(parts[0])
        for number, (part, child) in enumerate(zip(parts[1:], children, strict=True), 2):
            result = _collect(child)
            if isinstance(result, _Failed):
                log.warning(
                    "worker %d of %d (pid %d) %s; its part is done again here",
                    number,
                    len(parts),
                    child.pid,
                    result.why,
                )
                yield work(part)
            else:
                yield cast(Result, result)
    finally:
        _stop(children)


class _Child:
    __slots__ = ("out", "pid", "reaped")

    def __init__(self, pid: int, out: IO[bytes]) -> None:
        self.pid = pid
        self.out = out
        self.reaped = False


class _Failed:
    """A child's part that must be done again here, and why (for the log)."""

    __slots__ = ("why",)

    def __init__(self, why: str) -> None:
        self.why = why


def _start(parts: Sequence[Part], work: Callable[[Part], Result]) -> list[_Child]:
    # Buffered output would be written twice if a child flushed it: nothing is pending at fork.
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    children: list[_Child] = []
    try:
        for part in parts:
            # Each child's result goes to a file of its own, unlinked at once: a pipe would
            # block a child whose result outgrows the pipe until the parent reads it.
            out = tempfile.TemporaryFile()  # noqa: SIM115 - closed when collected or stopped
            pid = os.fork()
            if pid == 0:  # the child: never returns
                _run_child(part, work, out)
            children.append(_Child(pid, out))
    except BaseException:
        _stop(children)
        raise
    return children


def _run_child(part: Part, work: Callable[[Part], Result], out: IO[bytes]) -> None:
    status = 1
    try:
        # The catalog is frozen long-lived data and this process ends in a moment: a collector
        # pass would only copy pages the parent shares.
        gc.disable()
        # Ctrl-C reaches the whole process group; the parent says what happened, not us.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        result = work(part)
        pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()
        status = 0
    except BaseException as exc:  # any failure: the parent does this part itself
        status = 1
        try:  # and says why in its log
            out.seek(0)
            out.truncate()
            pickle.dump(_Failed("".join(traceback.format_exception(exc))), out)
            out.flush()
        except BaseException:  # the exit status says enough
            pass
    finally:
        os._exit(status)  # no exit handlers, no flush of the parent's inherited buffers


def _collect(child: _Child) -> object:
    """The child's result, or ``_Failed`` when it did not end well."""
    _, status = os.waitpid(child.pid, 0)
    child.reaped = True
    try:
        if os.WIFSIGNALED(status):
            return _Failed(f"was killed by signal {os.WTERMSIG(status)}")
        child.out.seek(0)
        # Our own unlinked file, written by our own child.
        result = pickle.load(child.out)
        if isinstance(result, _Failed):
            return _Failed("failed:\n" + result.why)
        if os.WEXITSTATUS(status) != 0:
            return _Failed(f"ended with status {os.WEXITSTATUS(status)}")
        return result
    except Exception as exc:  # unreadable: the part is done again here
        return _Failed(
            f"ended with status {os.waitstatus_to_exitcode(status)}, no result ({exc!r})"
        )
    finally:
        child.out.close()


def _stop(children: list[_Child]) -> None:
    """Kill and reap every child not collected yet (the parent was stopped or failed)."""
    for child in children:
        if child.reaped:
            continue
        try:
            os.kill(child.pid, signal.SIGKILL)
            os.waitpid(child.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        child.reaped = True
        child.out.close()
