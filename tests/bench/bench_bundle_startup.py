"""Start-up of the PyInstaller bundle vs the pip-installed app: to the painted window with data.

    python tests/bench/bench_bundle_startup.py [--runs 5] [--bundle packaging/out/dist/schemadesk]

Needs a bundle (packaging/build-linux) and PostgreSQL server binaries. Starts the demo database
once with the pip-installed app (``schemadesk demo --serve``), then alternates
``<bundle>/schemadesk --dsn DSN --smoke-test`` and ``<venv>/bin/schemadesk --dsn DSN --smoke-test``
(the real window, offscreen; the JSON line comes only after every view has loaded and the window
has painted) and times each from spawn to that line. One warm-up run of each is not counted.
Prints the medians of both and their ratio, measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from demo_server import serving_demo

ROOT = Path(__file__).resolve().parents[2]


def time_to_report(cmd: list[str], env: dict[str, str]) -> tuple[float, float, dict[str, object]]:
    """Seconds from spawn to the JSON line, the process's CPU seconds, and the line (exit 0)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=env["HOME"]
    )
    assert proc.stdout is not None
    elapsed, report = None, {}
    for line in proc.stdout:
        if line.startswith("{"):
            elapsed = time.perf_counter() - start
            report = json.loads(line)
    # wait4: the child's own CPU time too, which the other processes on a shared machine
    # do not inflate the way they inflate wall-clock time
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    if code != 0 or elapsed is None or report.get("ok") is not True:
        raise SystemExit(f"{cmd[0]} failed (exit {code}): {report}")
    return elapsed, usage.ru_utime + usage.ru_stime, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bundle", type=Path, default=ROOT / "packaging/out/dist/schemadesk")
    parser.add_argument(
        "--pip",
        type=Path,
        default=Path(sys.executable).parent / "schemadesk",
        help="the pip-installed schemadesk script (default: beside this Python)",
    )
    args = parser.parse_args()
    bundled = args.bundle / "schemadesk"
    for exe in (bundled, args.pip):
        if not os.access(exe, os.X_OK):
            raise SystemExit(f"not found: {exe} (packaging/build-linux builds the bundle)")

    home = tempfile.mkdtemp(prefix="schemadesk-bench-")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)} | {
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": home,
        "SCHEMADESK_CONFIG_DIR": f"{home}/config",
        "SCHEMADESK_DATA_DIR": f"{home}/data",
    }
    with serving_demo([str(args.pip)], env) as dsn:
        commands = {
            "bundle": [str(bundled), "--dsn", dsn, "--smoke-test"],
            "pip": [str(args.pip), "--dsn", dsn, "--smoke-test"],
        }
        for cmd in commands.values():
            time_to_report(cmd, env)  # warm the file cache; not counted
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        report: dict[str, object] = {}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                seconds, cpu_seconds, report = time_to_report(cmd, env)
                times[name].append(seconds)
                cpu[name].append(cpu_seconds)
        schemas = report.get("schemas")
        print(f"runs: {args.runs} each, alternating; demo database: {schemas} schemas")
        for name in commands:
            ms = [round(s * 1000) for s in times[name]]
            median = statistics.median(times[name]) * 1000
            print(f"{name:6} to the painted window with data: median {median:.0f} ms  (all: {ms})")
        for name in commands:
            cpu_median = statistics.median(cpu[name]) * 1000
            print(f"{name:6} CPU time of the whole run (user + sys): median {cpu_median:.0f} ms")
        ratio = statistics.median(times["bundle"]) / statistics.median(times["pip"])
        cpu_ratio = statistics.median(cpu["bundle"]) / statistics.median(cpu["pip"])
        print(f"ratio bundle / pip: {ratio:.2f} wall-clock, {cpu_ratio:.2f} CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
