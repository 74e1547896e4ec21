"""The report put together: each chosen section built in order from one redacted context, and
the whole as one HTML document (for the preview and the PDF)."""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.reporting.redaction import redact
from wellbeing_app.reporting.report_context import (
    Context,
    make_context,
    report_title,
    score_limits,
)
from wellbeing_app.reporting.report_html import STYLE, esc
from wellbeing_app.reporting.report_model import Report, ReportInput, ReportSection
from wellbeing_app.reporting.report_options import ReportOptions
from wellbeing_app.reporting.section_associations import associations
from wellbeing_app.reporting.section_calendar import calendar
from wellbeing_app.reporting.section_checkins import checkins
from wellbeing_app.reporting.section_closing import about, questions
from wellbeing_app.reporting.section_cover import cover
from wellbeing_app.reporting.section_limits import activities, limits_breaks
from wellbeing_app.reporting.section_mood import mood
from wellbeing_app.reporting.section_usage import usage

Builder = Callable[[Context], ReportSection]
BUILDERS: dict[str, Builder] = {
    "cover": cover,
    "checkins": checkins,
    "mood": mood,
    "usage": usage,
    "limits_breaks": limits_breaks,
    "activities": activities,
    "associations": associations,
    "questions": questions,
    "calendar": calendar,
}
# Sections that begin on a page of their own in print, besides the first after page 1 (the
# calendar's months start their own).
NEW_PAGE: frozenset[str] = frozenset()


def build_report(data: ReportInput, options: ReportOptions) -> Report:
    """The report for ``data`` with ``options`` applied; pure apart from drawing the charts.

    Limits are scored from the full data before redaction (they need the app names) and
    labelled as the options allow.

    Raises:
        InvalidInput: ``data`` was gathered for another range than ``options`` asks for.
    """
    if (data.first, data.last) != (options.first, options.last):
        raise InvalidInput(
            f"The data covers {data.first} to {data.last}, but the report is for "
            f"{options.first} to {options.last}; gather the data for the report's days."
        )
    limits = score_limits(data, options)
    context = make_context(redact(data, options), options, limits, options.left_out())
    built = [builder(context) for key, builder in BUILDERS.items() if options.includes(key)]
    # The method note goes on page 1, under the summary it explains (the cover leaves room);
    # without a cover, at the end.
    built.insert(1 if options.includes("cover") else len(built), about(context))
    title, subtitle = report_title(context)
    return Report(title, subtitle, options.first, options.last, built, options.left_out())


def document_html(title: str, subtitle: str, sections: Sequence[ReportSection]) -> str:
    """One HTML document of all sections, in order; charts referenced as ``figure:NAME``."""
    parts = [f"<html><head><meta charset='utf-8'><title>{esc(title)}</title>"]
    parts.append(f"<style>{STYLE}</style></head><body>")
    if not sections or sections[0].key != "cover":
        parts.append(f'<h1>{esc(title)}</h1><p class="range">{esc(subtitle)}</p>')
    for index, section in enumerate(sections):
        if section.key == "cover" or section.own_headings:
            parts.append(section.html)
            continue
        after_cover = index >= 1 and sections[0].key == "cover" and section.key != "about"
        first_after_cover = after_cover and all(s.key == "about" for s in sections[1:index])
        breaks = section.key in NEW_PAGE or first_after_cover
        style = ' style="page-break-before: always;"' if breaks else ""
        parts.append(f"<h2{style}>{esc(section.title)}</h2>")
        parts.append(section.html)
    parts.append("</body></html>")
    return "\n".join(parts)


def report_html(report: Report) -> str:
    """The whole report as one HTML document."""
    return document_html(report.title, report.subtitle, report.sections)


def preview_html(report: Report) -> str:
    """The same document with its charts inline (data URLs): what the PDF will show."""
    page = report_html(report)
    for section in report.sections:
        for figure in section.figures:
            encoded = base64.b64encode(figure.png).decode("ascii")
            page = page.replace(f'src="{figure.url}"', f'src="data:image/png;base64,{encoded}"')
    return page
