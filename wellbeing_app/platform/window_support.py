"""Can Qt open a window here? Asked before Qt is started, because Qt cannot say so itself.

On Linux, Qt's xcb platform plugin needs system libraries that a pip install does not bring
(a stock Debian 12 lacks ``libxcb-icccm4`` and ``libxcb-keysyms1``); when one is missing, or
there is no display at all, Qt prints a message naming another library and aborts the process
(SIGABRT, a core dump). This module checks the same things first, so the app can say in one
sentence what to install, and that ``wellbeing track`` works without a window.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass

from wellbeing_app.core.errors import WellbeingError


@dataclass(frozen=True, slots=True)
class SystemLibrary:
    soname: str
    debian: str  # the Debian/Ubuntu package
    fedora: str  # the Fedora package


# Needed by QtGui whatever the platform plugin (QtGui itself does not load without them).
QT_GUI = (
    SystemLibrary("libEGL.so.1", "libegl1", "libglvnd-egl"),
    SystemLibrary("libGL.so.1", "libgl1", "libglvnd-glx"),
    SystemLibrary("libfontconfig.so.1", "libfontconfig1", "fontconfig"),
    SystemLibrary("libfreetype.so.6", "libfreetype6", "freetype"),
    SystemLibrary("libxkbcommon.so.0", "libxkbcommon0", "libxkbcommon"),
    SystemLibrary("libglib-2.0.so.0", "libglib2.0-0", "glib2"),
    SystemLibrary("libX11.so.6", "libx11-6", "libX11"),
    SystemLibrary("libdbus-1.so.3", "libdbus-1-3", "dbus-libs"),
)

# Needed by the xcb (X11) platform plugin: PySide6's plugins/platforms/libqxcb.so and
# Qt/lib/libQt6XcbQpa.so.6 (a test checks this list against their ELF headers).
XCB = (
    SystemLibrary("libX11-xcb.so.1", "libx11-xcb1", "libX11-xcb"),
    SystemLibrary("libxkbcommon-x11.so.0", "libxkbcommon-x11-0", "libxkbcommon-x11"),
    SystemLibrary("libxcb.so.1", "libxcb1", "libxcb"),
    SystemLibrary("libxcb-cursor.so.0", "libxcb-cursor0", "xcb-util-cursor"),
    SystemLibrary("libxcb-icccm.so.4", "libxcb-icccm4", "xcb-util-wm"),
    SystemLibrary("libxcb-image.so.0", "libxcb-image0", "xcb-util-image"),
    SystemLibrary("libxcb-keysyms.so.1", "libxcb-keysyms1", "xcb-util-keysyms"),
    SystemLibrary("libxcb-randr.so.0", "libxcb-randr0", "libxcb"),
    SystemLibrary("libxcb-render.so.0", "libxcb-render0", "libxcb"),
    SystemLibrary("libxcb-render-util.so.0", "libxcb-render-util0", "xcb-util-renderutil"),
    SystemLibrary("libxcb-shape.so.0", "libxcb-shape0", "libxcb"),
    SystemLibrary("libxcb-shm.so.0", "libxcb-shm0", "libxcb"),
    SystemLibrary("libxcb-sync.so.1", "libxcb-sync1", "libxcb"),
    SystemLibrary("libxcb-util.so.1", "libxcb-util1", "xcb-util"),
    SystemLibrary("libxcb-xfixes.so.0", "libxcb-xfixes0", "libxcb"),
    SystemLibrary("libxcb-xkb.so.1", "libxcb-xkb1", "libxcb"),
)

# Needed by the Wayland platform plugin (plugins/platforms/libqwayland.so).
WAYLAND = (
    SystemLibrary("libwayland-client.so.0", "libwayland-client0", "libwayland-client"),
    SystemLibrary("libwayland-cursor.so.0", "libwayland-cursor0", "libwayland-cursor"),
)

WITHOUT_A_WINDOW = "or track without a window with 'wellbeing track'"


def loads(soname: str) -> bool:
    """True when the dynamic loader finds and loads ``soname`` (as Qt's plugin would)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class WindowSupport:
    """What the check found: a sentence when no window can open, or a platform to pick."""

    problem: str | None = None
    qt_platform: str | None = None  # set QT_QPA_PLATFORM to this before Qt starts


def window_support(
    environ: Mapping[str, str],
    platform: str = sys.platform,
    can_load: Callable[[str], bool] = loads,
) -> WindowSupport:
    """Whether Qt can open a window here, checked without starting Qt.

    Only Linux (and the BSDs) is checked: elsewhere Qt ships what it needs. A platform the
    person chose (``QT_QPA_PLATFORM=offscreen``, ``vnc``...) is theirs; ``xcb`` and ``wayland``
    are checked as when Qt picks them itself.
    """
    if not (platform.startswith("linux") or "bsd" in platform):
        return WindowSupport()
    missing_gui = _missing(QT_GUI, can_load)
    if missing_gui:
        return WindowSupport(_install_sentence(missing_gui))
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    x11 = bool(environ.get("DISPLAY"))
    wayland = bool(environ.get("WAYLAND_DISPLAY"))
    if chosen not in ("", "xcb", "wayland", "wayland-egl"):
        return WindowSupport()
    if chosen == "xcb" or (not chosen and not wayland):
        if not x11:
            return WindowSupport(_no_display_sentence(chosen))
        missing = _missing(XCB, can_load)
        return WindowSupport(_install_sentence(missing) if missing else None)
    if chosen.startswith("wayland") and not wayland:
        return WindowSupport(_no_display_sentence(chosen))
    missing_wayland = _missing(WAYLAND, can_load)
    if chosen.startswith("wayland"):
        return WindowSupport(_install_sentence(missing_wayland) if missing_wayland else None)
    # A Wayland session with Qt left to choose: Qt may still pick xcb (through XWayland), so
    # when xcb cannot work but Wayland can, Wayland is chosen for it instead of an abort.
    missing_xcb = _missing(XCB, can_load) if x11 else list(XCB)
    if not missing_xcb:
        return WindowSupport()
    if not missing_wayland:
        return WindowSupport(qt_platform="wayland")
    return WindowSupport(_install_sentence(missing_wayland + missing_xcb))


class WindowUnavailable(WellbeingError):
    """Qt could not open a window here; the message says what to do."""


def ensure_window_support(
    environ: MutableMapping[str, str] | None = None,
    platform: str = sys.platform,
    can_load: Callable[[str], bool] = loads,
) -> None:
    """Raises ``WindowUnavailable`` (one sentence) when Qt would abort on start; picks the
    Wayland platform for Qt when only it can work."""
    environ = os.environ if environ is None else environ
    support = window_support(environ, platform, can_load)
    if support.problem is not None:
        raise WindowUnavailable(support.problem)
    if support.qt_platform is not None:
        environ["QT_QPA_PLATFORM"] = support.qt_platform


def _missing(
    libraries: Iterable[SystemLibrary], can_load: Callable[[str], bool]
) -> list[SystemLibrary]:
    return [library for library in libraries if not can_load(library.soname)]


def _unique(names: Iterable[str]) -> str:
    return " ".join(dict.fromkeys(names))


def _install_sentence(missing: list[SystemLibrary]) -> str:
    sonames = ", ".join(library.soname for library in missing)
    return (
        f"Wellbeing cannot open its window because system libraries are missing ({sonames}): "
        f"install them with 'sudo apt install {_unique(lib.debian for lib in missing)}' "
        f"(Debian, Ubuntu) or 'sudo dnf install {_unique(lib.fedora for lib in missing)}' "
        f"(Fedora), {WITHOUT_A_WINDOW}."
    )


def _no_display_sentence(chosen: str) -> str:
    needs = {
        "xcb": "DISPLAY is not set",
        "wayland": "WAYLAND_DISPLAY is not set",
        "wayland-egl": "WAYLAND_DISPLAY is not set",
    }.get(chosen, "neither DISPLAY nor WAYLAND_DISPLAY is set")
    return (
        f"Wellbeing cannot open its window because there is no display here ({needs}): "
        f"start it from your desktop session, {WITHOUT_A_WINDOW}."
    )
