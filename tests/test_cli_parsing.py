"""Command-line parsing: window options stay cheap; subcommands and mistakes parse as before."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from schemadesk.cli import parse_args


def test_window_options_parse_without_importing_the_subcommands() -> None:
    """Opening the window must not pay for the engines behind every subcommand (start-up time)."""
    script = textwrap.dedent(
        """        import json, sys
        from schemadesk.cli import COMMAND_MODULES, parse_args
        args = parse_args(["--dsn", "host=db dbname=app", "--read-only", "--smoke-test"])
        print(json.dumps({
            "command": args.command, "dsn": args.dsn, "smoke": args.smoke_test,
            "loaded": [m for m in COMMAND_MODULES if m in sys.modules],
        }))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    report = json.loads(result.stdout.splitlines()[-1])
    assert report == {"command": None, "dsn": "host=db dbname=app", "smoke": True, "loaded": []}


def test_a_subcommand_after_window_options_still_runs() -> None:
    args = parse_args(["--dsn", "host=db", "schemas", "--json"])
    assert (args.command, args.dsn, args.json) == ("schemas", "host=db", True)


def test_a_mistyped_subcommand_gets_argparse_choices(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        parse_args(["scheams"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'scheams'" in capsys.readouterr().err


def test_help_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse_args(["--help"])
    out = capsys.readouterr().out
    names = ("schemas", "roles", "demo", "apply", "report", "audit")
    assert all(name in out for name in names), out
