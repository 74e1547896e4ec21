"""Foreground window and idle time on an X11 desktop, through python-xlib.

The window manager publishes the focused window in ``_NET_ACTIVE_WINDOW`` on the root window
(EWMH); the title comes from ``_NET_WM_NAME`` (UTF-8) or the older ``WM_NAME``, the app from the
process behind ``_NET_WM_PID`` or, failing that, the ``WM_CLASS`` class name. Idle time comes
from the MIT-SCREEN-SAVER extension. Each probe keeps one display connection for its lifetime.

Both probes are ``ChangeNotifier``s: the sampler sleeps on their display connections instead of
asking every poll. The foreground probe's connection carries the ``PropertyNotify`` events of
the root and the focused window; the idle probe's carries XInput 2 raw input events, selected
only while the sampler waits for the person to come back (``notify_input``), so typing and
moving the mouse wake nothing while they are active.
"""

from __future__ import annotations

import logging
from typing import Any

from Xlib import X, Xatom
from Xlib import display as xdisplay
from Xlib import error as xerror
from Xlib.ext import xinput
from Xlib.protocol import request as xrequest

from wellbeing_app.core.probes import ForegroundWindow
from wellbeing_app.platform.probes import ProbeUnavailable, ProcessNames

logger = logging.getLogger(__name__)

# Property reads are sized in 32-bit units. 256 (1 KiB) fits nearly every title in one round
# trip; python-xlib's default of 10 would need a second request for titles over 40 bytes.
_TEXT_SIZEHINT = 256

# A window that vanishes between two requests, or a server that goes away, surfaces as one of
# these; a probe reports "no window" for that poll instead of failing the tracker.
_X_FAILURES = (xerror.XError, xerror.ConnectionClosedError)

# How many requests after a read of the active window an event's 16-bit serial still says for
# sure whether the server made it before or after that read (a few are sent per wake-up).
_SERIALS_TRUSTED = 4096

# Raw events (XInput 2) come for every key, button and motion of any device, whichever window
# has the focus; XI 2.1 and later deliver them even while another client holds a grab.
_RAW_INPUT = xinput.RawKeyPressMask | xinput.RawButtonPressMask | xinput.RawMotionMask


def _open_display(display_name: str | None) -> Any:
    try:
        return xdisplay.Display(display_name)
    # python-xlib signals a bad $DISPLAY in several ways; a huge display number even
    # overflows the TCP port it falls back to.
    except (
        xerror.DisplayError,
        xerror.XauthError,
        xerror.XNoAuthError,
        OSError,
        ValueError,
        OverflowError,
    ) as error:
        shown = display_name or "from $DISPLAY"
        raise ProbeUnavailable(
            f"Wellbeing could not connect to the X display ({shown}): {error}."
        ) from error


def _ignore(*_args: object) -> None:
    """Error handler for requests whose failure does not matter (the window is gone)."""


