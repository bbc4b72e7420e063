"""What the UI thread was doing during each stall (run on demand, with bench_window_large.py).

A thread samples the UI thread's Python stack every 2 ms; a 5 ms timer on the UI loop notes
each tick that came late. For every late tick past the threshold the samples taken inside the
gap are grouped by their innermost schemadesk frames, so a stall names the code that caused it
(or the Qt call it was in: a model reset, a paint). Sampling costs the UI thread a little of the
interpreter lock: use it to find stalls, not to measure them (``--json`` runs without it).
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from types import FrameType

INTERVAL_S = 0.002


def _where(frame: FrameType | None, depth: int = 4) -> str:
    """The innermost ``depth`` frames of our code (and the innermost frame of all)."""
    innermost = None
    ours: list[str] = []
    while frame is not None and len(ours) < depth:
        code = frame.f_code
        name = f"{code.co_filename.rsplit('/', 1)[-1]}:{code.co_name}:{frame.f_lineno}"
        innermost = innermost or name
        if "schemadesk" in code.co_filename or "bench" in code.co_filename:
            ours.append(name)
        frame = frame.f_back
    return f"{innermost} <- {' <- '.join(ours)}"


class StallSampler:
    """Samples the calling (UI) thread's stack until ``stop``; ``report`` groups them by gap."""

    def __init__(self) -> None:
        self._ui = threading.get_ident()
        self._samples: list[tuple[float, str]] = []
        self._running = True
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        me = threading.get_ident()
        while self._running:
            frames = sys._current_frames()
            where = _where(frames.get(self._ui))
            # What the other threads run meanwhile (the gateway's psycopg turning rows into
            # Python objects holds the interpreter lock the UI thread waits for).
            others = [_where(f, 1) for t, f in frames.items() if t not in (self._ui, me)]
            idle = ("wait", "select", "_worker:")  # blocked: waiting, polling, or a pool's queue
            busy = [o for o in others if not any(word in o for word in idle)]
            if busy:
                where += f"  || beside: {'; '.join(busy)}"
            self._samples.append((time.perf_counter(), where))
            time.sleep(INTERVAL_S)

    def stop(self) -> None:
        self._running = False
        self._thread.join()

    def report(self, gaps: list[tuple[float, float]], start: float, top: int = 3) -> list[str]:
        """One line per gap: when (ms since ``start``), how long, and its most sampled stacks."""
        lines = []
        for begin, end in sorted(gaps):
            seen = Counter(w for t, w in self._samples if begin <= t <= end)
            ms = (end - begin) * 1000
            lines.append(f"stall at {(begin - start) * 1000:.0f} ms, {ms:.0f} ms long:")
            lines += [f"    {n:3d} × {where}" for where, n in seen.most_common(top)]
        return lines
