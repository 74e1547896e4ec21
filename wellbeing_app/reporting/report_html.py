"""The report's HTML building blocks: its style sheet, words for days and numbers, tables and
charts rendered for print.

The HTML stays inside the subset ``QTextDocument`` understands (tables, headings, paragraphs,
``bgcolor``), because the PDF and the on-screen preview are both drawn from it.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from wellbeing_app.core.text import MONTH_NAMES
from wellbeing_app.reporting.report_model import ReportFigure

if TYPE_CHECKING:
    from datetime import date

    from matplotlib.figure import Figure

FIGURE_DPI = 170  # print resolution: an 8-inch chart drawn 6.8 inches wide is ~200 dpi
FULL_WIDTH = 650  # pixels at 96 per inch: the text width of an A4 page with the report's margins
MONTHS = MONTH_NAMES
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MOOD_COLOURS = {1: "#f4c7b8", 2: "#f9e0c4", 3: "#fbf5d6", 4: "#d3ead9", 5: "#b4dcc2"}

STYLE = """
body { font-family: 'DejaVu Sans', 'Noto Sans', 'Helvetica', 'Arial', sans-serif;
       font-size: 10pt; color: #1a1a1a; }
h1 { font-size: 20pt; color: #0b3d63; margin-top: 0px; margin-bottom: 2px; }
h2 { font-size: 14pt; color: #0b3d63; margin-top: 16px; margin-bottom: 4px; }
h3 { font-size: 11pt; color: #1a1a1a; margin-top: 10px; margin-bottom: 3px; }
p { margin-top: 2px; margin-bottom: 6px; }
li { margin-bottom: 3px; }
table { border-collapse: collapse; margin-top: 2px; margin-bottom: 8px; }
th { background-color: #e6edf4; font-weight: bold; text-align: left;
     border-bottom: 2px solid #0b3d63; }
td { border-bottom: 1px solid #c5ced8; }
.muted { color: #555555; }
.small { font-size: 8.5pt; }
.flag { color: #8a1c1c; font-weight: bold; }
.range { font-size: 12pt; color: #333333; }
"""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def day_text(day: date, year: bool = True) -> str:
    """``21 Nov 2026`` (month names fixed in English, whatever the system locale)."""
    month = MONTHS[day.month - 1][:3]
    return f"{day.day} {month} {day.year}" if year else f"{day.day} {month}"


def range_text(first: date, last: date) -> str:
    """``25 October – 21 November 2026``, the year once when both ends share it."""
    start = f"{first.day} {MONTHS[first.month - 1]}"
    if first.year != last.year:
        start += f" {first.year}"
    return f"{start} – {last.day} {MONTHS[last.month - 1]} {last.year}"


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def number(value: float, digits: int = 1) -> str:
    return f"{round(value, digits) + 0.0:.{digits}f}".replace("-", "−")


def signed(value: float, digits: int = 0) -> str:
    rounded = round(value, digits) + 0.0
    text = f"{rounded:+.{digits}f}".replace("-", "−")
    return "±0" if rounded == 0 else text


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    align: str = "",
    width: str = "99%",
    widths: Sequence[int] = (),
) -> str:
    """An HTML table of already escaped cells.

    ``align`` has one letter per column (l/r/c); ``widths`` gives columns a share of the width
    in per cent (dates and scores read badly wrapped, and Qt shares space by content).
    """
    where = {"l": "left", "r": "right", "c": "center"}

    def cell(tag: str, index: int, content: str) -> str:
        side = where.get(align[index], "left") if index < len(align) else "left"
        share = f' width="{widths[index]}%"' if index < len(widths) else ""
        return f'<{tag} align="{side}"{share}>{content}</{tag}>'

    head = "".join(cell("th", i, h) for i, h in enumerate(headers))
    thead = f"<thead><tr>{head}</tr></thead>" if any(headers) else ""
    body = "".join(
        "<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>" for row in rows
    )
    return f'<table width="{width}" cellspacing="0" cellpadding="5">{thead}{body}</table>'


def render_figure(name: str, figure: Figure, alt: str, width: int = FULL_WIDTH) -> ReportFigure:
    """Draws ``figure`` with Agg at print resolution into PNG bytes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(
        buffer,
        format="png",
        dpi=FIGURE_DPI,
        facecolor=figure.get_facecolor(),
        metadata={"Software": None},
    )
    return ReportFigure(name, buffer.getvalue(), width, alt)


def image(figure: ReportFigure) -> str:
    return (
        f'<p align="center"><img src="{figure.url}" width="{figure.width}"'
        f' alt="{esc(figure.alt)}"></p>'
    )


def box(content: str, colour: str = "#fbe9e7") -> str:
    """``content`` (already escaped HTML) in a shaded box of its own, the width of the text."""
    return (
        f'<table width="99%" bgcolor="{colour}" cellspacing="0" cellpadding="8"'
        f' style="border: 1px solid #8a1c1c;"><tr><td>{content}</td></tr></table>'
    )


_YOUR = re.compile(r"\byour\b", re.IGNORECASE)
_YOU = re.compile(r"\byou\b", re.IGNORECASE)


def about_the_person(text: str) -> str:
    """Shared wording written to the person ("your mood"), as the report says it: about them.

    The app's screens speak to the person; the report speaks about them, in one voice.
    """
    return _YOU.sub("the person", _YOUR.sub("the person's", text))
