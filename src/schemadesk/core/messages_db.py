"""The English of db/'s own failures, by code: an SSH tunnel that would not open (and why), an
SSH host key unknown or changed, a change set's statement the server refused, a migration lock
another applier holds, and a catalog a list needs that the login may not read.

db says each with ``say(code, ...)``; the command line prints the English below (byte-identical
to the f-strings it replaced), the window translates by code (ui/core_texts/problems_db.py). A
server's or asyncssh's own words, a host, a path or a fingerprint is a parameter, passed whole.
"""

from __future__ import annotations

from schemadesk.core.messages import Message, say, templates

# Import ``say`` from here: the templates below are then registered before anything is said.
__all__ = ["Message", "say"]

templates(
    {
        # the tunnel (db/ssh_tunnel.py): where it goes, then why not (a code below or asyncssh's)
        "ssh-tunnel-failed": "cannot open the SSH tunnel through {where}: {reason}",
        "ssh-auth-failed": (
            "authentication failed (no key, agent identity or password was accepted)"
        ),
        "ssh-key-encrypted": (
            "the key {identity} is encrypted: add it to ssh-agent or store its passphrase in the "
            "keyring (the profile's SSH section)"
        ),
        "ssh-key-unreadable": "cannot read the key {identity}: {error}",
        "ssh-no-answer": "no answer within {seconds} s",
        "ssh-cannot-forward": "the SSH host cannot forward to the server: {reason}",
        # host keys (core/ssh.py)
        "ssh-host-key-unknown": (
            "the SSH host key of {host} is not known (fingerprint {fingerprint}); compare it "
            "with the server's and accept it (--accept-new-host-key on the command line)"
        ),
        "ssh-host-key-changed": (
            "WARNING: the SSH host key of {host} has CHANGED (now {fingerprint}); someone may "
            "be intercepting the connection. Refused. If the server's key really changed, "
            "remove its old entry from {known_hosts}"
        ),
        # a change set's statement refused by the server (db/access/apply.py)
        "change-set-failed": (
            "statement {number} of {total} failed ({summary}): {server_message}; "
            "the transaction was rolled back, nothing was changed"
        ),
        # an action's audit record that could not be kept (usecases/audit.py, rollout_run.py)
        "audit-log-not-written": "audit log not written: {error}",
        "audit-db-not-written": "audit record not written to {schema}.schemadesk_audit: {error}",
        # a rehearsal that does not wait for the migration lock (db/migrations/run_state.py)
        "lock-busy": "module {module}: another applier holds the migration lock; rehearse later",
        "lock-busy-held": (
            "module {module}: another applier holds the migration lock (pid {pid}: {who}, "
            "since {since}); rehearse later"
        ),
        # a catalog a list needs that the login may not read (db/access/readable.py)
        "catalog-unreadable": "cannot read {catalog}: {reason}",
        # its ``who`` when the holder's client address is known (user and application as parts)
        "lock-holder-from": "{parts}, from {client}",
        "lock-holder-from-only": "from {client}",
    }
)
