"""The planned actions of migration commands that need a report or the ledger's checksums:
``apply --reviewed`` (the plan checked against the reviewed report); accepting checksums is
a use case (usecases/checksums.py).

Apart from ``report_cmd`` so that ``migrate_cmd`` and ``report_cmd`` need not import each
other (``report_cmd`` takes the project arguments from ``migrate_cmd``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from schemadesk.core.actions import PlannedAction
from schemadesk.core.report import verify_reviewed


def check_reviewed(report: str, action: PlannedAction) -> None:
    """Go on only when the planned action equals the reviewed report's (else exit 5)."""
    review = verify_reviewed(Path(report), action)
    print(
        f"schemadesk: the plan matches the review {report} "
        f"(content SHA-256 {review.content_sha256})",
        file=sys.stderr,
    )
