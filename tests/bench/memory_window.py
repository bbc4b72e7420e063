"""Where the window's resident memory goes after a full load (run on demand, issue 25).

    python tests/bench/memory_window.py --dsn CONNINFO [--trace] [--top 25] [--types 25]
        [--trim] [--json]

Opens one window offscreen as ``bench_window_large.py`` does (every view loaded, the matrix
shown), then prints the process's RSS, glibc's heap (``mallinfo2``: in use, free inside the
heap, mmapped), the objects alive by type (``gc.get_objects``, frozen ones included), and with
``--trace`` tracemalloc's top allocations by line (tracing from before the load: it slows the
load 2-3x). ``--trim`` calls ``malloc_trim(0)`` after and prints the RSS again. An empty window
(``--empty``) gives the floor: Qt, PySide6 and our imports with nothing loaded.
"""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import gc
import json
import os
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


def _libc() -> ctypes.CDLL:
    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = _MallInfo2
    return libc


def rss_mib() -> float:
    """The process's resident set in MiB."""
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024


def heap() -> dict[str, float]:
    """glibc's heap in MiB: in use, free inside the arenas, mmapped blocks (all threads)."""
    info = _libc().mallinfo2()
    mib = 1024 * 1024
    return {
        "arena": info.arena / mib,
        "in_use": info.uordblks / mib,
        "free_in_heap": info.fordblks / mib,
        "mmapped": info.hblkhd / mib,
    }


def smaps_rollup() -> str:
    with open("/proc/self/smaps_rollup") as f:
        return "".join(line for line in f if line.split(":")[0] in {"Rss", "Anonymous", "Pss"})


def whence(where: str, top: int = 15) -> list[tuple[str, int]]:
    """Objects tracemalloc saw allocated at ``where`` (``file.py:line``) by (their type, the
    type of an object holding them): who keeps them alive."""
    import tracemalloc

    filename, line = where.rsplit(":", 1)
    found: Counter[str] = Counter()
    frozen = gc.get_freeze_count()
    gc.unfreeze()
    seen: set[int] = set()
    todo = [(obj, None) for obj in gc.get_objects()]
    seen.update((id(seen), id(todo)))
    while todo:
        obj, holder = todo.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        tb = tracemalloc.get_object_traceback(obj)
        if tb is not None and tb[0].filename.endswith(filename) and tb[0].lineno == int(line):
            found[f"{type(obj).__qualname__} held by {type(holder).__qualname__}"] += 1
        todo.extend((ref, obj) for ref in gc.get_referents(obj) if id(ref) not in seen)
    if frozen:
        gc.freeze()
    return found.most_common(top)


def by_type(top: int, block: int = 0) -> list[tuple[str, int, int]]:
    """(type, count, shallow bytes) of every object reachable from those the collector tracks
    (frozen ones included; strings and ints found through their holders), largest first;
    ``block``: only objects in that pymalloc size class (bytes, a multiple of 16)."""
    frozen = gc.get_freeze_count()
    gc.unfreeze()
    counts: Counter[str] = Counter()
    sizes: Counter[str] = Counter()
    seen: set[int] = set()
    todo = gc.get_objects()
    seen.update((id(seen), id(todo)))  # the walk's own (ids as ints would be counted)
    while todo:
        obj = todo.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        name = type(obj).__qualname__
        size = sys.getsizeof(obj)
        if not block or (size + 15) // 16 * 16 == block:
            counts[name] += 1
            sizes[name] += size
        todo.extend(ref for ref in gc.get_referents(obj) if id(ref) not in seen)
    if frozen:
        gc.freeze()
    return [(name, counts[name], size) for name, size in sizes.most_common(top)]


