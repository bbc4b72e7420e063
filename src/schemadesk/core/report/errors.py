"""Why a review report refuses a change: a reason to decide on, and the sentence to show."""

from __future__ import annotations

import enum

from schemadesk.core.errors import SchemadeskError


class ReviewReason(enum.StrEnum):
    """Why ``apply --reviewed`` (or reading a report) refused."""

    NOT_A_REPORT = "not-a-report"  # no manifest, or another format
    DAMAGED = "damaged"  # the manifest cannot be read
    EDITED = "edited"  # the manifest or the visible text changed after it was written
    NOT_APPROVED = "not-approved"  # another content hash than the approved one
    DIFFERS = "differs"  # the planned change is not the reviewed one


class ReviewMismatch(SchemadeskError):
    """The planned action is not the reviewed one, or the report was edited: nothing runs."""

    exit_code = 5

    def __init__(self, message: str, reason: ReviewReason) -> None:
        super().__init__(message)
        self.reason = reason
