"""Discovery, checksums and the no-transaction split, against pgdbm 0.5.0's own code."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pgdbm.migrations import AsyncMigrationManager, _split_sql_statements

from schemadesk.core.migrations.files import (
    checksum,
    discover,
    is_no_transaction,
    load_file,
    looks_like_transaction_pooler,
)
from schemadesk.core.migrations.split import count_statements, split_statements
from tests.migrations.helpers import DATA, write_folder


class _FakeDb:
    schema = None


def pgdbm_files(folder: Path) -> list[tuple[str, str]]:
    manager = AsyncMigrationManager(_FakeDb(), str(folder))  # type: ignore[arg-type]
    found = asyncio.run(manager.find_migration_files())
    return [(m.filename, m.checksum) for m in found]


def test_discovery_order_and_checksums_match_pgdbm() -> None:
    files = discover(DATA / "kitchen")
    assert [f.filename for f in files][:4] == [
        "00_base.sql",
        "10_name.sql",
        "1_log.sql",
        "2_functions.sql",
    ]
    assert [(f.filename, f.checksum) for f in files] == pgdbm_files(DATA / "kitchen")
    assert [f.filename for f in files if f.no_transaction] == ["4_concurrently.sql"]


def test_line_endings_and_whitespace_checksums_match_pgdbm(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "m",
        {
            "a.sql": b"SELECT 1;\r\nSELECT 2;\r\n",
            "b.sql": b"SELECT 1;\nSELECT 2;\n",
            "c.sql": b"\n\n  SELECT 1;\rSELECT 2;   \n\n",
            "d.sql": "SELECT 'caf\u00e9';\n".encode(),
            "e.sql": b"SELECT 1;\r\r\n",
            "sub.sql.bak": b"x",
        },
    )
    (folder / "nested").mkdir()
    (folder / "nested" / "z.sql").write_text("SELECT 1;")
    ours = discover(folder)
    assert [(f.filename, f.checksum) for f in ours] == pgdbm_files(folder)
    assert ours[0].checksum == ours[1].checksum  # \r\n and \n files are the same migration
    assert ours[0].content == "SELECT 1;\nSELECT 2;\n"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=60).filter(lambda b: b.strip()))
def test_checksum_of_any_utf8_bytes_matches_pgdbm(raw: bytes) -> None:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "x.sql"
        path.write_bytes(raw)
        expected = AsyncMigrationManager._calculate_checksum(
            None,  # type: ignore[arg-type]
            path.read_text(encoding="utf-8"),
        )
        assert load_file(path).checksum == expected


def test_file_problems(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "m",
        {
            "1_bom.sql": b"\xef\xbb\xbfSELECT 1;",
            "2_empty.sql": b"  \n\n",
            "3_latin1.sql": b"SELECT 1;\nSELECT 'caf\xe9';",
            "4_ok.sql": b"SELECT 1;",
        },
    )
    by_name = {f.filename: f for f in discover(folder)}
    assert [p.code for p in by_name["1_bom.sql"].problems] == ["bom"]
    assert [p.code for p in by_name["2_empty.sql"].problems] == ["empty"]
    latin = by_name["3_latin1.sql"]
    assert [(p.code, p.line) for p in latin.problems] == [("not-utf8", 2)]
    assert latin.checksum is None
    assert latin.has_errors
    assert not by_name["4_ok.sql"].problems
    # pgdbm keeps the BOM in the checksum; so do we.
    assert by_name["1_bom.sql"].checksum == checksum("\ufeffSELECT 1;")


def test_missing_folder_has_no_files(tmp_path: Path) -> None:
    assert discover(tmp_path / "nope") == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-- pgdbm:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);", True),
        ("SELECT 1;\n-- pgdbm:no-transaction", True),
        ("SELECT 1; -- pgdbm:no-transaction", False),
        ("--pgdbm:no-transaction", False),
        ("-- pgdbm:no-transactions", False),
        ("-- pgdbm:no-transaction please", True),
    ],
)
def test_no_transaction_marker_as_pgdbm(text: str, expected: bool) -> None:
    manager = AsyncMigrationManager(_FakeDb(), ".")  # type: ignore[arg-type]
    assert manager._requires_no_transaction(text) is expected
    assert is_no_transaction(text) is expected


def test_pooler_guess() -> None:
    assert looks_like_transaction_pooler("host=ep-cool-123-pooler.eu.aws.neon.tech dbname=x")
    assert looks_like_transaction_pooler("postgresql://u@pgbouncer.local/db")
    assert not looks_like_transaction_pooler("host=db.internal dbname=x")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=list("ab;'$-/*\n \"tg_1\u00e9"), max_size=80))
def test_split_matches_pgdbm(sql: str) -> None:
    ours = split_statements(sql)
    assert [s.text for s in ours] == _split_sql_statements(sql)
    assert count_statements(sql) == len(ours)
    for s in ours:
        assert sql[s.offset : s.offset + len(s.text)] == s.text


def test_split_of_the_no_transaction_data_file() -> None:
    text = (DATA / "kitchen" / "4_concurrently.sql").read_text()
    assert [s.text for s in split_statements(text)] == _split_sql_statements(text)
    assert len(split_statements(text)) == 3
