"""A workaround for PySide6 6.12.0 on CPython 3.11: void methods drop a reference to None.

Every call of a C++ method returning ``void`` (``setFormat``, ``setText``, ``update``, …)
hands Python ``None`` without a new reference, so ``None``'s reference count falls by one per
call until the interpreter aborts with "none_dealloc: deallocating None". Highlighting a
5,000-line file makes tens of thousands of such calls. CPython 3.12 made ``None`` immortal
(a reference count so high it never reaches zero); ``keep_none_alive`` does the same on 3.11,
once, and only when a probe shows the bug. It belongs in the composition root; the preview
calls it too so that it is safe wherever it is used.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtGui import QTextCharFormat

_PROBE_CALLS = 64
_HEADROOM = 1 << 40  # ~10^12 void calls; CPython 3.12's immortal count is of that order
_done = False


def void_calls_drop_none() -> bool:
    """True when a void PySide6 call takes a reference to None (PySide6 6.12.0, CPython 3.11)."""
    if sys.version_info >= (3, 12):  # None is immortal there
        return False
    fmt = QTextCharFormat()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        fmt.setFontItalic(False)
    return before - sys.getrefcount(None) >= _PROBE_CALLS * 3 // 4


def keep_none_alive() -> bool:
    """Give None enough references to outlive any number of buggy calls; True if it had to."""
    global _done  # noqa: PLW0603 - once per process, like the bug
    if _done:
        return False
    _done = True
    if not void_calls_drop_none():
        return False
    refcount = ctypes.c_ssize_t.from_address(id(None))
    refcount.value += _HEADROOM
    return True
