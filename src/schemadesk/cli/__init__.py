"""The headless twin of the window: every action as a subcommand. Never imports Qt.

Each subcommand lives in its own module here and exposes ``register(subparsers)``; the module
list below is the only thing a new command adds to this file.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence

from schemadesk import __version__
from schemadesk.cli.common import add_connection_args, fail
from schemadesk.cli.output import Stopped, guarded_output, quiet_closed_stdout, stop_signals
from schemadesk.core.errors import ConfigError, SchemadeskError
from schemadesk.core.logs import configure_logging, log_path, one_line

log = logging.getLogger(__name__)

# Subcommand modules, in the order ``--help`` lists them.
COMMAND_MODULES = (
    "schemadesk.cli.schemas_cmd",
    "schemadesk.cli.show_cmd",
    "schemadesk.cli.access_cmd",
    "schemadesk.cli.demo_cmd",
    "schemadesk.cli.migrate_cmd",
    "schemadesk.cli.report_cmd",
    "schemadesk.cli.lint_cmd",
    "schemadesk.cli.rollout_cmd",
    "schemadesk.cli.diff_cmd",
    "schemadesk.cli.resident_cmd",
)

# The module registering a read-only subcommand run against large catalogs: given one of these,
# only its module is imported (every subcommand's module and engines: half a second of start).
COMMAND_HOMES = {
    "schemas": "schemadesk.cli.schemas_cmd",
    "roles": "schemadesk.cli.access_cmd",
    "privileges": "schemadesk.cli.access_cmd",
    "check": "schemadesk.cli.access_cmd",
    "resident": "schemadesk.cli.resident_cmd",  # not a catalog verb, but as light to parse
}

EXIT_CODES = """exit codes:
  0  success
  1  a database statement or action failed
  2  bad input (arguments, profile, project or migration file)
  3  cannot connect (server down, wrong password, missing database, TLS)
  4  a program is missing: PostgreSQL server binaries (demo), squawk (lint)
  5  refused: read-only profile, declined confirmation, or no terminal to confirm on;
     resident start: the socket folder is not private to this user
  6  check --fail-on, lint --fail-on or status --fail-on: a finding at least that severe, or
     a migration in a state named (pending, drifted, missing, blocked); diff: A and B differ
  7  the window cannot start: system libraries Qt needs are missing (it names the packages)
  130 interrupted (Ctrl-C, SIGTERM or SIGHUP): stopped between steps, the stop audited
A reader closing the output early (schemadesk status | head) ends the run quietly with 0.
"""


def build_parser(
    *, with_commands: bool = True, command: str | None = None
) -> argparse.ArgumentParser:
    """The full argument parser (window options at the top, subcommands below).

    ``with_commands=False`` gives the window's options alone: registering the subcommands
    imports their modules (and the engines behind them), which the window does not need;
    ``command`` (one of ``COMMAND_HOMES``) registers only the module of that subcommand.
    """
    parser = argparse.ArgumentParser(
        prog="schemadesk",
        description="PostgreSQL schemas, roles and migrations, one schema per service. "
        "Without a subcommand, opens the window.",
        epilog=f"{EXIT_CODES}\nlog: unexpected errors, with their traceback (passwords masked), "
        f"go to\n  {log_path()}\n(SCHEMADESK_DATA_DIR moves it, with the audit log)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"schemadesk {__version__}")
    add_connection_args(parser, top_level=True)
    parser.add_argument(
        "--project",
        metavar="FILE",
        help="the schemadesk.toml whose modules the window shows (migrations view)",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the window offscreen, wait for every view to load, print a JSON summary, exit",
    )
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    homes = (COMMAND_HOMES[command],) if command in COMMAND_HOMES else COMMAND_MODULES
    for name in homes:
        module = importlib.import_module(name)
        # A verb's home may register its own verbs alone (``register_reading``) and leave out
        # the engines of its neighbours; the full list (help, other verbs) registers them all.
        register = (
            module.register
            if homes is COMMAND_MODULES
            else module.__dict__.get("register_reading", module.register)
        )
        register(subparsers)
    return parser


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse ``argv``; only a subcommand (or ``--help``) pays for importing the subcommands.

    The window's own options are tried first; anything they leave over (a subcommand, or a
    mistake) goes to the full parser, which also gives argparse's usual errors.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    if not {"-h", "--help"} & set(argv):
        args, extras = build_parser(with_commands=False).parse_known_args(argv)
        if not extras:
            return args
        if extras[0] in COMMAND_HOMES:
            return build_parser(command=extras[0]).parse_args(argv)
    return build_parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``schemadesk`` command."""
    with guarded_output():
        args = parse_args(argv)
        configure_logging()
        if args.command is None:
            from schemadesk.cli.window import run_window  # Qt only when the window is wanted

            return _run_command(args, run=run_window)
        with stop_signals():
            code = _run_command(args)
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            quiet_closed_stdout()
        return code


def _run_command(
    args: argparse.Namespace, run: Callable[[argparse.Namespace], int] | None = None
) -> int:
    try:
        return int((run or args.run)(args))
    except SchemadeskError as exc:
        return fail(exc)
    except KeyboardInterrupt as exc:
        how = f" by {exc.args[0]}" if isinstance(exc, Stopped) else ""
        print(f"schemadesk: interrupted{how}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # A reader that stopped early (``| head``) has what it wanted: end quietly.
        quiet_closed_stdout()
        return 0
    except OSError as exc:
        # A file or folder the command had to read: bad input, named, never a traceback.
        if exc.filename is None:
            return _unexpected(args, exc)
        return fail(ConfigError(f"{exc.filename}: {exc.strerror or exc}"))
    except Exception as exc:
        return _unexpected(args, exc)


def _unexpected(args: argparse.Namespace, exc: Exception) -> int:
    """A bug: its stack goes to the log, one masked line to stderr."""
    log.error("unexpected error in %s", args.command or "the window", exc_info=exc)
    print(f"schemadesk: unexpected error: {one_line(exc)} (see {log_path()})", file=sys.stderr)
    return 1


def gui_main() -> int:
    """Entry point of ``schemadesk-gui`` (no console on Windows): same as ``schemadesk``."""
    return main(sys.argv[1:])
