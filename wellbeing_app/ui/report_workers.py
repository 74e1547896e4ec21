"""The report's background work: building a report (with its charts and preview) and printing
a PDF, each on its own worker thread so the window stays responsive. Results come back as
queued signals on the GUI thread; nothing here touches a widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal

from wellbeing_app.core.errors import WellbeingError
from wellbeing_app.reporting.report import (
    Report,
    ReportInput,
    ReportOptions,
    build_report,
    preview_html,
    write_pdf,
)


@dataclass(frozen=True, slots=True)
class SaveTarget:
    """Where the person chose to save, and whether they agreed to replace a file there."""

    path: Path
    overwrite: bool


def failure_message(error: Exception) -> str:
    """What to tell the person when building or writing failed."""
    if isinstance(error, WellbeingError):
        return str(error)
    return QCoreApplication.translate("ReportPage", "Something went wrong: {error}.").format(
        error=error
    )


class ReportWorkers(QObject):
    """Builds reports and writes PDFs off the GUI thread.

    Builds and writes run on separate one-thread pools, so dropping the queued builds (out of
    date already) never drops a save. ``built`` carries the generation it was asked for, so
    the page can ignore a result that a newer change has overtaken.
    """

    built = Signal(int, object, object, str)  # generation, ReportOptions, Report, preview HTML
    build_failed = Signal(int, str)  # generation, message
    saved = Signal(object)  # Path
    save_failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._build_pool = QThreadPool(self)
        self._build_pool.setMaxThreadCount(1)
        self._write_pool = QThreadPool(self)
        self._write_pool.setMaxThreadCount(1)

    @property
    def build_pool(self) -> QThreadPool:
        return self._build_pool

    @property
    def write_pool(self) -> QThreadPool:
        return self._write_pool

    def build(self, generation: int, data: ReportInput, options: ReportOptions) -> None:
        """Builds the report and its preview for ``data``; a build not started yet is
        dropped (it is out of date already)."""
        signals = self

        def build() -> None:
            try:
                report = build_report(data, options)
                page = preview_html(report)
            except Exception as error:  # reported to the person, never lost in a thread
                signals.build_failed.emit(generation, failure_message(error))
            else:
                signals.built.emit(generation, options, report, page)

        self._build_pool.clear()
        self._build_pool.start(build)

    def write(self, report: Report, target: SaveTarget) -> None:
        """Prints ``report`` to ``target``."""
        signals = self

        def write() -> None:
            try:
                write_pdf(report, target.path, overwrite=target.overwrite)
            except Exception as error:  # reported to the person, never lost in a thread
                signals.save_failed.emit(failure_message(error))
            else:
                signals.saved.emit(target.path)

        self._write_pool.start(write)

    def drop_queued_builds(self) -> None:
        self._build_pool.clear()

    def wait(self, timeout_ms: int = -1) -> None:
        """Waits for both workers (results arrive with the event loop)."""
        self._build_pool.waitForDone(timeout_ms)
        self._write_pool.waitForDone(timeout_ms)

    def shutdown(self) -> None:
        """Drops the queued builds and waits for the rest (a PDF being written is finished)."""
        self._build_pool.clear()
        self.wait()
