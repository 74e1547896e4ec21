"""Foreground window and idle time on wlroots compositors: sway, Hyprland, river, labwc, Wayfire.

The foreground comes from the compositor's own IPC where it has one (sway: ``SWAYSOCK``;
Hyprland: ``HYPRLAND_INSTANCE_SIGNATURE``), and from the ``wlr-foreign-toplevel-management``
Wayland protocol otherwise (or when that IPC cannot be used). Idle time comes from
``ext-idle-notify-v1`` or ``org_kde_kwin_idle``; without either, focus is still tracked and
idle time is unknown. Every probe here follows the compositor's events on a background thread,
so the polls on the GUI thread only read memory.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from wellbeing_app.core.probes import ForegroundProbe, IdleProbe
from wellbeing_app.platform.probes import NullIdleProbe, ProbeUnavailable
from wellbeing_app.platform.wlr_wire import socket_path

logger = logging.getLogger(__name__)


def wlroots_probes(
    environ: Mapping[str, str], *, idle_after_seconds: float
) -> tuple[ForegroundProbe, IdleProbe]:
    """The probes for the wlroots compositor this session runs on.

    Args:
        environ: the session's environment (``SWAYSOCK``, ``HYPRLAND_INSTANCE_SIGNATURE``,
            ``WAYLAND_DISPLAY``, ``XDG_RUNTIME_DIR``, ``XDG_CURRENT_DESKTOP``).
        idle_after_seconds: the person's idle threshold, for compositors that only say when
            that much time without input has passed (``ext-idle-notify-v1``).

    Raises:
        ProbeUnavailable: when no wlroots compositor can be reached from this session.
    """
    foreground = foreground_probe(environ)
    return foreground, idle_probe(environ, idle_after_seconds=idle_after_seconds)


def foreground_probe(environ: Mapping[str, str]) -> ForegroundProbe:
    """The compositor's own IPC if it has one, else ``wlr-foreign-toplevel-management``.

    Raises:
        ProbeUnavailable: when none of them can be used.
    """
    attempts: list[tuple[str, Callable[[], ForegroundProbe]]] = []
    swaysock = environ.get("SWAYSOCK")
    if swaysock:
        attempts.append(("sway", lambda: _sway(swaysock)))
    if environ.get("HYPRLAND_INSTANCE_SIGNATURE"):
        attempts.append(("Hyprland", lambda: _hyprland(environ)))
    wayland = socket_path(environ)
    if wayland is not None:
        attempts.append(("wlr-foreign-toplevel", lambda: _foreign_toplevel(wayland)))
    errors: list[str] = []
    for name, attempt in attempts:
        try:
            return attempt()
        except ProbeUnavailable as error:
            logger.info("%s cannot report the focused window: %s", name, error)
            errors.append(str(error))
    desktop = environ.get("XDG_CURRENT_DESKTOP") or "this Wayland desktop"
    raise ProbeUnavailable(
        f"Wellbeing cannot see which window is in front on {desktop}: its compositor offers "
        "neither sway's or Hyprland's IPC nor the wlr-foreign-toplevel-management protocol"
        + (f" ({errors[-1].rstrip('.')})." if errors else ".")
    )


def idle_probe(environ: Mapping[str, str], *, idle_after_seconds: float) -> IdleProbe:
    """``ext-idle-notify-v1`` or ``org_kde_kwin_idle``; ``NullIdleProbe`` when neither works."""
    path = socket_path(environ)
    if path is not None:
        from wellbeing_app.platform.wlr_idle import WaylandIdleProbe

        try:
            return WaylandIdleProbe(path, idle_after_seconds=idle_after_seconds)
        except ProbeUnavailable as error:
            logger.warning("Idle time is unknown, every focused minute counts: %s", error)
    else:
        logger.warning("Idle time is unknown: WAYLAND_DISPLAY/XDG_RUNTIME_DIR are not set")
    return NullIdleProbe()


def _sway(path: str) -> ForegroundProbe:
    from wellbeing_app.platform.sway import SwayForegroundProbe

    return SwayForegroundProbe(path)


def _hyprland(environ: Mapping[str, str]) -> ForegroundProbe:
    from wellbeing_app.platform.hyprland import HyprlandForegroundProbe

    return HyprlandForegroundProbe(environ)


def _foreign_toplevel(path: str) -> ForegroundProbe:
    from wellbeing_app.platform.wlr_toplevel import ForeignToplevelProbe

    return ForeignToplevelProbe(path)
