"""A regular expression compiled when first used.

The window's translation tables hold about seventy patterns for the English texts core writes;
compiled at import they cost some 50 ms of every start-up, though most are never needed in a
session.
"""

from __future__ import annotations

import re


class LazyPattern:
    """``re.compile(pattern, flags)``, deferred to the first match."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.compiled.fullmatch(text)

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)
