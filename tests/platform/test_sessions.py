"""Which desktop this is, and the advice for exact tracking there (pure: no desktop needed)."""

from __future__ import annotations

import pytest

from wellbeing_app.platform.sessions import (
    APPROXIMATE_PROBE,
    GNOME_EXTENSION_PROBE,
    GNOME_EXTENSION_URL,
    KWIN_SCRIPT_PROBE,
    DesktopSession,
    desktop_session,
    tracking_advice,
)

WAYLAND = {"XDG_SESSION_TYPE": "wayland"}


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({}, "win32", DesktopSession("windows", "Windows")),
        ({"DISPLAY": ":0"}, "darwin", DesktopSession("macos", "macOS")),
        ({}, "linux", DesktopSession("")),
        (
            {"DISPLAY": ":0", "XDG_CURRENT_DESKTOP": "KDE"},
            "linux",
            DesktopSession("x11", "KDE Plasma", "kde"),
        ),
        (
            {**WAYLAND, "XDG_CURRENT_DESKTOP": "ubuntu:GNOME"},
            "linux",
            DesktopSession("wayland", "GNOME", "gnome"),
        ),
        (
            {**WAYLAND, "XDG_CURRENT_DESKTOP": "KDE"},
            "linux",
            DesktopSession("wayland", "KDE Plasma", "kde"),
        ),
        ({**WAYLAND, "SWAYSOCK": "/s"}, "linux", DesktopSession("wayland", "sway", "wlroots")),
        (
            {**WAYLAND, "HYPRLAND_INSTANCE_SIGNATURE": "x"},
            "linux",
            DesktopSession("wayland", "Hyprland", "wlroots"),
        ),
        (
            {**WAYLAND, "XDG_CURRENT_DESKTOP": "river"},
            "linux",
            DesktopSession("wayland", "river", "wlroots"),
        ),
        (
            {**WAYLAND, "XDG_CURRENT_DESKTOP": "COSMIC"},
            "linux",
            DesktopSession("wayland", "COSMIC", ""),
        ),
    ],
)
def test_the_session_is_read_from_the_environment(
    environ: dict[str, str], platform: str, expected: DesktopSession
) -> None:
    assert desktop_session(environ, platform) == expected


def test_the_bus_decides_only_when_the_environment_does_not() -> None:
    kwin = ["org.kde.KWin"]
    assert desktop_session(WAYLAND, "linux", kwin).family == "kde"
    assert desktop_session(WAYLAND, "linux", ["org.gnome.Shell"]).family == "gnome"
    named = {**WAYLAND, "XDG_CURRENT_DESKTOP": "GNOME"}
    assert desktop_session(named, "linux", kwin).family == "gnome"
    assert desktop_session(WAYLAND, "linux", ()).named == "this Wayland desktop"


GNOME = DesktopSession("wayland", "GNOME", "gnome")
KDE = DesktopSession("wayland", "KDE Plasma", "kde")
SWAY = DesktopSession("wayland", "sway", "wlroots")
COSMIC = DesktopSession("wayland", "COSMIC", "")


def test_gnome_without_the_extension_gets_the_link_and_steps() -> None:
    for probe in (None, APPROXIMATE_PROBE):
        advice = tracking_advice(GNOME, probe)
        assert advice is not None
        assert advice.link == GNOME_EXTENSION_URL
        assert GNOME_EXTENSION_URL in advice.text
        assert len(advice.steps) == 3
    limited = tracking_advice(GNOME, APPROXIMATE_PROBE)
    assert limited is not None
    assert "approximate" in limited.summary.lower()
    assert "never counted toward limits" in limited.summary
    assert tracking_advice(GNOME, GNOME_EXTENSION_PROBE) is None


def test_kde_never_hears_of_a_gnome_extension() -> None:
    assert tracking_advice(KDE, None) is None
    assert tracking_advice(KDE, KWIN_SCRIPT_PROBE) is None
    advice = tracking_advice(KDE, APPROXIMATE_PROBE)
    assert advice is not None
    assert "KWin script" in advice.summary
    assert advice.link is None
    assert "GNOME" not in advice.text and "extension" not in advice.text


@pytest.mark.parametrize(
    "session", [DesktopSession("x11", "KDE Plasma", "kde"), DesktopSession("windows")]
)
def test_exact_desktops_need_no_advice(session: DesktopSession) -> None:
    assert tracking_advice(session, None) is None
    assert tracking_advice(session, "x11") is None


def test_wlroots_needs_advice_only_when_approximate() -> None:
    assert tracking_advice(SWAY, None) is None
    assert tracking_advice(SWAY, "sway") is None
    advice = tracking_advice(SWAY, APPROXIMATE_PROBE)
    assert advice is not None and "sway (Wayland)" in advice.summary


def test_an_unknown_desktop_is_named_with_what_would_work() -> None:
    advice = tracking_advice(COSMIC, None)
    assert advice is not None
    assert advice.summary.startswith("On COSMIC (Wayland)")
    assert "KDE Plasma" in advice.text and "X11" in advice.text
    # A compositor Wellbeing did not know by name that offered the wlroots protocol is fine.
    assert tracking_advice(COSMIC, "wlr-foreign-toplevel") is None


def test_no_graphical_session_says_so() -> None:
    advice = tracking_advice(DesktopSession(""), None)
    assert advice is not None and "no graphical desktop session" in advice.summary


def test_the_current_session_advice_reads_the_environment_given() -> None:
    from wellbeing_app.platform.sessions import current_tracking_advice

    gnome = {**WAYLAND, "XDG_CURRENT_DESKTOP": "GNOME"}
    advice = current_tracking_advice(environ=gnome, platform="linux")
    assert advice is not None and advice.link == GNOME_EXTENSION_URL
    assert current_tracking_advice(GNOME_EXTENSION_PROBE, environ=gnome, platform="linux") is None
    assert current_tracking_advice(environ={}, platform="win32") is None


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        ("Budgie:GNOME", ("Budgie", "wlroots")),  # Budgie 10.10 runs on labwc
        ("X-Cinnamon", ("Cinnamon", "")),
        ("ubuntu:GNOME", ("GNOME", "gnome")),
        ("pop:GNOME", ("GNOME", "gnome")),
    ],
)
def test_a_desktop_that_only_borrows_gnome_is_not_taken_for_gnome(
    current: str, expected: tuple[str, str]
) -> None:
    environ = {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": current}
    session = desktop_session(environ, "linux")
    assert (session.desktop, session.family) == expected
