from datetime import datetime, timedelta, timezone

import pytest

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.questionnaires import score_who5, who5_is_low, who5_summary

AT = datetime(2026, 11, 21, 20, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.mark.parametrize(
    ("answers", "raw", "percentage"),
    [
        ([0, 0, 0, 0, 0], 0, 0),
        ([5, 5, 5, 5, 5], 25, 100),
        ([3, 2, 3, 2, 3], 13, 52),
        ([2, 3, 2, 3, 2], 12, 48),
        ([4, 3, 3, 2, 1], 13, 52),
    ],
)
def test_who5_raw_times_four(answers: list[int], raw: int, percentage: int) -> None:
    checkin = score_who5(AT, answers)
    assert checkin.raw_score == raw
    assert checkin.score == percentage
    assert checkin.answers == tuple(answers)
    assert checkin.questionnaire == "WHO-5"
    assert checkin.version == "1998"


def test_who5_cutoff_is_fifty_inclusive() -> None:
    assert who5_is_low(50)
    assert not who5_is_low(52)


@pytest.mark.parametrize("answers", [[6, 0, 0, 0, 0], [-1, 0, 0, 0, 0], [1, 2, 3, 4]])
def test_who5_refuses_out_of_range_or_missing_answers(answers: list[int]) -> None:
    with pytest.raises(InvalidInput):
        score_who5(AT, answers)


def test_summary_is_screening_not_diagnosis_and_marks_meaningful_change() -> None:
    before = score_who5(AT - timedelta(days=14), [3, 3, 3, 3, 3])  # 60
    now = score_who5(AT, [2, 2, 2, 2, 2])  # 40
    text = who5_summary(now, before)
    assert "not a diagnosis" in text
    assert "down 20 points" in text
    assert "meaningful" in text
    small = who5_summary(score_who5(AT, [3, 3, 3, 3, 2]), before)  # 56: change of 4
    assert "meaningful" not in small
    assert "above the screening cut-off" in small
