"""Cyclic garbage is collected on the GUI thread, never in a worker that allocates."""

import gc
import threading

from pytestqt.qtbot import QtBot

from wellbeing_app.ui.main_thread_gc import MainThreadCollector


class _Cycle:
    def __init__(self, seen: list[str]) -> None:
        self.me = self
        self._seen = seen

    def __del__(self) -> None:
        self._seen.append(threading.current_thread().name)


_kept: list[list[object]] = []


def _allocate_a_lot() -> None:
    # Far over the collector's first threshold, and kept, as a chart being drawn keeps its
    # objects: with automatic collection on, this would collect right here in the worker.
    _kept.append([[] for _ in range(50_000)])


def test_garbage_made_then_a_worker_allocating_is_collected_on_the_gui_thread(
    qtbot: QtBot,
) -> None:
    before = gc.isenabled()
    gc.enable()  # as a plain Python process starts
    collector = MainThreadCollector(interval_ms=10)
    collector.start()
    try:
        assert not gc.isenabled()
        seen: list[str] = []
        _Cycle(seen)
        worker = threading.Thread(target=_allocate_a_lot, name="chart worker")
        worker.start()
        worker.join()
        assert seen == []  # the worker's allocations collected nothing
        qtbot.waitUntil(lambda: seen != [], timeout=5000)
        assert seen == [threading.main_thread().name]
    finally:
        _kept.clear()
        collector.stop()
        assert gc.isenabled()  # as it was before start()
        if not before:
            gc.disable()


def test_check_collects_only_over_a_threshold() -> None:
    collector = MainThreadCollector()
    collector.start()
    try:
        gc.collect()
        assert collector.check() == -1
        kept = [[] for _ in range(5_000)]  # alive: counted until a collection looks at them
        assert collector.check() >= 0
        assert len(kept) == 5_000
    finally:
        collector.stop()


def test_hidden_the_collector_collects_at_once_then_checks_once_a_minute(qtbot: QtBot) -> None:
    collector = MainThreadCollector(interval_ms=500)
    collector.start()
    try:
        seen: list[str] = []
        _Cycle(seen)
        collector.set_idle(True)  # the window went to the tray
        assert seen == [threading.main_thread().name]  # collected now, on the GUI thread
        assert collector.is_active
        assert collector.interval_ms == 60_000
        collector.set_idle(False)  # shown again: charts may be drawn in workers
        assert collector.is_active
        assert collector.interval_ms == 500
    finally:
        collector.stop()


def test_after_stop_going_idle_starts_no_timer(qtbot: QtBot) -> None:
    collector = MainThreadCollector()
    collector.start()
    collector.stop()
    collector.set_idle(True)
    collector.set_idle(False)
    assert not collector.is_active
