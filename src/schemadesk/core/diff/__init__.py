"""Comparing two databases, pure: paired schemas' access, migration state and structure.

- ``pair_schemas`` (``mapping``): which schema of A goes with which of B (``--schema``,
  ``--map S=T``, ``--map 'tenant_*=template'``); ``role_in_b``: how a role named after its
  schema follows the schema's new name.
- ``compare`` (``compare``): a ``DiffReport`` of typed ``Difference`` rows, each with a
  structured message (code + parameters).
- ``access_change_set`` (``fix``): the GRANT / REVOKE / ALTER DEFAULT PRIVILEGES / ALTER ...
  OWNER that bring B's access to A's, as one change set of the access engine.
"""
