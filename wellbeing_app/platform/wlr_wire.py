"""A minimal Wayland client speaking the wire protocol directly over the compositor's socket.

The probes need four small protocols (``wl_registry``/``wl_seat`` from the core protocol,
``ext-idle-notify-v1``, ``org_kde_kwin_idle`` and ``wlr-foreign-toplevel-management-unstable-v1``),
none of which passes file descriptors. Their messages are a few integers, strings and arrays,
so this module encodes them itself instead of depending on libwayland through pywayland: no
compiled extension, no generated bindings, and a plain socket that a background thread can
``select`` on.

Wire format (https://wayland.freedesktop.org/docs/html/ch04.html): every message is a header
of two 32-bit words in host byte order (object id; message size in bytes << 16 | opcode)
followed by its arguments, each padded to 32 bits. Strings are a length (with the NUL) then the
bytes; arrays a byte length then the bytes.
"""

from __future__ import annotations

import errno
import os
import socket
import struct
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

DISPLAY_ID = 1
_HEADER = struct.Struct("=II")
_UINT = struct.Struct("=I")
_MAX_MESSAGE = 4096  # libwayland's own limit on one message
_CONNECT_TIMEOUT = 5.0

EventHandler = Callable[[int, "Arguments"], None]
"""Called with (opcode, arguments) for each event on an object."""


class WaylandError(Exception):
    """The compositor cannot be reached, closed the connection or reported a protocol error."""


def socket_path(environ: Mapping[str, str]) -> str | None:
    """Where the session's Wayland socket is, as libwayland finds it; ``None`` if unknown."""
    display = environ.get("WAYLAND_DISPLAY") or "wayland-0"
    if os.path.isabs(display):
        return display
    runtime_dir = environ.get("XDG_RUNTIME_DIR")
    return os.path.join(runtime_dir, display) if runtime_dir else None


def uint(value: int) -> bytes:
    """A ``uint``, ``object`` or ``new_id`` argument."""
    return _UINT.pack(value & 0xFFFFFFFF)


def string(text: str) -> bytes:
    """A ``string`` argument: length with NUL, UTF-8 bytes, NUL, padding to 32 bits."""
    data = text.encode() + b"\0"
    return uint(len(data)) + data + b"\0" * (-len(data) % 4)


class Arguments:
    """Reads an event's arguments in order."""

    def __init__(self, payload: bytes) -> None:
        self._payload = payload
        self._at = 0

    def uint(self) -> int:
        """The next ``uint``, ``object`` or ``new_id``."""
        (value,) = _UINT.unpack_from(self._payload, self._at)
        self._at += 4
        return int(value)

    def array(self) -> bytes:
        """The next ``array``, as bytes."""
        size = self.uint()
        data = self._payload[self._at : self._at + size]
        if len(data) != size:
            raise WaylandError("the compositor sent a truncated message")
        self._at += size + (-size % 4)
        return data

    def string(self) -> str:
        """The next ``string`` (``""`` for a null string)."""
        data = self.array()
        return data[:-1].decode(errors="replace") if data else ""

    def uints(self) -> list[int]:
        """The next ``array`` read as 32-bit unsigned integers (e.g. toplevel states)."""
        data = self.array()
        return [value for (value,) in _UINT.iter_unpack(data[: len(data) - len(data) % 4])]


@dataclass(frozen=True, slots=True)
class Global:
    """An interface the compositor offers: its registry name and highest version."""

    name: int
    interface: str
    version: int


