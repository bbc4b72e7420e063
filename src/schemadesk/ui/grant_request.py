"""What the grant dialog asks for, turned into a change set by the same core builders the
``grant`` and ``revoke`` commands use (no Qt here: tests build change sets without a window)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from schemadesk.core.access import changes as ch
from schemadesk.core.access.acl import PUBLIC
from schemadesk.core.access.guards import ChangeSetError
from schemadesk.core.access.models import Catalog

Target = Literal["schema", "tables", "sequences", "functions", "membership"]


@dataclass(frozen=True, slots=True)
class PrivilegeRequest:
    """What the person asked for; ``role`` is ``PUBLIC`` ("") for the PUBLIC pseudo-role."""

    role: str
    schema: str
    on: Target
    privileges: tuple[str, ...]
    revoke: bool
    default: bool = False  # default privileges for objects created later
    with_grant_option: bool = False  # grant: WITH GRANT OPTION; revoke: GRANT OPTION FOR
    cascade: bool = False
    member_of: str = ""  # on == "membership": the role to join or leave
    admin: bool = False


def build_change_set(catalog: Catalog, request: PrivilegeRequest) -> ch.ChangeSet:
    """The change set for a request, built as ``schemadesk grant/revoke`` builds it."""
    if request.on == "membership":
        if request.role == PUBLIC or not request.member_of:
            raise ChangeSetError("a membership needs a role and the role to join")
        if request.revoke:
            return ch.revoke_membership(catalog, request.member_of, request.role)
        return ch.grant_membership(catalog, request.member_of, request.role, admin=request.admin)
    if request.default:
        if request.on == "schema":
            raise ChangeSetError("default privileges are for tables, sequences or functions")
        schema = catalog.schema(request.schema)
        if schema is None:
            raise ChangeSetError(f"schema {request.schema!r} does not exist")
        builder = ch.revoke_default_privileges if request.revoke else ch.grant_default_privileges
        return builder(
            catalog, for_role=schema.owner, schema=request.schema, object_type=request.on,
            grantee=request.role, privileges=request.privileges,
        )  # fmt: skip
    if request.revoke:
        return ch.revoke_privileges(
            catalog, request.role, request.schema, request.privileges, on=request.on,
            grant_option_only=request.with_grant_option, cascade=request.cascade,
        )  # fmt: skip
    return ch.grant_privileges(
        catalog, request.role, request.schema, request.privileges, on=request.on,
        with_grant_option=request.with_grant_option,
    )  # fmt: skip
