"""The window on a large catalog: time until the schemas and roles views are populated, and the
longest stall of the UI event loop while they load (run on demand).

    python tests/bench/bench_window_large.py [--dsn CONNINFO_OF_THE_DATABASE] [--runs 3] [--json]
        [--sample] [--phases]

``--dsn`` names the database measured (one built by build_large_catalog.py). Without it the
script starts a throwaway cluster and builds ``bench_catalog`` there (2,000 schemas × 20 plain
tables, 5,000 roles; about a minute). Each run opens a fresh window offscreen. A 5 ms timer
records its own lateness: the longest gap between two ticks, less the interval, is the longest
stall a person would feel. ``--phases`` measures two moments on their own instead: the worst
lateness over the first 250 ms after ``open_profile`` (building the views) and over 0.5 s after
the privilege matrix's tab is first shown.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

TICK_MS = 5
GAP_MS = 30.0  # stalls longer than this are named with ``--sample``


class StallMeter:
    """A 5 ms timer that records its own worst lateness: the longest stall a person would feel."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.worst = 0.0
        self.gaps: list[tuple[float, float]] = []  # (from, to) of every tick later than GAP_MS
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        late = (now - self._last) * 1000 - TICK_MS
        self.worst = max(self.worst, late)
        if late > GAP_MS:
            self.gaps.append((self._last, now))
        self._last = now

    def stop(self) -> float:
        self._timer.stop()
        return self.worst


