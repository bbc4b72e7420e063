"""How ``schemadesk check`` prints its findings: facts on escaped lines, then each fix's SQL,
and the exit code ``--fail-on`` asks for."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from schemadesk.cli.check_json import print_records
from schemadesk.core.access.change_model import ChangeSet
from schemadesk.core.long_lived import building_long_lived
from schemadesk.core.terminal_text import visible_line

if TYPE_CHECKING:
    from schemadesk.core.access.conventions import Finding
    from schemadesk.core.access.models import Catalog

SEVERITIES = ("error", "warning", "info")  # most severe first
EXIT_FINDINGS = 6  # check --fail-on: a finding at least that severe


def print_findings(findings: Sequence[Finding]) -> None:
    """Every finding with its fix SQL, then the count line."""
    # Written a few hundred findings at a time: 50,000 findings printed line by line spent
    # seconds in the output guard's per-write work (the same text either way). Their fix SQL is
    # made here, hundreds of thousands of small objects: with the collector running, its passes
    # over the findings made so far were half of the time.
    with building_long_lived():
        chunk: list[str] = []
        for f in findings:
            chunk.append(finding_text(f))
            if len(chunk) >= 256:
                sys.stdout.write("".join(chunk))
                chunk.clear()
        sys.stdout.write("".join(chunk))
    errors = sum(f.severity == "error" for f in findings)
    print(f"{len(findings)} finding(s), {errors} error(s)")


NO_FINDINGS = "no findings: every checked schema follows the convention"


def print_all(findings: Sequence[Finding], *, as_json: bool, fail_on: str | None) -> int:
    """The findings as ``check`` prints them from one process (text or ``--json``), and the
    exit code ``--fail-on`` asks for."""
    if as_json:
        with building_long_lived():  # as print_findings: the collector would rescan them
            records = [finding_record(f) for f in findings]
        print_records(records)
        return check_exit(fail_on, findings)
    if not findings:
        print(NO_FINDINGS)
        return 0
    print_findings(findings)
    return check_exit(fail_on, findings)


def finding_record(f: Finding) -> dict[str, object]:
    """A finding as ``check --json`` prints it: its record and its fix's SQL."""
    return {**f.as_record(), "fix": fix_sql(f)}


def finding_text(f: Finding) -> str:
    """One finding as ``check`` prints it: facts on escaped lines, then its fix SQL."""
    title, explanation = f.texts  # said once (a finding says its English when read)
    head = f"{f.severity}: {f.schema or '(cluster)'}: {title} [{f.code}]"
    shown = f.objects[:10]
    facts = head + "".join(shown)
    # One look at all the one-line facts together: escaping leaves them as they are unless
    # one holds a control character (50,000 findings: 160,000 regex passes down to 50,000).
    if visible_line(facts) == facts:
        lines = [head, f"  {explanation}", *(f"  - {obj}" for obj in shown)]
    else:
        lines = [
            visible_line(head),
            f"  {explanation}",
            *(visible_line(f"  - {obj}") for obj in shown),
        ]
    if len(f.objects) > 10:
        lines.append(f"  - ... and {len(f.objects) - 10} more")
    # Unindented: a quoted name may hold a newline, and the SQL must stay exact.
    lines.append("  fix:")
    return "\n".join(lines) + "\n" + fix_sql(f)


def fix_sql(f: Finding) -> str:
    """The fix SQL, its change set let go once printed (``f.fix`` keeps it: 50,000 at 10k)."""
    fix = f.fix_of
    return (fix if isinstance(fix, ChangeSet) else fix()).render()


def say_not_checked(catalog: Catalog, named: Sequence[str]) -> None:
    """A schema named on the command line that is never checked says why (on stderr)."""
    for name in named:
        entry = catalog.schema(name)
        if entry is not None and entry.extension is not None:
            print(
                f"schema {name} belongs to extension {entry.extension}: not checked "
                "(the extension manages its owner and rights)",
                file=sys.stderr,
            )
        elif entry is not None and entry.is_system:
            print(f"schema {name} is a system schema: not checked", file=sys.stderr)


def check_exit(fail_on: str | None, findings: Sequence[Finding]) -> int:
    """``--fail-on``: 6 when a finding is at least that severe, for CI gates."""
    return severities_exit(fail_on, {f.severity for f in findings})


def severities_exit(fail_on: str | None, severities: Iterable[str]) -> int:
    """``check_exit`` of findings of these severities."""
    if fail_on is None:
        return 0
    worst_allowed = SEVERITIES.index(fail_on)
    failing = any(SEVERITIES.index(s) <= worst_allowed for s in severities)
    return EXIT_FINDINGS if failing else 0
