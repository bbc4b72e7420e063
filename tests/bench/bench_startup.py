"""Start-up time: process start to the first painted window with data, on the demo database.

    python tests/bench/bench_startup.py [--runs 5]

Starts the demo database once (``schemadesk demo --serve``), then runs
``schemadesk --dsn ... --smoke-test`` (the real window, offscreen, which prints its JSON line only
after every view has loaded and the window has painted) and times each run from spawn to that line.
The peer measured in the same run is the bare ``python -c "import PySide6.QtWidgets"``.

Both run with Python's bytecode cache on (in a private ``PYTHONPYCACHEPREFIX``), as an installed
wheel or bundle has it: pip and PyInstaller compile the bytecode at install time. A shell with
``PYTHONDONTWRITEBYTECODE=1`` (as on our build machines) would otherwise time the compiler; that
figure is printed too, for comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from demo_server import serving_demo


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True, timeout=120)
    return time.perf_counter() - start, out.stdout.strip().splitlines()[-1] if out.stdout else ""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    cache = tempfile.mkdtemp(prefix="schemadesk-bench-pycache-")
    base = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    # An empty prefix that is never written: no stray __pycache__ folder can be read either.
    uncached = base | {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": cache + "-none"}
    env = {k: v for k, v in base.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    try:
        with serving_demo([sys.executable, "-m", "schemadesk"], env) as dsn:
            window_cmd = [sys.executable, "-m", "schemadesk", "--dsn", dsn, "--smoke-test"]
            qt_cmd = [sys.executable, "-c", "import PySide6.QtWidgets"]
            timed(window_cmd, env)  # warm the OS file cache and write the bytecode; not counted
            timed(qt_cmd, env)
            window, qt, compiling, report = [], [], [], ""
            for _ in range(runs):
                seconds, report = timed(window_cmd, env)
                window.append(seconds)
                qt.append(timed(qt_cmd, env)[0])
                compiling.append(timed(window_cmd, uncached)[0])
            summary = json.loads(report)
            w, q = statistics.median(window), statistics.median(qt)
            print(f"runs: {runs}; demo database: {summary.get('schemas')} schemas")
            print(
                f"window with data, painted: median {w * 1000:.0f} ms  (all: "
                + ", ".join(f"{s * 1000:.0f}" for s in window)
                + ")"
            )
            print(f"peer, bare import PySide6.QtWidgets: median {q * 1000:.0f} ms")
            print(
                "window without a bytecode cache (compiling every module): "
                f"median {statistics.median(compiling) * 1000:.0f} ms"
            )
            print(f"ratio window / bare Qt import: {w / q:.1f}x; target: under 1000 ms")
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
