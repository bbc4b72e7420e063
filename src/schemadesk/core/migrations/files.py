"""Migration files on disk as pgdbm finds them, with pgdbm's checksum and file problems."""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from schemadesk.core.migrations.models import FileProblem, MigrationFile, Severity

_NO_TRANSACTION = re.compile(r"^-- pgdbm:no-transaction(?=\s|$)", re.MULTILINE)
_POOLER_TOKENS = ("-pooler", "pgbouncer", "transaction-pool")


def checksum(content: str) -> str:
    """pgdbm's checksum: SHA-256 hex of the text with ``\\r\\n`` → ``\\n``, stripped."""
    return hashlib.sha256(content.replace("\r\n", "\n").strip().encode("utf-8")).hexdigest()


def decode(raw: bytes) -> str:
    """The text pgdbm reads (``Path.read_text(encoding="utf-8")``): universal newlines.

    Raises ``UnicodeDecodeError`` for bytes that are not UTF-8. A BOM is kept, as pgdbm keeps it.
    """
    text = raw.decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_no_transaction(content: str) -> bool:
    """True when a line starts with ``-- pgdbm:no-transaction`` (pgdbm's own test)."""
    # A multi-line "^" tries every offset: on a 50 MB file, the plain search first is 10x faster.
    return "-- pgdbm:no-transaction" in content and _NO_TRANSACTION.search(content) is not None


def looks_like_transaction_pooler(conninfo: str) -> bool:
    """pgdbm's guess that a DSN goes through a transaction pooler (PgBouncer, Neon ``-pooler``)."""
    lowered = conninfo.lower()
    return any(token in lowered for token in _POOLER_TOKENS)


def load_file(path: Path, raw: bytes | None = None) -> MigrationFile:
    """One migration file with its content, checksum and whole-file problems."""
    if raw is None:
        raw = path.read_bytes()
    problems: list[FileProblem] = []
    try:
        content: str | None = decode(raw)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            FileProblem(
                "not-utf8",
                Severity.ERROR,
                f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); pgdbm cannot "
                "read it",
                line,
                None,
            )
        )
        content = None
    digest = checksum(content) if content is not None else None
    if raw.startswith(codecs.BOM_UTF8):
        problems.append(
            FileProblem(
                "bom",
                Severity.ERROR,
                "starts with a UTF-8 byte order mark; pgdbm sends it to the server, which fails "
                "on it: save the file without BOM",
                1,
                1,
            )
        )
    if content is not None and (not content or content.isspace()):
        problems.append(FileProblem("empty", Severity.ERROR, "empty file; pgdbm refuses it"))
    return MigrationFile(
        filename=path.name,
        path=path,
        content=content,
        checksum=digest,
        no_transaction=content is not None and is_no_transaction(content),
        problems=tuple(problems),
    )


def discover(folder: Path) -> tuple[MigrationFile, ...]:
    """The ``*.sql`` files directly in ``folder``, dotfiles skipped, in plain text name order.

    ``10_x.sql`` comes before ``9_x.sql``, as in pgdbm. A missing folder has no files.
    """
    if not folder.is_dir():
        return ()
    paths = sorted(
        (p for p in folder.glob("*.sql") if p.is_file() and not p.name.startswith(".")),
        key=lambda p: p.name,
    )
    return tuple(load_file(p) for p in paths)
