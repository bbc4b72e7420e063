"""SSH settings without a server: ``--ssh`` parsing, the profile's [ssh] table, hostile input."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from schemadesk.cli.common import add_connection_args, resolve_profile
from schemadesk.core.errors import ConfigError
from schemadesk.core.profiles import ConnectionProfile, ProfileStore
from schemadesk.core.ssh import SshSettings, parse_ssh_target, settings_from_target


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bastion", ("", "bastion", None)),
        ("deploy@bastion", ("deploy", "bastion", None)),
        ("deploy@bastion:2222", ("deploy", "bastion", 2222)),
        ("bastion.example.com:22", ("", "bastion.example.com", 22)),
        ("ops@[::1]:2200", ("ops", "::1", 2200)),
        ("a@b@bastion", ("a@b", "bastion", None)),
    ],
)
def test_ssh_targets_are_read_like_openssh(
    text: str, expected: tuple[str, str, int | None]
) -> None:
    assert parse_ssh_target(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "@", "user@", "host:0", "host:65536", "host:ssh", "ho st", "host\n-oProxyCommand=x"],
)
def test_a_bad_ssh_target_is_a_config_error_naming_it(text: str) -> None:
    with pytest.raises(ConfigError, match="--ssh"):
        parse_ssh_target(text)


def test_ssh_settings_round_trip_through_profiles_toml_without_secrets(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "profiles.toml")
    ssh = SshSettings(
        host="bastion", port=2222, user="ops", identity_file="~/.ssh/k", use_agent=False,
        proxy_jump="jump1,me@jump2:22",
    )  # fmt: skip
    store.save(ConnectionProfile(name="p", host="db.internal", ssh=ssh))
    assert store.get("p").ssh == ssh
    text = store.path.read_text()
    assert "[profiles.p.ssh]" in text
    store.save(ConnectionProfile(name="q", host="h"))
    assert store.get("q").ssh is None
    assert "[profiles.q.ssh]" not in store.path.read_text()


@pytest.mark.parametrize(
    ("table", "reason"),
    [
        ('host = "b"\npassphrase = "x"', "secret"),
        ('host = "b"\nport = "22"', "port must be a int"),
        ('host = "b"\nforward_agent = true', "unknown key"),
        ('host = ""', "SSH host"),
        ('host = "b"\nproxy_jump = "j:99999"', "ProxyJump"),
    ],
)
def test_a_bad_ssh_table_spoils_only_its_profile(tmp_path: Path, table: str, reason: str) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text(f'[profiles.bad]\nhost = "h"\n[profiles.bad.ssh]\n{table}\n'
                    '[profiles.good]\nhost = "h"\n')  # fmt: skip
    store = ProfileStore(path)
    assert list(store.load()) == ["good"]
    with pytest.raises(ConfigError, match=reason) as caught:
        store.get("bad")
    assert str(path) in str(caught.value)
    assert "'bad'" in str(caught.value)


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_connection_args(parser, top_level=True)
    return parser.parse_args(list(argv))


def test_the_ssh_flags_add_a_tunnel_to_a_dsn_or_a_profile() -> None:
    profile, password = resolve_profile(
        _args("--dsn", "postgresql://u:pw@db.internal/app", "--ssh", "ops@bastion:2222",
              "--ssh-identity", "~/.ssh/k")
    )  # fmt: skip
    assert password == "pw"
    assert profile.ssh == settings_from_target("ops@bastion:2222", "~/.ssh/k")
    assert profile.tunnel_destination() == ("db.internal", 5432)
    assert profile.describe().endswith(" via ssh ops@bastion:2222")
    ProfileStore().save(ConnectionProfile(name="saved", host="db", ssh=SshSettings(host="b")))
    profile, _ = resolve_profile(_args("--profile", "saved", "--ssh-identity", "/k"))
    assert profile.ssh == SshSettings(host="b", identity_file="/k")
    with pytest.raises(ConfigError, match="--ssh-identity needs --ssh"):
        resolve_profile(_args("--dsn", "host=db", "--ssh-identity", "/k"))


def test_a_tunnel_needs_one_tcp_server_behind_it() -> None:
    ssh = SshSettings(host="b")
    assert ConnectionProfile(name="p", ssh=ssh).tunnel_destination() == ("localhost", 5432)
    for conninfo in ("host=/var/run/postgresql", "host=a,b", "host=a port=1,2"):
        with pytest.raises(ConfigError, match="one TCP host and port"):
            ConnectionProfile(name="p", conninfo=conninfo, ssh=ssh).tunnel_destination()
