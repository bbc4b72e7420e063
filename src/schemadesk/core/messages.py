"""Messages as a code with named parameters, and the one function that says them in English.

Core and db write their findings and problems for two readers: the command line, reports and
the audit log read English; the window translates. The window must not read the English back
(a name may contain any word or comma of the template), so what it translates is a ``Message``:
a code and its parameters, the names kept whole. ``english(message)`` is the English text,
byte-identical to what core wrote before messages existed.

Where a message travels as a plain string (an exception's text, a progress line), ``said``
renders it and remembers which message the text came from, and ``recall`` gives it back by the
exact text: the window looks the message up, it never parses the text.

A parameter is a string, a number, a message, a ``Reason`` (why a role holds a right: the
window words it from its parts) or a tuple of messages or said texts (a list the template joins
with "; ", such as the reasons of a finding or the problems of a module).

An audit record keeps the messages its texts were said from (``to_json``/``from_json``), and
``remember`` gives them back to ``recall`` when the record is read in a later session.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeAlias, Union

if TYPE_CHECKING:
    from schemadesk.core.access.effective import Reason

Param: TypeAlias = Union[str, int, "Reason", "Message", tuple[Union["Message", str], ...]]

# English templates of the nested messages (those that are parts of another's parameters).
_ENGLISH: dict[str, str] = {
    "ddl-create": "CREATE on the schema {reason}",
    "ddl-owner-rights": "has the rights of {owner} via {chain}",
    "setting": "{name} = {value}",
    "setting-unset": "{name} = (not set)",
}


@dataclass(frozen=True, slots=True)
class Message:
    """A code (``ddl-create``, ``rw-ddl``...) and its named parameters."""

    code: str
    params: Mapping[str, Param] = field(default_factory=dict)


def param_english(value: Param) -> str:
    """One parameter in English: a list of messages joined by "; ", a reason by its text."""
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, tuple):
        return "; ".join(m if isinstance(m, str) else english(m) for m in value)
    if isinstance(value, Message):
        return english(value)
    return value.text


def fill(template: str, params: Mapping[str, str]) -> str:
    """``{name}`` marks replaced by ``params`` in one pass (a value is never read again, so a
    name containing ``{owner}`` stays as it is); unknown marks are kept."""
    out: list[str] = []
    i = 0
    while True:
        start = template.find("{", i)
        if start < 0:
            out.append(template[i:])
            return "".join(out)
        end = template.find("}", start + 1)
        name = template[start + 1 : end] if end > start else ""
        if name and name.replace("_", "a").isalnum() and name in params:
            out.append(template[i:start])
            out.append(params[name])
            i = end + 1
        else:
            out.append(template[i : start + 1])
            i = start + 1


def english(message: Message) -> str:
    """The message in English, as the command line, reports and the audit log show it."""
    template = _ENGLISH.get(message.code)
    if template is None:
        raise KeyError(f"no English template for message code {message.code!r}")
    # str.format fills in one pass (a value is never read again) and is fast: a large
    # convention check says tens of thousands of titles. Templates hold no literal brace.
    return template.format_map({k: param_english(v) for k, v in message.params.items()})


def templates(entries: Mapping[str, str]) -> None:
    """Add English templates by code (db/ registers its own when imported)."""
    _ENGLISH.update(entries)


_SAID: OrderedDict[str, Message] = OrderedDict()
_SAID_LOCK = threading.Lock()
_SAID_KEPT = 50_000  # the latest texts said (a large check's titles); older ones show in English


def said(message: Message) -> str:
    """The message in English, remembered so that ``recall(text)`` finds the message again."""
    text = english(message)
    remember(text, message)
    return text


def say(code: str, **params: Param) -> str:
    """``said(Message(code, params))``: the English text of a message, remembered."""
    return said(Message(code, params))


def remember(text: str, message: Message) -> None:
    """Let ``recall(text)`` find ``message`` again (a text an audit record kept with its
    message, written by an earlier session: the text is kept exactly as it was written)."""
    with _SAID_LOCK:
        _SAID.pop(text, None)  # the latest saying of a text wins, and is kept longest
        _SAID[text] = message
        if len(_SAID) > _SAID_KEPT:
            _SAID.popitem(last=False)


def recall(text: str) -> Message | None:
    """The message a text was said from (exact text only), None if it was not said here."""
    with _SAID_LOCK:
        found = _SAID.get(text)
    if found is None and "{" not in text:  # a fixed text (no parameter) is its own message
        code = next((c for c, tpl in _ENGLISH.items() if tpl == text), None)
        return Message(code) if code is not None else None
    return found
