"""Messages as a code with named parameters, and the one function that says them in English.

Core and db write their findings and problems for two readers: the command line, reports and
the audit log read English; the window translates. The window must not read the English back
(a name may contain any word or comma of the template), so what it translates is a ``Message``:
a code and its parameters, the names kept whole. ``english(message)`` is the English text,
byte-identical to what core wrote before messages existed.

Where a message travels as a plain string (an exception's text, a title, a progress line),
``say`` gives a ``Said``: the English text, a ``str``, that carries the message it was said
from. It travels with what holds it (``raise ConfigError(say(...))``: ``error.said``; a step's
label; a problem's text), so the window translates the message of the very object it shows;
no table of texts is kept, which a large check could overflow and in which two codes with the
same English would collide. ``said_of(x)`` is the message of a said text or an exception.

A parameter is a string, a number, a message, a ``Reason`` (why a role holds a right: the
window words it from its parts) or a tuple of messages or said texts (a list the template joins
with "; ", such as the reasons of a finding or the problems of a module).

An audit record keeps the messages its texts were said from (``to_json``/``from_json``); read
back, its texts are said texts again (core/audit/records.py).
"""

from __future__ import annotations

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


class Said(str):
    """English text said from a message, which it carries (``said_of``).

    ``str(said)``, ``f"{said}"`` and ``str(exc)`` of an exception raised with it give it back
    whole; anything that makes a new text of it (joining, stripping) gives a plain ``str``."""

    message: Message

    def __new__(cls, text: str, message: Message) -> Said:
        self = super().__new__(cls, text)
        # A str subclass cannot have slots; a dict given whole is 184 bytes, not the 304 of
        # one grown by assignment (a large change set says a label per step).
        self.__dict__ = {"message": message}
        return self

    def __str__(self) -> str:
        return self  # BaseException.__str__ returns str(args[0]): the message stays with it

    def __reduce__(self) -> tuple[type[Said], tuple[str, Message]]:
        return (Said, (self[:], self.message))  # a copy or a pickle keeps the message


def said(message: Message) -> Said:
    """The message in English, carrying the message (``said_of`` gives it back)."""
    return Said(english(message), message)


def say(code: str, **params: Param) -> Said:
    """``said(Message(code, params))``: the English text of a message, carrying it."""
    return said(Message(code, params))


def said_of(value: object) -> Message | None:
    """The message a said text, or an exception raised with one, was said from; None for a
    text that was not said (a server's message, a name) or an exception raised without one."""
    if isinstance(value, Said):
        return value.message
    if isinstance(value, BaseException):
        found = getattr(value, "said", None)
        if isinstance(found, Message):
            return found
        return said_of(value.args[0]) if value.args else None
    return None


def recall(text: str) -> Message | None:
    """The message ``text`` carries (``said_of``); for a plain text only a fixed message (one
    without parameters) whose English it is exactly, else None: a text is never parsed."""
    found = said_of(text)
    if found is None and "{" not in text:  # a fixed text (no parameter) is its own message
        code = next((c for c, tpl in _ENGLISH.items() if tpl == text), None)
        return Message(code) if code is not None else None
    return found
