"""Counting the processes ``fork_spread`` forks (the pids of the children it started)."""

from __future__ import annotations

import os

import pytest

from schemadesk.cli import fork_spread


def forks_counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The list every child ``fork_spread`` forks from now on is appended to, by pid."""
    started: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            started.append(pid)
        return pid

    monkeypatch.setattr(fork_spread.os, "fork", fork)
    return started
