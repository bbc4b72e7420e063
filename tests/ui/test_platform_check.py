"""Point 1 of issue 19: before Qt aborts on X11 without its libraries, the window names the
missing system packages and how to install them; elsewhere the check stays out of the way."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from schemadesk.ui.platform_check import (
    EXIT_NO_PLATFORM,
    XCB_LIBRARIES,
    check_platform,
    wants_xcb,
)

X11 = {"DISPLAY": ":0"}


def test_a_missing_library_is_named_with_its_debian_and_fedora_packages() -> None:
    message = check_platform(X11, loads=lambda soname: soname != "libxcb-cursor.so.0",
                             platform="linux")  # fmt: skip
    assert message is not None
    assert "libxcb-cursor.so.0" in message
    assert "sudo apt-get install libxcb-cursor0" in message
    assert "sudo dnf install xcb-util-cursor" in message
    assert "libxcb-icccm4" not in message  # only what is missing


def test_packages_shared_by_several_libraries_are_named_once() -> None:
    message = check_platform(X11, loads=lambda soname: "xcb" not in soname, platform="linux")
    assert message is not None
    fedora = next(line for line in message.splitlines() if "dnf install" in line)
    assert fedora.split().count("libxcb") == 1


def test_nothing_is_checked_off_x11() -> None:
    def refuse(soname: str) -> bool:
        raise AssertionError(f"{soname} was probed although Qt does not use xcb here")

    assert check_platform({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, refuse,
                          "linux") is None  # fmt: skip
    assert check_platform({"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland"}, refuse, "linux") is None
    assert check_platform({}, refuse, "linux") is None  # no DISPLAY: Qt fails on its own terms
    assert check_platform(X11, refuse, "darwin") is None
    assert check_platform(X11, refuse, "win32") is None
    wayland = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}
    assert check_platform(wayland, refuse, "linux") is None
    assert wants_xcb({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb:nograb"}, "linux")


def test_this_machine_has_every_library_qt_needs() -> None:
    # The libraries ldd lists for PySide6's libqxcb.so are all here (the window tests run).
    assert check_platform(X11, platform="linux") is None


def test_the_window_exits_with_the_packages_before_qt_starts() -> None:
    script = textwrap.dedent(
        """
        import sys
        import schemadesk.ui.platform_check as check
        check._loads = lambda soname: soname not in ("libxcb-cursor.so.0", "libxcb-icccm.so.4")
        from schemadesk.app import open_window
        code = open_window(None)
        assert "PySide6.QtWidgets" not in sys.modules, "Qt was loaded before the check"
        sys.exit(code)
        """
    )
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = ":0"
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                         text=True, timeout=120, check=False)  # fmt: skip
    assert run.returncode == EXIT_NO_PLATFORM, run.stderr
    assert "libxcb-cursor0 libxcb-icccm4" in run.stderr
    assert "xcb-util-cursor xcb-util-wm" in run.stderr
    assert "could not load the Qt platform plugin" not in run.stderr


def test_every_library_has_both_package_names() -> None:
    assert all(lib.debian and lib.fedora and ".so." in lib.soname for lib in XCB_LIBRARIES)
