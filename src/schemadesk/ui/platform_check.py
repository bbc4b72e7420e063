"""Before Qt starts on X11: name the system packages its xcb plugin needs and that are missing.

Without them Qt aborts with "could not load the Qt platform plugin xcb" and names no package.
The check runs only where that abort can happen (Linux, platform xcb, a DISPLAY) and only
dlopens the libraries Qt would load a moment later anyway, so it costs nothing measurable.
No Qt is imported here: the check must run before Qt does.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

EXIT_NO_PLATFORM = 7  # README: the window cannot start, system libraries are missing


@dataclass(frozen=True, slots=True)
class Library:
    """One shared library PySide6's libqxcb.so needs (``ldd``), with the packages that ship it."""

    soname: str
    debian: str
    fedora: str


# From `ldd PySide6/Qt/plugins/platforms/libqxcb.so` (and libQt6XcbQpa.so.6): the libraries a
# desktop does not always have. libc, libstdc++ and the like are left out: Python needs them too.
XCB_LIBRARIES = (
    Library("libxcb-cursor.so.0", "libxcb-cursor0", "xcb-util-cursor"),
    Library("libxcb-icccm.so.4", "libxcb-icccm4", "xcb-util-wm"),
    Library("libxcb-keysyms.so.1", "libxcb-keysyms1", "xcb-util-keysyms"),
    Library("libxcb-image.so.0", "libxcb-image0", "xcb-util-image"),
    Library("libxcb-render-util.so.0", "libxcb-render-util0", "xcb-util-renderutil"),
    Library("libxcb-util.so.1", "libxcb-util1", "xcb-util"),
    Library("libxcb-randr.so.0", "libxcb-randr0", "libxcb"),
    Library("libxcb-shape.so.0", "libxcb-shape0", "libxcb"),
    Library("libxcb-shm.so.0", "libxcb-shm0", "libxcb"),
    Library("libxcb-sync.so.1", "libxcb-sync1", "libxcb"),
    Library("libxcb-xfixes.so.0", "libxcb-xfixes0", "libxcb"),
    Library("libxcb-render.so.0", "libxcb-render0", "libxcb"),
    Library("libxcb-xkb.so.1", "libxcb-xkb1", "libxcb"),
    Library("libxcb.so.1", "libxcb1", "libxcb"),
    Library("libxkbcommon.so.0", "libxkbcommon0", "libxkbcommon"),
    Library("libxkbcommon-x11.so.0", "libxkbcommon-x11-0", "libxkbcommon-x11"),
    Library("libX11-xcb.so.1", "libx11-xcb1", "libX11-xcb"),
    Library("libX11.so.6", "libx11-6", "libX11"),
    Library("libGL.so.1", "libgl1", "libglvnd-glx"),
    Library("libEGL.so.1", "libegl1", "libglvnd-egl"),
    Library("libfontconfig.so.1", "libfontconfig1", "fontconfig"),
    Library("libdbus-1.so.3", "libdbus-1-3", "dbus-libs"),
)


def wants_xcb(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """True when Qt is about to start on X11: Linux, platform unset or xcb, and a DISPLAY."""
    if not platform.startswith("linux") or not environ.get("DISPLAY"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen == "xcb"
    # Unset on a Wayland session: Qt 6 picks its wayland plugin, not xcb.
    return not (environ.get("WAYLAND_DISPLAY") and environ.get("XDG_SESSION_TYPE") == "wayland")


def _loads(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_libraries(loads: Callable[[str], bool] | None = None) -> list[Library]:
    """The libraries of ``XCB_LIBRARIES`` the dynamic loader cannot find."""
    loads = loads or _loads
    return [library for library in XCB_LIBRARIES if not loads(library.soname)]


def missing_message(missing: list[Library]) -> str:
    """What to tell the person: which libraries, and the install command per distribution."""
    debian = " ".join(dict.fromkeys(library.debian for library in missing))
    fedora = " ".join(dict.fromkeys(library.fedora for library in missing))
    names = ", ".join(library.soname for library in missing)
    return (
        "schemadesk: error: the window cannot start on X11: Qt's xcb platform plugin needs "
        f"system libraries that are missing: {names}.\n"
        f"  Debian/Ubuntu: sudo apt-get install {debian}\n"
        f"  Fedora:        sudo dnf install {fedora}\n"
        "(Or run on Wayland with QT_QPA_PLATFORM=wayland; the command-line commands need none "
        "of this.)"
    )


def check_platform(
    environ: Mapping[str, str] | None = None,
    loads: Callable[[str], bool] | None = None,
    platform: str = sys.platform,
) -> str | None:
    """The message to print before Qt would abort, or None when the window can start."""
    if not wants_xcb(os.environ if environ is None else environ, platform):
        return None
    missing = missing_libraries(loads)
    return missing_message(missing) if missing else None
