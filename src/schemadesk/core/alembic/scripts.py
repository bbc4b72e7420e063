"""The script side, through Alembic's own ``ScriptDirectory`` (imported lazily: a fast start).
Reading a script directory imports its revision files; nothing here connects to a database."""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import logging
import os
import re
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from schemadesk.core.alembic.config import AlembicModule, resolve_branch
from schemadesk.core.alembic.errors import AlembicUnavailable
from schemadesk.core.alembic.models import AlembicRevision, ApplyStep, ScriptState
from schemadesk.core.errors import ConfigError
from schemadesk.core.messages_alembic import say
from schemadesk.core.messages_config import say as say_error
from schemadesk.core.messages_tools import say as say_tool

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import Script, ScriptDirectory

# What a revision file runs to create a schema: op.execute("CREATE SCHEMA ..."), or
# op.execute(CreateSchema("x")) / sa.schema.CreateSchema("x", if_not_exists=True).
_CREATE_SCHEMA = re.compile(
    r"""CREATE\s+SCHEMA\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:"([^"]+)"|([A-Za-z_][A-Za-z0-9_$]*))""",
    re.IGNORECASE,
)
_CREATE_SCHEMA_CONSTRUCT = re.compile(r"""CreateSchema\(\s*["']([^"']+)["']""")

# Alembic installs the running EnvironmentContext in module-level proxies (``alembic.context``,
# ``alembic.op``): two commands in two threads at once would talk to each other's context.
# Every run of env.py (offline preview, upgrade) holds this lock.
ENV_LOCK = threading.Lock()


@contextlib.contextmanager
def running_env() -> Iterator[None]:
    """Hold ``ENV_LOCK`` while env.py runs, and give the application its logging back after:
    ``alembic init``'s env.py calls ``fileConfig(alembic.ini)``, which replaces the root
    handlers and disables every logger that existed before."""
    with ENV_LOCK:
        manager = logging.root.manager
        before = {
            name: (lg.disabled, lg.level, list(lg.handlers), lg.propagate)
            for name, lg in manager.loggerDict.items()
            if isinstance(lg, logging.Logger)
        }
        root = (logging.root.level, list(logging.root.handlers))
        try:
            yield
        finally:
            logging.root.setLevel(root[0])
            logging.root.handlers[:] = root[1]
            for name, lg in list(manager.loggerDict.items()):
                if not isinstance(lg, logging.Logger):
                    continue
                if name in before:
                    lg.disabled, lg.level, handlers, lg.propagate = before[name]
                    lg.handlers[:] = handlers
                else:  # created by env.py's logging configuration: make it harmless
                    lg.handlers.clear()
                    lg.setLevel(logging.NOTSET)
                    lg.propagate = True
                    lg.disabled = False


class ConnectedOffline(ConfigError):
    """env.py tried to open a connection while Alembic ran offline (a preview)."""


