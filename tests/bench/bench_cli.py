"""The command line on a large catalog, as whole processes, beside psql (run on demand).

    python tests/bench/bench_cli.py --dsn "host=... dbname=bench_catalog" [--runs 5] [--json]

For each of ``schemadesk schemas``, ``check``, ``roles`` and ``privileges --role R``: the median
wall time of the whole process (output discarded), and its peer measured in the same run,
interleaved: a fresh ``psql`` fetching the rows the command needs (the text of the loader's
named constants, JIT off as the loader has it) plus the start of a bare ``python3 -c pass``.
Issue 25 asks for at most 1.5×.
``--compare EXE`` also times another ``schemadesk`` (say main's checkout) in the same rounds.
``--resident`` starts a resident for the measured ``schemadesk`` (in a runtime folder of its
own), times each verb through it beside the cold process (``SCHEMADESK_RESIDENT=0``) and the
peer (``<verb>_resident_ms``, ``<verb>_resident_ratio``), and the thin entry alone
(``--version`` and ``resident status`` through it: ``thin_version_ms``, ``thin_status_ms``),
then stops it.
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
from pathlib import Path

import psycopg
from psycopg import sql

from schemadesk.db.access import queries as q
from schemadesk.db.access.owned_objects import JOBS as OWNED_JOBS
from schemadesk.db.access.table_groups import TABLE_GROUPS


def _script(dsn: str, parts: list[sql.SQL]) -> Path:
    with psycopg.connect(dsn) as conn:
        # JIT off, as the loader runs its catalog queries
        text = "SET jit = off;\n" + "".join(p.as_string(conn).strip() + ";\n" for p in parts)
    path = Path(tempfile.mkstemp(suffix=".sql")[1])
    path.write_text(text, encoding="utf-8")
    return path


def _wall(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--role", help="the role for privileges (default: the first rw role)")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of medians")
    parser.add_argument("--compare", metavar="EXE", help="another schemadesk, timed alongside")
    parser.add_argument("--resident", action="store_true", help="also through a resident")
    args = parser.parse_args()
    if args.resident:
        runtime = tempfile.mkdtemp(prefix="sdb-")
        resident_env = {**os.environ, "XDG_RUNTIME_DIR": runtime}
        exe = str(Path(sys.executable).with_name("schemadesk"))
        started = subprocess.run([exe, "resident", "start"], env=resident_env, check=False)
        if started.returncode:
            return started.returncode
        try:
            return _measure(args, resident_env)
        finally:
            subprocess.run([exe, "resident", "stop"], env=resident_env, check=False)
            shutil.rmtree(runtime, ignore_errors=True)
    return _measure(args, None)


def _measure(args: argparse.Namespace, resident_env: dict[str, str] | None) -> int:
    cold_env = {**os.environ, "SCHEMADESK_RESIDENT": "0"} if resident_env else None
    psql = shutil.which("psql") or "/usr/lib/postgresql/15/bin/psql"
    exe = str(Path(sys.executable).with_name("schemadesk"))
    with psycopg.connect(args.dsn) as conn:
        pg16 = conn.info.server_version >= 160000
        found = conn.execute("SELECT min(rolname) FROM pg_roles WHERE rolname LIKE '%\\_rw'")
        role = args.role or str((found.fetchone() or ("postgres",))[0])
    memberships = q.MEMBERSHIPS_PG16 if pg16 else q.MEMBERSHIPS_PRE16
    # check: the whole catalog but the schemas' counts (db/access/check_reads.py)
    full = [q.CONTEXT, q.SCHEMAS, q.ROLES, q.ROLE_SETTINGS, memberships, q.DEFAULT_PRIVILEGES,
            q.RELATIONS, q.EXTENSION_RELATIONS, q.FUNCTIONS,
            *(query for _, _, query in OWNED_JOBS)]  # fmt: skip
    needs = {
        "schemas": [q.CONTEXT, q.SCHEMAS, q.SCHEMA_COUNTS],  # the list, its counts and sizes
        "check": full,
        "roles": [q.CONTEXT, q.ROLES, q.ROLE_SETTINGS, memberships],
        # the matrix reads the tables grouped by owner and ACL, not every relation
        "privileges": [q.CONTEXT, q.SCHEMAS, q.ROLES, q.ROLE_SETTINGS, memberships, TABLE_GROUPS],
    }
    verbs = {
        "schemas": ["schemas"],
        "check": ["check"],
        "roles": ["roles"],
        "privileges": ["privileges", "--role", role],
    }
    scripts = {verb: _script(args.dsn, parts) for verb, parts in needs.items()}
    samples: dict[str, list[float]] = {}
    for _ in range(args.runs):  # interleaved: each command and its peer see the same load
        for verb, argv in verbs.items():
            samples.setdefault(f"{verb} python", []).append(_wall([sys.executable, "-c", "pass"]))
            psql_cmd = [psql, "-X", "-q", "-At", "-o", "/dev/null", "-f", str(scripts[verb])]
            samples.setdefault(f"{verb} psql", []).append(_wall([*psql_cmd, args.dsn]))
            cold = _wall([exe, *argv, "--dsn", args.dsn], cold_env)
            samples.setdefault(verb, []).append(cold)
            if resident_env:
                warm = _wall([exe, *argv, "--dsn", args.dsn], resident_env)
                samples.setdefault(f"{verb} resident", []).append(warm)
            if args.compare:
                other = _wall([args.compare, *argv, "--dsn", args.dsn])
                samples.setdefault(f"{verb} compared", []).append(other)
        if resident_env:
            for what, argv in (("version", ["--version"]), ("status", ["resident", "status"])):
                samples.setdefault(f"thin {what}", []).append(_wall([exe, *argv], resident_env))
                samples.setdefault(f"cold {what}", []).append(_wall([exe, *argv], cold_env))
    med = {k: statistics.median(v) for k, v in samples.items()}
    print(f"medians of {args.runs} runs, whole processes (ms); load {os.getloadavg()[0]:.1f}")
    figures: dict[str, float] = {}
    for verb in verbs:
        peer = med[f"{verb} psql"] + med[f"{verb} python"]
        ratio = med[verb] / peer
        print(
            f"  {verb:10s} schemadesk {med[verb]:7.0f}   psql {med[f'{verb} psql']:6.0f}"
            f" + python3 -c pass {med[f'{verb} python']:4.0f}   ratio {ratio:4.2f}"
        )
        figures[f"{verb}_ms"] = round(med[verb])
        figures[f"{verb}_peer_ms"] = round(peer)
        figures[f"{verb}_ratio"] = round(ratio, 2)
        if args.compare:
            other = med[f"{verb} compared"]
            print(f"  {'':10s} {args.compare}: {other:7.0f}   ratio {other / peer:4.2f}")
            figures[f"{verb}_compared_ms"] = round(other)
        if resident_env:
            warm = med[f"{verb} resident"]
            print(f"  {'':10s} through the resident: {warm:7.0f}   ratio {warm / peer:4.2f}")
            figures[f"{verb}_resident_ms"] = round(warm)
            figures[f"{verb}_resident_ratio"] = round(warm / peer, 2)
    if resident_env:
        for what in ("version", "status"):
            thin, cold = med[f"thin {what}"], med[f"cold {what}"]
            print(f"  {what:10s} through the resident {thin:5.0f}   in-process {cold:5.0f}")
            figures[f"thin_{what}_ms"], figures[f"cold_{what}_ms"] = round(thin), round(cold)
        figures["python_ms"] = round(statistics.median(samples["schemas python"]))
    if args.json:
        print(json.dumps({**figures, "load": round(os.getloadavg()[0], 2)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