class X11ForegroundProbe:
    """The focused X11 window, read from the window manager's ``_NET_ACTIVE_WINDOW``.

    The probe listens for ``PropertyNotify`` on the root window (focus) and on the focused window
    (title, fullscreen state) and re-reads a property only when the X server says it changed: a
    poll where nothing changed reads the queued events without blocking and sends no request.
    """

    name = "x11"

    def __init__(
        self, display_name: str | None = None, *, process_names: ProcessNames | None = None
    ) -> None:
        """Connects to the X server.

        Args:
            display_name: e.g. ``":0"``; ``None`` reads ``$DISPLAY``.
            process_names: the pid -> executable name cache (tests pass one with a fake lookup).

        Raises:
            ProbeUnavailable: when the display cannot be opened.
        """
        self._display = _open_display(display_name)
        self._root = self._display.screen().root
        intern = self._display.intern_atom
        self._net_active_window = intern("_NET_ACTIVE_WINDOW")
        self._net_wm_name = intern("_NET_WM_NAME")
        self._net_wm_pid = intern("_NET_WM_PID")
        self._net_wm_state = intern("_NET_WM_STATE")
        self._net_wm_state_fullscreen = intern("_NET_WM_STATE_FULLSCREEN")
        self._title_atoms = frozenset({self._net_wm_name, Xatom.WM_NAME})
        self._process_names = process_names if process_names is not None else ProcessNames()
        # A window's class and pid never change, so they are read only when focus moves to
        # another window. Focus, title (browser tabs!) and fullscreen state are re-read when the
        # X server reports a change to them.
        self._window_id = 0
        self._app = ""
        self._pid: int | None = None
        self._watched = X.NONE
        self._active_stale = self._title_stale = self._state_stale = True
        self._title_now = ""
        self._fullscreen_now = False
        self._active_read_serial: int | None = None
        self._root.change_attributes(event_mask=X.PropertyChangeMask)
        self._closed = False
        self._lost = False  # the connection failed: no more events, the sampler polls

    def change_fileno(self) -> int | None:
        """The display connection, readable when the X server sends an event."""
        return None if self._closed or self._lost else int(self._display.fileno())

    def take_changes(self) -> bool:
        """Reads the queued events; ``True`` when focus, title or fullscreen state changed."""
        if self._closed or self._lost:
            return False
        try:
            return self._take_events()
        except _X_FAILURES as error:
            logger.warning("The X connection failed, polling from now on: %r", error)
            self._lost = True
            self._active_stale = True
            return True

    def foreground(self) -> ForegroundWindow | None:
        """The focused window, or ``None`` when nothing has focus or it just went away."""
        if self._closed:
            return None
        try:
            return self._read_foreground()
        except _X_FAILURES as error:
            logger.debug("Focused window went away while reading it: %r", error)
            self._active_stale = True  # read everything again next poll
            return None

    def close(self) -> None:
        """Closes the display connection; later polls report no window."""
        if not self._closed:
            self._closed = True
            self._display.close()

    def _read_foreground(self) -> ForegroundWindow | None:
        self._take_events()
        if self._active_stale:
            self._read_active()
        if self._watched == X.NONE:
            return None
        # Every property still to read is asked for at once and the answers read together:
        # one round trip (one sleep until the X server answers) instead of one each.
        window_id = self._watched
        title = state = wm_class = pid = None
        if self._title_stale:
            title = (self._ask(window_id, self._net_wm_name), self._ask(window_id, Xatom.WM_NAME))
        if self._state_stale:
            state = self._ask(window_id, self._net_wm_state, Xatom.ATOM, 32)
        if window_id != self._window_id:
            wm_class = self._ask(window_id, Xatom.WM_CLASS)
            pid = self._ask(window_id, self._net_wm_pid, Xatom.CARDINAL, 1)
        window = None
        if title is not None:
            window = self._display.create_resource_object("window", window_id)
            self._title_now = self._text(window, title[0]) or self._text(window, title[1]) or ""
            self._title_stale = False
        if state is not None:
            found = _answer(state)
            self._fullscreen_now = (
                found is not None and self._net_wm_state_fullscreen in found.value
            )
            self._state_stale = False
        if wm_class is not None and pid is not None:
            window = window or self._display.create_resource_object("window", window_id)
            self._app, self._pid = self._identify(self._text(window, wm_class) or "", pid)
            self._window_id = window_id
        return ForegroundWindow(
            app=self._app, title=self._title_now, pid=self._pid, fullscreen=self._fullscreen_now
        )

    def _ask(
        self,
        window_id: int,
        atom: int,
        property_type: int = X.AnyPropertyType,
        length: int = _TEXT_SIZEHINT,
    ) -> Any:
        """Sends ``GetProperty`` without waiting for the answer (``_answer`` waits)."""
        request = xrequest.GetProperty(
            display=self._display.display,
            defer=True,
            delete=False,
            window=window_id,
            property=atom,
            type=property_type,
            long_offset=0,
            long_length=length,
        )
        request.atom = atom  # for reading the rest of a long text
        return request

    def _take_events(self) -> bool:
        """Marks what the queued events say changed (reads what has arrived, never blocks);
        ``True`` when one of them made something stale.

        A ``_NET_ACTIVE_WINDOW`` change is read at once (one round trip, while awake anyway)
        and counts only when another window is in front: window managers write it twice or
        more per focus change (openbox: twice in the same millisecond), and a second write
        noticed after the sample would otherwise be one more sample of the same window."""
        display = self._display
        root = self._root.id
        changed = False
        while True:
            active_written = False
            for _ in range(display.pending_events()):
                event = display.next_event()
                if event.type == X.DestroyNotify and event.window.id == self._watched:
                    # Window ids are reused: the next window may get this one's id.
                    self._watched = X.NONE
                    self._window_id = 0
                    self._active_stale = changed = True
                elif event.type != X.PropertyNotify:
                    continue
                elif event.window.id == root:
                    if event.atom == self._net_active_window and self._after_read(event):
                        active_written = True
                elif event.window.id == self._watched:
                    if event.atom in self._title_atoms:
                        self._title_stale = changed = True
                    elif event.atom == self._net_wm_state:
                        self._state_stale = changed = True
            if not active_written:
                return changed
            if self._read_active():  # its reply may bring more events: look again
                changed = True

    def _after_read(self, event: Any) -> bool:
        """The event may say something the last read of the active window did not see: the
        server made it after it answered that read. (An event carries the serial of the last
        request the server had taken when it made it; serials are 16 bits and wrap.)"""
        serial = self._active_read_serial
        if serial is None:
            return True
        if (int(self._display.display.request_serial) - serial) % 65536 > _SERIALS_TRUSTED:
            # Many requests since (a title counting up for hours): the 16 bits could have
            # wrapped, so every write counts until the next read.
            self._active_read_serial = None
            return True
        return (int(event.sequence_number) - serial) % 65536 < 32768

    def _read_active(self) -> bool:
        """Reads ``_NET_ACTIVE_WINDOW`` and follows it; ``True`` when it is another window."""
        request = self._ask(self._root.id, self._net_active_window, Xatom.WINDOW, 1)
        self._active_read_serial = int(request._serial)
        active = _answer(request)
        self._active_stale = False
        window_id = int(active.value[0]) if active is not None and len(active.value) else 0
        if window_id == self._watched:
            return False
        self._watch(window_id)
        return True

    def _watch(self, window_id: int) -> None:
        """Follows the newly focused window's property changes (and no longer the old one's)."""
        if window_id == self._watched:
            return
        display = self._display
        if self._watched != X.NONE:  # it may be gone already: ignore the error then
            old = display.create_resource_object("window", self._watched)
            old.change_attributes(event_mask=X.NoEventMask, onerror=_ignore)
        if window_id != X.NONE:
            # Selected before the properties are read, so no change in between is missed.
            new = display.create_resource_object("window", window_id)
            new.change_attributes(
                event_mask=X.PropertyChangeMask | X.StructureNotifyMask, onerror=_ignore
            )
        self._watched = window_id
        self._title_stale = self._state_stale = True

    def _identify(self, wm_class_text: str, pid_request: Any) -> tuple[str, int | None]:
        wm_class = wm_class_text.split("\0")
        # WM_CLASS is "instance\0Class\0"; the class name is the app's own capitalised name.
        class_name = wm_class[1] if len(wm_class) > 1 and wm_class[1] else wm_class[0]
        pid_property = _answer(pid_request)
        pid = (
            int(pid_property.value[0])
            if pid_property is not None and pid_property.format == 32 and len(pid_property.value)
            else 0
        )
        if pid <= 0:
            return class_name, None
        return self._process_names.name(pid, hint=class_name) or class_name, pid

    def _text(self, window: Any, request: Any) -> str | None:
        """The text of a property asked for with ``_ask`` (waits for its answer)."""
        prop = _answer(request)
        if prop is None or prop.format != 8:
            return None
        raw = prop.value
        if prop.bytes_after:  # longer than the first read (rare): read the rest
            rest = window.get_property(
                request.atom,
                X.AnyPropertyType,
                _TEXT_SIZEHINT,
                prop.bytes_after // 4 + 1,
            )
            if rest is not None:
                raw = raw + rest.value
        if isinstance(raw, str):
            return raw
        if prop.property_type == Xatom.STRING:
            return bytes(raw).decode("latin-1")
        # UTF8_STRING, and COMPOUND_TEXT as a best effort (it is ASCII for ASCII titles).
        return bytes(raw).decode("utf-8", errors="replace")


