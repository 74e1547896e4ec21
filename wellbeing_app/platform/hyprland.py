"""The focused window on Hyprland, from its two Unix sockets, kept current by events.

Hyprland (https://wiki.hyprland.org/IPC/) listens in ``$XDG_RUNTIME_DIR/hypr/<signature>/``
(``/tmp/hypr/<signature>/`` before 0.40) on ``.socket.sock`` for requests (one per
connection: ``j/activewindow`` answers with the focused window as JSON) and on
``.socket2.sock`` for events, one ``EVENT>>DATA`` line each. The probe reads the active window
once, then follows ``activewindow``, ``activewindowv2``, ``windowtitle``, ``fullscreen``,
``closewindow`` and ``workspace`` events on a background thread and asks ``j/activewindow``
again when one arrives (once per batch: a focus change is several lines). ``foreground()``
only reads what the last answer left.
"""

from __future__ import annotations

import json
import logging
import os
import socket
from collections.abc import Mapping
from typing import Any

from wellbeing_app.core.probes import ForegroundWindow
from wellbeing_app.platform.probes import ProbeUnavailable
from wellbeing_app.platform.wlr_events import ReaderChanges, SocketReader

logger = logging.getLogger(__name__)

_TIMEOUT = 5.0
LEGACY_ROOT = "/tmp/hypr"  # where Hyprland before 0.40 put its sockets
_MAX_REPLY = 1 << 20
# Events after which the focused window, its title or its state may differ.
WINDOW_EVENTS = frozenset(
    {
        "activewindow",
        "activewindowv2",
        "windowtitle",
        "windowtitlev2",
        "fullscreen",
        "closewindow",
        "workspace",
        "workspacev2",
        "focusedmon",
        "focusedmonv2",
    }
)


def instance_dir(environ: Mapping[str, str]) -> str | None:
    """The directory of this session's Hyprland sockets, or ``None`` when there is none."""
    signature = environ.get("HYPRLAND_INSTANCE_SIGNATURE", "")
    if not signature or "/" in signature or signature in (".", ".."):
        return None
    candidates = []
    runtime_dir = environ.get("XDG_RUNTIME_DIR")
    if runtime_dir:
        candidates.append(os.path.join(runtime_dir, "hypr", signature))
    candidates.append(os.path.join(LEGACY_ROOT, signature))
    for candidate in candidates:
        if os.path.exists(os.path.join(candidate, ".socket2.sock")):
            return candidate
    return None


def window_of(reply: Any) -> ForegroundWindow | None:
    """The window in a ``j/activewindow`` answer; ``None`` when nothing has the focus."""
    if not isinstance(reply, dict) or not reply.get("address"):
        return None
    app = reply.get("class") or reply.get("initialClass") or ""
    title = reply.get("title")
    pid = reply.get("pid")
    fullscreen = reply.get("fullscreen")
    if isinstance(fullscreen, bool):
        # Before 0.42: a flag, with "fullscreenMode" 1 for "maximised", not fullscreen.
        covers = fullscreen and reply.get("fullscreenMode", 0) != 1
    else:
        # Since 0.42: 0 none, 1 maximised, 2 fullscreen, 3 both.
        covers = isinstance(fullscreen, int) and bool(fullscreen & 2)
    return ForegroundWindow(
        app=str(app),
        title=title if isinstance(title, str) else "",
        pid=pid if isinstance(pid, int) and pid > 0 else None,
        fullscreen=covers,
    )


def request(directory: str, command: str) -> Any:
    """Sends one request on ``.socket.sock`` and returns the parsed JSON answer.

    Raises:
        OSError: when the socket cannot be used.
        ValueError: when the answer is not JSON (Hyprland answers ``"unknown request"``).
    """
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM | socket.SOCK_CLOEXEC) as connection:
        connection.settimeout(_TIMEOUT)
        connection.connect(os.path.join(directory, ".socket.sock"))
        connection.sendall(command.encode())
        chunks = []
        size = 0
        while size < _MAX_REPLY:
            chunk = connection.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    return json.loads(b"".join(chunks) or b"{}")


class HyprlandForegroundProbe(ReaderChanges):
    """The focused window on Hyprland, re-read when its event socket says it changed; a
    ``ChangeNotifier`` (the sampler sleeps until Hyprland says something)."""

    name = "hyprland"

    def __init__(self, environ: Mapping[str, str]) -> None:
        """Connects to the event socket and reads the active window.

        Raises:
            ProbeUnavailable: when Hyprland's sockets cannot be found or used.
        """
        directory = instance_dir(environ)
        if directory is None:
            raise ProbeUnavailable(
                "Wellbeing could not find Hyprland's sockets for this session "
                "(HYPRLAND_INSTANCE_SIGNATURE)."
            )
        self._directory = directory
        self._closed = False
        self._buffer = b""
        self._events = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM | socket.SOCK_CLOEXEC)
        try:
            self._events.settimeout(_TIMEOUT)
            self._events.connect(os.path.join(directory, ".socket2.sock"))
            self._events.setblocking(False)
            # Listening first, so a change between the two is seen as an event.
            self._window = window_of(request(directory, "j/activewindow"))
        except (OSError, ValueError) as error:
            self._events.close()
            raise ProbeUnavailable(f"Wellbeing could not reach Hyprland: {error}.") from error
        self._reader = SocketReader(
            "hyprland-events",
            self._events.fileno(),
            self._on_readable,
            self._on_lost,
            state=self.foreground,  # events about other windows wake no sample
        )

    def foreground(self) -> ForegroundWindow | None:
        """The active window when the last event arrived; never touches a socket."""
        return self._window

    def close(self) -> None:
        """Stops the event thread and closes the event socket."""
        if self._closed:
            return
        self._closed = True
        self._reader.stop()
        self._events.close()
        self._window = None

    def _on_readable(self) -> bool:
        try:
            chunk = self._events.recv(65536)
        except BlockingIOError:
            return True
        self._buffer += chunk
        *lines, self._buffer = self._buffer.split(b"\n")
        if any(
            line.partition(b">>")[0].decode(errors="replace") in WINDOW_EVENTS for line in lines
        ):
            try:
                self._window = window_of(request(self._directory, "j/activewindow"))
            except (OSError, ValueError) as error:
                logger.debug("Hyprland did not answer j/activewindow: %r", error)
                self._window = None
        return bool(chunk)

    def _on_lost(self) -> None:
        logger.warning("Hyprland closed its event socket; no window is reported from now on")
        self._window = None
