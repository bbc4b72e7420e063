"""Messages as plain JSON data, for the audit log: a record keeps the code and parameters of
its title, warnings and error, so a later session shows them in its own language.

``{"code": "grant", "params": {"privs": "USAGE", "target": {"code": "on-schema", ...}}}``: a
string or number stays as it is, a message (or a text said from one) is such an object, a list
of messages or texts is a JSON list, and a ``Reason`` is ``{"reason": {"kind": ..., ...}}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from schemadesk.core.messages import Message, Param, Said
from schemadesk.core.messages_reports import say


def message_to_json(message: Message) -> dict[str, Any]:
    """The message as JSON data (``message_from_json`` reads it back)."""
    params = {k: _param_to_json(v) for k, v in message.params.items()}
    return {"code": message.code, "params": params}


def _param_to_json(value: Param) -> Any:
    if isinstance(value, Said):  # a text said in turn keeps its message (the same English)
        return message_to_json(value.message)
    if isinstance(value, (str, int)):
        return value
    if isinstance(value, Message):
        return message_to_json(value)
    if isinstance(value, tuple):
        return [_param_to_json(x) for x in value]
    reason = {"kind": str(value.kind), "chain": list(value.chain), "grantor": value.grantor}
    return {"reason": {**reason, "grantable": value.grantable}}


def message_from_json(data: Any) -> Message:
    """The message ``data`` describes; ValueError when it is not one."""
    if not isinstance(data, Mapping) or not isinstance(data.get("code"), str):
        raise ValueError(say("message-not-json", data=f"{data!r:.80}"))
    params = data.get("params", {})
    if not isinstance(params, Mapping):
        raise ValueError(say("message-params-not-json", params=f"{params!r:.80}"))
    return Message(data["code"], {str(k): _param_from_json(v) for k, v in params.items()})


def _param_from_json(value: Any) -> Param:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (str, int)):
        return value
    if isinstance(value, list):
        return tuple(x if isinstance(x, str) else message_from_json(x) for x in value)
    if isinstance(value, Mapping) and isinstance(value.get("reason"), Mapping):
        from schemadesk.core.access.effective import Reason

        r = value["reason"]
        grantor = r.get("grantor")
        return Reason(
            str(r.get("kind", "")),  # type: ignore[arg-type]
            tuple(str(x) for x in r.get("chain", ())),
            str(grantor) if grantor is not None else None,
            bool(r.get("grantable", False)),
        )
    return message_from_json(value)
