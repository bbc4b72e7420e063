"""Finding PostgreSQL server binaries on Linux, macOS and Windows (pure: runs on any machine)."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemadesk.core.errors import PostgresNotFound
from schemadesk.core.pg_binaries import find_server_bindir


def _fs(files: set[str]) -> dict[str, object]:
    def glob(pattern: str) -> list[str]:
        import fnmatch

        dirs = {str(Path(f).parent) for f in files}
        return [d for d in dirs if fnmatch.fnmatch(d, pattern)]

    return {
        "which": lambda _name: None,
        "pg_config_bindir": lambda: None,
        "glob": glob,
        "is_file": lambda p: str(p) in files,
        "embedded_bindir": lambda: None,
    }


def test_override_wins_over_everything() -> None:
    files = {"/opt/pg/bin/initdb", "/opt/pg/bin/postgres", "/usr/lib/postgresql/16/bin/initdb",
             "/usr/lib/postgresql/16/bin/postgres"}  # fmt: skip
    found = find_server_bindir({"SCHEMADESK_PG_BINDIR": "/opt/pg/bin"}, "linux", **_fs(files))  # type: ignore[arg-type]
    assert found == Path("/opt/pg/bin")


def test_debian_picks_the_newest_major() -> None:
    files = {
        f"/usr/lib/postgresql/{v}/bin/{t}"
        for v in ("9.6", "15", "17")
        for t in ("initdb", "postgres")
    }
    assert find_server_bindir({}, "linux", **_fs(files)) == Path("/usr/lib/postgresql/17/bin")  # type: ignore[arg-type]


def test_macos_homebrew_and_postgres_app() -> None:
    files = {
        "/opt/homebrew/opt/postgresql@16/bin/initdb",
        "/opt/homebrew/opt/postgresql@16/bin/postgres",
    }
    assert find_server_bindir({}, "darwin", **_fs(files)) == Path(
        "/opt/homebrew/opt/postgresql@16/bin"
    )  # type: ignore[arg-type]
    app = {
        f"/Applications/Postgres.app/Contents/Versions/{v}/bin/{t}"
        for v in ("14", "17")
        for t in ("initdb", "postgres")
    }
    assert find_server_bindir({}, "darwin", **_fs(app)) == Path(
        "/Applications/Postgres.app/Contents/Versions/17/bin"
    )  # type: ignore[arg-type]


def test_windows_program_files_with_exe_suffix() -> None:
    root = r"C:\Program Files"
    files = {
        str(Path(root) / "PostgreSQL" / "17" / "bin" / t) for t in ("initdb.exe", "postgres.exe")
    }
    found = find_server_bindir({"ProgramFiles": root}, "win32", **_fs(files))  # type: ignore[arg-type]
    assert found == Path(root) / "PostgreSQL" / "17" / "bin"


def test_pg_config_comes_before_the_usual_folders() -> None:
    files = {"/custom/bin/initdb", "/custom/bin/postgres", "/usr/lib/postgresql/17/bin/initdb",
             "/usr/lib/postgresql/17/bin/postgres"}  # fmt: skip
    fs = _fs(files) | {"pg_config_bindir": lambda: "/custom/bin"}
    assert find_server_bindir({}, "linux", **fs) == Path("/custom/bin")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("platform", "hint"),
    [
        ("linux", "apt-get install postgresql"),
        ("darwin", "brew install"),
        ("win32", "EDB installer"),
    ],
)
def test_nothing_found_says_where_it_looked_and_how_to_install(platform: str, hint: str) -> None:
    with pytest.raises(PostgresNotFound, match="no PostgreSQL server binaries") as info:
        find_server_bindir({}, platform, **_fs(set()))  # type: ignore[arg-type]
    assert hint in str(info.value)


def test_pgserver_wheel_is_the_last_resort() -> None:
    files = {"/venv/site-packages/pgserver/pginstall/bin/initdb",
             "/venv/site-packages/pgserver/pginstall/bin/postgres"}  # fmt: skip
    fs = _fs(files) | {"embedded_bindir": lambda: "/venv/site-packages/pgserver/pginstall/bin"}
    found = find_server_bindir({}, "linux", **fs)  # type: ignore[arg-type]
    assert found == Path("/venv/site-packages/pgserver/pginstall/bin")