def _answer(request: Any) -> Any:
    """Waits for a deferred ``GetProperty``'s answer: the property, or ``None`` when unset
    (an X error, such as a window gone meanwhile, is raised)."""
    request.reply()
    if not request.property_type:
        return None
    request.format, request.value = request.value
    return request


class X11IdleProbe:
    """Time since the last keyboard or mouse input, from the MIT-SCREEN-SAVER extension."""

    name = "x11-screensaver"

    def __init__(self, display_name: str | None = None) -> None:
        """Connects to the X server.

        Raises:
            ProbeUnavailable: when the display cannot be opened or lacks MIT-SCREEN-SAVER.
        """
        self._display = _open_display(display_name)
        if not self._display.has_extension("MIT-SCREEN-SAVER"):
            self._display.close()
            raise ProbeUnavailable(
                "The X server has no MIT-SCREEN-SAVER extension, "
                "so Wellbeing cannot tell when you step away."
            )
        self._root = self._display.screen().root
        self._closed = False
        self._raw_input = self._supports_raw_input()
        self._armed = False  # raw input selected: the next input makes the connection readable

    def _supports_raw_input(self) -> bool:
        if not self._display.has_extension(xinput.extname):
            return False
        try:
            # python-xlib's own query asks for 2.0; raw events need 2.0, grabs aside 2.1.
            reply = xinput.XIQueryVersion(
                display=self._display.display,
                opcode=self._display.display.get_extension_major(xinput.extname),
                major_version=2,
                minor_version=2,
            )
        except _X_FAILURES as error:
            logger.info("No XInput 2, the return from idle is polled: %r", error)
            return False
        return int(reply.major_version) >= 2

    def notify_input(self) -> None:
        """Selects raw input events until the next one arrives (see ``take_changes``)."""
        if self._closed or not self._raw_input or self._armed:
            return
        try:
            self._select_raw_input(_RAW_INPUT)
        except _X_FAILURES as error:
            logger.info("Could not watch for input, the return from idle is polled: %r", error)
            self._raw_input = False
            return
        self._armed = True

    def change_fileno(self) -> int | None:
        """The display connection, readable at input after ``notify_input``; ``None`` without
        XInput 2 (the sampler then polls while the person is away)."""
        return None if self._closed or not self._raw_input else int(self._display.fileno())

    def take_changes(self) -> bool:
        """Reads the queued events; ``True`` (once) when input came after ``notify_input``."""
        if self._closed or not self._raw_input:
            return False
        try:
            count = self._display.pending_events()
            for _ in range(count):
                self._display.next_event()
            if not (count and self._armed):
                return False
            self._armed = False
            self._select_raw_input(0)  # a moving mouse would otherwise wake us all the time
        except _X_FAILURES as error:
            logger.info("The X connection failed, the return from idle is polled: %r", error)
            self._raw_input = False
        return True

    def _select_raw_input(self, mask: int) -> None:
        self._root.xinput_select_events([(xinput.AllMasterDevices, mask)])
        self._display.flush()

    def idle_seconds(self) -> float | None:
        """Seconds since the last input, or ``None`` when the server stops answering."""
        if self._closed:
            return None
        try:
            info = self._root.screensaver_query_info()
        except _X_FAILURES as error:
            logger.debug("Screen saver query failed: %r", error)
            return None
        return int(info.idle) / 1000.0

    def close(self) -> None:
        """Closes the display connection."""
        if not self._closed:
            self._closed = True
            self._display.close()
