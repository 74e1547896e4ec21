"""The app's own tracker: the one owner of the tracker lock, the probes and the sampler service.

Tracking starts only when asked (after the first-run welcome has been finished), and when
another Wellbeing process tracks this data folder (``wellbeing track``, or a second app), the
app looks again every few seconds and takes over as soon as that process has stopped.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from wellbeing_app.app import build_sampler, build_tracker
from wellbeing_app.core.classifier import Catalog
from wellbeing_app.core.clock import Clock
from wellbeing_app.core.errors import WellbeingError
from wellbeing_app.platform.instance_lock import AlreadyTracking, TrackerLock
from wellbeing_app.platform.sessions import TrackingAdvice, current_tracking_advice, probe_label
from wellbeing_app.services.idle_reading import IDLE_REFRESH
from wellbeing_app.services.sampler_service import SamplerService
from wellbeing_app.storage.repositories import Repositories

TAKE_OVER_CHECK_MS = 5_000  # how soon the app notices that the other tracker has stopped


class TrackingControl(QObject):
    """Starts, reconfigures, pauses and stops the app's tracker.

    Signals:
        started: the sampler service now runs (``SamplerService``); connect to its signals.
        status_changed: one line for the status bar.
        explained: that line again with what to do for exact tracking on this desktop
            (a ``TrackingAdvice``, or ``None`` when nothing is needed), for Settings.
        available_changed: whether pausing and resuming make sense now.
    """

    started = Signal(object)  # SamplerService
    status_changed = Signal(str)
    explained = Signal(str, object)  # status, TrackingAdvice | None
    available_changed = Signal(bool)

    def __init__(
        self,
        repos: Repositories,
        data_dir: Path,
        clock: Clock,
        catalog: Catalog,
        *,
        take_over_check_ms: int = TAKE_OVER_CHECK_MS,
        environ: Mapping[str, str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._environ = environ  # the desktop session's (os.environ unless given)
        self.advice: TrackingAdvice | None = None
        self._repos = repos
        self._data_dir = data_dir
        self._clock = clock
        self._catalog = catalog
        self._lock: TrackerLock | None = None
        self.service: SamplerService | None = None
        self.status = "Not tracking yet."
        self.tracking_status = "Tracking on."
        self._wanted = False
        self._take_over = QTimer(self)
        self._take_over.setInterval(take_over_check_ms)
        self._take_over.timeout.connect(self._on_take_over_timeout)

    @property
    def running(self) -> bool:
        return self.service is not None

    @property
    def waiting_for_other_tracker(self) -> bool:
        return self._take_over.isActive()

    def start(self) -> None:
        """Starts tracking now, or as soon as another process's tracker has stopped."""
        self._wanted = True
        if self.service is not None:
            return
        self._try_start()

    def _try_start(self) -> None:
        from wellbeing_app.platform.probes import create_probes

        lock = TrackerLock(self._data_dir)
        try:
            lock.acquire()
        except AlreadyTracking:
            if not self._take_over.isActive():
                self._take_over.start()
                self._set_status(
                    "Tracking runs in another Wellbeing process for this data; "
                    "this app takes over when it stops."
                )
            return
        except OSError as error:
            self._take_over.stop()  # not another tracker: looking again would not help
            self._set_status(f"Not tracking: the lock file cannot be used ({error.strerror}).")
            return
        self._take_over.stop()
        try:
            foreground, idle = create_probes(
                self._catalog.process_names(),
                idle_after_seconds=self._repos.settings.idle_threshold_seconds,
                environ=self._environ,
            )
        except WellbeingError as error:
            lock.release()
            self.advice = current_tracking_advice(environ=self._environ)
            self._set_status(f"Not tracking: {error}")
            return
        self._lock = lock
        # The break scheduler wants to see input soon after a break began: idle time is
        # re-read every few seconds here (the headless tracker asks once per threshold).
        sampler = build_sampler(
            self._repos, self._clock, foreground, idle, self._catalog, idle_refresh=IDLE_REFRESH
        )
        self.service = SamplerService(sampler, self._repos.settings.poll_interval_seconds, self)
        self.advice = current_tracking_advice(foreground.name, environ=self._environ)
        self.tracking_status = f"Tracking on ({probe_label(foreground.name)})."
        self._set_status(self.tracking_status)
        self.available_changed.emit(True)
        self.started.emit(self.service)
        self.service.start()

    def _on_take_over_timeout(self) -> None:
        if self._wanted and self.service is None:
            self._try_start()
        else:
            self._take_over.stop()

    def apply_settings(self) -> None:
        """New settings or rules: a tracker built from them takes over seamlessly."""
        if self.service is None:
            return
        current = self._repos.settings
        self.service.sampler.reconfigure(
            build_tracker(self._repos, self._catalog), current.commit_interval_seconds
        )
        self.service.set_interval(current.poll_interval_seconds)

    def pause_until(self, until: float) -> bool:
        if self.service is None:
            return False
        self.service.pause_until(until)
        return True

    def resume(self) -> bool:
        if self.service is None:
            return False
        self.service.resume()
        self._set_status(self.tracking_status)
        return True

    def stop(self) -> None:
        """Stops the take-over checks and the sampler (writing the open span), then releases
        the lock. Nothing fires afterwards."""
        self._wanted = False
        self._take_over.stop()
        if self.service is not None:
            self.service.stop()
            self.service.deleteLater()
            self.service = None
            self.available_changed.emit(False)
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _set_status(self, text: str) -> None:
        self.status = text
        self.status_changed.emit(text)
        self.explained.emit(text, self.advice)
