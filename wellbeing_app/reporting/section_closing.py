"""The person's questions for their next session, and what the report is and is not."""

from __future__ import annotations

from wellbeing_app.reporting.report_context import BASELINE_DAYS, Context, left_out_sentences
from wellbeing_app.reporting.report_html import esc
from wellbeing_app.reporting.report_model import ReportSection


def questions(context: Context) -> ReportSection:
    asked = context.options.questions
    if asked:
        body = "<ol>" + "".join(f"<li>{esc(q)}</li>" for q in asked) + "</ol>"
    else:
        body = "<p>No questions were written down.</p>"
    return ReportSection(
        "questions",
        "Questions for my next session",
        '<p class="muted">Written by the person to bring up in their next session.</p>' + body,
    )


def about(context: Context) -> ReportSection:
    data = context.data
    parts = [
        "<p>This is a <b>self-tracking summary</b>: mood check-ins, gratitude entries and"
        " questionnaires the person filled in themselves, and time in online communities"
        " measured on their own computer by the Wellbeing app. Questionnaire scores are"
        " <b>screening results, not a diagnosis</b>, and patterns between numbers are"
        " associations, not causes.</p>",
        f"<p>A day runs from {data.day_start_hour:02d}:00 to {data.day_start_hour:02d}:00"
        " the next morning, so a late night counts to the evening before. Days without an"
        " entry are shown as missing, never filled in.</p>"
        if context.options.exact_times
        else "<p>A day ends in the early morning, so a late night counts to the evening"
        " before. Days without an entry are shown as missing, never filled in.</p>",
    ]
    parts.append(
        "<p>Each questionnaire's trend starts from one baseline, used in “At a glance” too:"
        f" its last check-in in the {BASELINE_DAYS} days before the period began or, when there"
        " is none, its first check-in in the period. Each day's time is scored against the"
        " daily limits in force at the end of that day.</p>"
    )
    parts += [f"<p>{esc(sentence)}</p>" for sentence in left_out_sentences(context.left_out)]
    return ReportSection("about", "About this report", "\n".join(parts))
