"""The focused window on wlroots compositors without their own IPC (river, labwc, Wayfire, ...),
from ``wlr-foreign-toplevel-management-unstable-v1``.

The compositor announces every toplevel window as a handle, then sends its ``title``,
``app_id`` and ``state`` (an array holding ``activated`` for the focused window and
``fullscreen``) followed by ``done`` whenever they change. The probe follows those events on a
background thread; ``foreground()`` only reads the window last marked activated. The protocol
has no process id, so ``pid`` is ``None``.

Opcodes and enum values are those of the protocol XML (wlr-protocols, version 3):
manager events ``toplevel`` 0, ``finished`` 1, request ``stop`` 0; handle events ``title`` 0,
``app_id`` 1, ``output_enter`` 2, ``output_leave`` 3, ``state`` 4, ``done`` 5, ``closed`` 6,
``parent`` 7, request ``destroy`` 7; states ``maximized`` 0, ``minimized`` 1,
``activated`` 2, ``fullscreen`` 3.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from wellbeing_app.core.probes import ForegroundWindow
from wellbeing_app.platform.probes import ProbeUnavailable
from wellbeing_app.platform.wlr_events import ReaderChanges, SocketReader
from wellbeing_app.platform.wlr_wire import Arguments, WaylandConnection, WaylandError

logger = logging.getLogger(__name__)

MANAGER = "zwlr_foreign_toplevel_manager_v1"
_VERSION = 3
_TITLE, _APP_ID, _STATE, _DONE, _CLOSED = 0, 1, 4, 5, 6
_DESTROY = 7
_ACTIVATED, _FULLSCREEN = 2, 3


@dataclass
class _Toplevel:
    """What the compositor has said about one window; ``pending`` until its next ``done``."""

    title: str = ""
    app_id: str = ""
    states: frozenset[int] = frozenset()
    pending: dict[str, object] = field(default_factory=dict)


class ForeignToplevelProbe(ReaderChanges):
    """The activated window among the compositor's toplevels."""

    name = "wlr-foreign-toplevel"

    def __init__(self, socket_path: str) -> None:
        """Connects to the compositor and reads the windows it announces.

        Raises:
            ProbeUnavailable: when the compositor cannot be reached or lacks the protocol.
        """
        self._toplevels: dict[int, _Toplevel] = {}
        self._active: int | None = None
        self._window: ForegroundWindow | None = None
        self._closed = False
        try:
            self._connection = WaylandConnection(socket_path)
        except WaylandError as error:
            raise ProbeUnavailable(f"Wellbeing could not reach the compositor: {error}.") from error
        try:
            self._connection.bind(MANAGER, _VERSION, self._on_manager)
            self._connection.roundtrip()  # the existing windows are announced here
        except WaylandError as error:
            self._connection.close()
            raise ProbeUnavailable(
                f"This compositor does not tell other programs which window has the focus: {error}."
            ) from error
        self._reader = SocketReader(
            "wlr-toplevels",
            self._connection.fileno(),
            self._connection.dispatch,
            self._on_lost,
            state=self.foreground,  # news about windows in the background wakes no sample
        )

    def foreground(self) -> ForegroundWindow | None:
        """The activated window when the last ``done`` arrived; never touches the socket."""
        return self._window

    def close(self) -> None:
        """Stops the event thread and closes the connection (the compositor frees the rest)."""
        if self._closed:
            return
        self._closed = True
        self._reader.stop()
        self._connection.close()
        self._window = None

    def _on_manager(self, opcode: int, args: Arguments) -> None:
        if opcode == 0:  # toplevel(new_id handle): the compositor chose its id
            handle = args.uint()
            self._toplevels[handle] = _Toplevel()
            self._connection.listen(handle, lambda op, a: self._on_toplevel(handle, op, a))
        elif opcode == 1:  # finished: no more events will come
            logger.warning("The compositor stopped reporting windows")
            self._window = None

    def _on_toplevel(self, handle: int, opcode: int, args: Arguments) -> None:
        toplevel = self._toplevels.get(handle)
        if toplevel is None:
            return
        if opcode == _TITLE:
            toplevel.pending["title"] = args.string()
        elif opcode == _APP_ID:
            toplevel.pending["app_id"] = args.string()
        elif opcode == _STATE:
            toplevel.pending["states"] = frozenset(args.uints())
        elif opcode == _DONE:
            self._commit(handle, toplevel)
        elif opcode == _CLOSED:
            del self._toplevels[handle]
            self._connection.request(handle, _DESTROY)
            self._connection.forget(handle)
            if self._active == handle:
                self._active = None
                self._window = None

    def _commit(self, handle: int, toplevel: _Toplevel) -> None:
        pending = toplevel.pending
        title = pending.get("title", toplevel.title)
        app_id = pending.get("app_id", toplevel.app_id)
        states = pending.get("states", toplevel.states)
        toplevel.title = title if isinstance(title, str) else ""
        toplevel.app_id = app_id if isinstance(app_id, str) else ""
        toplevel.states = states if isinstance(states, frozenset) else frozenset()
        pending.clear()
        if _ACTIVATED in toplevel.states:
            self._active = handle
        elif self._active == handle:
            self._active = None
        if self._active is None:
            self._window = None
        elif self._active == handle:
            self._window = ForegroundWindow(
                app=toplevel.app_id,
                title=toplevel.title,
                fullscreen=_FULLSCREEN in toplevel.states,
            )

    def _on_lost(self) -> None:
        logger.warning("The compositor closed the connection; no window is reported from now on")
        self._window = None
