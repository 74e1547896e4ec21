"""Well-being questionnaires, scored exactly as published. Results are screening, not diagnosis.

WHO-5 (World Health Organization Five Well-Being Index, 1998 version): five items answered 0
("at no time") to 5 ("all of the time") about the last two weeks. The raw score (0-25) is
multiplied by 4 for a percentage score (0-100). A score of 50 or below suggests low well-being
and is a reason to talk with a professional; a change of 10 percentage points is meaningful.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.models import CheckIn


@dataclass(frozen=True, slots=True)
class Questionnaire:
    name: str
    title: str
    version: str
    items: tuple[str, ...]
    answers: tuple[str, ...]  # labels for answer values 0..n-1
    period: str


WHO5 = Questionnaire(
    name="WHO-5",
    title="WHO-5 Well-Being Index",
    version="1998",
    items=(
        "I have felt cheerful and in good spirits",
        "I have felt calm and relaxed",
        "I have felt active and vigorous",
        "I woke up feeling fresh and rested",
        "My daily life has been filled with things that interest me",
    ),
    answers=(
        "At no time",
        "Some of the time",
        "Less than half of the time",
        "More than half of the time",
        "Most of the time",
        "All of the time",
    ),
    period="Over the last two weeks",
)
WHO5_LOW_CUTOFF = 50  # percentage score at or below which well-being counts as low
WHO5_MEANINGFUL_CHANGE = 10  # percentage points


def check_answers(questionnaire: Questionnaire, answers: Sequence[int]) -> tuple[int, ...]:
    top = len(questionnaire.answers) - 1
    if len(answers) != len(questionnaire.items):
        raise InvalidInput(
            f"{questionnaire.name} needs {len(questionnaire.items)} answers, got {len(answers)}."
        )
    for number, answer in enumerate(answers, 1):
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer <= top:
            raise InvalidInput(
                f"{questionnaire.name} answer {number} must be a whole number from 0 to {top}, "
                f"not {answer}."
            )
    return tuple(answers)


def score_who5(at: datetime, answers: Sequence[int]) -> CheckIn:
    """Scores a WHO-5: raw 0-25 and percentage 0-100 (raw x 4)."""
    checked = check_answers(WHO5, answers)
    raw = sum(checked)
    return CheckIn(at, WHO5.name, WHO5.version, checked, raw, float(raw * 4))


def who5_is_low(percentage: float) -> bool:
    return percentage <= WHO5_LOW_CUTOFF


def who5_summary(checkin: CheckIn, previous: CheckIn | None = None) -> str:
    """A screening result in plain words, never a diagnosis."""
    text = f"WHO-5 well-being: {checkin.score:.0f}/100 (raw {checkin.raw_score}/25)."
    if who5_is_low(checkin.score):
        text += (
            " This is in the range of low well-being. It is a screening result, not a diagnosis;"
            " talking it over with a doctor or therapist could help."
        )
    else:
        text += " This is above the screening cut-off for low well-being (50)."
    if previous is not None:
        change = checkin.score - previous.score
        if abs(change) >= WHO5_MEANINGFUL_CHANGE:
            direction = "up" if change > 0 else "down"
            text += (
                f" That is {direction} {abs(change):.0f} points since last time,"
                " a meaningful change."
            )
    return text
