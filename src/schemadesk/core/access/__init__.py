"""Roles, grants and the schema-per-service convention: pure models and logic (no Qt, no I/O).

Public API for the window and the command line (all results are frozen dataclasses):

- models: ``Catalog`` (``models``), loaded by ``schemadesk.db.access.load_catalog``;
  ``AclItem`` / ``parse_aclitem`` / ``parse_acl`` (``acl``), ``PUBLIC`` = ``""``.
- effective privileges with reasons (``effective``): ``RoleGraph(catalog)``,
  ``effective_privileges(catalog, role, schema, name=None)``,
  ``schema_privileges(catalog, role, schema)``, ``role_relation(catalog, member, role)``,
  ``privilege_matrix(catalog, roles, schemas)`` (roles × schemas: USAGE / CREATE with reasons and
  DML coverage of the schema's tables, ``MatrixCell.text``).
- convention checks (``conventions``): ``Convention`` (``from_toml``), ``check_conventions``,
  ``iter_findings`` (the same, lazily), ``Finding`` (severity, explanation, ``fix`` change
  set), ``fix_findings``, ``provision_schema``.
- change sets (``changes``): ``ChangeSet`` (``render``, ``unmet``), ``grant_privileges``,
  ``revoke_privileges``, ``plan_privileges``, ``grant_default_privileges``,
  ``revoke_default_privileges``, ``grant_membership``, ``revoke_membership``,
  ``set_role_setting``, ``create_role``, ``create_schema``. Apply them with
  ``schemadesk.db.access.apply_change_set``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from schemadesk.core.lazy_names import lazy_names

# Loaded on first use (PEP 562): importing one module of the package (``models`` for the
# roles list) ran every other (changes, conventions, Citus), a tenth of a second of each CLI
# start. Type checkers read the imports below as usual.
if TYPE_CHECKING:
    from schemadesk.core.access.acl import PUBLIC, AclItem, parse_acl, parse_aclitem
    from schemadesk.core.access.changes import (
        ChangeSet,
        ChangeSetError,
        Statement,
        create_role,
        create_schema,
        grant_default_privileges,
        grant_membership,
        grant_privileges,
        plan_privileges,
        revoke_default_privileges,
        revoke_membership,
        revoke_privileges,
        set_role_setting,
    )
    from schemadesk.core.access.conventions import (
        Convention,
        Finding,
        check_conventions,
        fix_findings,
        iter_findings,
        provision_schema,
    )
    from schemadesk.core.access.effective import (
        EffectivePrivilege,
        EffectivePrivileges,
        Reason,
        RoleGraph,
        effective_privileges,
        role_relation,
        schema_privileges,
    )
    from schemadesk.core.access.matrix import (
        MatrixCell,
        PrivilegeMatrix,
        privilege_matrix,
        schema_holders,
    )
    from schemadesk.core.access.models import Catalog

_HOMES = {
    "PUBLIC": "schemadesk.core.access.acl",
    "AclItem": "schemadesk.core.access.acl",
    "parse_acl": "schemadesk.core.access.acl",
    "parse_aclitem": "schemadesk.core.access.acl",
    "ChangeSet": "schemadesk.core.access.changes",
    "ChangeSetError": "schemadesk.core.access.changes",
    "Statement": "schemadesk.core.access.changes",
    "create_role": "schemadesk.core.access.changes",
    "create_schema": "schemadesk.core.access.changes",
    "grant_default_privileges": "schemadesk.core.access.changes",
    "grant_membership": "schemadesk.core.access.changes",
    "grant_privileges": "schemadesk.core.access.changes",
    "plan_privileges": "schemadesk.core.access.changes",
    "revoke_default_privileges": "schemadesk.core.access.changes",
    "revoke_membership": "schemadesk.core.access.changes",
    "revoke_privileges": "schemadesk.core.access.changes",
    "set_role_setting": "schemadesk.core.access.changes",
    "Convention": "schemadesk.core.access.conventions",
    "Finding": "schemadesk.core.access.conventions",
    "check_conventions": "schemadesk.core.access.conventions",
    "fix_findings": "schemadesk.core.access.conventions",
    "iter_findings": "schemadesk.core.access.conventions",
    "provision_schema": "schemadesk.core.access.conventions",
    "EffectivePrivilege": "schemadesk.core.access.effective",
    "EffectivePrivileges": "schemadesk.core.access.effective",
    "Reason": "schemadesk.core.access.effective",
    "RoleGraph": "schemadesk.core.access.effective",
    "effective_privileges": "schemadesk.core.access.effective",
    "role_relation": "schemadesk.core.access.effective",
    "schema_privileges": "schemadesk.core.access.effective",
    "MatrixCell": "schemadesk.core.access.matrix",
    "PrivilegeMatrix": "schemadesk.core.access.matrix",
    "privilege_matrix": "schemadesk.core.access.matrix",
    "schema_holders": "schemadesk.core.access.matrix",
    "Catalog": "schemadesk.core.access.models",
}


__getattr__ = lazy_names(__name__, _HOMES, globals())


__all__ = [
    "PUBLIC",
    "AclItem",
    "Catalog",
    "ChangeSet",
    "ChangeSetError",
    "Convention",
    "EffectivePrivilege",
    "EffectivePrivileges",
    "Finding",
    "MatrixCell",
    "PrivilegeMatrix",
    "Reason",
    "RoleGraph",
    "Statement",
    "check_conventions",
    "create_role",
    "create_schema",
    "effective_privileges",
    "fix_findings",
    "grant_default_privileges",
    "grant_membership",
    "grant_privileges",
    "iter_findings",
    "parse_acl",
    "parse_aclitem",
    "plan_privileges",
    "privilege_matrix",
    "provision_schema",
    "revoke_default_privileges",
    "revoke_membership",
    "revoke_privileges",
    "role_relation",
    "schema_holders",
    "schema_privileges",
    "set_role_setting",
]
