"""``schemadesk`` without a subcommand: the window, opened on what the options name.

The command line resolves the profile and the project; ``app.py`` (the window's composition
root) only receives them, so it never imports the command line back.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from schemadesk.cli.common import resolve_profile
from schemadesk.core.profiles import ConnectionProfile


def run_window(args: argparse.Namespace) -> int:
    """``schemadesk [--dsn|--profile] [--smoke-test]``: open the window."""
    profile: ConnectionProfile | None = None
    password: str | None = None
    if args.dsn or args.profile:
        profile, password = resolve_profile(args)
    project = None
    if getattr(args, "project", None):
        from schemadesk.core.migrations.project import load_project

        project = load_project(Path(args.project))
    from schemadesk.app import open_window  # Qt only now that the window is wanted

    return open_window(profile, password, project=project, smoke_test=args.smoke_test)
