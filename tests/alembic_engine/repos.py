"""Alembic repositories as teams set them up, made in a temporary folder for each test.

Each starts from what ``alembic init`` writes (run as a subprocess: Alembic's own template,
unmodified) and changes only what the shape needs, the way its users do.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.alembic_engine.conftest import revisions_in

INIT_URL = "driver://user:pass@localhost/dbname"  # what `alembic init` writes into alembic.ini


def alembic_init(root: Path, template: str = "generic") -> Path:
    """``alembic init -t <template> migrations`` in ``root``; the alembic.ini it wrote."""
    root.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "alembic", "init", "-t", template, "migrations"],
        cwd=root,
        check=True,
        capture_output=True,
        timeout=60,
    )
    ini = root / "alembic.ini"
    assert INIT_URL in ini.read_text(encoding="utf-8")
    return ini


def env_py(root: Path) -> Path:
    return root / "migrations" / "env.py"


def edit(path: Path, *pairs: tuple[str, str]) -> None:
    """Replace each ``old`` (which must be there) by ``new``."""
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def seed_env(root: Path, schemas: dict[str, str]) -> None:
    """The seed's adaptation: ``SCHEMA_VERSION_TABLES`` and ``-x schema=<s>`` select the
    version table (no version_table_schema: it lands in the first schema on search_path)."""
    edit(
        env_py(root),
        (
            "target_metadata = None\n",
            "target_metadata = None\n\n"
            f"SCHEMA_VERSION_TABLES = {schemas!r}\n"
            'schema = context.get_x_argument(as_dictionary=True)["schema"]\n',
        ),
        (
            "        literal_binds=True,\n",
            "        literal_binds=True,\n        version_table=SCHEMA_VERSION_TABLES[schema],\n",
        ),
        (
            "            connection=connection, target_metadata=target_metadata\n",
            "            connection=connection, target_metadata=target_metadata,\n"
            "            version_table=SCHEMA_VERSION_TABLES[schema],\n",
        ),
    )


def url_from_environment(root: Path, variable: str = "DATABASE_URL") -> None:
    """env.py takes its URL from an environment variable, not from alembic.ini."""
    edit(
        env_py(root),
        (
            "from logging.config import fileConfig\n",
            "import os\nfrom logging.config import fileConfig\n",
        ),
        (
            '    url = config.get_main_option("sqlalchemy.url")\n',
            f'    url = os.environ["{variable}"]\n',
        ),
        (
            "    connectable = engine_from_config(\n"
            "        config.get_section(config.config_ini_section, {}),\n"
            '        prefix="sqlalchemy.",\n'
            "        poolclass=pool.NullPool,\n"
            "    )\n",
            "    from sqlalchemy import create_engine\n\n"
            f'    connectable = create_engine(os.environ["{variable}"], poolclass=pool.NullPool)\n',
        ),
    )


def url_fixed(root: Path, url: str) -> None:
    """env.py connects to a URL of its own (the app's settings, say), whatever schemadesk says."""
    edit(
        env_py(root),
        (
            "    connectable = engine_from_config(\n"
            "        config.get_section(config.config_ini_section, {}),\n"
            '        prefix="sqlalchemy.",\n'
            "        poolclass=pool.NullPool,\n"
            "    )\n",
            "    from sqlalchemy import create_engine\n\n"
            f"    connectable = create_engine({url!r}, poolclass=pool.NullPool)\n",
        ),
    )


def tenant_env(root: Path) -> None:
    """A schema-per-tenant env.py: the tenant from ``-x schema``, its objects and its
    ``alembic_version`` inside it (search_path), no branch labels."""
    edit(
        env_py(root),
        ("from sqlalchemy import pool\n", "from sqlalchemy import pool, text\n"),
        (
            "target_metadata = None\n",
            "target_metadata = None\n"
            'tenant = context.get_x_argument(as_dictionary=True)["schema"]\n',
        ),
        (
            "        literal_binds=True,\n",
            "        literal_binds=True,\n        version_table_schema=tenant,\n",
        ),
        (
            "    with connectable.connect() as connection:\n",
            "    with connectable.connect() as connection:\n"
            "        connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS \"{tenant}\"'))\n"
            "        connection.execute(text(f'SET search_path TO \"{tenant}\"'))\n"
            "        connection.commit()\n",
        ),
        (
            "            connection=connection, target_metadata=target_metadata\n",
            "            connection=connection, target_metadata=target_metadata,\n"
            "            version_table_schema=tenant,\n",
        ),
    )


def revision(
    root: Path,
    rev: str,
    down: str | None,
    upgrade: str,
    *,
    label: str | None = None,
) -> None:
    """A revision file as ``alembic revision`` writes it, with ``upgrade`` as its body."""
    labels = f"({label!r},)" if label else "None"
    body = textwrap.indent(textwrap.dedent(upgrade).strip(), "    ")
    (root / "migrations" / "versions" / f"{rev}_step.py").write_text(
        f'"""step {rev}\n\nRevision ID: {rev}\nRevises: {down or ""}\n"""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        f"revision = {rev!r}\ndown_revision = {down!r}\nbranch_labels = {labels}\n"
        "depends_on = None\n\n\n"
        f"def upgrade() -> None:\n{body}\n\n\n"
        "def downgrade() -> None:\n    pass\n",
        encoding="utf-8",
    )


def alembic_current(
    root: Path, url: str, schema: str, *, environment: dict[str, str] | None = None
) -> set[str]:
    """Alembic's own ``alembic current`` for one schema, from a copy of the repository's
    alembic.ini pointing at ``url`` (the test database has no password)."""
    ini = root / "alembic.ini"
    check = root / "alembic-current.ini"
    check.write_text(ini.read_text(encoding="utf-8").replace(INIT_URL, url), encoding="utf-8")
    env = {**os.environ, **(environment or {})}
    done = subprocess.run(
        [sys.executable, "-m", "alembic", "-c", str(check), "-x", f"schema={schema}", "current"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
        cwd=root,
    )
    assert done.returncode == 0, done.stderr
    return revisions_in(done.stdout)
