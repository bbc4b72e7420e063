"""Large long-lived data and Python's cycle collector.

A full collection walks every object the collector tracks. With a catalog of 40,000 relations
in memory it takes 100–250 ms and holds the interpreter throughout: in the window, a frozen UI.
The catalog's objects are immutable and form no cycles, so the collector has nothing to find in
them. Building them with automatic collection paused, then moving everything alive to the
permanent generation (``gc.freeze``), keeps each later collection as short as it was before the
catalog arrived. Frozen objects are still freed by reference counting when the catalog goes.

What a freeze also catches is any cyclic garbage alive at that moment (made while collection
was paused: a build spans awaits, so the window keeps working meanwhile). Frozen, it would never
be collected, and a long session of F5 after F5 could pile it up. So the policy is bounded: every
``collect_every`` builds, the next one starts by unfreezing everything and collecting once (one
full scan, the cost freezing otherwise avoids: rare, and at a moment the person is waiting for
the reload anyway). Frozen garbage is thus at most what that many builds left. The trigger is a
count of builds, not of frozen objects: opening a second large connection grows them as much as
garbage would, and must not cost a full scan. The front end that owns the process chooses the
policy (``app.py`` for the window); the default suits the command line.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CollectorPolicy:
    """How builds of long-lived data treat the cycle collector."""

    pause: bool = True  # no automatic collection while a build runs (it would scan the build)
    freeze: bool = True  # after the last build ends, what is alive leaves later scans
    collect_every: int = 32  # builds between two full collections of the frozen objects; 0: never
    # Called after the last build ends (the window drops its parse caches and gives the heap's
    # free pages back there: see ``app.release_memory``); None: nothing.
    release: Callable[[], None] | None = None


class _Builds:
    """How many builds run now (the gateway thread and the UI loop may overlap)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0
        self.resume = False  # whether the collector was enabled when the first build began
        self.policy = CollectorPolicy()
        self.since_clean = 0  # builds frozen since the last full collection
        self.cleanups = 0


_builds = _Builds()


def use_collector_policy(policy: CollectorPolicy) -> CollectorPolicy:
    """Make ``policy`` the process's policy (from the next build on); returns the previous."""
    with _builds.lock:
        previous, _builds.policy = _builds.policy, policy
        _builds.since_clean = 0
    return previous


def cleanups() -> int:
    """How many times a build began with a full collection of frozen garbage."""
    return _builds.cleanups


def _bound_frozen(policy: CollectorPolicy) -> None:
    """Before a build: every ``collect_every`` builds, collect what was frozen, garbage included.

    Only on the main thread: collecting runs the finalizers of what it frees there, and a GUI's
    objects (a Qt timer in a reference cycle) must die on the thread that made them; a build on
    the gateway thread leaves the turn to the next one on the main thread.
    """
    if not policy.collect_every or _builds.since_clean < policy.collect_every:
        return
    if threading.current_thread() is not threading.main_thread():
        return
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    _builds.since_clean = 0
    _builds.cleanups += 1


@contextmanager
def building_long_lived() -> Iterator[None]:
    """Pause automatic collection while building; on the last exit, freeze what is alive."""
    with _builds.lock:
        policy = _builds.policy
        if _builds.running == 0:
            if policy.freeze:
                _bound_frozen(policy)
            _builds.resume = gc.isenabled()
            if policy.pause:
                gc.disable()
        _builds.running += 1
    try:
        yield
    finally:
        release = None
        with _builds.lock:
            _builds.running -= 1
            if _builds.running == 0:
                release = policy.release
                if policy.freeze:
                    gc.freeze()
                    _builds.since_clean += 1
                if _builds.resume:
                    gc.enable()
        if release is not None:
            release()
