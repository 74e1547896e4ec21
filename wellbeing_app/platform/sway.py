"""The focused window on sway, from its IPC socket (``SWAYSOCK``), kept current by events.

sway speaks i3's IPC protocol (``man 7 sway-ipc``): a message is ``"i3-ipc"``, a 32-bit payload
length and a 32-bit type in host byte order, then JSON. The probe asks ``GET_TREE`` once for the
focused window, then ``SUBSCRIBE``s to ``window`` and ``workspace`` events on a second connection
and applies them on a background thread; ``foreground()`` only reads what the last event left,
so a poll never touches the socket.

On Wayland a window is known by its app id (``discord``, ``org.mozilla.firefox``): its process
may be a wrapper, a terminal or a Flatpak sandbox, so the pid is only a hint. Xwayland windows
have no app id; their X11 ``WM_CLASS`` class stands in.
"""

from __future__ import annotations

import json
import logging
import socket
import struct
import threading
from collections.abc import Iterator
from typing import Any

from wellbeing_app.core.probes import ForegroundWindow
from wellbeing_app.platform.probes import ProbeUnavailable
from wellbeing_app.platform.wlr_events import ReaderChanges, SocketReader

logger = logging.getLogger(__name__)

MAGIC = b"i3-ipc"
_HEADER = struct.Struct("=6sII")
RUN_COMMAND, GET_TREE, SUBSCRIBE = 0, 4, 2
EVENT_WORKSPACE, EVENT_WINDOW = 0x80000000, 0x80000003
_TIMEOUT = 5.0
_VIEW_TYPES = ("con", "floating_con")


class SwayIpcError(Exception):
    """sway closed the connection or sent something that is not its IPC protocol."""


class SwayIpc:
    """One connection to sway's IPC socket."""

    def __init__(self, path: str) -> None:
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM | socket.SOCK_CLOEXEC)
        self._socket.settimeout(_TIMEOUT)
        try:
            self._socket.connect(path)
        except OSError as error:
            self._socket.close()
            raise SwayIpcError(f"cannot connect to sway's IPC socket {path}: {error}") from error
        self._buffer = b""

    def fileno(self) -> int:
        """The socket, for ``select``."""
        return self._socket.fileno()

    def ask(self, message_type: int, payload: str = "") -> Any:
        """Sends a message and returns the JSON of its reply (blocks, with a timeout)."""
        data = payload.encode()
        try:
            self._socket.sendall(_HEADER.pack(MAGIC, len(data), message_type) + data)
            while True:
                for reply_type, body in self._messages():
                    if reply_type == message_type:
                        return body
                if not self._receive():
                    raise SwayIpcError("sway closed its IPC connection")
        except OSError as error:
            raise SwayIpcError(f"sway's IPC socket failed: {error}") from error

    def read_events(self) -> tuple[list[tuple[int, Any]], bool]:
        """The events that have arrived (reads once, never waits); ``False`` once closed."""
        self._socket.setblocking(False)
        try:
            alive = self._receive()
        except BlockingIOError:
            alive = True
        return list(self._messages()), alive

    def discard_buffered(self) -> None:
        """Forgets the complete messages already received and not yet read."""
        for _message in self._messages():
            pass

    def close(self) -> None:
        """Closes the connection."""
        self._socket.close()

    def _receive(self) -> bool:
        chunk = self._socket.recv(65536)
        self._buffer += chunk
        return bool(chunk)

    def _messages(self) -> Iterator[tuple[int, Any]]:
        while len(self._buffer) >= _HEADER.size:
            magic, length, message_type = _HEADER.unpack_from(self._buffer)
            if magic != MAGIC:
                raise SwayIpcError("sway's IPC socket sent something that is not i3-ipc")
            end = _HEADER.size + length
            if len(self._buffer) < end:
                return
            body = self._buffer[_HEADER.size : end]
            self._buffer = self._buffer[end:]
            try:
                yield message_type, json.loads(body)
            except ValueError as error:
                raise SwayIpcError("sway sent a reply that is not JSON") from error


def window_of(node: Any) -> ForegroundWindow | None:
    """The window a sway tree node stands for; ``None`` for workspaces, outputs and the root."""
    if not _is_view(node):
        return None
    app = node.get("app_id")
    if not app:
        properties = node.get("window_properties")
        if isinstance(properties, dict):
            app = properties.get("class") or properties.get("instance")
    pid = node.get("pid")
    title = node.get("name")
    return ForegroundWindow(
        app=str(app or ""),
        title=title if isinstance(title, str) else "",
        pid=pid if isinstance(pid, int) and pid > 0 else None,
        fullscreen=node.get("fullscreen_mode") in (1, 2),
    )


