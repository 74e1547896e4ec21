"""The therapist report: choose the days, the sections and what stays private, see exactly what
will be shared, then save it as a PDF.

Four modules: the choices (``report_options``: days, presets, sections, privacy, questions),
the preview column and the tabs (``report_preview``: preview, status, Save and its questions;
the report's tab beside "Your data"), the background work (``report_workers``: the report and
its charts are built, and the PDF printed, on worker threads) and this page, which keeps the
preview in step with the choices and the data. The data is read here, on the GUI thread (a
handful of indexed queries); widgets are only touched on the GUI thread.

The preview follows the options and the data: a changed option, or ``mark_stale`` (new data),
makes it out of date; it is rebuilt shortly after while the page is shown, and on the next show
otherwise (never while hidden). Save writes the very ``Report`` the preview shows, after
bringing it up to date (or waiting for the build already under way) when it is not. Other
areas ("Your data" export) are tabs beside the report, so the preview keeps the page's height.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.clock import Clock
from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.errors import InvalidInput, WellbeingError
from wellbeing_app.report_input import PresetStore, gather
from wellbeing_app.reporting.report import Report, ReportOptions
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.report_options import NO_PRESET, ReportOptionsPanel
from wellbeing_app.ui.report_preview import LEFT_OUT_WORDS, ReportPreview, ReportTabs
from wellbeing_app.ui.report_workers import ReportWorkers, SaveTarget

__all__ = [
    "DATA_REBUILD_DELAY_MS",
    "DATA_REBUILD_SPACING_MS",
    "DEFAULT_WEEKS",
    "LEFT_OUT_WORDS",
    "NO_PRESET",
    "REBUILD_DELAY_MS",
    "ReportOptionsPanel",
    "ReportPage",
    "ReportPreview",
]

DEFAULT_WEEKS = 4
REBUILD_DELAY_MS = 250  # typing a question or ticking boxes quickly builds once
# New data while the page is shown: a burst of changes builds once, soon; a steady stream (tracked
# time is stored every few seconds) builds at most once per spacing, as a build takes most of a
# second of CPU. Save never waits for either: it brings the report up to date itself.
DATA_REBUILD_DELAY_MS = 1_000
DATA_REBUILD_SPACING_MS = 30_000


class ReportPage(QWidget):
    """Builds the report for the chosen options and previews it before anything is written.

    Emits ``report_built`` with each finished ``Report`` and ``pdf_saved`` with the path of a
    written PDF. Its owner connects data changes to ``mark_stale`` and calls ``shutdown`` before
    closing the database.
    """

    report_built = Signal(object)
    pdf_saved = Signal(object)

    def __init__(
        self,
        repos: Repositories,
        clock: Clock,
        presets: PresetStore,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportPage")
        self._repos = repos
        self._clock = clock
        # Bumped by every change of the options or the data: the preview is current when the
        # report it shows was built for this generation (and these options).
        self._generation = 0
        self._report: Report | None = None
        self._report_options: ReportOptions | None = None
        self._report_generation = -1
        self._requested_generation = -1  # the last build started (or refused)
        self._pending_save: SaveTarget | None = None  # waits for an up-to-date report
        self._saving = False
        self._shut_down = False
        self._workers = ReportWorkers(self)
        self._workers.built.connect(self._on_worker_built)
        self._workers.build_failed.connect(self._on_worker_build_failed)
        self._workers.saved.connect(self._on_worker_saved)
        self._workers.save_failed.connect(self._on_worker_save_failed)
        # Built when shown, not at start-up nor while hidden: the preview draws every chart.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.rebuild_now)
        self._data_changed = False  # since the last build started
        self._since_data_build = QElapsedTimer()  # started by each build that took in new data

        self.choices = ReportOptionsPanel(presets, lambda: self.default_range()[1])
        self.choices.changed.connect(self._on_option_changed)
        self.choices.said.connect(self._show_status)
        self._expose_choices()
        self._setup_preview()
        self._setup_layout()
        self.set_range(*self.default_range())

    def _expose_choices(self) -> None:
        """The choices' controls, as the page's (its owner and tests reach them here)."""
        choices = self.choices
        self.first_date: QDateEdit = choices.first_date
        self.last_date: QDateEdit = choices.last_date
        self.preset_combo: QComboBox = choices.preset_combo
        self.save_preset_button: QPushButton = choices.save_preset_button
        self.delete_preset_button: QPushButton = choices.delete_preset_button
        self.section_boxes: dict[str, QCheckBox] = choices.section_boxes
        self.notes_box: QCheckBox = choices.notes_box
        self.gratitude_box: QCheckBox = choices.gratitude_box
        self.app_names_radio: QRadioButton = choices.app_names_radio
        self.categories_radio: QRadioButton = choices.categories_radio
        self.exact_times_radio: QRadioButton = choices.exact_times_radio
        self.days_only_radio: QRadioButton = choices.days_only_radio
        self.questions_edit: QPlainTextEdit = choices.questions_edit

    def _setup_preview(self) -> None:
        self.preview_area = ReportPreview()
        self.preview = self.preview_area.preview
        self.busy = self.preview_area.busy
        self.status = self.preview_area.status
        self.save_button = self.preview_area.save_button
        self.save_button.clicked.connect(self.save_pdf)

    def _setup_layout(self) -> None:
        self.tabs = ReportTabs(self.choices, self.preview_area)
        self.report_area = self.tabs.report_area
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def hasHeightForWidth(self) -> bool:
        """The page fills the height it is given and scrolls inside (the choices, the preview,
        "Your data"): its wrapped labels must not make a scrolling window think it taller."""
        return False

    def heightForWidth(self, width: int) -> int:
        return -1

    # --- options ---------------------------------------------------------------------------

    def default_range(self) -> tuple[date, date]:
        """The last four weeks, today included."""
        today = day_of_datetime(self._clock.now(), self._repos.settings.day_start_hour)
        return today - timedelta(days=7 * DEFAULT_WEEKS - 1), today

    def set_range(self, first: date, last: date) -> None:
        self.choices.set_range(first, last)

    def range(self) -> tuple[date, date]:
        return self.choices.range()

    def options(self) -> ReportOptions:
        """The options as the controls show them; ``InvalidInput`` for a range backwards."""
        return self.choices.options()

    def preset_name(self) -> str | None:
        return self.choices.preset_name()

    def load_preset(self, name: str) -> None:
        self.choices.load_preset(name)

    # --- building --------------------------------------------------------------------------

    @property
    def is_busy(self) -> bool:
        """The preview is not up to date yet, or a save is under way."""
        return (
            self._report_generation != self._generation
            or self._saving
            or self._pending_save is not None
        )

    @property
    def report(self) -> Report | None:
        """The report the preview shows, when it is up to date with the controls and the data."""
        if self._report is None or self._report_generation != self._generation:
            return None
        try:
            current = self.options()
        except InvalidInput:
            return None
        return self._report if current == self._report_options else None

    @property
    def _building_current(self) -> bool:
        """A build for the current options and data is under way."""
        return self._requested_generation == self._generation != self._report_generation

    def mark_stale(self) -> None:
        """The data changed (an entry, a check-in, tracked time): the preview is rebuilt soon
        while the page is shown, or when it is next shown."""
        delay = DATA_REBUILD_DELAY_MS
        if self._since_data_build.isValid():
            delay = max(delay, DATA_REBUILD_SPACING_MS - self._since_data_build.elapsed())
        self._data_changed = True
        self._outdate(delay, restart=False)

    def _on_option_changed(self) -> None:
        self._outdate(REBUILD_DELAY_MS, restart=True)

    def _outdate(self, delay_ms: int, *, restart: bool) -> None:
        if self._shut_down:
            return
        self._generation += 1
        if (self.isVisible() or self._pending_save is not None) and (
            restart or not self._timer.isActive()
        ):
            self._timer.start(delay_ms)
        self._update_controls()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shut_down and self._requested_generation != self._generation:
            self.rebuild_now()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if self._pending_save is None:
            self._timer.stop()  # rebuilt when shown again

    def rebuild_now(self) -> None:
        """Reads the data and starts building the report on the worker thread."""
        if self._shut_down:
            return
        self._timer.stop()
        if self._data_changed:
            self._data_changed = False
            self._since_data_build.start()
        generation = self._generation
        self._requested_generation = generation
        try:
            options = self.options()
            data = gather(self._repos, options.first, options.last, now=self._clock.now())
        except WellbeingError as error:
            self._show_build_failure(generation, str(error))
            return
        self._show_status(self.tr("Building the preview…"))
        self._workers.build(generation, data, options)
        self._update_controls()

    def _on_worker_built(
        self, generation: int, options: ReportOptions, report: Report, page: str
    ) -> None:
        if self._shut_down or generation != self._generation:
            return  # the options or data changed meanwhile; a newer build is on its way
        self._report = report
        self._report_options = options
        self._report_generation = generation
        self.preview_area.show_report(report, page)
        self._update_controls()
        self.report_built.emit(report)
        self._save_when_current()

    def _on_worker_build_failed(self, generation: int, message: str) -> None:
        if self._shut_down or generation != self._generation:
            return
        self._show_build_failure(generation, message)

    def _show_build_failure(self, generation: int, message: str) -> None:
        self._report = None
        self._report_options = None
        self._report_generation = generation
        if self._pending_save is not None:
            self._pending_save = None
            message = self.tr("Nothing was saved. {reason}").format(reason=message)
            QMessageBox.warning(self, self.tr("Wellbeing"), message)
        self._show_status(message)
        self._update_controls()

    def _update_controls(self) -> None:
        self.busy.setVisible(not self._shut_down and self.is_busy)
        failed = self._report_generation == self._generation and self._report is None
        self.save_button.setEnabled(
            not (self._shut_down or self._saving or self._pending_save is not None or failed)
        )

    def release(self) -> None:
        """Lets go of the preview and the report it shows (the window went to the tray: the
        preview holds every chart); it is built again when the page is next shown. A save
        under way keeps them until it is written."""
        if self._shut_down or self._saving or self._pending_save is not None:
            return
        self._timer.stop()
        self._workers.drop_queued_builds()
        self._generation += 1  # a build under way is out of date
        self._report = None
        self._report_options = None
        self._report_generation = -1
        self._requested_generation = -1
        self.preview_area.clear()
        self._update_controls()
        self.busy.hide()  # nothing is being built; an animated bar would keep waking the app

    def wait_until_idle(self, timeout_ms: int = 30_000) -> None:
        """Waits for the workers (for tests and closing); results arrive with the event loop."""
        self._workers.wait(timeout_ms)

    def shutdown(self) -> None:
        """Stops the rebuild timer and waits for the workers (a PDF being written is finished).

        Afterwards nothing reads the database, so its owner may close it; the page stays as it
        is and builds nothing more.
        """
        self._shut_down = True
        self._timer.stop()
        self._pending_save = None
        self._workers.shutdown()
        self._update_controls()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    # --- saving ----------------------------------------------------------------------------

    def save_pdf(self) -> None:
        """Asks where to save and confirms replacing a file; then brings the report up to date
        with the options and the data, and writes what the preview shows, on the worker."""
        if self._shut_down or self._saving or self._pending_save is not None:
            return
        try:
            self.options()
        except InvalidInput as error:
            self._show_status(str(error))
            return
        target = self.preview_area.ask_where_to_save(*self.range())
        if target is None:
            return
        self._pending_save = target
        self._update_controls()
        self._save_when_current()

    def _save_when_current(self) -> None:
        """Writes the pending save once the preview is up to date; until then, brings it up to
        date (a build under way for these options and data is waited for, not repeated)."""
        target = self._pending_save
        if target is None:
            return
        report = self.report
        if report is None:
            if not self._building_current:
                self.rebuild_now()
            if self._pending_save is not None:  # a refused build has cancelled it
                self._show_status(self.tr("Bringing the preview up to date before saving…"))
            return
        self._pending_save = None
        self._saving = True
        self._update_controls()
        self._show_status(self.tr("Saving {file}…").format(file=target.path.name))
        self._workers.write(report, target)

    def _on_worker_saved(self, path: Path) -> None:
        self._saving = False
        self._update_controls()
        self._show_status(
            self.tr("Saved to {path}. Only you can open it until you share it.").format(path=path)
        )
        self.pdf_saved.emit(path)

    def _on_worker_save_failed(self, message: str) -> None:
        self._saving = False
        self._update_controls()
        self._show_status(message)
        QMessageBox.warning(self, self.tr("Wellbeing"), message)

    # --- layout ----------------------------------------------------------------------------

    def add_section(self, widget: QWidget, title: str | None = None) -> None:
        """Adds another area (such as "Your data" export) as a tab beside the report."""
        self.tabs.add_area(widget, title)

    def _show_status(self, text: str) -> None:
        self.preview_area.show_status(text)
