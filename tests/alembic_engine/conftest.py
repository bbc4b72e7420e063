"""Fixtures of the Alembic engine tests: the test repository, an open database, Alembic's CLI.

The folder is not called ``alembic``: ruff (``src = ["src", "tests"]``) would then take every
``import alembic`` in the repository for a first-party import.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from psycopg import conninfo as pg_conninfo

from schemadesk.core.alembic.config import AlembicModule
from schemadesk.core.migrations.project import Project, load_project
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway

DATA = Path(__file__).parent / "data"
INI = DATA / "repo" / "alembic.ini"


@dataclass
class Opened:
    """An open gateway and database on a fresh test database."""

    gateway: Gateway
    database: Database
    dsn: str


@pytest.fixture
def opened(db_dsn: str) -> Iterator[Opened]:
    with Gateway() as gateway:
        profile, _ = ConnectionProfile.from_dsn(db_dsn)
        database = gateway.open(profile).result()
        yield Opened(gateway, database, db_dsn)


@pytest.fixture
def project() -> Project:
    return load_project(DATA)


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A writable copy of the test project (repository included)."""
    target = tmp_path / "project"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def module_of(project: Project, name: str) -> AlembicModule:
    return next(m for m in project.alembic_modules if m.name == name)


def sqlalchemy_url(dsn: str) -> str:
    params = pg_conninfo.conninfo_to_dict(dsn)
    return (
        f"postgresql+psycopg://{params.get('user', 'postgres')}@/{params['dbname']}"
        f"?host={quote(str(params['host']))}&port={params['port']}"
    )


def alembic_cli(ini: Path, dsn: str, schema: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``alembic -c <ini> -x url=... -x schema=<schema> <args>``: Alembic's own command line."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "alembic",
            "-c",
            str(ini),
            "-x",
            f"url={sqlalchemy_url(dsn)}",
            "-x",
            f"schema={schema}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def revisions_in(output: str) -> set[str]:
    """The revision ids ``alembic current`` / ``alembic heads`` print (first word of a line)."""
    return {line.split()[0] for line in output.splitlines() if line.strip()}