async def load(window_factory: object, conninfo: str, empty: bool) -> object:
    """One window with every view loaded (and the matrix shown), or an empty one."""
    from schemadesk.core.profiles import ConnectionProfile

    window = window_factory()  # type: ignore[operator]
    window.show()
    if empty:
        await asyncio.sleep(0.5)
        return window
    window.open_profile(ConnectionProfile(name="bench", conninfo=conninfo))
    await window.wait_loaded()
    session = window.current
    while session is not None and session.graph is None:  # noqa: ASYNC110 - off-thread checks
        await asyncio.sleep(0.005)
    window.show_view("roles")
    window.roles_view.tabs.setCurrentIndex(1)
    await asyncio.sleep(0.5)
    return window


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--trace", action="store_true", help="tracemalloc's top lines")
    parser.add_argument("--whence", action="append", default=[], help="FILE:LINE (--trace)")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--types", type=int, default=25)
    parser.add_argument("--block", type=int, default=0, help="only that size class (bytes)")
    parser.add_argument("--trim", action="store_true", help="malloc_trim(0) after, RSS again")
    parser.add_argument("--empty", action="store_true", help="an empty window: the floor")
    parser.add_argument("--pymalloc", action="store_true", help="pymalloc's stats on stderr")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-release", action="store_true", help="the default collector policy")
    args = parser.parse_args()
    import tracemalloc

    import qasync
    from PySide6.QtWidgets import QApplication

    from schemadesk.db.gateway import Gateway
    from schemadesk.ui.main_window import MainWindow

    if not args.no_release:  # the window's own policy, as app.open_window sets it
        import dataclasses
        import time

        from schemadesk.app import WINDOW_COLLECTOR
        from schemadesk.core.long_lived import use_collector_policy

        release = WINDOW_COLLECTOR.release

        def timed() -> None:
            started = time.perf_counter()
            if release is not None:
                release()
            print(f"release took {(time.perf_counter() - started) * 1000:.1f} ms")

        use_collector_policy(dataclasses.replace(WINDOW_COLLECTOR, release=timed))
    app = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    if args.trace:
        tracemalloc.start(1)
    figures: dict[str, object] = {}
    with Gateway() as gateway:
        window = loop.run_until_complete(load(lambda: MainWindow(gateway), args.dsn, args.empty))
        figures["rss_mib"] = round(rss_mib(), 1)
        figures["heap"] = {k: round(v, 1) for k, v in heap().items()}
        print(f"RSS {rss_mib():.1f} MiB; glibc heap {figures['heap']}")
        print(smaps_rollup(), end="")
        if args.trace:
            snap = tracemalloc.take_snapshot()
            traced = sum(s.size for s in snap.statistics("filename")) / 1024 / 1024
            figures["traced_mib"] = round(traced, 1)
            print(f"traced by Python: {traced:.1f} MiB; top lines:")
            for stat in snap.statistics("lineno")[: args.top]:
                frame = stat.traceback[0]
                where = f"{frame.filename.rsplit('site-packages/', 1)[-1]}:{frame.lineno}"
                print(f"  {stat.size / 1024 / 1024:7.2f} MiB {stat.count:9d} {where}")
            for where in args.whence:
                print(f"held, of what {where} made:")
                for what, count in whence(where):
                    print(f"  {count:9d} {what}")
            tracemalloc.stop()
        print("objects by type (count, shallow MiB):")
        for name, count, size in by_type(args.types, args.block):
            print(f"  {size / 1024 / 1024:7.2f} MiB {count:9d} {name}")
        if args.pymalloc:
            sys._debugmallocstats()  # to stderr: pymalloc's arenas, used and free blocks
        if args.trim:
            import time

            started = time.perf_counter()
            _libc().malloc_trim(0)
            print(f"malloc_trim(0) took {(time.perf_counter() - started) * 1000:.1f} ms")
            figures["rss_trimmed_mib"] = round(rss_mib(), 1)
            print(f"after malloc_trim(0): RSS {rss_mib():.1f} MiB; heap {heap()}")
        window.close()  # type: ignore[attr-defined]
    loop.close()
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
