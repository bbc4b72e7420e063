"""``--run-as`` for the migration commands (apply, report): who the migrations run as.

The default is the schema's owner when the login may ``SET ROLE`` to it (what the migrations
create is then the owner's, as the conventions expect), else the login; the use case
(usecases/migrations.py) decides, for the window as for the command line.
"""

from __future__ import annotations

import argparse


def add_run_as_arg(parser: argparse.ArgumentParser) -> None:
    """Add ``--run-as owner|login|ROLE`` (default: the owner when the login may SET ROLE)."""
    parser.add_argument(
        "--run-as",
        metavar="owner|login|ROLE",
        default=None,
        help="run the migrations as the schema's owner, as the login or as ROLE (SET ROLE, "
        "shown in the SQL); default: the owner when the login may SET ROLE to it, else the login",
    )


def runs_as_line(role: str | None, login: str) -> str:
    """The line the confirmation prints about who runs the migrations."""
    if role:
        return f"runs as: {role} (SET ROLE {role}, from the login {login})"
    return f"runs as: the login {login}"
