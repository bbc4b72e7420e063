"""Saving the connections dialog's form: profiles.toml (renamed in place when the name changed,
never a password) and the passwords kept as the person chose (the keyring, or this session)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from schemadesk.core.errors import ConfigError
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.core.ssh import ssh_secret_name

if TYPE_CHECKING:
    from schemadesk.ui.connections.profiles_dialog import ProfilesDialog


def save_form(dialog: ProfilesDialog) -> ConnectionProfile | None:
    """Store the form (renaming moves the keyring entry); None with an inline error."""
    try:
        profile = dialog.form.profile()
    except ConfigError as exc:
        dialog.form.show_error(str(exc))
        return None
    original = dialog.current
    try:
        existing = dialog.store.load()
        if profile.name != original and profile.name in existing:
            raise ConfigError(
                QCoreApplication.translate(
                    "ProfilesDialog", "a profile named “%1” exists already"
                ).replace("%1", profile.name)
            )
        if original is not None and original != profile.name and original in existing:
            dialog.store.rename(original, profile.name)
        dialog.store.save(profile)
    except ConfigError as exc:
        dialog.form.show_error(str(exc))
        return None
    except OSError as exc:
        dialog.form.show_error(
            QCoreApplication.translate("ProfilesDialog", "cannot write %1: %2")
            .replace("%1", str(dialog.store.path))
            .replace("%2", exc.strerror or type(exc).__name__)
        )
        return None
    problem = dialog.passwords.keep(
        profile.name,
        dialog.form.password(),
        remember=dialog.form.remember(),
        renamed_from=original,
    )
    # The SSH passphrase: typed replaces the stored one; nothing typed keeps it.
    ssh_problem = dialog.passwords.keep(
        ssh_secret_name(profile.name),
        dialog.form.ssh_section.secret(),
        remember=True,
        renamed_from=ssh_secret_name(original) if original else None,
    )
    problem = problem or ssh_problem
    dialog.current = profile.name
    dialog.reload()
    dialog._show_profile(profile.name)
    if problem:
        dialog.form.show_error(
            QCoreApplication.translate(
                "ProfilesDialog", "%1; the password is kept for this session only"
            ).replace("%1", problem)
        )
    return profile
