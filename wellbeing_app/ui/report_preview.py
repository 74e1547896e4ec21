"""The report's preview column: exactly what the PDF will hold, a busy bar while it is built,
a status line (what the report leaves out, what was saved) and the Save button, with the
questions Save asks (where, and whether to replace a file); and the page's tabs, the report
(choices beside the preview) first. It shows what ``ReportPage`` hands it; the page decides
when to build and to write.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.reporting.report import Report
from wellbeing_app.ui import design
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP
from wellbeing_app.ui.report_workers import SaveTarget

PAPER = QColor("#ffffff")
INK = QColor("#1d2126")  # the light theme's text on white: 16.2:1
OPTIONS_MAX_WIDTH = 360  # the choices column; narrower as far as its widest row allows
# What ``ReportOptions.left_out()`` says a report leaves out, as the status line shows it.
LEFT_OUT_WORDS: dict[str, str] = {
    "notes": QT_TRANSLATE_NOOP("ReportPreview", "notes"),
    "gratitude text": QT_TRANSLATE_NOOP("ReportPreview", "gratitude text"),
    "app names (categories only)": QT_TRANSLATE_NOOP(
        "ReportPreview", "app names (categories only)"
    ),
    "exact times": QT_TRANSLATE_NOOP("ReportPreview", "exact times"),
    "summary and coverage": QT_TRANSLATE_NOOP("ReportPreview", "summary and coverage"),
    "check-in scores": QT_TRANSLATE_NOOP("ReportPreview", "check-in scores"),
    "mood": QT_TRANSLATE_NOOP("ReportPreview", "mood"),
    "time in online communities": QT_TRANSLATE_NOOP("ReportPreview", "time in online communities"),
    "limits and breaks": QT_TRANSLATE_NOOP("ReportPreview", "limits and breaks"),
    "offline activities": QT_TRANSLATE_NOOP("ReportPreview", "offline activities"),
    "associations, not causes": QT_TRANSLATE_NOOP("ReportPreview", "associations, not causes"),
    "day by day": QT_TRANSLATE_NOOP("ReportPreview", "day by day"),
}


def paper(palette: QPalette) -> QPalette:
    """``palette`` with the page as printed: the report's HTML is written for white paper (its
    dark headings and greys vanish on a dark theme's base), so the preview stays paper in
    both looks. Roles set here are kept when the application's palette changes."""
    made = QPalette(palette)
    made.setColor(QPalette.ColorRole.Base, PAPER)
    made.setColor(QPalette.ColorRole.Text, INK)
    return made


class ReportPreview(QWidget):
    """The preview, which takes all the height the column has; a heading above it and the
    status line with the Save button below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPreview")
        self.preview = QTextBrowser()
        self.preview.setAccessibleName(
            self.tr("Preview of the report: exactly what the PDF will show")
        )
        self.preview.setOpenLinks(False)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setPalette(paper(self.preview.palette()))
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # moving without a known end
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(design.SPACE_S)
        self.busy.setAccessibleName(self.tr("Building the report"))
        self.busy.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save PDF…"))
        self.save_button.setEnabled(False)

        title = QLabel(self.tr("Preview"))
        title.setFont(design.font(design.LABEL, self.font()))
        note = QLabel(self.tr("What you see here is everything the PDF will hold."))
        note.setFont(design.font(design.CAPTION, self.font()))
        note.setWordWrap(True)
        heading = QHBoxLayout()
        heading.setSpacing(design.SPACE_S)
        heading.addWidget(title)
        heading.addWidget(note, 1)
        bottom = QHBoxLayout()
        bottom.setSpacing(design.SPACE_M)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(design.SPACE_S)
        layout.addLayout(heading)
        layout.addWidget(self.busy)
        layout.addWidget(self.preview, 1)  # the rest of the height is the preview's
        layout.addLayout(bottom)

    def show_report(self, report: Report, html: str) -> None:
        """Shows the built report where the reader was (the scroll position is kept)."""
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setHtml(html)
        self.preview.verticalScrollBar().setValue(scroll)
        self.show_status(self.built_text(report))

    def built_text(self, report: Report) -> str:
        """How many sections, and what the report leaves out."""
        count = len(report.sections)
        if count == 1:
            sections = self.tr("%n section.", None, count)
        else:
            sections = self.tr("%n sections.", None, count)
        if not report.left_out:
            return self.tr("{sections} Everything is included.").format(sections=sections)
        words = [
            self.tr(LEFT_OUT_WORDS[item]) if item in LEFT_OUT_WORDS else item
            for item in report.left_out
        ]
        return self.tr("{sections} Not included at your request: {things}.").format(
            sections=sections, things=self.tr(", ").join(words)
        )

    def clear(self) -> None:
        self.preview.clear()
        self.show_status("")

    def show_status(self, text: str) -> None:
        self.status.setText(text)

    # --- asking where to save ----------------------------------------------------------------

    def ask_where_to_save(self, first: date, last: date) -> SaveTarget | None:
        """Asks where to save the report of ``first``..``last`` and, when a file is there,
        whether to replace it; None when the person chose nothing (or not to replace)."""
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the report as PDF"),
            suggested_path(first, last),
            self.tr("PDF files (*.pdf)"),
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
                self.tr("Replace the file?"),
                self.tr("{file} already exists in {folder}. Replace it with this report?").format(
                    file=path.name, folder=path.parent
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.show_status(self.tr("Nothing was saved."))
                return None
        return SaveTarget(path, overwrite)


def suggested_path(first: date, last: date) -> str:
    """Documents (or home)/wellbeing-report-<first>-to-<last>.pdf."""
    folder = Path.home() / "Documents"
    if not folder.is_dir():
        folder = Path.home()
    return str(folder / f"wellbeing-report-{first.isoformat()}-to-{last.isoformat()}.pdf")


class ReportTabs(QTabWidget):
    """The report, its choices (scrolling) beside the preview, as the first tab; other areas
    join as tabs of their own that scroll, so a tall area never makes the report's tab taller
    and the preview keeps the height below the tab bar. No tab bar while the report is alone."""

    def __init__(self, choices: QWidget, preview: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportTabs")
        self.setDocumentMode(True)
        scroll = QScrollArea()
        scroll.setWidget(choices)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(choices.minimumSizeHint().width() + bar)
        scroll.setMaximumWidth(max(scroll.minimumWidth(), OPTIONS_MAX_WIDTH))
        scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.report_area = QWidget()
        self.report_area.setObjectName("reportArea")
        columns = QHBoxLayout(self.report_area)
        columns.setContentsMargins(design.SPACE_L, design.SPACE_L, design.SPACE_L, design.SPACE_L)
        columns.setSpacing(design.SPACE_XL)
        columns.addWidget(scroll, 2)  # the preview has the larger share of the width
        columns.addWidget(preview, 5)
        self.addTab(self.report_area, self.tr("Report"))
        self.tabBar().setVisible(False)  # until another area joins

    def add_area(self, widget: QWidget, title: str | None = None) -> None:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(design.SPACE_L, design.SPACE_L, design.SPACE_L, design.SPACE_L)
        layout.addWidget(widget)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self.addTab(scroll, title if title is not None else self.tr("Your data"))
        self.tabBar().setVisible(True)
