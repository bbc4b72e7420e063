"""Queries about the connection itself; the catalog's queries live in db/access/queries.py."""

from __future__ import annotations

from typing import Final

from psycopg import sql

SERVER_INFO: Final = sql.SQL(
    """
SELECT current_setting('server_version') AS server_version,
       current_setting('server_version_num')::int AS server_version_num,
       current_user::text AS "user",
       current_database()::text AS database,
       current_setting('default_transaction_read_only') = 'on' AS read_only,
       EXISTS (SELECT FROM pg_extension WHERE extname = 'citus') AS citus
"""
)
