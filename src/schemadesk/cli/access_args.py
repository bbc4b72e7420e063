"""Arguments shared by the access verbs (``check``, ``provision``, ``grant``, ``revoke``, ``move``).

Plain argparse, no engine: ``check`` registers them without importing the change-set machinery
of ``access_change_cmd`` (a tenth of a second of every start on a 10,000-schema catalog).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from schemadesk.core.errors import ConfigError

if TYPE_CHECKING:
    from schemadesk.core.access.convention_model import Convention


def add_change_args(parser: argparse.ArgumentParser) -> None:
    """``--yes``, ``--sql-only``, ``--run-as`` and ``--i-understand-public``."""
    group = parser.add_argument_group("applying")
    mode = group.add_mutually_exclusive_group()
    mode.add_argument("--yes", "-y", action="store_true", help="apply without asking")
    mode.add_argument("--sql-only", action="store_true", help="print the SQL, change nothing")
    group.add_argument(
        "--run-as",
        metavar="owner|login|ROLE",
        default="login",
        help="run the change as the schema's owner, as the login (default) or as ROLE "
        "(SET LOCAL ROLE, shown in the SQL)",
    )
    group.add_argument(
        "--i-understand-public",
        action="store_true",
        help="allow a change that revokes PUBLIC's access to schema public or changes its owner "
        "(it affects every other role)",
    )


def add_config_arg(parser: argparse.ArgumentParser) -> None:
    """``--config``: the schemadesk.toml whose ``[conventions]`` apply."""
    parser.add_argument(
        "--config",
        help="schemadesk.toml whose [conventions] table sets role names, rights and timeouts "
        "(default: ./schemadesk.toml when present)",
    )


def load_convention(args: argparse.Namespace) -> Convention:
    """``[conventions]`` of ``--config`` (must exist) or of ``./schemadesk.toml`` (may not)."""
    from schemadesk.core.access.convention_model import Convention

    if getattr(args, "config", None):
        path = Path(args.config)
        if not path.is_file():
            raise ConfigError(f"{path}: no such file")
        return Convention.from_toml(path)
    return Convention.from_toml(Path("schemadesk.toml"))
