"""Reading schemadesk's TOML files (profiles, project, conventions) with errors that name the
file and the table, the same way everywhere."""

from __future__ import annotations

import tomllib
from collections.abc import Collection
from pathlib import Path
from typing import Any

from schemadesk.core.errors import ConfigError
from schemadesk.core.messages_config import say


def read_toml(path: Path) -> dict[str, Any] | None:
    """The parsed file; None when it does not exist. Unreadable or invalid: ``ConfigError``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ConfigError(say("toml-unreadable", path=str(path), reason=str(reason))) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(say("at", where=str(path), problem=str(exc))) from None


def checked_table(where: str, table: Any, keys: Collection[str]) -> dict[str, Any]:
    """``table`` when it is a table holding only ``keys``; ``ConfigError`` at ``where`` if not."""
    if not isinstance(table, dict):
        raise ConfigError(say("toml-not-table", where=where))
    unknown = set(table) - set(keys)
    if unknown:
        raise ConfigError(say("toml-unknown-keys", where=where, keys=", ".join(sorted(unknown))))
    return table
