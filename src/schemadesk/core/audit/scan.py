"""Checks that no secret reached a text: the audit log, a report, a log file, an error box."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from urllib.parse import quote

from schemadesk.core.secrets import CONNINFO_PASSWORD, MASK, SQL_PASSWORD, URI_PASSWORD


def scan_for_secrets(text: str, secrets: Iterable[str]) -> list[str]:
    """Where any of ``secrets`` appears in ``text`` — plain, URL-, JSON- or HTML-encoded.

    Returns one description per hit (``secret #2 (json-escaped) at offset 120``) that never
    repeats the secret itself, so a failing check does not print it; empty when clean. Also
    reports unmasked ``PASSWORD '...'`` literals and ``password=`` conninfo values.
    """
    hits: list[str] = []
    for number, secret in enumerate(secrets, 1):
        if not secret:
            continue
        forms = {
            "plain": secret,
            "url-encoded": quote(secret, safe=""),
            "json-escaped": json.dumps(secret, ensure_ascii=False)[1:-1],
            "json-ascii-escaped": json.dumps(secret, ensure_ascii=True)[1:-1],
            "html-escaped": html.escape(secret),
        }
        seen: set[str] = set()
        for how, form in forms.items():
            if form in seen:
                continue
            seen.add(form)
            at = text.find(form)
            if at >= 0:
                hits.append(f"secret #{number} ({how}) at offset {at}")
    for pattern, what in (
        (SQL_PASSWORD, "PASSWORD literal"),
        (CONNINFO_PASSWORD, "conninfo password"),
        (URI_PASSWORD, "URI password"),
    ):
        for match in pattern.finditer(text):
            if MASK not in match.group(0):
                hits.append(f"unmasked {what} at offset {match.start()}")
    return hits
