"""Printing a report to PDF with Qt: selectable text on A4, a footer on every page, and a
file that appears whole or not at all, private to its owner, never over another by surprise.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QRectF,
    QSizeF,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
)

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.reporting.report_document import report_html
from wellbeing_app.reporting.report_html import STYLE, day_text

if TYPE_CHECKING:
    from wellbeing_app.reporting.report_model import Report

RESOLUTION = 300  # dots per inch of the PDF's coordinate space (text stays vector)
MARGINS_MM = QMarginsF(18, 15, 18, 12)  # left, top, right, bottom
FOOTER_MM = 9.0
BODY_POINT_SIZE = 10
_FOOTER_COLOUR = QColor("#666666")
_APPLICATION: list[QGuiApplication] = []  # kept alive when write_pdf had to create one


def _ensure_application() -> None:
    """Fonts need a ``QGuiApplication``; the command line has none, and needs no screen.

    A process that will show widgets must create its ``QApplication`` before printing: Qt
    allows one application object per process, and widgets need the ``QApplication`` kind.
    """
    existing = QCoreApplication.instance()
    if existing is None:
        _APPLICATION.append(QGuiApplication(["wellbeing", "-platform", "offscreen"]))
    elif not isinstance(existing, QGuiApplication):
        raise RuntimeError("printing a report needs a QGuiApplication, not a QCoreApplication")


def _mm_to_px(mm: float) -> float:
    return mm / 25.4 * RESOLUTION


def _relayout(document: QTextDocument, start: int = 0) -> None:
    """Lays the document out again from ``start`` to the end, now.

    After a format change ``QTextDocumentLayout`` relays out lazily and, with a paginated
    document, can leave later blocks unlaid; measuring then gives nonsense.
    """
    document.markContentsDirty(start, document.characterCount() - start)
    document.documentLayout().documentSize()


def _extent(document: QTextDocument, block: QTextBlock) -> QRectF:
    """Where a block's lines really are.

    ``blockBoundingRect`` puts the rectangle at the block's position, but a line moved to the
    next page (an image that did not fit) sits further down inside the block's own layout.
    """
    rect = document.documentLayout().blockBoundingRect(block)
    lines = block.layout()
    return rect.translated(0, lines.boundingRect().top()) if lines is not None else rect


class _Pages:
    """Page arithmetic on a paginated document whose pages are ``height`` tall."""

    def __init__(self, document: QTextDocument, height: float) -> None:
        self.document = document
        self.height = height

    def of(self, y: float) -> int:
        return int((y + 1) // self.height)  # +1: positions are fractional

    def near_top(self, y: float) -> bool:
        return (y + 1) - self.of(y) * self.height < self.height * 0.02

    def block(self, block: QTextBlock) -> QRectF:
        return _extent(self.document, block)

    def break_before(self, anchor: QTextBlock | QTextTable) -> None:
        if isinstance(anchor, QTextTable):
            table_format = anchor.format()
            table_format.setPageBreakPolicy(_ALWAYS_BEFORE)
            anchor.setFormat(table_format)
            start = anchor.firstPosition()
        else:
            block_format = anchor.blockFormat()
            block_format.setPageBreakPolicy(_ALWAYS_BEFORE)
            QTextCursor(anchor).setBlockFormat(block_format)
            start = anchor.position()
        _relayout(self.document, max(0, start - 1))


_ALWAYS_BEFORE = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
SHORT_TABLE = 0.45  # of a page: a table up to this tall is kept on one page


def _is_heading(block: QTextBlock) -> bool:
    return block.isValid() and block.blockFormat().headingLevel() >= 2


def _lead_in(pages: _Pages, before: QTextBlock) -> QTextBlock | None:
    """The heading that introduces what follows ``before`` (directly, or over a short text)."""
    if _is_heading(before):
        return before
    short = before.isValid() and pages.block(before).height() < pages.height * 0.15
    return before.previous() if short and _is_heading(before.previous()) else None


def _short_section_bottom(pages: _Pages, heading: QTextBlock) -> float | None:
    """Where the heading's section ends, when it is only a few paragraphs (no table, no chart)."""
    level = heading.blockFormat().headingLevel()
    bottom = pages.block(heading).bottom()
    block = heading.next()
    while block.isValid():
        other = block.blockFormat().headingLevel()
        if other and other <= level:
            break
        if QTextCursor(block).currentTable() is not None:
            return None
        bottom = max(bottom, pages.block(block).bottom())
        block = block.next()
    return bottom


def _keep_heading(pages: _Pages, heading: QTextBlock) -> None:
    """Moves a heading to the next page when what follows it does not start under it, or when
    its whole section is short and would be split."""
    if heading.blockFormat().pageBreakPolicy() & _ALWAYS_BEFORE:
        return
    top = pages.block(heading).top()
    if pages.near_top(top):
        return
    end = _short_section_bottom(pages, heading)
    if end is not None and end - top < pages.height * 0.25:
        if pages.of(end - 2) != pages.of(top):
            pages.break_before(heading)
        return
    followers = [heading.next()]
    after = heading.next().next()
    if pages.block(heading.next()).height() < pages.height * 0.04 and not _is_heading(after):
        followers.append(after)  # a short lead-in line goes with what it leads into
    rects = [pages.block(b) for b in followers if b.isValid()]
    if not rects:
        return
    # Of a tall follower (a long table, a chart) its beginning must be on the heading's page.
    bottom = max(r.top() + min(r.height(), pages.height * 0.15) for r in rects)
    if pages.of(bottom - 2) != pages.of(top):
        pages.break_before(heading)


