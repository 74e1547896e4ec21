"""The therapist report: choose the days, the sections and what stays private, see exactly what
will be shared, then save it as a PDF.

The data is read on the GUI thread (a handful of indexed queries); the report, with its charts,
is built on a worker thread so the window stays responsive, and the PDF is printed there too.
Widgets are only touched here, on the GUI thread, when a worker reports back.

The preview follows the options and the data: a changed option, or ``mark_stale`` (new data),
makes it out of date; it is rebuilt shortly after while the page is shown, and on the next show
otherwise (never while hidden). Save writes the very ``Report`` the preview shows, after
bringing it up to date (or waiting for the build already under way) when it is not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QElapsedTimer, QObject, QThreadPool, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.clock import Clock
from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.errors import InvalidInput, WellbeingError
from wellbeing_app.report_input import PresetStore, gather
from wellbeing_app.reporting.report import (
    DEFAULT_SECTIONS,
    SECTION_TITLES,
    SECTIONS,
    Report,
    ReportOptions,
    build_report,
    preview_html,
    write_pdf,
)
from wellbeing_app.storage.repositories import Repositories

DEFAULT_WEEKS = 4
REBUILD_DELAY_MS = 250  # typing a question or ticking boxes quickly builds once
# New data while the page is shown: a burst of changes builds once, soon; a steady stream (tracked
# time is stored every few seconds) builds at most once per spacing, as a build takes most of a
# second of CPU. Save never waits for either: it brings the report up to date itself.
DATA_REBUILD_DELAY_MS = 1_000
DATA_REBUILD_SPACING_MS = 30_000
NO_PRESET = "Choose who it is for…"


class _WorkerSignals(QObject):
    """Carries a worker's result back to the GUI thread (queued, as it lives there)."""

    built = Signal(int, object, object, str)  # generation, ReportOptions, Report, preview HTML
    build_failed = Signal(int, str)
    saved = Signal(object)  # Path
    save_failed = Signal(str)


@dataclass(frozen=True, slots=True)
class _SaveTarget:
    """Where the person chose to save, and whether they agreed to replace a file there."""

    path: Path
    overwrite: bool


