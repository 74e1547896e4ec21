"""The therapist report: what to include, the data it needs, and the report itself.

A report is built in three steps, each testable alone:

1. ``ReportInput``: plain data for one range of days, gathered elsewhere (``report_input.gather``).
2. ``redact``: the one place where the person's privacy choices are applied, before any text or
   chart is made (``redaction.py``).
3. ``build_report``: the ordered sections (title, HTML, charts rendered to PNG) and what was
   left out. ``preview_html`` shows exactly that before anything is written; ``write_pdf``
   prints it.

This module is the package's front door: it only gathers the public names. Inside, imports go
one way (import-linter checks it): ``pdf`` > ``report_document`` > ``section_*`` >
``report_context`` / ``redaction`` > ``report_html`` > ``report_options`` > ``report_model``.

The wording describes self-tracking and screening results, never a diagnosis.
"""

from __future__ import annotations

from wellbeing_app.reporting.pdf import render_pdf, write_pdf
from wellbeing_app.reporting.redaction import redact
from wellbeing_app.reporting.report_document import (
    build_report,
    preview_html,
    report_html,
)
from wellbeing_app.reporting.report_model import (
    DEFAULT_SECTIONS,
    SECTION_TITLES,
    SECTIONS,
    ActivityDone,
    Report,
    ReportFigure,
    ReportInput,
    ReportSection,
)
from wellbeing_app.reporting.report_options import (
    MAX_QUESTION_LENGTH,
    MAX_QUESTIONS,
    ReportOptions,
    parse_sections,
)

__all__ = [
    "DEFAULT_SECTIONS",
    "MAX_QUESTIONS",
    "MAX_QUESTION_LENGTH",
    "SECTIONS",
    "SECTION_TITLES",
    "ActivityDone",
    "Report",
    "ReportFigure",
    "ReportInput",
    "ReportOptions",
    "ReportSection",
    "build_report",
    "document_html",
    "parse_sections",
    "preview_html",
    "redact",
    "render_pdf",
    "write_pdf",
]


def document_html(report: Report) -> str:
    """The whole report as one HTML document; charts referenced as ``figure:NAME``."""
    return report_html(report)
