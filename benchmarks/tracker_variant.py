"""``wellbeing`` with proposed changes patched in at start-up, to measure them before making them.

Nothing under ``wellbeing_app/`` is edited: each variant replaces one function or class in the
imported modules, then runs the normal command line. Used by ``bench_tracking_overhead.py
--variant NAME`` (``baseline`` runs the shipped code through this same wrapper).

    /work/venv/bin/python benchmarks/tracker_variant.py VARIANT[+VARIANT...] track --data-dir D

Variants (the proposals are written up in RESULTS.md):

``sync-normal`` (shipped since 1f75bd1: a no-op there)
    ``storage.database.configure`` also sets ``PRAGMA synchronous = NORMAL`` (WAL): a commit no
    longer fsyncs; a process crash still loses nothing committed.
``idle-bound``
    ``Sampler`` asks the idle probe only when the person *could* have reached the idle threshold:
    idle time grows by at most the wall time since the last reading, so while
    ``last_idle + (now - last_read) < threshold`` the answer cannot make the tracker cut a span.
    (Replaces the shipped estimate, which re-reads every 5 s; valid for the headless tracker,
    where no break scheduler needs the exact idle time.)
``x11-events``
    The X11 foreground probe listens for ``PropertyNotify`` on the root window
    (``_NET_ACTIVE_WINDOW``) and on the focused window (its title, ``_NET_WM_STATE``) and
    re-reads them only when they changed, instead of 3-4 round trips to the X server every poll.
``wake-only`` (diagnostic)
    ``Sampler.tick`` does nothing: the cost of the process just waking up once per poll.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

from Xlib import X, Xatom

from wellbeing_app.core.probes import ForegroundWindow
from wellbeing_app.platform import x11
from wellbeing_app.services import sampler as sampler_module
from wellbeing_app.storage import database


def sync_normal() -> None:
    shipped = database.configure

    def configure(db: Any) -> None:
        shipped(db)
        db.execute("PRAGMA synchronous = NORMAL")

    database.configure = configure


def idle_bound() -> None:
    sampler_cls = sampler_module.Sampler

    def _idle_seconds(self: Any, at: float | None = None) -> float | None:
        now = time.time() if at is None else at
        threshold = self._tracker._idle_threshold
        last = getattr(self, "_idle_reading", None)
        if last is not None:
            read_at, idle = last
            # 2 s of slack for a late poll; a clock that went back always asks again.
            if read_at <= now and idle + (now - read_at) < threshold - 2.0:
                return idle + (now - read_at)  # an upper bound below the threshold
        try:
            value = self._idle.idle_seconds()
        except Exception:
            value = None
        self._idle_reading = None if value is None else (now, value)
        return value

    sampler_cls._idle_seconds = _idle_seconds  # type: ignore[method-assign]


class EventForegroundProbe(x11.X11ForegroundProbe):
    """The focused window from X events: a round trip only when focus, title or state changed."""

    def __init__(self, display_name: str | None = None, **kwargs: Any) -> None:
        super().__init__(display_name, **kwargs)
        self._root.change_attributes(event_mask=X.PropertyChangeMask)
        self._title_atoms = {self._net_wm_name, Xatom.WM_NAME}
        self._active_stale = True
        self._title_stale = True
        self._state_stale = True
        self._watched = 0
        self._fullscreen_now = False
        self._current: ForegroundWindow | None = None

    def _read_foreground(self) -> ForegroundWindow | None:
        display = self._display
        root_id = self._root.id
        for _ in range(display.pending_events()):
            event = display.next_event()
            if event.type == X.DestroyNotify and event.window.id == self._watched:
                self._watched = X.NONE  # window ids are reused: forget everything about it
                self._window_id = 0
                self._active_stale = True
                continue
            if event.type != X.PropertyNotify:
                continue
            if event.window.id == root_id and event.atom == self._net_active_window:
                self._active_stale = True
            elif event.window.id == self._watched:
                if event.atom in self._title_atoms:
                    self._title_stale = True
                elif event.atom == self._net_wm_state:
                    self._state_stale = True
        if self._active_stale:
            self._active_stale = False
            active = self._root.get_full_property(self._net_active_window, Xatom.WINDOW)
            window_id = int(active.value[0]) if active is not None and len(active.value) else 0
            if window_id != self._watched:
                ignore: Callable[..., None] = lambda *args: None  # noqa: E731 - gone already
                if self._watched:
                    old = display.create_resource_object("window", self._watched)
                    old.change_attributes(event_mask=X.NoEventMask, onerror=ignore)
                if window_id != X.NONE:
                    new = display.create_resource_object("window", window_id)
                    new.change_attributes(
                        event_mask=X.PropertyChangeMask | X.StructureNotifyMask, onerror=ignore
                    )
                self._watched = window_id
                self._title_stale = self._state_stale = True
        if self._watched == X.NONE:
            return None
        if self._title_stale or self._state_stale:
            window = display.create_resource_object("window", self._watched)
            if self._state_stale:
                self._state_stale = False
                state = window.get_full_property(self._net_wm_state, Xatom.ATOM)
                self._fullscreen_now = (
                    state is not None and self._net_wm_state_fullscreen in state.value
                )
            if self._title_stale or self._current is None:
                self._title_stale = False
                title = self._title(window)
            else:
                title = self._current.title
            if self._watched != self._window_id:
                self._app, self._pid = self._identify(window)
                self._window_id = self._watched
            self._current = ForegroundWindow(
                app=self._app, title=title, pid=self._pid, fullscreen=self._fullscreen_now
            )
        return self._current

    def foreground(self) -> ForegroundWindow | None:
        found = super().foreground()
        if found is None and not self._closed:
            self._active_stale = True  # an X failure: read everything again next time
        return found


def x11_events() -> None:
    x11.X11ForegroundProbe = EventForegroundProbe  # type: ignore[misc]


def wake_only() -> None:
    sampler_module.Sampler.tick = lambda self: False  # type: ignore[method-assign]


VARIANTS: dict[str, Callable[[], None]] = {
    "baseline": lambda: None,
    "sync-normal": sync_normal,
    "idle-bound": idle_bound,
    "x11-events": x11_events,
    "wake-only": wake_only,
}


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    for name in sys.argv[1].split("+"):
        VARIANTS[name]()
    from wellbeing_app.cli import main as cli_main

    return cli_main(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
