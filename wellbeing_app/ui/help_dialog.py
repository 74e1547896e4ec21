"""'Get help now': crisis lines and support, one click (or F1) from every screen.

Every number, address and site is a real link (``tel:``, ``sms:``, ``mailto:``, ``https:``), each
shipped line says who listed it and when it was checked, and the country is chosen right here:
a person in crisis is never sent to a settings command.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.crisis import CrisisHelp, CrisisLine, checked_text, source_label
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP

# Translated where shown: QCoreApplication.translate("HelpDialog", NOT_LISTED).
NOT_LISTED = QT_TRANSLATE_NOOP("HelpDialog", "Not listed / international")

# One pass over a contact, first match wins at each place: an e-mail address, a web address,
# then a phone number or text code (digits with single spaces, an optional leading +).
_LINKABLE = re.compile(
    r"(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?P<url>(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/[^\s,;)]*)?)"
    r"|(?P<number>\+?\d(?:[\d ]*\d)?)",
    re.IGNORECASE,
)
_TEXT = re.compile(r"\btext\b", re.IGNORECASE)
_CALL = re.compile(r"\bcall\b", re.IGNORECASE)


def _link(href: str, text: str) -> str:
    return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'


def _web(address: str) -> str:
    return address if address.lower().startswith(("http://", "https://")) else f"https://{address}"


def linked(text: str, *, numbers: bool) -> str:
    """``text`` as HTML with its addresses (and, if ``numbers``, its phone numbers) linked.

    A number after "Text" (and no "Call") is a text code, so it opens ``sms:``; any other number
    opens ``tel:``.
    """
    parts: list[str] = []
    end = 0
    for found in _LINKABLE.finditer(text):
        kind = found.lastgroup
        value = found.group()
        if kind == "number" and not numbers:
            continue
        parts.append(html.escape(text[end : found.start()]))
        if kind == "email":
            parts.append(_link(f"mailto:{value}", value))
        elif kind == "url":
            parts.append(_link(_web(value), value))
        else:
            before = text[: found.start()]
            scheme = "sms" if _TEXT.search(before) and not _CALL.search(before) else "tel"
            parts.append(_link(f"{scheme}:{value.replace(' ', '')}", value))
        end = found.end()
    parts.append(html.escape(text[end:]))
    return "".join(parts)


def _listed(line: CrisisLine) -> str:
    if not line.source:
        return ""  # the person's own contact
    when = html.escape(checked_text(line.checked))
    source = _link(line.source, source_label(line.source))
    if len(line.checked) == len("2026-11"):  # a month
        listed = QCoreApplication.translate("HelpDialog", "as listed by {source} in {month}")
        return f"<br><small>{listed.format(source=source, month=when)}</small>"
    listed = QCoreApplication.translate("HelpDialog", "as listed by {source} on {day}")
    return f"<br><small>{listed.format(source=source, day=when)}</small>"


def crisis_html(lines: Sequence[CrisisLine]) -> str:
    items = "".join(
        f"<li><b>{html.escape(line.name)}</b>: {linked(line.contact, numbers=True)}"
        + (f"<br><span>{linked(line.note, numbers=False)}</span>" if line.note else "")
        + _listed(line)
        + "</li>"
        for line in lines
    )
    return f"<ul>{items}</ul>"


class HelpDialog(QDialog):
    """The lines for the chosen country; choosing another one shows its lines and saves it."""

    def __init__(self, help: CrisisHelp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Get help now"))
        self.setAccessibleName(self.tr("Get help now"))
        self._help = help
        intro = QLabel(
            self.tr(
                "<h3>You don't have to handle this alone.</h3>"
                "<p><b>If you are in danger or might act on thoughts of harming yourself, call "
                "your local emergency number now.</b> Otherwise, these people are there to listen, "
                "any time:</p>"
            )
        )
        intro.setWordWrap(True)
        self.country = QComboBox()
        self.country.setAccessibleName(self.tr("Your country, for its crisis lines"))
        self.country.addItem(self.tr(NOT_LISTED), "")
        names = help.catalog.names
        for code in sorted(names, key=lambda c: names[c].casefold()):
            self.country.addItem(names[code], code)
        index = self.country.findData(help.country.strip().upper())
        self.country.setCurrentIndex(max(index, 0))
        self.country.currentIndexChanged.connect(self._on_country_changed)
        self.saved = QLabel()
        self.saved.setWordWrap(True)
        self.saved.setAccessibleName(self.tr("Whether the country was saved"))
        where = QFormLayout()
        where.addRow(self.tr("Your country:"), self.country)
        self.lines = QLabel()
        self.lines.setWordWrap(True)
        self.lines.setTextFormat(Qt.TextFormat.RichText)
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.lines.setOpenExternalLinks(True)
        self.lines.setAccessibleName(self.tr("Crisis lines"))
        self.lines.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._show_lines(help.lines())
        caveat = QLabel(f"<small>{html.escape(help.catalog.note)}</small>")
        caveat.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(where)
        layout.addWidget(self.saved)
        layout.addWidget(self.lines, 1)
        layout.addWidget(caveat)
        layout.addWidget(buttons)
        self.saved.hide()
        self.resize(600, self.sizeHint().height())

    def _show_lines(self, lines: Sequence[CrisisLine]) -> None:
        self.lines.setText(crisis_html(lines))

    def _on_country_changed(self, _index: int) -> None:
        code = self.country.currentData()
        # The lines first: they matter now, whether or not the choice can be kept.
        self._show_lines(self._help.lines(code))
        try:
            self._help.save_country(code)
        except Exception as error:  # this screen must never fail
            self.saved.setText(
                self.tr("Your country could not be saved ({error}); it is shown for now.").format(
                    error=error
                )
            )
            self.saved.show()
            return
        self.saved.hide()
