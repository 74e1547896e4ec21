"""The report's choices: the days, who it is for (saved presets), the sections, what stays
private and the questions for the next session. The panel only shows and reads the choices;
``ReportPage`` decides when the preview is rebuilt (on ``changed``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.report_input import PresetStore
from wellbeing_app.reporting.report import DEFAULT_SECTIONS, SECTIONS, ReportOptions
from wellbeing_app.ui import design
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP

NO_PRESET = QT_TRANSLATE_NOOP("ReportOptionsPanel", "Choose who it is for…")
# The reporting package's SECTION_TITLES, marked for translation where the UI shows them
# (tests/ui/test_translation_report.py keeps the two in step).
SECTION_LABELS: dict[str, str] = {
    "cover": QT_TRANSLATE_NOOP("ReportOptionsPanel", "Summary and coverage"),
    "checkins": QT_TRANSLATE_NOOP("ReportOptionsPanel", "Check-in scores"),
    "mood": QT_TRANSLATE_NOOP("ReportOptionsPanel", "Mood"),
    "usage": QT_TRANSLATE_NOOP("ReportOptionsPanel", "Time in online communities"),
    "limits_breaks": QT_TRANSLATE_NOOP("ReportOptionsPanel", "Limits and breaks"),
    "activities": QT_TRANSLATE_NOOP("ReportOptionsPanel", "Offline activities"),
    "associations": QT_TRANSLATE_NOOP("ReportOptionsPanel", "Associations, not causes"),
    "questions": QT_TRANSLATE_NOOP("ReportOptionsPanel", "Questions for my next session"),
    "calendar": QT_TRANSLATE_NOOP("ReportOptionsPanel", "Day by day"),
}
QUESTIONS_HEIGHT = 110  # about five lines: room to write without pushing the rest away


class ReportOptionsPanel(QWidget):
    """The controls for a report's options.

    Emits ``changed`` when a choice changes (once per ``set_range``/``set_options``) and
    ``said`` with a line for the page's status (a preset saved, a preset that could not be
    read). ``today`` gives the last day of the quick ranges.
    """

    changed = Signal()
    said = Signal(str)

    def __init__(
        self,
        presets: PresetStore,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportOptions")
        self._presets = presets
        self._today = today
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, design.SPACE_S, 0)  # clear of the scroll bar
        layout.setSpacing(design.SPACE_L)
        layout.addWidget(self._period_box())
        layout.addWidget(self._recipient_box())
        layout.addWidget(self._sections_box())
        layout.addWidget(self._privacy_box())
        layout.addWidget(self._questions_box())
        layout.addStretch(1)
        self.reload_presets()

    # --- building the controls ------------------------------------------------------------

    def _group(self, title: str) -> QGroupBox:
        box = QGroupBox(title)
        box.setFont(design.font(design.LABEL, self.font()))
        return box

    def _body(self, widget: QWidget) -> None:
        """Group contents in the body type step (a group box's font is inherited)."""
        widget.setFont(design.font(design.BODY, self.font()))

    def _period_box(self) -> QGroupBox:
        box = self._group(self.tr("Days"))
        self.first_date = QDateEdit()
        self.last_date = QDateEdit()
        for edit, name in (
            (self.first_date, self.tr("First day")),
            (self.last_date, self.tr("Last day")),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(self.tr("d MMM yyyy"))
            edit.setAccessibleName(name)
            edit.dateChanged.connect(self._on_date_changed)
        quick = QHBoxLayout()
        quick.setSpacing(design.SPACE_S)
        for label, name, days in (
            (self.tr("4 weeks"), self.tr("The last 4 weeks"), 28),
            (self.tr("3 months"), self.tr("The last 3 months"), 91),
            (self.tr("1 year"), self.tr("The last year"), 365),
        ):
            button = QPushButton(label)
            button.setAccessibleName(name)
            button.clicked.connect(self._quick_range(days))
            quick.addWidget(button)
        form = QFormLayout(box)
        form.setHorizontalSpacing(design.SPACE_M)
        form.setVerticalSpacing(design.SPACE_S)
        form.addRow(self.tr("From"), self.first_date)
        form.addRow(self.tr("To"), self.last_date)
        form.addRow(quick)
        for child in box.findChildren(QWidget):
            self._body(child)
        return box

    def _quick_range(self, days: int) -> Callable[[], None]:
        def choose() -> None:
            last = self._today()
            self.set_range(last - timedelta(days=days - 1), last)

        return choose

    def _recipient_box(self) -> QGroupBox:
        box = self._group(self.tr("For"))
        self.preset_combo = QComboBox()
        self.preset_combo.setAccessibleName(self.tr("Saved choices for a recipient"))
        self.preset_combo.activated.connect(self._on_preset_combo_activated)
        self.save_preset_button = QPushButton(self.tr("Save choices…"))
        self.save_preset_button.clicked.connect(self.save_preset)
        self.delete_preset_button = QPushButton(self.tr("Delete"))
        self.delete_preset_button.setAccessibleName(self.tr("Delete these saved choices"))
        self.delete_preset_button.clicked.connect(self.delete_preset)
        buttons = QHBoxLayout()
        buttons.setSpacing(design.SPACE_S)
        buttons.addWidget(self.save_preset_button)
        buttons.addWidget(self.delete_preset_button)
        layout = QVBoxLayout(box)
        layout.setSpacing(design.SPACE_S)
        layout.addWidget(self.preset_combo)
        layout.addLayout(buttons)
        for child in box.findChildren(QWidget):
            self._body(child)
        return box

    def _sections_box(self) -> QGroupBox:
        box = self._group(self.tr("Sections"))
        layout = QVBoxLayout(box)
        layout.setSpacing(design.SPACE_S)
        self.section_boxes: dict[str, QCheckBox] = {}
        for key in SECTIONS:
            check = QCheckBox(self.tr(SECTION_LABELS[key]))
            check.setChecked(key in DEFAULT_SECTIONS)
            check.toggled.connect(self.changed)
            self._body(check)
            self.section_boxes[key] = check
            layout.addWidget(check)
        return box

    def _privacy_box(self) -> QGroupBox:
        box = self._group(self.tr("Privacy"))
        layout = QVBoxLayout(box)
        layout.setSpacing(design.SPACE_S)
        self.notes_box = QCheckBox(self.tr("Include my mood notes and tags"))
        self.gratitude_box = QCheckBox(self.tr("Include what I wrote in gratitude entries"))
        for check in (self.notes_box, self.gratitude_box):
            check.toggled.connect(self.changed)
            layout.addWidget(check)
        self.app_names_radio = QRadioButton(self.tr("App names"))
        self.categories_radio = QRadioButton(self.tr("Categories only"))
        self.exact_times_radio = QRadioButton(self.tr("Exact times"))
        self.days_only_radio = QRadioButton(self.tr("Days only"))
        for first, second in (
            (self.app_names_radio, self.categories_radio),
            (self.exact_times_radio, self.days_only_radio),
        ):
            group = QButtonGroup(box)
            group.addButton(first)
            group.addButton(second)
            first.setChecked(True)
            first.toggled.connect(self.changed)
            row = QHBoxLayout()
            row.setSpacing(design.SPACE_M)
            row.addWidget(first)
            row.addWidget(second)
            row.addStretch(1)
            layout.addLayout(row)
        hint = QLabel(self.tr("Nothing is written or sent until you save the PDF."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        for child in box.findChildren(QWidget):
            self._body(child)
        hint.setFont(design.font(design.CAPTION, self.font()))
        return box

    def _questions_box(self) -> QGroupBox:
        box = self._group(self.tr("Questions for my next session"))
        self.questions_edit = QPlainTextEdit()
        self.questions_edit.setPlaceholderText(self.tr("One question per line"))
        self.questions_edit.setAccessibleName(
            self.tr("Questions for my next session, one per line")
        )
        self.questions_edit.setMaximumHeight(QUESTIONS_HEIGHT)
        self.questions_edit.textChanged.connect(self.changed)
        self._body(self.questions_edit)
        layout = QVBoxLayout(box)
        layout.addWidget(self.questions_edit)
        return box

    # --- options ---------------------------------------------------------------------------

    def _on_date_changed(self) -> None:
        self.changed.emit()

    def set_range(self, first: date, last: date) -> None:
        for edit, day in ((self.first_date, first), (self.last_date, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self.changed.emit()

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
            self.changed.emit()
        else:
            self.set_range(options.first, options.last)

    # --- presets ---------------------------------------------------------------------------

    def reload_presets(self, select: str | None = None) -> None:
        self.preset_combo.blockSignals(True)
        self.preset_combo.clear()
        self.preset_combo.addItem(self.tr(NO_PRESET), None)
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
            self.said.emit(str(error))
            return
        if options is not None:
            self.set_options(options, keep_range=True)
        self.reload_presets(select=name)

    def save_preset(self) -> None:
        name, accepted = QInputDialog.getText(
            self,
            self.tr("Save these choices"),
            self.tr("Who is this report for? (for example “My therapist”)"),
            text=self.preset_name() or "",
        )
        if not accepted:
            return
        try:
            stored = self._presets.save(name, self.options())
        except InvalidInput as error:
            QMessageBox.warning(self, self.tr("Wellbeing"), str(error))
            return
        self.reload_presets(select=stored)
        self.said.emit(self.tr("Saved your choices for {name}.").format(name=stored))

    def delete_preset(self) -> None:
        name = self.preset_name()
        if name is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete saved choices"),
            self.tr(
                "Delete the saved choices for {name}? Reports already saved stay as they are."
            ).format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._presets.delete(name)
        self.reload_presets()

    def _on_preset_combo_activated(self, index: int) -> None:
        name = self.preset_combo.itemData(index)
        if isinstance(name, str):
            self.load_preset(name)
        else:
            self.delete_preset_button.setEnabled(False)
