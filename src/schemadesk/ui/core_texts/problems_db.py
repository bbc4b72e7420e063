"""db's own failures (core/messages_db.py), by code: an SSH tunnel that would not open and why,
an SSH host key unknown or changed, a change set's statement the server refused, and a migration
lock another applier holds. The server's and asyncssh's own words stay as they wrote them."""

from __future__ import annotations

from collections.abc import Callable

from schemadesk.ui.core_texts.fill import translate

DB_TEXTS: dict[str, Callable[[], str]] = {
    "ssh-tunnel-failed": lambda: translate(
        "CoreText", "cannot open the SSH tunnel through {where}: {reason}"
    ),
    "ssh-auth-failed": lambda: translate(
        "CoreText", "authentication failed (no key, agent identity or password was accepted)"
    ),
    "ssh-key-encrypted": lambda: translate(
        "CoreText",
        "the key {identity} is encrypted: add it to ssh-agent or store its passphrase in the "
        "keyring (the profile's SSH section)",
    ),
    "ssh-key-unreadable": lambda: translate("CoreText", "cannot read the key {identity}: {error}"),
    "ssh-no-answer": lambda: translate("CoreText", "no answer within {seconds} s"),
    "ssh-cannot-forward": lambda: translate(
        "CoreText", "the SSH host cannot forward to the server: {reason}"
    ),
    "ssh-host-key-unknown": lambda: translate(
        "CoreText",
        "the SSH host key of {host} is not known (fingerprint {fingerprint}); compare it "
        "with the server's and accept it (--accept-new-host-key on the command line)",
    ),
    "ssh-host-key-changed": lambda: translate(
        "CoreText",
        "WARNING: the SSH host key of {host} has CHANGED (now {fingerprint}); someone may "
        "be intercepting the connection. Refused. If the server's key really changed, "
        "remove its old entry from {known_hosts}",
    ),
    "change-set-failed": lambda: translate(
        "CoreText",
        "statement {number} of {total} failed ({summary}): {server_message}; "
        "the transaction was rolled back, nothing was changed",
    ),
    "audit-log-not-written": lambda: translate("CoreText", "audit log not written: {error}"),
    "catalog-unreadable": lambda: translate("CoreText", "cannot read {catalog}: {reason}"),
    "audit-db-not-written": lambda: translate(
        "CoreText", "audit record not written to {schema}.schemadesk_audit: {error}"
    ),
    "lock-busy": lambda: translate(
        "CoreText", "module {module}: another applier holds the migration lock; rehearse later"
    ),
    "lock-busy-held": lambda: translate(
        "CoreText",
        "module {module}: another applier holds the migration lock (pid {pid}: {who}, "
        "since {since}); rehearse later",
    ),
    "lock-holder-from": lambda: translate("CoreText", "{parts}, from {client}"),
    "lock-holder-from-only": lambda: translate("CoreText", "from {client}"),
}
