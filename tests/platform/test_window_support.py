"""Before Qt starts: a missing system library or display is one sentence, never an abort."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import PySide6
import pytest

from wellbeing_app.platform.window_support import (
    QT_GUI,
    WAYLAND,
    XCB,
    WindowSupport,
    WindowUnavailable,
    ensure_window_support,
    window_support,
)

DEBIAN_12 = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}  # what a stock Debian 12 lacks


def without(*missing: str) -> object:
    return lambda soname: soname not in missing


def test_a_stock_debian_12_with_a_display_is_told_what_to_install() -> None:
    support = window_support({"DISPLAY": ":0"}, "linux", without(*DEBIAN_12))
    assert support.problem == (
        "Wellbeing cannot open its window because system libraries are missing "
        "(libxcb-icccm.so.4, libxcb-keysyms.so.1): install them with "
        "'sudo apt install libxcb-icccm4 libxcb-keysyms1' (Debian, Ubuntu) or "
        "'sudo dnf install xcb-util-wm xcb-util-keysyms' (Fedora), "
        "or track without a window with 'wellbeing track'."
    )


def test_no_display_is_said_before_anything_else() -> None:
    support = window_support({}, "linux", without(*DEBIAN_12))
    assert support.problem is not None
    assert "there is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set)" in (
        support.problem
    )
    assert "'wellbeing track'" in support.problem


def test_everything_there_needs_nothing() -> None:
    assert window_support({"DISPLAY": ":0"}, "linux", without()) == WindowSupport()


def test_a_platform_the_person_chose_is_theirs() -> None:
    assert window_support({"QT_QPA_PLATFORM": "offscreen"}, "linux", without(*DEBIAN_12)) == (
        WindowSupport()
    )
    forced_x11 = window_support({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert forced_x11.problem is not None and "DISPLAY is not set" in forced_x11.problem


def test_qt_gui_libraries_are_needed_whatever_the_platform() -> None:
    support = window_support({"QT_QPA_PLATFORM": "offscreen"}, "linux", without("libEGL.so.1"))
    assert support.problem is not None
    assert "'sudo apt install libegl1'" in support.problem
    assert "'sudo dnf install libglvnd-egl'" in support.problem


def test_a_wayland_session_without_the_xcb_libraries_runs_on_wayland() -> None:
    environ = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}
    assert window_support(environ, "linux", without(*DEBIAN_12)) == WindowSupport(
        qt_platform="wayland"
    )
    assert window_support(environ, "linux", without()) == WindowSupport()  # Qt decides
    neither = window_support(environ, "linux", without("libwayland-client.so.0", *DEBIAN_12))
    assert neither.problem is not None
    assert "libwayland-client0 libxcb-icccm4 libxcb-keysyms1" in neither.problem


def test_ensure_raises_one_sentence_or_picks_wayland() -> None:
    with pytest.raises(WindowUnavailable, match="no display here"):
        ensure_window_support({}, "linux", without())
    environ = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}
    ensure_window_support(environ, "linux", without(*DEBIAN_12))
    assert environ["QT_QPA_PLATFORM"] == "wayland"


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_windows_and_macos_are_not_checked(platform: str) -> None:
    assert window_support({}, platform, without("libEGL.so.1")) == WindowSupport()


def _needed(library: Path) -> set[str]:
    dump = subprocess.run(
        ["objdump", "-p", str(library)], capture_output=True, text=True, check=True
    ).stdout
    return {line.split()[1] for line in dump.splitlines() if line.strip().startswith("NEEDED")}


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("objdump") is None,
    reason="reads Linux ELF headers with objdump (binutils)",
)
def test_the_lists_cover_what_qts_platform_plugins_need() -> None:
    qt = Path(PySide6.__file__).parent / "Qt"
    needed = (
        _needed(qt / "plugins" / "platforms" / "libqxcb.so")
        | _needed(qt / "lib" / "libQt6XcbQpa.so.6")
        | _needed(qt / "lib" / "libQt6Gui.so.6")
        | _needed(qt / "plugins" / "platforms" / "libqwayland.so")
    )
    # Qt's own libraries come with PySide6; the C and C++ runtimes and zlib with any system.
    system = {
        name
        for name in needed
        if not name.startswith(("libQt6", "libc.", "libm.", "libstdc++", "libgcc_s", "ld-"))
        and name not in {"libz.so.1", "libgthread-2.0.so.0"}
    }
    listed = {library.soname for library in (*QT_GUI, *XCB, *WAYLAND)}
    assert system <= listed


def test_without_a_display_the_app_says_so_and_exits_2_without_a_core_dump(
    tmp_path: Path,
) -> None:
    environ = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    environ["XDG_STATE_HOME"] = str(tmp_path / "state")
    done = subprocess.run(
        [sys.executable, "-m", "wellbeing_app", "--data-dir", str(tmp_path / "data")],
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("wellbeing: Wellbeing cannot open its window because there is no")
    assert "'wellbeing track'" in lines[0]
    assert not list(tmp_path.glob("core*"))
    assert not (tmp_path / "data").exists()  # nothing was opened or written
