"""Which desktop this is, what its probes are called, and what a person can do for exact tracking.

Pure functions of the session's environment (``XDG_SESSION_TYPE``, ``XDG_CURRENT_DESKTOP``,
``SWAYSOCK``, ``HYPRLAND_INSTANCE_SIGNATURE``, ``KDE_FULL_SESSION``) and, where the environment
does not say, the names present on the session bus: no OS calls here, so the welcome, Settings
and probe selection all say the same thing, and tests need no desktop.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

GNOME_EXTENSION_URL = "https://extensions.gnome.org/extension/5592/focused-window-d-bus/"

# The probes' ``name``s, as the status bar says them. Probes named in words already are shown
# as they are; these are the backends whose names are identifiers.
_LABELS = {
    "x11": "X11",
    "windows": "Windows",
    "macos": "macOS",
    "sway": "sway IPC",
    "hyprland": "Hyprland socket",
    "wlr-foreign-toplevel": "wlroots toplevel protocol",
}

# XDG_CURRENT_DESKTOP entries (lower case) and the desktop they name.
# Checked in the order XDG_CURRENT_DESKTOP lists them, so a desktop that also names GNOME for
# its settings ("Budgie:GNOME") is taken for itself, not for GNOME Shell it does not run.
_DESKTOPS = {
    "budgie": ("Budgie", "wlroots"),  # Budgie 10.10 on Wayland runs on labwc
    "x-cinnamon": ("Cinnamon", ""),
    "cinnamon": ("Cinnamon", ""),
    "gnome": ("GNOME", "gnome"),
    "ubuntu": ("GNOME", "gnome"),
    "gnome-classic": ("GNOME", "gnome"),
    "kde": ("KDE Plasma", "kde"),
    "plasma": ("KDE Plasma", "kde"),
    "sway": ("sway", "wlroots"),
    "hyprland": ("Hyprland", "wlroots"),
    "river": ("river", "wlroots"),
    "labwc": ("labwc", "wlroots"),
    "wayfire": ("Wayfire", "wlroots"),
    "wlroots": ("a wlroots compositor", "wlroots"),
}

KWIN_BUS_NAME = "org.kde.KWin"
GNOME_SHELL_BUS_NAME = "org.gnome.Shell"


@dataclass(frozen=True, slots=True)
class DesktopSession:
    """What kind of desktop session Wellbeing runs in.

    Attributes:
        display: ``"wayland"``, ``"x11"``, ``"windows"``, ``"macos"`` or ``""`` (none found).
        desktop: the desktop's name for people (``"KDE Plasma"``, ``"sway"``), ``""`` unknown.
        family: ``"gnome"``, ``"kde"``, ``"wlroots"`` or ``""``: which probes can work.
    """

    display: str
    desktop: str = ""
    family: str = ""

    @property
    def named(self) -> str:
        """The desktop as a sentence names it: ``"KDE Plasma (Wayland)"``."""
        if self.display != "wayland":
            return self.desktop or "this desktop"
        return f"{self.desktop} (Wayland)" if self.desktop else "this Wayland desktop"


def desktop_session(
    environ: Mapping[str, str], platform: str, bus_names: Collection[str] = ()
) -> DesktopSession:
    """The session ``environ`` describes on ``platform`` (``sys.platform``).

    ``bus_names`` (the session bus's names) decide only when the environment names no
    desktop Wellbeing knows.
    """
    if platform == "win32":
        return DesktopSession("windows", "Windows")
    if platform == "darwin":
        return DesktopSession("macos", "macOS")
    kind = environ.get("XDG_SESSION_TYPE", "").lower()
    if kind == "wayland" or (kind != "x11" and environ.get("WAYLAND_DISPLAY")):
        display = "wayland"
    elif environ.get("DISPLAY"):
        display = "x11"
    else:
        return DesktopSession("")
    desktop, family = _named_desktop(environ)
    if environ.get("SWAYSOCK") and not family:
        desktop, family = "sway", "wlroots"
    if environ.get("HYPRLAND_INSTANCE_SIGNATURE") and not family:
        desktop, family = "Hyprland", "wlroots"
    if not family and environ.get("KDE_FULL_SESSION"):
        desktop, family = "KDE Plasma", "kde"
    if not family and display == "wayland":
        if KWIN_BUS_NAME in bus_names:
            desktop, family = desktop or "KDE Plasma", "kde"
        elif GNOME_SHELL_BUS_NAME in bus_names:
            desktop, family = desktop or "GNOME", "gnome"
    return DesktopSession(display, desktop, family)


def _named_desktop(environ: Mapping[str, str]) -> tuple[str, str]:
    entries = [e.strip() for e in environ.get("XDG_CURRENT_DESKTOP", "").split(":") if e.strip()]
    for entry in entries:
        if entry.lower() in _DESKTOPS:
            return _DESKTOPS[entry.lower()]
    return (entries[0] if entries else ""), ""


def probe_label(name: str) -> str:
    """A probe's ``name`` as the status bar says it (``"x11"`` -> ``"X11"``)."""
    return _LABELS.get(name, name)


APPROXIMATE_PROBE = "approximate: running apps only"
GNOME_EXTENSION_PROBE = "GNOME extension"
KWIN_SCRIPT_PROBE = "KWin script"


@dataclass(frozen=True, slots=True)
class TrackingAdvice:
    """What a person can do so Wellbeing tracks exactly on their desktop.

    Attributes:
        summary: one or two sentences on what is limited and why.
        steps: what to do, in order ("" when nothing can be done here but to switch desktop).
        link: a web page the steps refer to, if any.
    """

    summary: str
    steps: tuple[str, ...] = ()
    link: str | None = None

    @property
    def text(self) -> str:
        """The advice as plain text, steps numbered."""
        lines = [self.summary]
        lines += [f"{number}. {step}" for number, step in enumerate(self.steps, 1)]
        return "\n".join(lines)


def tracking_advice(
    session: DesktopSession, probe_name: str | None = None
) -> TrackingAdvice | None:
    """What to do for exact tracking in ``session``; ``None`` when nothing is needed.

    Args:
        session: from ``desktop_session``.
        probe_name: the foreground probe in use, or ``None`` before tracking starts (the
            welcome): then the advice says what the desktop needs, if anything.
    """
    if session.display in ("windows", "macos", "x11"):
        return None
    if session.display == "":
        return TrackingAdvice(
            "Wellbeing found no graphical desktop session, so it cannot see which app you use.",
            ("Start Wellbeing from within your desktop session (not over SSH or a console).",),
        )
    if session.family == "gnome":
        if probe_name == GNOME_EXTENSION_PROBE:
            return None
        limited = probe_name == APPROXIMATE_PROBE
        summary = (
            "Time is approximate: without the free 'Focused Window D-Bus' GNOME Shell extension, "
            "Wellbeing can only see which community apps are running while you are active, not "
            "which window is in front. Approximate time is shown, labelled, but never counted "
            "toward limits or breaks."
            if limited
            else "On GNOME (Wayland), exact tracking needs the free 'Focused Window D-Bus' GNOME "
            "Shell extension; without it Wellbeing only sees which community apps are running."
        )
        return TrackingAdvice(
            summary,
            (
                f"Open {GNOME_EXTENSION_URL} in your browser (or search 'Focused Window D-Bus' "
                "in the Extension Manager app).",
                "Install it and switch it on (the browser may ask for the GNOME Shell "
                "integration add-on first).",
                "Quit Wellbeing from its tray menu and start it again.",
            ),
            GNOME_EXTENSION_URL,
        )
    if session.family == "kde":
        if probe_name in (None, KWIN_SCRIPT_PROBE):
            return None
        return TrackingAdvice(
            "Time is approximate: Wellbeing could not load its small KWin script, which tells "
            "it which window is in front on KDE Plasma (Wayland). Approximate time is shown, "
            "labelled, but never counted toward limits or breaks.",
            (
                "Quit Wellbeing from its tray menu and start it again.",
                "If it stays approximate, log in to a 'Plasma (X11)' session, where Wellbeing "
                "tracks without a script.",
            ),
        )
    if session.family == "wlroots":
        if probe_name is None or probe_name != APPROXIMATE_PROBE:
            return None
    elif probe_name not in (None, APPROXIMATE_PROBE) and session.display == "wayland":
        return None  # an unnamed compositor that offers the wlroots protocol
    return TrackingAdvice(
        f"On {session.named} Wellbeing cannot see which window is in front: Wayland keeps "
        "that private, and this compositor offers no way Wellbeing knows to ask.",
        (
            "Log in to an X11 session of your desktop if it has one: Wellbeing tracks exactly "
            "there.",
            "Exact tracking on Wayland works on GNOME (with the 'Focused Window D-Bus' "
            "extension), KDE Plasma, sway, Hyprland and compositors with the "
            "wlr-foreign-toplevel-management protocol (river, labwc, Wayfire).",
        ),
    )


def current_tracking_advice(
    probe_name: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
) -> TrackingAdvice | None:
    """``tracking_advice`` for the session Wellbeing runs in (``os.environ``, ``sys.platform``
    unless given): what the welcome and Settings show. Asks no bus: a Wayland desktop the
    environment does not name gets the advice for an unknown desktop."""
    import os
    import sys

    session = desktop_session(
        os.environ if environ is None else environ, sys.platform if platform is None else platform
    )
    return tracking_advice(session, probe_name)
