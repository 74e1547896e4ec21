"""The sampler inside the app: driven by a timer on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from wellbeing_app.services.sampler import Sampler, StorageReport


class SamplerService(QObject):
    """Runs a ``Sampler`` on the GUI thread from a timer; one sample takes well under 50 ms.

    When tracked time cannot be saved (a full disk), tracking goes on and ``storage_failed``
    is emitted once, with sentences to show the person; ``storage_recovered`` once everything
    held meanwhile has been written, with one sentence saying so.
    """

    committed = Signal()
    sampled = Signal(object)  # Moment: what this sample saw, for the break scheduler
    pause_changed = Signal(object)  # float | None: paused until
    storage_failed = Signal(str)  # what is wrong, and that tracking goes on
    storage_recovered = Signal(str)  # saved again; whether anything was lost

    def __init__(self, sampler: Sampler, interval: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sampler = sampler
        self._timer = QTimer(self)
        self._timer.setInterval(round(interval * 1000))
        self._timer.timeout.connect(self._on_timer_timeout)
        self._report = StorageReport(self.storage_failed.emit, self.storage_recovered.emit)

    def start(self) -> None:
        self._timer.start()

    def set_interval(self, seconds: float) -> None:
        self._timer.setInterval(round(seconds * 1000))

    def stop(self) -> None:
        self._timer.stop()
        self.sampler.close()

    def pause_until(self, until: float) -> None:
        self.sampler.pause_until(until)
        self.pause_changed.emit(until)
        self.committed.emit()
        self._report.check(self.sampler)

    def resume(self) -> None:
        self.sampler.resume()
        self.pause_changed.emit(None)
        self._report.check(self.sampler)

    def _on_timer_timeout(self) -> None:
        committed = self.sampler.tick()
        if self.sampler.moment is not None:
            self.sampled.emit(self.sampler.moment)
        if committed:
            self.committed.emit()
        self._report.check(self.sampler)
