"""Random bytes, file names and identifiers through render, status, plan and provision
--sql-only: never a traceback, always a documented exit code, nothing a terminal would act on,
never a password."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.helpers import assert_clean, run

pytestmark = pytest.mark.db

SECRET = "Pr0p-S3cret"
ROLE_WITH_PASSWORD = f"\nCREATE ROLE r LOGIN PASSWORD '{SECRET}';\n".encode()
# Anything a shell can pass: no NUL (argv cannot hold it), no lone surrogates.
_CHARS = st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))
# Control characters, quotes and escapes are what this is about: draw them often.
_HOSTILE = st.sampled_from(["\x1b[2K", "\n", "\r", "\t", "\x9b", "\x7f", '"', "'", ";", "\\"])
_TEXT = st.lists(st.one_of(_HOSTILE, st.text(_CHARS, max_size=8)), max_size=8).map("".join)

# Half raw bytes (mostly not UTF-8: pgdbm refuses them), half text that renders and plans.
contents = st.tuples(
    st.one_of(st.binary(max_size=200), _TEXT.map(lambda t: t.encode())), st.booleans(), _TEXT
).map(lambda t: t[0] + (ROLE_WITH_PASSWORD if t[1] else b"") + t[2].encode())
file_names = _TEXT.map(lambda s: s.replace("/", "_") + ".sql").filter(
    lambda s: len(s.encode()) < 200
)
identifiers = st.one_of(
    _TEXT.filter(bool),
    st.sampled_from(["public", "information_schema", "pg_toast", "app", "x" * 64, "日" * 22]),
)
dsns = st.sampled_from(
    [
        "{dsn} password=" + SECRET,
        "postgresql://u:" + SECRET + "%ZZ@h/db",
        "host=h password=" + SECRET + " x",
    ]
)


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(content=contents, name=file_names, ident=identifiers, dsn=dsns)
def test_hostile_input_never_escapes_or_leaks(
    db_dsn: str, tmp_path: Path, *, content: bytes, name: str, ident: str, dsn: str
) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path)) / "m"
    folder.mkdir()
    path = folder / name
    try:
        path.write_bytes(content)
    except OSError:  # a name this file system refuses (too long in bytes): nothing to test
        return
    dsn = dsn.format(dsn=db_dsn)
    for argv in (
        ["render", str(path), "--schema", ident],
        ["render", str(path), "--json"],
        ["status", "--dsn", dsn, "--migrations", str(folder), "--schema", ident],
        ["plan", "--dsn", dsn, "--migrations", str(folder), "--schema", "app"],
        ["plan", "--dsn", dsn, "--migrations", str(folder), "--schema", "app", "--json"],
        ["provision", ident, "--sql-only", "--dsn", dsn],
    ):
        result = run(argv)
        assert_clean(result, SECRET)
