"""The sampler inside the app: driven by a timer on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from wellbeing_app.services.sampler import Sampler


class SamplerService(QObject):
    """Runs a ``Sampler`` on the GUI thread from a timer; one sample takes well under 50 ms."""

    committed = Signal()
    sampled = Signal(object)  # Moment: what this sample saw, for the break scheduler
    pause_changed = Signal(object)  # float | None: paused until

    def __init__(self, sampler: Sampler, interval: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sampler = sampler
        self._timer = QTimer(self)
        self._timer.setInterval(round(interval * 1000))
        self._timer.timeout.connect(self._on_timer_timeout)

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

    def resume(self) -> None:
        self.sampler.resume()
        self.pause_changed.emit(None)

    def _on_timer_timeout(self) -> None:
        committed = self.sampler.tick()
        if self.sampler.moment is not None:
            self.sampled.emit(self.sampler.moment)
        if committed:
            self.committed.emit()
