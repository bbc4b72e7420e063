"""The demo database served for the start-up benchmarks (``schemadesk demo --serve``)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager


@contextmanager
def serving_demo(schemadesk: list[str], env: Mapping[str, str]) -> Iterator[str]:
    """Start ``<schemadesk> demo --serve`` and yield the conninfo it prints; stop it after."""
    server = subprocess.Popen(
        [*schemadesk, "demo", "--serve"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=dict(env),
    )
    try:
        assert server.stdout is not None
        dsn = server.stdout.readline().strip()
        if not dsn:
            raise SystemExit("schemadesk demo --serve printed no conninfo")
        yield dsn
    finally:
        server.terminate()
        server.wait(timeout=30)
