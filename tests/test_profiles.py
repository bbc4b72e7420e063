"""Connection profiles: stored without passwords, libpq conninfo built by psycopg, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemadesk.core.errors import ConfigError, KeyringUnavailable
from schemadesk.core.passwords import load_password, store_password
from schemadesk.core.profiles import ConnectionProfile, ProfileStore
from schemadesk.core.session_settings import SessionSettings


def test_profiles_round_trip_through_the_config_file(isolated_dirs: Path) -> None:
    store = ProfileStore()
    profile = ConnectionProfile(
        name="prod", host="db.example.com", port=6432, dbname="game", user="dba",
        sslmode="verify-full", read_only=True, protected=True,
        session=SessionSettings(statement_timeout="15s"),
    )  # fmt: skip
    store.save(profile)
    store.save(ConnectionProfile(name="svc", service="game_ro"))
    assert store.path.is_relative_to(isolated_dirs / "config")
    assert store.load() == {
        "prod": profile,
        "svc": ConnectionProfile(name="svc", service="game_ro"),
    }
    store.delete("svc")
    assert list(store.load()) == ["prod"]


def test_a_password_never_reaches_the_profile_file(isolated_dirs: Path) -> None:
    with pytest.raises(ConfigError, match="holds a password"):
        ConnectionProfile(name="x", conninfo="host=h password=hunter2")
    profile, password = ConnectionProfile.from_dsn("postgresql://me:s3cr%40t@h:5433/db")
    assert password == "s3cr@t"
    # Named after what it reaches (navigation, audit log, reports), never after its password.
    assert profile.name == "me@h:5433/db"
    ProfileStore().save(profile)
    text = ProfileStore().path.read_text()
    assert "s3cr" not in text
    assert "5433" in text


def test_a_password_key_in_the_file_is_refused_with_its_name(isolated_dirs: Path) -> None:
    path = isolated_dirs / "config" / "profiles.toml"
    path.parent.mkdir(parents=True)
    path.write_text('[profiles.bad]\nhost = "h"\npassword = "x"\n')
    store = ProfileStore()
    assert store.load() == {}
    assert "profile 'bad' has a password key" in str(store.problems["bad"])
    with pytest.raises(ConfigError, match=r"profiles.toml: profile 'bad' has a password key"):
        store.get("bad")


def test_broken_toml_names_file_and_line(isolated_dirs: Path) -> None:
    path = isolated_dirs / "config" / "profiles.toml"
    path.parent.mkdir(parents=True)
    path.write_text('[profiles.a]\nhost = "h"\nport = \n')
    with pytest.raises(ConfigError, match=r"profiles\.toml: .*line 3"):
        ProfileStore().load()


def test_bad_session_duration_is_refused() -> None:
    with pytest.raises(ConfigError, match="statement_timeout"):
        SessionSettings(statement_timeout="five seconds")


def test_separate_fields_override_the_conninfo() -> None:
    profile = ConnectionProfile(name="x", conninfo="postgresql://a@h1/db1", host="h2", port=7000)
    info = profile.libpq_conninfo()
    assert "host=h2" in info
    assert "port=7000" in info
    assert "dbname=db1" in info
    assert profile.describe() == "a@h2:7000/db1"


def test_service_profiles_pass_the_service_to_libpq() -> None:
    assert ConnectionProfile(name="x", service="game").libpq_conninfo() == "service=game"


def test_keyring_stores_and_reads_a_password(memory_keyring: object) -> None:
    store_password("prod", "pw")
    assert load_password("prod") == "pw"


def test_without_a_keyring_backend_storing_says_so() -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    with pytest.raises(KeyringUnavailable, match="no OS keyring"):
        store_password("prod", "pw")
    assert load_password("prod") is None
