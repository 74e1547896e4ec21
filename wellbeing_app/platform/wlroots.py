"""Foreground window and idle time on wlroots compositors: sway, Hyprland, river, labwc, Wayfire.

Contract used by ``platform.probes.create_probes`` (being built for issue #12): until this module
can see a compositor it raises ``ProbeUnavailable``, so the caller falls back as before.
"""

from __future__ import annotations

from collections.abc import Mapping

from wellbeing_app.core.probes import ForegroundProbe, IdleProbe
from wellbeing_app.platform.probes import ProbeUnavailable


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
    raise ProbeUnavailable("Wellbeing cannot reach a wlroots compositor from this session.")