def _keep_table(pages: _Pages, table: QTextTable, first: QTextBlock) -> None:
    """Moves a table a page break would split badly, with its heading, to the next page.

    A short table stays whole; a long one flows on (its header row repeated on each page) but
    starts with a few rows, not one alone at the foot of a page.
    """
    rect = pages.document.documentLayout().frameBoundingRect(table)
    if pages.near_top(rect.top()):
        return
    if rect.height() > pages.height * SHORT_TABLE:
        start = rect.top() + pages.height * 0.12
        if pages.of(start) == pages.of(rect.top()):
            return
    elif pages.of(rect.top()) == pages.of(rect.bottom() - 2):
        return
    lead = _lead_in(pages, first.previous())
    if lead is not None and not pages.near_top(pages.block(lead).top()):
        pages.break_before(lead)
    else:
        pages.break_before(table)


def _keep_paragraph(pages: _Pages, block: QTextBlock) -> None:
    """Moves a short paragraph that a page break would split (a lone line on either page)."""
    lines = block.layout()
    if lines is None or lines.lineCount() < 2:
        return
    rect = pages.block(block)
    if rect.height() > pages.height * 0.15 or pages.of(rect.top()) == pages.of(rect.bottom() - 2):
        return
    lead = _lead_in(pages, block.previous())
    if lead is not None and not pages.near_top(pages.block(lead).top()):
        pages.break_before(lead)
    else:
        pages.break_before(block)


def _avoid_awkward_breaks(document: QTextDocument, page_height: float) -> None:
    """Keeps headings with what follows them, and short tables and paragraphs in one piece.

    ``QTextDocument`` never splits a line (so never a chart) but happily leaves a heading alone
    at the foot of a page, or splits a three-row table or a two-line paragraph. The document
    is walked in order; a move only shifts what comes after it, so only that is laid out again.
    """
    pages = _Pages(document, page_height)
    _relayout(document)
    block: QTextBlock = document.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None:
            _keep_table(pages, table, block)
            while block.isValid() and QTextCursor(block).currentTable() == table:
                block = block.next()
            continue
        if _is_heading(block):
            _keep_heading(pages, block)
        else:
            _keep_paragraph(pages, block)
        block = block.next()


def render_pdf(report: Report) -> bytes:
    """The report as PDF bytes: A4, text selectable, charts embedded, page n of m in a footer."""
    _ensure_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    writer.setResolution(RESOLUTION)
    writer.setTitle(f"{report.title}, {report.subtitle}")
    writer.setCreator("Wellbeing")

    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    font = QFont("DejaVu Sans")
    font.setPointSize(BODY_POINT_SIZE)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(STYLE)
    document.setDocumentMargin(0)
    for section in report.sections:
        for figure in section.figures:
            document.addResource(
                QTextDocument.ResourceType.ImageResource,
                QUrl(figure.url),
                QImage.fromData(figure.png),
            )
    document.setHtml(report_html(report))

    width = float(writer.width())
    footer = _mm_to_px(FOOTER_MM)
    body = float(writer.height()) - footer
    document.setPageSize(QSizeF(width, body))
    _avoid_awkward_breaks(document, body)
    _relayout(document)
    pages = document.pageCount()

    painter = QPainter(writer)
    try:
        footer_font = QFont("DejaVu Sans")
        footer_font.setPointSizeF(7.5)
        metrics = QFontMetricsF(footer_font, writer)
        numbers = metrics.horizontalAdvance(f"Page {pages} of {pages}") + _mm_to_px(6)
        left_text = metrics.elidedText(
            f"{report.title} · {day_text(report.first)} – {day_text(report.last)}"
            " · self-tracking and screening results, not a diagnosis",
            Qt.TextElideMode.ElideRight,
            width - numbers,
        )
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, -page * body)
            document.drawContents(painter, QRectF(0, page * body, width, body))
            painter.restore()
            painter.setPen(QPen(_FOOTER_COLOUR, _mm_to_px(0.2)))
            line_y = body + footer * 0.35
            painter.drawLine(0, round(line_y), round(width), round(line_y))
            painter.setFont(footer_font)
            text_box = QRectF(0, line_y, width, footer - footer * 0.35)
            painter.drawText(
                text_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, left_text
            )
            painter.drawText(
                text_box,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"Page {page + 1} of {pages}",
            )
    finally:
        painter.end()
        buffer.close()
    return bytes(data.data())


def write_pdf(report: Report, path: Path, *, overwrite: bool = False) -> None:
    """Writes the report to ``path`` (mode 0600) through a temporary file in the same folder.

    Raises:
        InvalidInput: ``path`` exists and ``overwrite`` is false (the GUI asks first), or the
            folder is missing or cannot be written; nothing is left behind.
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise InvalidInput(f"{path} already exists; choose another name.")
    folder = path.parent
    if not folder.is_dir():
        raise InvalidInput(f"The folder {folder} does not exist; choose another place.")
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder; choose a file name.")
    content = render_pdf(report)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise InvalidInput(f"Could not write to {folder}: {error.strerror}.") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o600)
        if overwrite:
            os.replace(temporary, path)
        else:
            _link_without_overwriting(Path(temporary), path)
    except OSError as error:
        raise InvalidInput(f"Could not write {path}: {error.strerror}.") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _link_without_overwriting(temporary: Path, path: Path) -> None:
    """Puts the finished file in place unless something appeared there meanwhile."""
    try:
        os.link(temporary, path)  # fails if ``path`` exists: no race can overwrite a file
    except FileExistsError:
        raise InvalidInput(f"{path} already exists; choose another name.") from None
    except OSError:
        # Some file systems (FAT, some network shares) have no hard links.
        if path.exists():
            raise InvalidInput(f"{path} already exists; choose another name.") from None
        os.replace(temporary, path)
