"""ACL items: PostgreSQL's ``aclitem`` text parsed into grantee, rights, grant options, grantor.

The text form is ``grantee=privs/grantor``. An empty grantee is PUBLIC. A name that is not only
ASCII letters, digits and ``_`` is written in double quotes, with ``"`` doubled inside, so a
name may hold ``=``, ``/``, ``,``, spaces or newlines (``acl.c``: ``putid`` / ``getid``). Each
right is one letter, followed by ``*`` when it carries the grant option. Unquoted names are never
case-folded.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from schemadesk.core.errors import SchemadeskError
from schemadesk.core.messages_acl import say

PUBLIC = ""
"""The grantee of a grant to PUBLIC (every role, present and future)."""

# aclitem letters (src/include/utils/acl.h, ACL_ALL_RIGHTS_STR "arwdDxtXUCTcsAm").
LETTERS: dict[str, str] = {
    "r": "SELECT",
    "w": "UPDATE",
    "a": "INSERT",
    "d": "DELETE",
    "D": "TRUNCATE",
    "x": "REFERENCES",
    "t": "TRIGGER",
    "X": "EXECUTE",
    "U": "USAGE",
    "C": "CREATE",
    "T": "TEMPORARY",
    "c": "CONNECT",
    "s": "SET",
    "A": "ALTER SYSTEM",
    "m": "MAINTAIN",
}
LETTER_OF: dict[str, str] = {name: letter for letter, name in LETTERS.items()}
_ORDER = "arwdDxtmXUCTcsA"  # the order the server prints them in


class AclParseError(SchemadeskError):
    """An aclitem text the parser does not understand (names the text)."""


@dataclass(frozen=True, slots=True)
class AclItem:
    """One entry of an ACL: ``grantee`` (``""`` = PUBLIC) holds ``privileges`` from ``grantor``.

    ``grantable`` is the subset of ``privileges`` held WITH GRANT OPTION.
    """

    grantee: str
    grantor: str
    privileges: frozenset[str]
    grantable: frozenset[str] = frozenset()

    @property
    def is_public(self) -> bool:
        return self.grantee == PUBLIC

    @property
    def grantee_label(self) -> str:
        """The grantee as people write it: ``PUBLIC`` or the role name."""
        return "PUBLIC" if self.is_public else self.grantee

    def to_text(self) -> str:
        """The aclitem text form, exactly as the server prints it."""
        letters = "".join(
            LETTER_OF[p] + ("*" if p in self.grantable else "")
            for p in sorted(self.privileges, key=lambda p: _ORDER.index(LETTER_OF[p]))
        )
        grantee = quote_acl_name(self.grantee) if self.grantee else ""
        return f"{grantee}={letters}/{quote_acl_name(self.grantor)}"


_PLAIN_NAME = re.compile(r"[A-Za-z0-9_]+")


def quote_acl_name(name: str) -> str:
    """A role name as aclitem text writes it (``putid``): quoted unless [A-Za-z0-9_] only."""
    if _PLAIN_NAME.fullmatch(name):
        return name
    return '"' + name.replace('"', '""') + '"'


def _read_name(text: str, pos: int) -> tuple[str, int]:
    """Read one name at ``pos`` as ``putid`` wrote it; return it and the position after it.

    This inverts ``putid`` rather than copying the server's ``getid``, which reads the name
    made of one double quote (written as four of them) back as two.
    """
    n = len(text)
    if pos < n and text[pos] == '"':
        out: list[str] = []
        pos += 1
        while pos < n:
            ch = text[pos]
            if ch == '"':
                if pos + 1 < n and text[pos + 1] == '"':
                    out.append('"')
                    pos += 2
                    continue
                return "".join(out), pos + 1
            out.append(ch)
            pos += 1
        raise AclParseError(say("acl-unterminated-name", text=repr(text)))
    # Unquoted names are letters, digits and "_" (any non-ASCII letters a non-C locale let
    # through unquoted are accepted too). A regex, not a loop per character: 10,000 tenant
    # schemas bring 30,000 distinct ACL texts to parse on every first load.
    match = _UNQUOTED.match(text, pos)
    end = match.end() if match else pos
    return text[pos:end], end


_UNQUOTED = re.compile("[_0-9A-Za-z\x80-\U0010ffff]*")


# An item of unquoted names (nearly all of them): its parts in one match, and its rights looked
# up by their letters, which a catalog repeats ("arwdDxt" on every owner's grant). At 10,000
# tenant schemas 50,000 distinct items are parsed on each load; a letter at a time, they were a
# third of building the catalog. Letters not seen before go the long way (which checks them).
_FAST_ITEM = re.compile('([_0-9A-Za-z\x80-\U0010ffff]*)=([^/"]*)/([_0-9A-Za-z\x80-\U0010ffff]+)')
_RIGHTS: dict[str, tuple[frozenset[str], frozenset[str]]] = {}


# The parse caches: plain dicts (emptied when full), so that the window can let go of them a
# thousand entries a loop turn (``forgetting_parsed``); an lru_cache only empties at once.
_ITEMS: dict[str, AclItem] = {}
_ARRAYS: dict[str, tuple[AclItem, ...]] = {}
_ITEMS_MAX = 1 << 16
_ARRAYS_MAX = 1 << 17


def parse_aclitem(text: str) -> AclItem:
    """Parse one aclitem text (``grantee=privs/grantor``).

    Cached: a catalog repeats the same few items (the owner's own grant on every table of a
    schema), and the parsed items are immutable, so equal texts share one object.
    """
    found = _ITEMS.get(text)
    if found is None:
        if len(_ITEMS) >= _ITEMS_MAX:
            _ITEMS.clear()
        found = _ITEMS[text] = _parse_known_letters(text)
    return found


def _parse_known_letters(text: str) -> AclItem:
    match = _FAST_ITEM.fullmatch(text)
    if match is not None and (rights := _RIGHTS.get(match[2])) is not None:
        return AclItem(sys.intern(match[1]), sys.intern(match[3]), *rights)
    found = _parse_aclitem(text)
    if match is not None:
        _RIGHTS[match[2]] = (found.privileges, found.grantable)
    return found


def _parse_aclitem(text: str) -> AclItem:
    grantee, pos = _read_name(text, 0)
    if pos >= len(text) or text[pos] != "=":
        raise AclParseError(say("acl-no-equals", text=repr(text)))
    pos += 1
    privileges: set[str] = set()
    grantable: set[str] = set()
    while pos < len(text) and text[pos] != "/":
        letter = text[pos]
        if letter not in LETTERS:
            raise AclParseError(say("acl-unknown-letter", text=repr(text), letter=repr(letter)))
        privileges.add(LETTERS[letter])
        pos += 1
        if pos < len(text) and text[pos] == "*":
            grantable.add(LETTERS[letter])
            pos += 1
    if pos >= len(text):
        raise AclParseError(say("acl-no-grantor", text=repr(text)))
    grantor, end = _read_name(text, pos + 1)
    if end != len(text) or not grantor:
        raise AclParseError(say("acl-trailing", text=repr(text)))
    return AclItem(
        sys.intern(grantee), sys.intern(grantor), _shared(privileges), _shared(grantable)
    )


# The few sets of rights a catalog holds, one object each: 50,000 items at 10,000 tenant
# schemas had 100,000 frozensets of their own (20 MiB), nearly all alike.
_SETS: dict[frozenset[str], frozenset[str]] = {}


def _shared(rights: set[str]) -> frozenset[str]:
    found = frozenset(rights)
    return _SETS.setdefault(found, found)


def parse_acl(items: Iterable[str] | None) -> tuple[AclItem, ...]:
    """Parse the elements of an ``aclitem[]`` read as ``text[]`` (``None`` gives no items)."""
    if items is None:
        return ()
    return tuple(map(parse_aclitem, items))


# Sized for 10,000 tenant schemas: each has its own schema, table and sequence ACL texts, and a
# smaller cache would evict and re-parse them within one load (duplicate tuples in memory too).
def parse_acl_array(text: str | None) -> tuple[AclItem, ...]:
    """Parse an ``aclitem[]`` in its text form (``{a=r/b,"\\"x y\\"=U/b"}``), cached.

    Reading the whole array as one text and caching by it is what makes a 200,000-table catalog
    cheap: the tables of one schema usually share one ACL text.
    """
    if text is None:
        return ()
    found = _ARRAYS.get(text)
    if found is None:
        if len(_ARRAYS) >= _ARRAYS_MAX:
            _ARRAYS.clear()
        found = _ARRAYS[text] = tuple(map(parse_aclitem, split_array(text)))
    return found


def parsed() -> int:
    """How many parsed texts the caches hold."""
    return len(_ITEMS) + len(_ARRAYS)


def forgetting_parsed(per_step: int = 1000) -> Iterator[None]:
    """Empty the parse caches ``per_step`` entries between two yields (the window, once a
    catalog is built: see ``app.release_memory``; 90,000 entries at 10,000 tenant schemas, too
    many to free in one loop turn). Items already parsed stay shared by the models holding them.
    """
    for memo in (_ARRAYS, _ITEMS):
        while memo:
            for _ in range(min(per_step, len(memo))):
                try:
                    memo.popitem()
                except KeyError:  # emptied meanwhile (a full cache is cleared when it fills)
                    break
            yield


def split_array(text: str) -> list[str]:
    """The elements of a one-dimensional array literal as ``array_out`` writes it: elements
    holding ``{}",\\`` or spaces are double-quoted, with ``"`` and ``\\`` backslash-escaped."""
    if len(text) < 2 or text[0] != "{" or text[-1] != "}":
        raise AclParseError(say("acl-not-array", text=repr(text)))
    if '"' not in text:  # no element quoted (the usual case): the commas split them
        return text[1:-1].split(",") if len(text) > 2 else []
    out: list[str] = []
    end = len(text) - 1
    pos = 1
    while pos < end:
        if text[pos] == '"':
            pos += 1
            buf: list[str] = []
            while pos < end and text[pos] != '"':
                if text[pos] == "\\":
                    pos += 1
                buf.append(text[pos])
                pos += 1
            if pos >= end:
                raise AclParseError(say("acl-unterminated-element", text=repr(text)))
            out.append("".join(buf))
            pos += 1
        else:
            comma = text.find(",", pos, end)
            stop = end if comma < 0 else comma
            out.append(text[pos:stop])
            pos = stop
        if pos < end:
            if text[pos] != ",":
                raise AclParseError(say("acl-malformed-array", text=repr(text)))
            pos += 1
    return out
