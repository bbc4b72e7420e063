"""What the db layer's readers and writers take: anything that lends a connection (an open
``Database``; inside the db layer, its pool). Front ends pass the ``Database`` and never
reach its pool."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol

import psycopg


class Connects(Protocol):
    """Lends one connection for the ``async with`` block."""

    def connection(self) -> AbstractAsyncContextManager[psycopg.AsyncConnection[Any]]: ...
