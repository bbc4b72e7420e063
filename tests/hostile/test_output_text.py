"""The output sanitiser and the secrets mask on their own, and the command line's boundary
that applies both to every line it prints."""

from __future__ import annotations

import io
import json

import psycopg
import pytest
from psycopg import conninfo as pg_conninfo

from schemadesk.cli.output import SafeStream, dumps
from schemadesk.core.audit import MASK, redact_sql
from schemadesk.core.errors import ConfigError
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.core.secrets import mask_secrets
from schemadesk.core.terminal_text import first_control, visible, visible_line

SECRET = "SECRET"
ESCAPES = "DROP TABLE IF EXISTS public.victim; -- \x1b[1A\x1b[2K\x1b[1A\n"


def test_escape_sequences_are_shown_not_obeyed() -> None:
    shown = visible(ESCAPES)
    assert shown == "DROP TABLE IF EXISTS public.victim; -- \\x1b[1A\\x1b[2K\\x1b[1A\n"
    assert visible("a\x7fb\x9bc\x00d\x08e") == "a\\x7fb\\x9bc\\x00d\\x08e"
    # Newlines and tabs stay in multi-line text; a lone CR (overwrites the line) does not,
    # a Windows line end does.
    assert visible("a\tb\nc\r\nd\re") == "a\tb\nc\r\nd\\re"


def test_a_name_with_a_newline_stays_on_one_line() -> None:
    assert visible_line("002_x.sql\nDROP TABLE t;") == "002_x.sql\\nDROP TABLE t;"
    assert visible_line("a\tb\x1b") == "a\\tb\\x1b"
    assert visible_line("日本語 🚀") == "日本語 🚀"


def test_first_control_names_line_and_column() -> None:
    assert first_control("SELECT 1;\nSELECT 2; -- \x1b[2K\n") == (2, 14, "\\x1b")
    assert first_control("SELECT 1;\r\n\tSELECT 2;\n") is None


@pytest.mark.parametrize(
    "dsn",
    [
        "postgresql://u:SECRET%ZZ@host/db",
        "postgresql://u:SECRET@[::1/db",
        "postgresql://u:SE CRET@h/db",
        "host=h password=SEC RET",
        "host=h password=SEC RET junk",
    ],
)
def test_libpq_parse_errors_never_quote_the_password(dsn: str) -> None:
    with pytest.raises(psycopg.ProgrammingError) as raw:
        pg_conninfo.conninfo_to_dict(dsn)
    assert "SEC" in str(raw.value) or "RET" in str(raw.value)  # libpq does quote it back
    assert "SEC" not in mask_secrets(str(raw.value))
    assert "RET" not in mask_secrets(str(raw.value))
    with pytest.raises(ConfigError) as ours:
        ConnectionProfile.from_dsn(dsn)
    assert "SEC" not in str(ours.value)
    assert "RET" not in str(ours.value)
    assert "--dsn is not a valid conninfo or URI" in str(ours.value)


def test_a_profiles_bad_conninfo_is_masked_too() -> None:
    with pytest.raises(ConfigError) as exc:
        ConnectionProfile(name="p", conninfo="postgresql://u:SECRET%ZZ@h/db")
    assert "profile 'p': conninfo is not a valid conninfo" in str(exc.value)
    assert SECRET not in str(exc.value)


def test_one_mask_for_sql_conninfo_and_uris() -> None:
    text = (
        "CREATE ROLE a PASSWORD 'x''SECRET'; ALTER ROLE b PASSWORD E'SECRET';\n"
        "CREATE SERVER s OPTIONS (dsn 'host=h password=SECRET');\n"
        "-- postgresql://bob:SECRET@db/x\n"
        "SELECT password FROM users;\n"
    )
    masked = mask_secrets(text)
    assert SECRET not in masked
    assert masked.count(MASK) == 4
    assert "SELECT password FROM users;" in masked  # a column of that name stays
    assert redact_sql is mask_secrets  # the old name still imports


def test_the_boundary_stream_works_line_by_line() -> None:
    inner = io.StringIO()
    stream = SafeStream(inner)
    # A secret and an escape sequence split over writes are still seen whole.
    stream.write("CREATE ROLE a PASS")
    stream.write("WORD 'SECR")
    stream.write("ET'; -- \x1b")
    stream.write("[2K\nnext")
    assert inner.getvalue() == f"CREATE ROLE a PASSWORD '{MASK}'; -- \\x1b[2K\n"
    stream.flush()  # a prompt without a newline goes out on flush
    assert inner.getvalue().endswith("\nnext")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain\n",
        "CREATE ROLE a PASSWORD 'SECRET';\n-- \x1b[2K\n",
        "name\u202etxt\r\nnext\x9b\n",
        "a\nCREATE ROLE b PASSWORD 'SECRET'\n",
    ],
)
def test_text_shown_ahead_is_written_as_written_directly(text: str) -> None:
    """What a worker shows ahead (``check --jobs``) reaches the terminal as ``write`` would."""
    direct, ahead = io.StringIO(), io.StringIO()
    SafeStream(direct).write(text)
    stream = SafeStream(ahead)
    shown = stream.shown_ahead(text)
    assert shown is not None
    stream.write_shown(shown)
    assert ahead.getvalue() == direct.getvalue()
    assert SECRET not in ahead.getvalue()


def test_text_is_not_shown_ahead_of_an_unfinished_line() -> None:
    stream = SafeStream(io.StringIO())
    assert stream.shown_ahead("no line end") is None
    stream.write("PASS")
    assert stream.shown_ahead("WORD 'SECRET'\n") is None  # the secret spans both writes
    with pytest.raises(ValueError, match="unfinished line"):
        stream.write_shown("x\n")


def test_json_output_masks_and_escapes_but_stays_the_same_data() -> None:
    data = {"sql": "CREATE ROLE a PASSWORD 'SECRET';", "name": "a\x9bb\x7f\x1bc\nd"}
    text = dumps(data)
    assert SECRET not in text
    assert not any(0x7F <= ord(c) <= 0x9F or (ord(c) < 32 and c != "\n") for c in text)
    back = json.loads(text)
    assert back["name"] == data["name"]
    assert back["sql"] == f"CREATE ROLE a PASSWORD '{MASK}';"
