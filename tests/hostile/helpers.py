"""Running the command line in-process and looking at what it printed."""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from schemadesk.cli import main

# What a terminal acts on: C0 but newline and tab, DEL, C1 (a CR is fine only before LF); and
# what reorders the text it shows: the bidi controls and marks, the line separators.
RAW_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
    "|\r(?!\n)"
)
DOCUMENTED_EXIT_CODES = {0, 1, 2, 3, 4, 5, 6, 130}


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def run(argv: Sequence[str], stdin: str = "") -> Run:
    """``schemadesk argv`` through its main, with stdout and stderr captured."""
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        _stdin(stdin),
    ):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse's own usage errors
            code = int(exc.code or 0)
    return Run(code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _stdin(text: str):  # type: ignore[no-untyped-def]
    import sys

    previous = sys.stdin
    sys.stdin = io.StringIO(text)
    try:
        yield
    finally:
        sys.stdin = previous


def assert_clean(result: Run, *secrets: str) -> None:
    """No traceback, a documented exit code, nothing a terminal acts on, no secret."""
    assert "Traceback" not in result.text, result.text
    assert result.code in DOCUMENTED_EXIT_CODES, (result.code, result.text)
    raw = RAW_CONTROL.search(result.text)
    assert raw is None, (raw, result.text)
    for secret in secrets:
        assert secret not in result.text, result.text
