"""Connection profiles: where to connect, how, and with which safety flags.

A profile never holds a password. Passwords come from the OS keyring, ``~/.pgpass`` or a prompt,
and are handed to the gateway at connect time only.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w
from psycopg import conninfo as pg_conninfo

from schemadesk.core.errors import ConfigError
from schemadesk.core.messages import Message, english, said
from schemadesk.core.messages_config import say
from schemadesk.core.messages_tools import say as say_tool
from schemadesk.core.secrets import conninfo_error, mask_secrets
from schemadesk.core.session_settings import SessionSettings
from schemadesk.core.ssh import SshSettings
from schemadesk.core.toml_file import read_toml

APP_NAME = "schemadesk"
_CONNECTION_KEYS = ("host", "port", "dbname", "user", "sslmode", "service")


@dataclass(frozen=True, slots=True)
class ConnectionProfile:
    """A named way to reach one database.

    Either the separate fields, a libpq ``conninfo`` string or URI, or a ``service`` name from
    ``pg_service.conf``; separate fields override what the conninfo says. Anything left out falls
    back to libpq's own defaults (``PG*`` variables, ``~/.pgpass``, the service file).
    """

    name: str
    host: str = ""
    port: int | None = None
    dbname: str = ""
    user: str = ""
    sslmode: str = ""
    service: str = ""
    conninfo: str = ""
    read_only: bool = False
    protected: bool = False
    session: SessionSettings = field(default_factory=SessionSettings)
    ssh: SshSettings | None = None  # reach the server through an SSH tunnel

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ConfigError(say("profile-no-name"))
        try:
            parsed = pg_conninfo.conninfo_to_dict(self.conninfo)
        except Exception as exc:  # psycopg raises ProgrammingError with libpq's reason
            what = Message("conninfo-of-profile", {"name": repr(self.name)})
            raise ConfigError(_conninfo_error(what, exc)) from None
        if "password" in parsed:
            raise ConfigError(say("profile-password-conninfo", name=repr(self.name)))

    def libpq_conninfo(self) -> str:
        """The conninfo string libpq receives (no password in it)."""
        overrides: dict[str, Any] = {
            key: getattr(self, key) for key in _CONNECTION_KEYS if getattr(self, key)
        }
        return pg_conninfo.make_conninfo(self.conninfo, **overrides)

    def describe(self) -> str:
        """``user@host:port/dbname`` as far as the profile states it, for titles and errors."""
        info = pg_conninfo.conninfo_to_dict(self.libpq_conninfo())
        if "service" in info and len(info) == 1:
            return f"service={info['service']}"
        user = info.get("user") or os.environ.get("PGUSER") or getpass.getuser()
        host = info.get("host") or os.environ.get("PGHOST", "local socket")
        port = info.get("port") or os.environ.get("PGPORT", "5432")
        dbname = info.get("dbname") or os.environ.get("PGDATABASE", user)
        who = f"{user}@" if user else ""
        via = f" via ssh {self.ssh.describe()}" if self.ssh else ""
        return f"{who}{host}:{port}/{dbname}{via}"

    def tunnel_destination(self) -> tuple[str, int]:
        """Host and port of the server as the SSH host sees them (default localhost:5432)."""
        info = pg_conninfo.conninfo_to_dict(self.libpq_conninfo())
        host = str(info.get("hostaddr") or info.get("host") or "localhost")
        port = str(info.get("port") or "5432")
        if "," in host or "," in port or host.startswith("/") or not port.isdigit():
            raise ConfigError(
                say("profile-ssh-host", name=repr(self.name), host=repr(host), port=repr(port))
            )
        return host, int(port)

    @classmethod
    def from_dsn(
        cls, dsn: str, *, name: str | None = None, read_only: bool = False
    ) -> tuple[ConnectionProfile, str | None]:
        """A throwaway profile for ``--dsn``, and the password the DSN carried (kept apart).

        Unnamed, it is called what it connects to (``user@host:port/dbname``): that is what
        the window's navigation, the audit log and review reports show for it.
        """
        try:
            parsed = pg_conninfo.conninfo_to_dict(dsn)
        except Exception as exc:
            raise ConfigError(_conninfo_error("--dsn", exc)) from None
        password = parsed.pop("password", None)
        clean = pg_conninfo.make_conninfo("", **parsed)
        profile = cls(name=name or "--dsn", conninfo=clean, read_only=read_only)
        if name is None:
            profile = replace(profile, name=profile.describe())
        return profile, (str(password) if password is not None else None)


def default_config_dir() -> Path:
    """The platform's config folder for schemadesk (``SCHEMADESK_CONFIG_DIR`` overrides it)."""
    override = os.environ.get("SCHEMADESK_CONFIG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_data_dir() -> Path:
    """The platform's data folder (audit log); ``SCHEMADESK_DATA_DIR`` overrides it."""
    override = os.environ.get("SCHEMADESK_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


class ProfileStore:
    """Profiles kept in ``profiles.toml`` under the config folder.

    A malformed profile spoils only itself: ``load`` leaves it out and says why in
    ``problems``, ``get`` of its name raises that reason, every other profile works, and
    saving another profile writes the malformed one back untouched.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_config_dir() / "profiles.toml"
        self.problems: dict[str, ConfigError] = {}
        self._unreadable: dict[str, Any] = {}

    def load(self) -> dict[str, ConnectionProfile]:
        """All well-formed stored profiles by name; an absent file means none."""
        self.problems, self._unreadable = {}, {}
        data = read_toml(self.path)
        if data is None:
            return {}
        profiles = data.get("profiles", {})
        if not isinstance(profiles, dict):
            raise ConfigError(say("profiles-not-table", path=str(self.path)))
        good: dict[str, ConnectionProfile] = {}
        for name, table in profiles.items():
            try:
                good[name] = _profile_from_table(self.path, name, table)
            except ConfigError as exc:
                self.problems[name] = exc
                self._unreadable[name] = table
        return good

    def get(self, name: str) -> ConnectionProfile:
        """One profile by name, or a ConfigError: why it is malformed, or the known names."""
        profiles = self.load()
        if name in self.problems:
            raise self.problems[name]
        if name not in profiles:
            known = ", ".join(sorted(profiles)) or "none"
            raise ConfigError(
                say("profile-unknown", name=repr(name), path=str(self.path), known=known)
            )
        return profiles[name]

    def save(self, profile: ConnectionProfile) -> None:
        """Add or replace one profile, keeping the others."""
        profiles = self.load()
        profiles[profile.name] = profile
        self._write(profiles)

    def delete(self, name: str) -> None:
        """Remove a profile; removing an unknown name is not an error."""
        profiles = self.load()
        broken = self._unreadable.pop(name, None) is not None
        if profiles.pop(name, None) is not None or broken:
            self._write(profiles)

    def rename(self, old: str, new: str) -> None:
        """Rename a profile (its keyring entry is the caller's to move)."""
        profiles = self.load()
        profile = profiles.pop(old)
        profiles[new] = replace(profile, name=new)
        self._write(profiles)

    def _write(self, profiles: Mapping[str, ConnectionProfile]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tables = {name: _profile_to_table(p) for name, p in profiles.items()}
        for name, table in self._unreadable.items():
            tables.setdefault(name, table)  # kept as the user wrote it, to be fixed by hand
        tables = dict(sorted(tables.items()))
        tmp = self.path.with_suffix(".toml.tmp")
        tmp.write_text(tomli_w.dumps({"profiles": tables}), encoding="utf-8")
        tmp.replace(self.path)  # atomic: a crash never leaves a half-written profile file


def _profile_to_table(profile: ConnectionProfile) -> dict[str, Any]:
    skip = ("name", "session", "ssh")
    table = {k: v for k, v in asdict(profile).items() if k not in skip and v}
    if profile.ssh is not None:
        table["ssh"] = profile.ssh.as_table()
    defaults = SessionSettings()
    session = {k: v for k, v in asdict(profile.session).items() if getattr(defaults, k) != v}
    if session:
        table["session"] = session
    return table


def _profile_from_table(path: Path, name: str, table: Any) -> ConnectionProfile:
    if not isinstance(table, dict):
        raise ConfigError(say("profile-not-table", path=str(path), name=name))
    if "password" in table:
        raise ConfigError(say("profile-password-key", path=str(path), name=repr(name)))
    allowed = {*_CONNECTION_KEYS, "conninfo", "read_only", "protected", "session", "ssh"}
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ConfigError(
            say("profile-unknown-keys", path=str(path), name=repr(name), keys=", ".join(unknown))
        )
    values = dict(table)
    session_table = values.pop("session", {})
    if "ssh" in values:
        try:
            values["ssh"] = SshSettings.from_table(values["ssh"])
        except ConfigError as exc:
            raise ConfigError(
                say("at", where=f"{path}: profile {name!r}", problem=str(exc))
            ) from None
    try:
        session = SessionSettings(**session_table)
    except TypeError as exc:
        where = f"{path}: profile {name!r}"
        raise ConfigError(say_tool("session-not-accepted", where=where, reason=str(exc))) from None
    except ConfigError as exc:
        raise ConfigError(say("at", where=f"{path}: profile {name!r}", problem=str(exc))) from None
    try:
        return ConnectionProfile(name=name, session=session, **values)
    except ConfigError as exc:
        raise ConfigError(say("at", where=str(path), problem=str(exc))) from None


def _conninfo_error(what: str | Message, exc: BaseException) -> str:
    """Why a conninfo is not valid, said (libpq's reason masked: it may quote the password
    back); as ``conninfo_error`` words it when masking reached into the name as well."""
    reason = mask_secrets(" ".join(str(exc).split()))
    plain = conninfo_error(what if isinstance(what, str) else english(what), exc)
    message = Message("conninfo-invalid", {"what": what, "reason": reason})
    # Remembered only when masking left the name alone: no unmasked text is kept, even here.
    return said(message) if english(message) == plain else plain