def focused_node(tree: Any) -> Any:
    """The focused window in a ``GET_TREE`` reply, or the focused node if it holds none.

    After ``focus parent`` a workspace or a split container has the focus; the window in
    front is then the one inside it that had the focus last (the head of its ``focus`` list).
    """
    stack = [tree]
    while stack:
        node = stack.pop()
        if not isinstance(node, dict):
            continue
        if node.get("focused"):
            return _last_focused_view(node)
        stack.extend(_children(node))
    return None


def _children(node: dict[str, Any]) -> list[Any]:
    return [*(node.get("nodes") or ()), *(node.get("floating_nodes") or ())]


def _last_focused_view(node: dict[str, Any]) -> dict[str, Any]:
    while node.get("type") in (*_VIEW_TYPES, "workspace") and not _is_view(node):
        order = node.get("focus") or ()
        by_id = {child.get("id"): child for child in _children(node) if isinstance(child, dict)}
        child = by_id.get(order[0]) if order else None
        if child is None:
            break
        node = child
    return node


def _is_view(node: Any) -> bool:
    # Views (windows) carry the shell that made them; split containers are "con"s without one.
    return isinstance(node, dict) and node.get("type") in _VIEW_TYPES and "shell" in node


class SwayForegroundProbe(ReaderChanges):
    """The focused window on sway, as ``window`` and ``workspace`` events report it; a
    ``ChangeNotifier`` (the sampler sleeps until sway says something)."""

    name = "sway"

    def __init__(self, socket_path: str) -> None:
        """Connects to sway, subscribes to its events and reads the focused window.

        Raises:
            ProbeUnavailable: when sway's IPC socket cannot be used.
        """
        self._lock = threading.Lock()
        self._window: ForegroundWindow | None = None
        self._focused_id: int | None = None
        self._closed = False
        try:
            # Subscribe before reading the tree, so no change falls between the two.
            self._events = SwayIpc(socket_path)
        except SwayIpcError as error:
            raise ProbeUnavailable(f"Wellbeing could not reach sway: {error}.") from error
        try:
            self._commands = SwayIpc(socket_path)
        except SwayIpcError as error:
            self._events.close()
            raise ProbeUnavailable(f"Wellbeing could not reach sway: {error}.") from error
        try:
            answer = self._events.ask(SUBSCRIBE, json.dumps(["window", "workspace"]))
            if not isinstance(answer, dict) or not answer.get("success"):
                raise SwayIpcError(f"sway refused the event subscription: {answer!r}")
            self._events.discard_buffered()  # older than the tree read next
            self._refresh()
        except SwayIpcError as error:
            self._events.close()
            self._commands.close()
            raise ProbeUnavailable(f"Wellbeing could not reach sway: {error}.") from error
        self._reader = SocketReader(
            "sway-events",
            self._events.fileno(),
            self._on_readable,
            self._on_lost,
            state=self.foreground,  # events about other windows wake no sample
        )

    def foreground(self) -> ForegroundWindow | None:
        """The focused window when the last event arrived; never touches the socket."""
        return self._window

    def close(self) -> None:
        """Stops the event thread and closes both connections."""
        if self._closed:
            return
        self._closed = True
        self._reader.stop()
        self._events.close()
        self._commands.close()
        self._window = None

    def _refresh(self) -> None:
        """Reads the whole tree again (workspace switches, a focused window closing)."""
        node = focused_node(self._commands.ask(GET_TREE))
        self._set(node)

    def _set(self, node: Any) -> None:
        window = window_of(node)
        with self._lock:
            self._focused_id = node.get("id") if window is not None else None
            self._window = window

    def _on_readable(self) -> bool:
        events, alive = self._events.read_events()
        for event_type, body in events:
            self._apply(event_type, body)
        return alive

    def _apply(self, event_type: int, body: Any) -> None:
        if not isinstance(body, dict):
            return
        change = body.get("change")
        if event_type == EVENT_WORKSPACE:
            if change in ("focus", "empty", "reload", "init"):
                self._refresh()
            return
        if event_type != EVENT_WINDOW:
            return
        node = body.get("container")
        if not isinstance(node, dict):
            return
        if change == "focus":
            self._set(node)
        elif node.get("id") == self._focused_id:
            if change == "close":
                self._refresh()
            elif change in ("title", "fullscreen_mode", "mark", "urgent", "floating"):
                self._set(node)

    def _on_lost(self) -> None:
        logger.warning("sway closed its IPC connection; no window is reported from now on")
        with self._lock:
            self._window = None
            self._focused_id = None
