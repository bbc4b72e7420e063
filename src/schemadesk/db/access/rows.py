"""A catalog's rows as the server sent them, before they become models (``loader``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal, cast

from schemadesk.core.access.models import CatalogContext, Unavailable

Part = Literal["schemas", "roles", "memberships", "relations", "functions", "default_privileges"]
ALL_PARTS: Final[tuple[Part, ...]] = (
    "schemas",
    "roles",
    "memberships",
    "relations",
    "functions",
    "default_privileges",
)


class Built(tuple[Any, ...]):
    """The models a job's rows became, kept in place of the rows for a later F5 (the rows of
    20,000 roles are 15 MiB more; the models live in the catalog anyway): a builder takes them
    as they are."""

    __slots__ = ()


@dataclass(frozen=True)
class CatalogRows:
    """What the server sent for a catalog, not yet turned into models (see ``CatalogBuilder``)."""

    context: CatalogContext
    rows: Mapping[str, Sequence[tuple[Any, ...]]]  # by job: relations, schemas, roles, ...
    unavailable: tuple[Unavailable, ...]

    def joined(self, later: CatalogRows) -> CatalogRows:
        """These parts and ``later``'s (fetched after, for other parts) as one catalog's rows."""
        order = {part: i for i, part in enumerate(ALL_PARTS)}
        unavailable = sorted(
            {u.part: u for u in (*self.unavailable, *later.unavailable)}.values(),
            key=lambda u: order[cast(Part, u.part)],
        )
        return CatalogRows(later.context, {**self.rows, **later.rows}, tuple(unavailable))
