"""``schemadesk resident start|stop|status``: the preloaded resident the command goes through.

A fresh Python process that imports psycopg spends ~130 ms before it sends a query; the
resident imports everything once and forks a child per command (``resident_server``). It is
opt-in (nothing starts it but ``start``), POSIX only, and serves only its own user and install.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
from typing import Any

from schemadesk import resident_link as link
from schemadesk.cli.common import print_json
from schemadesk.core.errors import ConfigError, SchemadeskError

BOOT = "from schemadesk.cli.resident_server import boot; boot()"


class ResidentRefused(SchemadeskError):
    """The socket folder is not private to this user: nothing is started there."""

    exit_code = 5


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "resident",
        help="a preloaded resident process the command goes through (POSIX): start, stop, status",
        description="Start, stop or ask about the resident: a process that has imported "
        "schemadesk once and forks a child per command, so a command does not pay ~150 ms of "
        "imports. Commands use it while it runs (SCHEMADESK_RESIDENT=0: never); it exits after "
        "--idle-minutes without a command, on stop, on SIGTERM, and when its files change.",
    )
    verbs = parser.add_subparsers(dest="resident_verb", metavar="VERB", required=True)
    start = verbs.add_parser("start", help="start the resident (returns once it answers)")
    start.add_argument(
        "--idle-minutes",
        type=_minutes,
        default=30.0,
        metavar="N",
        help="exit after N minutes without a command (default 30; fractions allowed)",
    )
    start.set_defaults(run=run_start)
    stop = verbs.add_parser("stop", help="stop the resident (commands running finish first)")
    stop.set_defaults(run=run_stop)
    status = verbs.add_parser("status", help="whether the resident runs, and why not")
    status.add_argument("--json", action="store_true", help="print JSON")
    status.set_defaults(run=run_status)


def _minutes(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def _posix_only() -> None:
    if os.name != "posix" or not hasattr(os, "fork"):
        raise ConfigError("the resident is POSIX only (it forks): commands run in-process here")


def run_start(args: argparse.Namespace) -> int:
    """Start a resident in a new session; 0 once it answers (or one already did)."""
    _posix_only()
    from schemadesk.cli.resident_server import prepare_folder

    folder = link.socket_path().parent
    try:
        prepare_folder(folder)
    except PermissionError as exc:
        raise ResidentRefused(f"not starting a resident: {exc}") from None
    with contextlib.suppress(OSError):
        answer = link.ask({"control": "status"})
        print(f"schemadesk: a resident already runs (pid {answer.get('pid')})")
        return 0
    flags = subprocess._args_from_interpreter_flags()  # type: ignore[attr-defined]
    boot = subprocess.Popen(
        [sys.executable, *flags, "-c", BOOT, str(args.idle_minutes * 60)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd="/",
        start_new_session=True,
    )
    assert boot.stdout is not None
    said = boot.stdout.readline().decode("utf-8", "replace").strip()
    boot.stdout.close()
    boot.wait()
    if not said.startswith("ready "):
        reason = said.removeprefix("error ").strip() or "it ended without a word"
        print(f"schemadesk: error: the resident did not start: {reason}", file=sys.stderr)
        return 1
    try:
        answer = link.ask({"control": "status"})
    except OSError as exc:
        print(f"schemadesk: error: the resident does not answer: {exc}", file=sys.stderr)
        return 1
    print(f"schemadesk: resident started (pid {answer['pid']}, {answer['socket']})")
    return 0


def run_stop(args: argparse.Namespace) -> int:
    """Ask the resident to stop; 0 whether one ran or not."""
    _posix_only()
    try:
        answer = link.ask({"control": "stop"})
    except OSError:
        print("schemadesk: no resident was running")
        return 0
    running = int(answer.get("running", 0))
    after = f" once {running} running command(s) end" if running > 1 else ""
    print(f"schemadesk: resident (pid {answer.get('pid')}) stopping{after}")
    return 0


def run_status(args: argparse.Namespace) -> int:
    """Whether a resident serves this install, and if not, why; 0 either way."""
    state = resident_state()
    if args.json:
        print_json(state)
        return 0
    if state["running"]:
        used = "" if state["used"] else f"; not used: {state['why']}"
        print(
            f"resident: running (pid {state['pid']}, since {state['since']}, "
            f"{state['served']} command(s) served, idle exit after {state['idle_minutes']:g} "
            f"min){used}\nsocket: {state['socket']}"
        )
    else:
        print(f"resident: not running: {state['why']}\nsocket: {state['socket']}")
    return 0


def resident_state() -> dict[str, Any]:
    """``running``, ``used`` and ``why`` (not), with the resident's own figures when it runs."""
    if os.name != "posix":
        return {"running": False, "used": False, "why": "POSIX only", "socket": None}
    path = link.socket_path()
    state: dict[str, Any] = {"running": False, "used": False, "socket": str(path)}
    try:
        answer = link.ask({"control": "status", "python": link.interpreter_state()})
    except OSError as exc:
        state["why"] = _why_not(path, exc)
        return state
    state.update(answer)
    if os.environ.get(link.RESIDENT_ENV, "") == "0":
        state["why"] = f"{link.RESIDENT_ENV}=0: commands run in-process"
    elif answer.get("stale"):
        state["running"] = False
        state["why"] = f"stale: {answer['stale']} changed since it started; it stops now"
    elif answer.get("same_interpreter") is False:
        state["why"] = "this interpreter's flags, -X/-W options or module path differ from its"
    else:
        state["used"], state["why"] = True, None
    return state


def _why_not(path: Any, exc: OSError) -> str:
    folder_problem = link.not_private(path.parent, folder=True)
    if path.parent.exists() and folder_problem:
        return f"the socket folder is not private: {folder_problem}"
    if not os.path.lexists(path):
        note = link.why_path()
        with contextlib.suppress(OSError):
            return f"it ended: {note.read_text(encoding='utf-8').strip()}"
        return "none started (schemadesk resident start)"
    if link.not_private(path, folder=False):
        return f"the socket is not private: {link.not_private(path, folder=False)}"
    return f"stale socket, nothing answers: {exc.strerror or exc}"