class WaylandConnection:
    """One client connection: object ids, requests out, events in to per-object handlers.

    Construction and ``roundtrip`` block (briefly, with a timeout); afterwards the owner reads
    with ``dispatch()`` when ``select`` says the socket is readable, from one thread only.
    """

    def __init__(self, path: str, *, timeout: float = _CONNECT_TIMEOUT) -> None:
        """Connects and reads the compositor's globals.

        Raises:
            WaylandError: when the socket cannot be reached or the compositor does not answer.
        """
        self._timeout = timeout
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM | socket.SOCK_CLOEXEC)
        try:
            self._socket.settimeout(timeout)
            self._socket.connect(path)
        except OSError as error:
            self._socket.close()
            raise WaylandError(f"cannot connect to the Wayland socket {path}: {error}") from error
        self._buffer = b""
        self._next_id = 2
        self._handlers: dict[int, EventHandler] = {DISPLAY_ID: self._on_display}
        self.globals: dict[str, Global] = {}
        try:
            registry = self.new_object(self._on_registry)
            self.request(DISPLAY_ID, 1, uint(registry))  # wl_display.get_registry
            self.roundtrip()
        except BaseException:
            self.close()
            raise

    def fileno(self) -> int:
        """The socket, for ``select``."""
        return self._socket.fileno()

    def new_object(self, handler: EventHandler | None = None) -> int:
        """A fresh client-side object id, with the handler for its events.

        The compositor insists that new ids are used in the order they were allocated:
        allocate each right before the request that creates its object.
        """
        object_id = self._next_id
        self._next_id += 1
        if handler is not None:
            self._handlers[object_id] = handler
        return object_id

    def listen(self, object_id: int, handler: EventHandler) -> None:
        """Routes events for ``object_id`` (e.g. one the compositor created) to ``handler``."""
        self._handlers[object_id] = handler

    def forget(self, object_id: int) -> None:
        """Stops routing events for a destroyed object."""
        self._handlers.pop(object_id, None)

    def bind(self, interface: str, version: int, handler: EventHandler | None = None) -> int:
        """Binds the global ``interface`` at ``min(version, offered)``; returns the new id.

        Raises:
            WaylandError: when the compositor does not offer ``interface``.
        """
        offered = self.globals.get(interface)
        if offered is None:
            raise WaylandError(f"the compositor does not offer {interface}")
        object_id = self.new_object(handler)
        args = uint(offered.name) + string(interface)
        self.request(2, 0, args + uint(min(version, offered.version)) + uint(object_id))
        return object_id

    def request(self, object_id: int, opcode: int, args: bytes = b"") -> None:
        """Sends one request."""
        size = _HEADER.size + len(args)
        try:
            self._socket.sendall(_HEADER.pack(object_id, size << 16 | opcode) + args)
        except OSError as error:
            raise WaylandError(f"the compositor closed the connection: {error}") from error

    def roundtrip(self) -> None:
        """Sends ``wl_display.sync`` and handles events until the compositor answers it."""
        done: list[bool] = []
        callback = self.new_object(lambda _opcode, _args: done.append(True))
        self.request(DISPLAY_ID, 0, uint(callback))
        deadline = time.monotonic() + self._timeout
        self._socket.settimeout(self._timeout)
        try:
            while not done:
                if time.monotonic() > deadline or not self._receive():
                    raise WaylandError("the compositor did not answer")
                self._dispatch_buffer()
        finally:
            self.forget(callback)
            self._socket.setblocking(False)

    def dispatch(self) -> bool:
        """Reads what has arrived and handles each complete event; ``False`` once closed."""
        try:
            alive = self._receive()
        except BlockingIOError:
            alive = True
        self._dispatch_buffer()
        return alive

    def close(self) -> None:
        """Closes the socket; the compositor frees every object of this client."""
        self._socket.close()

    def _receive(self) -> bool:
        try:
            chunk = self._socket.recv(65536)
        except TimeoutError as error:
            raise WaylandError("the compositor did not answer") from error
        except OSError as error:
            if error.errno in (errno.EAGAIN, errno.EWOULDBLOCK):
                raise BlockingIOError from error
            return False
        self._buffer += chunk
        return bool(chunk)

    def _dispatch_buffer(self) -> None:
        buffer = self._buffer
        at = 0
        while len(buffer) - at >= _HEADER.size:
            object_id, word = _HEADER.unpack_from(buffer, at)
            size, opcode = word >> 16, word & 0xFFFF
            if size < _HEADER.size or size > _MAX_MESSAGE:
                raise WaylandError(f"the compositor sent a message of {size} bytes")
            if len(buffer) - at < size:
                break
            handler = self._handlers.get(object_id)
            if handler is not None:
                handler(opcode, Arguments(buffer[at + _HEADER.size : at + size]))
            at += size
        self._buffer = buffer[at:]

    def _on_display(self, opcode: int, args: Arguments) -> None:
        if opcode == 0:  # wl_display.error(object_id, code, message)
            object_id, code, message = args.uint(), args.uint(), args.string()
            raise WaylandError(f"Wayland protocol error {code} on object {object_id}: {message}")
        if opcode == 1:  # wl_display.delete_id: the id may be reused, its handler must go
            self.forget(args.uint())

    def _on_registry(self, opcode: int, args: Arguments) -> None:
        if opcode == 0:  # wl_registry.global(name, interface, version)
            name, interface, version = args.uint(), args.string(), args.uint()
            self.globals.setdefault(interface, Global(name, interface, version))
        elif opcode == 1:  # wl_registry.global_remove(name)
            name = args.uint()
            self.globals = {k: g for k, g in self.globals.items() if g.name != name}
