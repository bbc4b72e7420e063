"""``schemadesk check`` on a large catalog: the schemas' findings made and said on every core.

After a 10,000-schema catalog is read, checking it, making the 50,000 fixes and saying them is
about two seconds of Python on one core. Schemas are checked independently, so the checked
schemas are cut into as many runs of consecutive schemas as there are cores (``--jobs``), each
said by its own process (``fork_spread``), and the texts are written in the schemas' order: the
output is byte for byte the one-process output (``tests/cli/test_check_parallel.py`` holds it).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from schemadesk.cli.check_json import NotPlain, records_chunks, write_array
from schemadesk.cli.check_print import (
    NO_FINDINGS,
    finding_record,
    finding_text,
    print_all,
    severities_exit,
)
from schemadesk.cli.fork_spread import spread, usable_cores
from schemadesk.cli.output import SafeStream
from schemadesk.core.long_lived import building_long_lived

if TYPE_CHECKING:
    from schemadesk.core.access.conventions import Convention
    from schemadesk.core.access.effective import RoleGraph
    from schemadesk.core.access.models import Catalog

# Below this many checked schemas one process is quicker: a schema's findings take ~0.2 ms to
# make and say, a fork and its result ~10-30 ms.
SPREAD_FROM = 1_000
MAX_JOBS = 32


@dataclass(frozen=True, slots=True)
class SaidRun:
    """One run of schemas' findings, said: the text (``check``'s, or JSON chunks) and tallies."""

    text: str
    shown: bool  # ``text`` as the output guard shows it (``SafeStream.shown_ahead``)
    chunks: list[str]
    count: int
    errors: int
    severities: frozenset[str]


def jobs_for(requested: int | None, schemas: int) -> int:
    """How many processes check ``schemas`` schemas: ``--jobs`` as given (at most one per
    schema), else one per core from ``SPREAD_FROM`` schemas on."""
    if requested is not None:
        return max(1, min(requested, schemas, MAX_JOBS))
    if schemas < SPREAD_FROM:
        return 1
    return min(usable_cores(), MAX_JOBS, schemas)


def runs_of(names: Sequence[str], jobs: int) -> list[list[str]]:
    """``names`` cut into ``jobs`` runs of consecutive names, as even as they go."""
    size, extra = divmod(len(names), jobs)
    runs, start = [], 0
    for index in range(jobs):
        end = start + size + (index < extra)
        runs.append(list(names[start:end]))
        start = end
    return [run for run in runs if run]


def print_check(
    catalog: Catalog,
    convention: Convention,
    graph: RoleGraph,
    names: Sequence[str],
    *,
    as_json: bool,
    jobs: int,
    fail_on: str | None,
) -> int:
    """Check ``names`` (schemas the convention applies to, in catalog order) over ``jobs``
    processes and print what one process would: text or JSON; the exit code ``--fail-on``
    asks for."""

    def say(run: list[str]) -> SaidRun:
        return _say_run(catalog, convention, graph, run, as_json=as_json)

    said = spread(runs_of(names, jobs), say, forked=jobs > 1)
    severities: set[str] = set()
    count = errors = 0
    chunks: list[str] = []
    try:
        for run in said:
            if run.shown:  # as it comes: the first run while others work
                cast(SafeStream, sys.stdout).write_shown(run.text)
            elif not as_json:
                sys.stdout.write(run.text)
            chunks += run.chunks
            count += run.count
            errors += run.errors
            severities |= run.severities
    except NotPlain:  # a record json.dumps must say its own way: the one-process path
        return _print_serial_json(catalog, convention, graph, names, fail_on)
    if as_json:
        write_array(chunks)
    elif count:
        print(f"{count} finding(s), {errors} error(s)")
    else:
        print(NO_FINDINGS)
    return severities_exit(fail_on, severities)


def _say_run(
    catalog: Catalog,
    convention: Convention,
    graph: RoleGraph,
    run: list[str],
    *,
    as_json: bool,
) -> SaidRun:
    from schemadesk.core.access.conventions import check_conventions

    findings = check_conventions(catalog, convention, run, graph)
    # Kept alive until said, as ``print_findings`` does: the collector would rescan them.
    with building_long_lived():
        if as_json:
            chunks = records_chunks([finding_record(f) for f in findings])
            text = ""
        else:
            chunks = []
            text = "".join([finding_text(f) for f in findings])
    # The output guard's work on a run's text (passwords masked, controls shown: ~70 ms of
    # 12 MB) done here, by the process that made it, not by the one writing every run.
    out = sys.stdout
    shown = out.shown_ahead(text) if isinstance(out, SafeStream) and not as_json else None
    return SaidRun(
        text if shown is None else shown,
        shown is not None,
        chunks,
        len(findings),
        sum(f.severity == "error" for f in findings),
        frozenset(f.severity for f in findings),
    )


def _print_serial_json(
    catalog: Catalog,
    convention: Convention,
    graph: RoleGraph,
    names: Sequence[str],
    fail_on: str | None,
) -> int:
    from schemadesk.core.access.conventions import check_conventions

    findings = check_conventions(catalog, convention, names, graph)
    return print_all(findings, as_json=True, fail_on=fail_on)