def _message(error: Exception) -> str:
    if isinstance(error, WellbeingError):
        return str(error)
    return f"Something went wrong: {error}."


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
        self._presets = presets
        # Bumped by every change of the options or the data: the preview is current when the
        # report it shows was built for this generation (and these options).
        self._generation = 0
        self._report: Report | None = None
        self._report_options: ReportOptions | None = None
        self._report_generation = -1
        self._requested_generation = -1  # the last build started (or refused)
        self._pending_save: _SaveTarget | None = None  # waits for an up-to-date report
        self._saving = False
        self._shut_down = False
        # Builds and writes on separate workers: dropping queued builds never drops a save.
        self._build_pool = QThreadPool(self)
        self._build_pool.setMaxThreadCount(1)
        self._write_pool = QThreadPool(self)
        self._write_pool.setMaxThreadCount(1)
        self._signals = _WorkerSignals(self)
        self._signals.built.connect(self._on_worker_built)
        self._signals.build_failed.connect(self._on_worker_build_failed)
        self._signals.saved.connect(self._on_worker_saved)
        self._signals.save_failed.connect(self._on_worker_save_failed)
        # Built when shown, not at start-up nor while hidden: the preview draws every chart.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.rebuild_now)
        self._data_changed = False  # since the last build started
        self._since_data_build = QElapsedTimer()  # started by each build that took in new data

        controls = QVBoxLayout()
        controls.addWidget(self._period_box())
        controls.addWidget(self._recipient_box())
        controls.addWidget(self._sections_box())
        controls.addWidget(self._privacy_box())
        controls.addWidget(self._questions_box())
        controls.addStretch(1)
        holder = QWidget()
        holder.setLayout(controls)
        scroll = QScrollArea()
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(330)
        scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        self.preview = QTextBrowser()
        self.preview.setAccessibleName("Preview of the report: exactly what the PDF will show")
        self.preview.setOpenLinks(False)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # moving without a known end
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(8)
        self.busy.setAccessibleName("Building the report")
        self.busy.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton("Save PDF…")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_pdf)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        right = QVBoxLayout()
        heading = QLabel("<b>Preview</b> — what you see here is everything the PDF will hold.")
        heading.setWordWrap(True)
        right.addWidget(heading)
        right.addWidget(self.busy)
        right.addWidget(self.preview, 1)
        right.addLayout(bottom)

        columns = QHBoxLayout()
        columns.addWidget(scroll)
        columns.addLayout(right, 1)
        self._extra = QVBoxLayout()  # other areas of the page ("Your data" export) go here
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(self._extra)

        self.set_range(*self.default_range())
        self._reload_presets()

    # --- building the controls ------------------------------------------------------------

    def _period_box(self) -> QGroupBox:
        box = QGroupBox("Days")
        self.first_date = QDateEdit()
        self.last_date = QDateEdit()
        for edit, name in ((self.first_date, "First day"), (self.last_date, "Last day")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name)
            edit.dateChanged.connect(self._on_option_changed)
        quick = QHBoxLayout()
        for label, days in (("4 weeks", 28), ("3 months", 91), ("1 year", 365)):
            button = QPushButton(label)
            button.setAccessibleName(f"The last {label}")
            button.clicked.connect(self._quick_range(days))
            quick.addWidget(button)
        form = QFormLayout(box)
        form.addRow("From", self.first_date)
        form.addRow("To", self.last_date)
        form.addRow(quick)
        return box

    def _quick_range(self, days: int) -> Callable[[], None]:
        def choose() -> None:
            _, last = self.default_range()
            self.set_range(last - timedelta(days=days - 1), last)

        return choose

    def _recipient_box(self) -> QGroupBox:
        box = QGroupBox("For")
        self.preset_combo = QComboBox()
        self.preset_combo.setAccessibleName("Saved choices for a recipient")
        self.preset_combo.activated.connect(self._on_preset_combo_activated)
        self.save_preset_button = QPushButton("Save choices…")
        self.save_preset_button.clicked.connect(self.save_preset)
        self.delete_preset_button = QPushButton("Delete")
        self.delete_preset_button.clicked.connect(self.delete_preset)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_preset_button)
        buttons.addWidget(self.delete_preset_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.preset_combo)
        layout.addLayout(buttons)
        return box

    def _sections_box(self) -> QGroupBox:
        box = QGroupBox("Sections")
        layout = QVBoxLayout(box)
        self.section_boxes: dict[str, QCheckBox] = {}
        for key in SECTIONS:
            check = QCheckBox(SECTION_TITLES[key])
            check.setChecked(key in DEFAULT_SECTIONS)
            check.toggled.connect(self._on_option_changed)
            self.section_boxes[key] = check
            layout.addWidget(check)
        return box

    def _privacy_box(self) -> QGroupBox:
        box = QGroupBox("Privacy")
        layout = QVBoxLayout(box)
        self.notes_box = QCheckBox("Include my mood notes and tags")
        self.gratitude_box = QCheckBox("Include what I wrote in gratitude entries")
        for check in (self.notes_box, self.gratitude_box):
            check.toggled.connect(self._on_option_changed)
            layout.addWidget(check)
        self.app_names_radio = QRadioButton("App names")
        self.categories_radio = QRadioButton("Categories only")
        self.exact_times_radio = QRadioButton("Exact times")
        self.days_only_radio = QRadioButton("Days only")
        for first, second in (
            (self.app_names_radio, self.categories_radio),
            (self.exact_times_radio, self.days_only_radio),
        ):
            group = QButtonGroup(box)
            group.addButton(first)
            group.addButton(second)
            first.setChecked(True)
            first.toggled.connect(self._on_option_changed)
            row = QHBoxLayout()
            row.addWidget(first)
            row.addWidget(second)
            layout.addLayout(row)
        hint = QLabel("Nothing is written or sent until you save the PDF.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        return box

    def _questions_box(self) -> QGroupBox:
        box = QGroupBox("Questions for my next session")
        self.questions_edit = QPlainTextEdit()
        self.questions_edit.setPlaceholderText("One question per line")
        self.questions_edit.setAccessibleName("Questions for my next session, one per line")
        self.questions_edit.setMaximumHeight(110)
        self.questions_edit.textChanged.connect(self._on_questions_text_changed)
        layout = QVBoxLayout(box)
        layout.addWidget(self.questions_edit)
        return box

    # --- options ---------------------------------------------------------------------------

    def default_range(self) -> tuple[date, date]:
        """The last four weeks, today included."""
        today = day_of_datetime(self._clock.now(), self._repos.settings.day_start_hour)
        return today - timedelta(days=7 * DEFAULT_WEEKS - 1), today

    def set_range(self, first: date, last: date) -> None:
        for edit, day in ((self.first_date, first), (self.last_date, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self._on_option_changed()

    def range(self) -> tuple[date, date]:
        first, last = self.first_date.date(), self.last_date.date()
        return (
            date(first.year(), first.month(), first.day()),
            date(last.year(), last.month(), last.day()),
        )

    def options(self) -> ReportOptions:
        """The options as the controls show them; ``InvalidInput`` for a range backwards."""
        first, last = self.range()
        return ReportOptions(
            first=first,
            last=last,
            sections=frozenset(
                key for key, check in self.section_boxes.items() if check.isChecked()
            ),
            include_notes=self.notes_box.isChecked(),
            include_gratitude_text=self.gratitude_box.isChecked(),
            app_names=self.app_names_radio.isChecked(),
            exact_times=self.exact_times_radio.isChecked(),
            questions=tuple(self.questions_edit.toPlainText().splitlines()),
        )

    def set_options(self, options: ReportOptions, *, keep_range: bool = True) -> None:
        """Shows ``options`` in the controls (keeping the chosen days unless told otherwise)."""
        widgets: list[QWidget] = [
            *self.section_boxes.values(),
            self.notes_box,
            self.gratitude_box,
            self.app_names_radio,
            self.categories_radio,
            self.exact_times_radio,
            self.days_only_radio,
            self.questions_edit,
        ]
        for widget in widgets:
            widget.blockSignals(True)
        try:
            for key, check in self.section_boxes.items():
                check.setChecked(key in options.sections)
            self.notes_box.setChecked(options.include_notes)
            self.gratitude_box.setChecked(options.include_gratitude_text)
            (self.app_names_radio if options.app_names else self.categories_radio).setChecked(True)
            (self.exact_times_radio if options.exact_times else self.days_only_radio).setChecked(
                True
            )
            self.questions_edit.setPlainText("\n".join(options.questions))
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        if keep_range:
            self._on_option_changed()
        else:
            self.set_range(options.first, options.last)

    # --- presets ---------------------------------------------------------------------------

    def _reload_presets(self, select: str | None = None) -> None:
        self.preset_combo.blockSignals(True)
        self.preset_combo.clear()
        self.preset_combo.addItem(NO_PRESET, None)
        for name in self._presets.names():
            self.preset_combo.addItem(name, name)
        index = self.preset_combo.findData(select) if select else 0
        self.preset_combo.setCurrentIndex(max(0, index))
        self.preset_combo.blockSignals(False)
        self.delete_preset_button.setEnabled(self.preset_name() is not None)

    def preset_name(self) -> str | None:
        name = self.preset_combo.currentData()
        return name if isinstance(name, str) else None

    def load_preset(self, name: str) -> None:
        try:
            options = self._presets.load(name)
        except InvalidInput as error:
            self._show_status(str(error))
            return
        if options is not None:
            self.set_options(options, keep_range=True)
        self._reload_presets(select=name)

    def save_preset(self) -> None:
        name, accepted = QInputDialog.getText(
            self,
            "Save these choices",
            "Who is this report for? (for example “My therapist”)",
            text=self.preset_name() or "",
        )
        if not accepted:
            return
        try:
            stored = self._presets.save(name, self.options())
        except InvalidInput as error:
            QMessageBox.warning(self, "Wellbeing", str(error))
            return
        self._reload_presets(select=stored)
        self._show_status(f"Saved your choices for {stored}.")

    def delete_preset(self) -> None:
        name = self.preset_name()
        if name is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete saved choices",
            f"Delete the saved choices for {name}? Reports already saved stay as they are.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._presets.delete(name)
        self._reload_presets()

    def _on_preset_combo_activated(self, index: int) -> None:
        name = self.preset_combo.itemData(index)
        if isinstance(name, str):
            self.load_preset(name)
        else:
            self.delete_preset_button.setEnabled(False)

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

    def _on_questions_text_changed(self) -> None:
        self._on_option_changed()

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
        self._show_status("Building the preview…")
        signals = self._signals

        def build() -> None:
            try:
                report = build_report(data, options)
                page = preview_html(report)
            except Exception as error:  # reported to the person, never lost in a thread
                signals.build_failed.emit(generation, _message(error))
            else:
                signals.built.emit(generation, options, report, page)

        self._build_pool.clear()  # a build not started yet is out of date already
        self._build_pool.start(build)
        self._update_controls()

    def _on_worker_built(
        self, generation: int, options: ReportOptions, report: Report, page: str
    ) -> None:
        if self._shut_down or generation != self._generation:
            return  # the options or data changed meanwhile; a newer build is on its way
        self._report = report
        self._report_options = options
        self._report_generation = generation
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setHtml(page)
        self.preview.verticalScrollBar().setValue(scroll)
        self._show_status(
            f"{len(report.sections)} sections. "
            + (
                "Not included at your request: " + ", ".join(report.left_out) + "."
                if report.left_out
                else "Everything is included."
            )
        )
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
            message = f"Nothing was saved. {message}"
            QMessageBox.warning(self, "Wellbeing", message)
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
        self._build_pool.clear()
        self._generation += 1  # a build under way is out of date
        self._report = None
        self._report_options = None
        self._report_generation = -1
        self._requested_generation = -1
        self.preview.clear()
        self._show_status("")
        self._update_controls()
        self.busy.hide()  # nothing is being built; an animated bar would keep waking the app

    def wait_until_idle(self, timeout_ms: int = 30_000) -> None:
        """Waits for the workers (for tests and closing); results arrive with the event loop."""
        self._build_pool.waitForDone(timeout_ms)
        self._write_pool.waitForDone(timeout_ms)

    def shutdown(self) -> None:
        """Stops the rebuild timer and waits for the workers (a PDF being written is finished).

        Afterwards nothing reads the database, so its owner may close it; the page stays as it
        is and builds nothing more.
        """
        self._shut_down = True
        self._timer.stop()
        self._pending_save = None
        self._build_pool.clear()
        self._build_pool.waitForDone()
        self._write_pool.waitForDone()
        self._update_controls()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    # --- saving ----------------------------------------------------------------------------

    def _suggested_path(self) -> str:
        first, last = self.range()
        folder = Path.home() / "Documents"
        if not folder.is_dir():
            folder = Path.home()
        return str(folder / f"wellbeing-report-{first.isoformat()}-to-{last.isoformat()}.pdf")

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
        target = self._ask_where_to_save()
        if target is None:
            return
        self._pending_save = target
        self._update_controls()
        self._save_when_current()

    def _ask_where_to_save(self) -> _SaveTarget | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            "Save the report as PDF",
            self._suggested_path(),
            "PDF files (*.pdf)",
            options=QFileDialog.Option.DontConfirmOverwrite,  # asked below, explicitly
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        overwrite = path.exists()
        if overwrite:
            answer = QMessageBox.question(
                self,
                "Replace the file?",
                f"{path.name} already exists in {path.parent}. Replace it with this report?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                self._show_status("Nothing was saved.")
                return None
        return _SaveTarget(path, overwrite)

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
                self._show_status("Bringing the preview up to date before saving…")
            return
        self._pending_save = None
        self._saving = True
        self._update_controls()
        self._show_status(f"Saving {target.path.name}…")
        signals = self._signals

        def write() -> None:
            try:
                write_pdf(report, target.path, overwrite=target.overwrite)
            except Exception as error:  # reported to the person, never lost in a thread
                signals.save_failed.emit(_message(error))
            else:
                signals.saved.emit(target.path)

        self._write_pool.start(write)

    def _on_worker_saved(self, path: Path) -> None:
        self._saving = False
        self._update_controls()
        self._show_status(f"Saved to {path}. Only you can open it until you share it.")
        self.pdf_saved.emit(path)

    def _on_worker_save_failed(self, message: str) -> None:
        self._saving = False
        self._update_controls()
        self._show_status(message)
        QMessageBox.warning(self, "Wellbeing", message)

    # --- layout ----------------------------------------------------------------------------

    def add_section(self, widget: QWidget) -> None:
        """Adds another area (such as "Your data" export) at the bottom of the page."""
        self._extra.addWidget(widget)

    def _show_status(self, text: str) -> None:
        self.status.setText(text)