@contextlib.contextmanager
def no_connections() -> Iterator[None]:
    """Refuse, before the driver connects, every SQLAlchemy connection this thread opens:
    a preview runs env.py offline and must reach no database at all."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    thread = threading.get_ident()

    def refuse(dialect: Any, _record: Any, _cargs: Any, cparams: Any) -> None:
        if threading.get_ident() == thread:
            raise ConnectedOffline(say_tool("alembic-connected-offline"))

    event.listen(Engine, "do_connect", refuse)
    try:
        yield
    finally:
        event.remove(Engine, "do_connect", refuse)


def alembic_available() -> bool:
    """True when Alembic and SQLAlchemy can be imported."""
    return all(importlib.util.find_spec(name) is not None for name in ("alembic", "sqlalchemy"))


def require_alembic() -> None:
    """Raise ``AlembicUnavailable`` (which says what to install) unless Alembic is there."""
    missing = [n for n in ("alembic", "sqlalchemy") if importlib.util.find_spec(n) is None]
    if missing:
        raise AlembicUnavailable(missing)


def make_config(
    module: AlembicModule,
    *,
    output_buffer: TextIO | None = None,
    stdout: TextIO | None = None,
    extra_x: Sequence[str] = (),
) -> Config:
    """Alembic's ``Config`` for the module, with ``-x schema=<schema>`` as on the command line.

    ``config.attributes["configure_logger"] = False`` asks env.py (if it honours it, as the
    demo's does) to leave the application's logging alone.
    """
    require_alembic()
    from alembic.config import Config

    if module.config is None:
        raise ConfigError(say("database-only", module=repr(module.name)))
    if not module.config.is_file():
        raise ConfigError(
            say("config-not-found", module=repr(module.name), path=str(module.config))
        )
    options: dict[str, Any] = {
        "cmd_opts": argparse.Namespace(x=[*module.x_arguments, *extra_x]),
    }
    if output_buffer is not None:
        options["output_buffer"] = output_buffer
    if stdout is not None:
        options["stdout"] = stdout
    if module.config.suffix == ".toml":
        cfg = Config(toml_file=str(module.config), **options)
    else:
        cfg = Config(str(module.config), **options)
    cfg.attributes["configure_logger"] = False
    return cfg


@contextlib.contextmanager
def exported(name: str | None, value: str) -> Iterator[None]:
    """``os.environ[name] = value`` for the block only (no child process is started meanwhile);
    what was there before comes back."""
    if not name:
        yield
        return
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


_READ_ONCE = threading.local()


@contextlib.contextmanager
def scripts_read_once() -> Iterator[None]:
    """Within the block (one thread), each configuration's script directory is read once:
    a chain applied to 1,000 tenants is one repository, not 1,000 imports of its files."""
    _READ_ONCE.found = {}
    try:
        yield
    finally:
        del _READ_ONCE.found


def script_directory(module: AlembicModule) -> ScriptDirectory:
    """``ScriptDirectory.from_config`` of the module's configuration."""
    from alembic.script import ScriptDirectory

    found: dict[Path, ScriptDirectory] | None = getattr(_READ_ONCE, "found", None)
    if found is not None and module.config in found:
        return found[module.config]
    try:
        script = ScriptDirectory.from_config(make_config(module))
    finally:
        dedupe_sys_path()
    if found is not None and module.config is not None:
        found[module.config] = script
    return script


def declared_labels(module: AlembicModule) -> frozenset[str]:
    """Every branch label the module's script directory declares."""
    script = script_directory(module)
    return frozenset(label for s in script.walk_revisions() for label in s.branch_labels)


def resolve_auto(module: AlembicModule) -> AlembicModule:
    """An ``auto`` module made definite: the schema's branch label if declared, else the chain.

    Unreadable scripts leave it a chain: its status then says why the scripts cannot be read.
    """
    if not module.auto:
        return module
    try:
        labels = declared_labels(module)
    except Exception:
        labels = frozenset()
    return resolve_branch(module, labels)


def dedupe_sys_path() -> None:
    """Drop repeated ``sys.path`` entries: every ``from_config`` prepends ``prepend_sys_path``
    again, and the window reads the scripts on every refresh."""
    sys.path[:] = list(dict.fromkeys(sys.path))


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _revision(script: Script) -> AlembicRevision:
    declared = getattr(script.module, "branch_labels", None)
    return AlembicRevision(
        revision=script.revision,
        down_revisions=_tuple(script.down_revision),
        branch_labels=_tuple(declared),
        depends_on=_tuple(script.dependencies),
        message=(script.doc or "").strip(),
        path=Path(script.path),
    )


def _own_line(by_id: dict[str, AlembicRevision], head: str) -> frozenset[str]:
    """The head and everything below it along down revisions (not ``depends_on``)."""
    found: set[str] = set()
    todo = [head]
    while todo:
        current = todo.pop()
        if current in found or current not in by_id:
            continue
        found.add(current)
        todo.extend(by_id[current].down_revisions)
    return frozenset(found)


def read_scripts(module: AlembicModule, heads: Sequence[str]) -> ScriptState:
    """The script directory against the version table's ``heads``.

    Pending is what ``<branch>@head`` would run:
    ``iterate_revisions("<branch>@head", heads or "base", inclusive=False, implicit_base=True)``
    reversed. Raises ``AlembicUnavailable``, ``ConfigError`` (no configuration file, no such
    branch label) and Alembic's own errors for a broken script directory.
    """
    script = script_directory(module)
    from alembic.util import CommandError

    ordered = [_revision(s) for s in script.walk_revisions("base", "heads")]
    ordered.reverse()  # base first
    by_id = {r.revision: r for r in ordered}
    known = tuple(h for h in heads if h in by_id)
    unknown = tuple(h for h in heads if h not in by_id)
    target = module.head_target
    try:
        head = script.get_revision(target)
        lineage = [r.revision for r in script.iterate_revisions(target, "base")]
    except CommandError as exc:  # ResolutionError, MultipleHeads, ... are CommandErrors
        raise ConfigError(
            say_error("alembic-resolve", module=repr(module.name), target=target, error=str(exc))
        ) from None
    if head is None:
        raise ConfigError(say("names-no-revision", module=repr(module.name), target=target))
    lineage.reverse()
    applied: list[str] = []
    if known:
        applied = [r.revision for r in script.iterate_revisions(known, "base")]
        applied.reverse()
    try:
        upgrade = script.iterate_revisions(
            target, known or "base", inclusive=False, implicit_base=True
        )
        pending = [r.revision for r in upgrade]
        pending.reverse()
    except CommandError:
        # Heads Alembic cannot start from (another branch's revisions in this table):
        # what the branch still lacks, in its order.
        done = set(applied)
        pending = [r for r in lineage if r not in done]
    lineage_set = set(lineage)
    own = _own_line(by_id, head.revision)
    steps = _steps(script, module, pending, own=own, done=set(applied), by_id=by_id)
    return ScriptState(
        revisions=tuple(ordered),
        script_heads=tuple(script.get_heads()),
        lineage=tuple(lineage),
        own=own,
        applied=tuple(applied),
        pending=tuple(pending),
        unknown=unknown,
        foreign=tuple(h for h in known if h not in lineage_set),
        steps=steps,
        current=tuple(sorted(r.revision for r in script.get_all_current(known))),
    )


def _steps(
    script: ScriptDirectory,
    module: AlembicModule,
    pending: Sequence[str],
    *,
    own: frozenset[str],
    done: set[str],
    by_id: dict[str, AlembicRevision],
) -> tuple[ApplyStep, ...]:
    """One upgrade per pending revision of the own line; the last one to ``<branch>@head``.

    What an upgrade to ``r`` runs: every ancestor of ``r`` (``depends_on`` included) not run
    yet, in Alembic's order.
    """
    targets = [r for r in pending if r in own]
    found: list[ApplyStep] = []
    for i, revision in enumerate(targets):
        if revision in done:
            continue
        needed = [r.revision for r in script.iterate_revisions(revision, "base")]
        needed.reverse()
        runs = tuple(r for r in needed if r not in done)
        done.update(runs)
        last = i == len(targets) - 1
        found.append(
            ApplyStep(
                revision=revision,
                target=module.head_target if last else revision,
                runs=runs,
                filename=by_id[revision].filename,
            )
        )
    return tuple(found)


def created_schemas(path: Path) -> tuple[str, ...]:
    """Schemas a revision file creates (``CREATE SCHEMA [IF NOT EXISTS] x``, ``CreateSchema``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ()
    names = [m.group(1) or m.group(2) for m in _CREATE_SCHEMA.finditer(text)]
    names += [m.group(1) for m in _CREATE_SCHEMA_CONSTRUCT.finditer(text)]
    return tuple(dict.fromkeys(names))


def label_revisions(
    module: AlembicModule, revisions: Iterable[AlembicRevision]
) -> tuple[AlembicRevision, ...]:
    """The revisions that declare the module's branch label (normally its first one)."""
    return tuple(r for r in revisions if module.branch in r.branch_labels)


def pairing_problem(module: AlembicModule, scripts: ScriptState) -> str | None:
    """Why the branch label and the schema do not belong together, or None when they do.

    Alembic takes ``-x schema`` and the branch label independently; a wrong pair runs one
    schema's DDL and records it in another's version table. Accepted: the revision declaring
    the label creates the schema, or it creates no schema and the project file pairs them (or
    the label is the schema's name). Refused: it creates other schemas and not this one, or
    nothing says they belong together.
    """
    if module.branch is None:
        return None  # one chain for every schema: no label to pair
    declaring = label_revisions(module, scripts.revisions)
    if not declaring:
        return say("no-branch-label", module=repr(module.name), branch=repr(module.branch))
    created = {name for r in declaring for name in created_schemas(r.path)}
    files = ", ".join(r.filename for r in declaring)
    if created and module.schema not in created:
        others = ", ".join(sorted(created))
        return say(
            "branch-other-schema",
            branch=repr(module.branch),
            schema=repr(module.schema),
            files=files,
            others=others,
            bare=module.schema,
            table=f"{module.version_table_schema}.{module.version_table}",
        )
    if not created and not (module.paired or module.branch == module.schema):
        return say(
            "branch-unpaired", branch=repr(module.branch), schema=repr(module.schema), files=files
        )
    return None
