"""Keep the developer's own config, keyring and libpq environment out of every test."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    """A keyring that forgets everything when the test ends."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets an empty in-memory keyring, never the real one."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Config and data folders live in the test's temp dir; PG* variables are cleared."""
    monkeypatch.setenv("SCHEMADESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("SCHEMADESK_DATA_DIR", str(tmp_path / "data"))
    for name in list(os.environ):
        if name.startswith("PG"):
            monkeypatch.delenv(name)
    return tmp_path


@pytest.fixture(autouse=True)
def no_log_file_left_open() -> Iterator[None]:
    """A test that started the CLI or the window configured the log file in its own temp
    folder: close it, so the next test's records never land there."""
    yield
    logger = logging.getLogger("schemadesk")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
