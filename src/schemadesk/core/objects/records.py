"""Objects as plain JSON-ready records (``schemadesk show --json``; one shape for every kind).

Every record has ``kind``, ``schema``, ``name``, ``signature``, ``owner``, ``acl`` (items as
``{grantee, grantor, privileges, grantable}``, ``""`` = PUBLIC), ``acl_is_default``,
``comment`` and ``ddl``, then the fields of its kind; nested details are lists of records.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from schemadesk.core.access.acl import AclItem
from schemadesk.core.access.effective import EffectivePrivilege
from schemadesk.core.objects.grants import Holder
from schemadesk.core.objects.models import AnyObject, SchemaObjects


def acl_record(item: AclItem) -> dict[str, Any]:
    """One ACL item with its rights in the server's order of the ``GRANT`` documentation."""
    return {
        "grantee": item.grantee,
        "grantor": item.grantor,
        "privileges": sorted(item.privileges),
        "grantable": sorted(item.grantable),
    }


def object_record(obj: AnyObject) -> dict[str, Any]:
    """``obj`` as a record: ``kind`` and ``signature`` first, then every field."""
    record: dict[str, Any] = {"kind": obj.kind, "signature": obj.signature}
    for field in dataclasses.fields(obj):
        value = getattr(obj, field.name)
        if field.name == "acl":
            record["acl"] = [acl_record(item) for item in value]
        elif isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            record[field.name] = [_nested(v) for v in value]
        elif isinstance(value, tuple):
            record[field.name] = [list(v) if isinstance(v, tuple) else v for v in value]
        else:
            record[field.name] = value
    return record


def _nested(value: Any) -> dict[str, Any]:
    """A column, index, ... as a record (a column's ACL items as ``acl_record``)."""
    record = dataclasses.asdict(value)
    if "acl" in record:
        record["acl"] = [acl_record(item) for item in value.acl]
    return record


def schema_record(objects: SchemaObjects) -> dict[str, Any]:
    """The schema, its owner and every object's record, kind after kind."""
    return {
        "schema": objects.schema,
        "owner": objects.owner,
        "objects": [object_record(o) for o in objects.objects()],
    }


def holder_record(holder: Holder) -> dict[str, Any]:
    """A role's rights on an object with their reasons (``role`` ``""`` is PUBLIC)."""
    return {
        "role": holder.role,
        "privileges": [_privilege(p) for p in holder.privileges if p.held],
    }


def _privilege(p: EffectivePrivilege) -> dict[str, Any]:
    return {
        "privilege": p.privilege,
        "grantable": p.grantable,
        "reasons": [
            {"kind": r.kind, "chain": list(r.chain), "grantor": r.grantor, "text": r.text}
            for r in p.reasons
        ],
    }