class GcTimes:
    """When the cycle collector ran and how long (a full collection holds the interpreter: its
    time shows in the sampler as whatever line allocated)."""

    def __init__(self) -> None:
        self.runs: list[tuple[float, float, int]] = []  # (from, to, generation)
        self._began = 0.0

    def record(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.runs.append((self._began, time.perf_counter(), info["generation"]))

    def beside(self, lines: list[str], gaps: list[tuple[float, float]]) -> list[str]:
        """``lines`` (one "stall at" line per gap, in order) with the collections in each."""
        out: list[str] = []
        spans = iter(sorted(gaps))
        for line in lines:
            out.append(line)
            if line.startswith("stall at"):
                begin, end = next(spans)
                inside = [(b, e, g) for b, e, g in self.runs if b < end and e > begin]
                if inside:
                    ms = sum(min(e, end) - max(b, begin) for b, e, _ in inside) * 1000
                    generations = ",".join(str(g) for _, _, g in inside)
                    out.append(f"    gc: {ms:.0f} ms in {len(inside)} (generations {generations})")
        return out


async def idle_stall(seconds: float = 3.0) -> float:
    """The same timer's worst lateness with nothing loading: what the machine itself adds."""
    meter = StallMeter()
    await asyncio.sleep(seconds)
    return meter.stop()


def _rss_mib() -> float:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024


async def one_run(
    window_factory: object, conninfo: str, sample: bool = False
) -> tuple[float, float, float, float]:
    """(ms to both views populated, ms to every view loaded, longest stall ms, RSS MiB)."""
    from schemadesk.core.profiles import ConnectionProfile

    window = window_factory()  # type: ignore[operator]
    window.show()
    sampler = None
    collections = GcTimes()
    if sample:
        from stall_sampler import StallSampler

        sampler = StallSampler()
        gc.callbacks.append(collections.record)
    meter = StallMeter()
    start = time.perf_counter()
    window.open_profile(ConnectionProfile(name="bench", conninfo=conninfo))
    populated = 0.0
    loaded = asyncio.ensure_future(window.wait_loaded())
    while not populated:
        await asyncio.sleep(0.001)
        if loaded.done() and loaded.exception() is not None:
            raise SystemExit(f"the window could not load: {loaded.exception()}")
        if window.schemas_model.rowCount() and window.roles_view.roles_model.rowCount():
            populated = (time.perf_counter() - start) * 1000
    await loaded
    session = window.current
    while session is not None and session.graph is None:  # noqa: ASYNC110 - off-thread checks
        await asyncio.sleep(0.005)
    everything = (time.perf_counter() - start) * 1000
    window.show_view("roles")
    window.roles_view.tabs.setCurrentIndex(1)  # the matrix computes its visible cells
    await asyncio.sleep(0.3)
    worst = meter.stop()
    if sampler is not None:
        sampler.stop()
        gc.callbacks.remove(collections.record)
        lines = sampler.report(meter.gaps, start)
        print("\n".join(collections.beside(lines, meter.gaps)), flush=True)
    rss = _rss_mib()
    window.close()
    return populated, everything, worst, rss


async def phases_run(window_factory: object, conninfo: str) -> tuple[float, float]:
    """(worst stall ms while opening, worst stall ms at the matrix tab's first show)."""
    from schemadesk.core.profiles import ConnectionProfile

    window = window_factory()  # type: ignore[operator]
    window.show()
    await asyncio.sleep(0.3)
    meter = StallMeter()
    window.open_profile(ConnectionProfile(name="bench", conninfo=conninfo))
    await asyncio.sleep(0.25)
    opening = meter.stop()
    await window.wait_loaded()
    while window.current.graph is None:  # noqa: ASYNC110 - off-thread checks
        await asyncio.sleep(0.01)
    window.show_view("roles")
    await asyncio.sleep(0.5)
    meter = StallMeter()
    window.roles_view.tabs.setCurrentIndex(1)
    await asyncio.sleep(0.5)
    matrix = meter.stop()
    window.close()
    return opening, matrix


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dsn", help="conninfo of the database to measure")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="end with one JSON line of medians")
    parser.add_argument(
        "--sample",
        action="store_true",
        help=f"name what the UI thread ran in each stall over {GAP_MS:.0f} ms (stall_sampler.py)",
    )
    parser.add_argument(
        "--phases",
        action="store_true",
        help="the stalls of opening a connection and of the matrix's first show, on their own",
    )
    args = parser.parse_args()
    import psycopg
    import qasync
    from PySide6.QtWidgets import QApplication

    from schemadesk.app import WINDOW_COLLECTOR
    from schemadesk.core.long_lived import use_collector_policy
    from schemadesk.core.pg_binaries import find_server_bindir
    from schemadesk.db.gateway import Gateway
    from schemadesk.db.local_cluster import start_cluster
    from schemadesk.ui.main_window import MainWindow

    cluster = None
    conninfo = args.dsn
    if conninfo is None:
        import build_large_catalog

        cluster = start_cluster(find_server_bindir())
        started = time.perf_counter()
        build_large_catalog.build(cluster.conninfo(), fresh=True, plain=True)
        print(f"built the catalog in {time.perf_counter() - started:.0f} s")
        conninfo = psycopg.conninfo.make_conninfo(cluster.conninfo(), dbname="bench_catalog")
    use_collector_policy(WINDOW_COLLECTOR)  # the window's own, as app.open_window sets it
    app = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    results = []
    baseline = []
    try:
        with Gateway() as gateway:
            if args.phases:
                app.setQuitOnLastWindowClosed(False)
                measured = [
                    loop.run_until_complete(phases_run(lambda: MainWindow(gateway), conninfo))
                    for _ in range(args.runs)
                ]
                print(
                    json.dumps(
                        {
                            "open_stall_ms": round(statistics.median(m[0] for m in measured)),
                            "matrix_stall_ms": round(statistics.median(m[1] for m in measured)),
                            "load": round(os.getloadavg()[0], 2),
                        }
                    )
                )
                return 0
            for _ in range(args.runs):
                results.append(
                    loop.run_until_complete(
                        one_run(lambda: MainWindow(gateway), conninfo, args.sample)
                    )
                )
                baseline.append(loop.run_until_complete(idle_stall()))
    finally:
        loop.close()
        if cluster is not None:
            cluster.stop()
    populated = [r[0] for r in results]
    everything = [r[1] for r in results]
    stalls = [r[2] for r in results]
    print(f"runs: {args.runs} on {psycopg.conninfo.conninfo_to_dict(conninfo).get('dbname')}")
    print(
        f"schemas and roles views populated: median {statistics.median(populated):.0f} ms "
        f"(all: {', '.join(f'{v:.0f}' for v in populated)}); target under 800 ms"
    )
    print(
        f"every view loaded incl. convention checks: median {statistics.median(everything):.0f} ms"
    )
    print(
        f"longest UI stall while loading: median {statistics.median(stalls):.0f} ms, "
        f"worst {max(stalls):.0f} ms; target under 50 ms"
    )
    print(
        f"baseline, the same timer with nothing loading: median {statistics.median(baseline):.0f}"
        f" ms, worst {max(baseline):.0f} ms (the machine's own share; load average"
        f" {os.getloadavg()[0]:.1f})"
    )
    if args.json:
        figures = {
            "populated_ms": round(statistics.median(populated)),
            "loaded_ms": round(statistics.median(everything)),
            "stall_ms": round(statistics.median(stalls)),
            "idle_stall_ms": round(statistics.median(baseline)),
            "rss_mib": round(statistics.median(r[3] for r in results)),
            "load": round(os.getloadavg()[0], 2),
        }
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
