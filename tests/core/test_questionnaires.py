import itertools
from datetime import datetime, timedelta, timezone

import pytest

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.questionnaires import (
    CRISIS_FIRST,
    GAD7,
    PHQ9,
    QUESTIONNAIRES,
    WHO5,
    WHO5_DEPRESSION_CUTOFF,
    crisis_statement,
    difficulty_answer,
    gad7_summary,
    needs_crisis_resources,
    offers_help_now,
    phq9_summary,
    score,
    score_gad7,
    score_phq9,
    score_who5,
    scored_answers,
    screening_band,
    summary,
    who5_depression_screen,
    who5_is_low,
    who5_summary,
)

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


# --- PHQ-9 and GAD-7 -------------------------------------------------------------------------


def _answers(total: int, count: int) -> list[int]:
    """``count`` answers of 0-3 adding up to ``total``, highest first, item 9 as low as it goes."""
    answers = []
    for _ in range(count):
        answer = min(3, total)
        answers.append(answer)
        total -= answer
    assert total == 0
    return answers


def _no_item9(total: int) -> list[int]:
    """PHQ-9 answers for ``total`` with item 9 at 0 (so no crisis branch), as far as possible."""
    answers = _answers(total, 8) if total <= 24 else _answers(total, 9)
    return [*answers, 0][:9]


@pytest.mark.parametrize(
    ("total", "label", "professional"),
    [
        (0, "Minimal", False),
        (4, "Minimal", False),
        (5, "Mild", False),
        (9, "Mild", False),
        (10, "Moderate", True),
        (14, "Moderate", True),
        (15, "Moderately severe", True),
        (19, "Moderately severe", True),
        (20, "Severe", True),
        (24, "Severe", True),
    ],
)
def test_phq9_bands_at_every_boundary(total: int, label: str, professional: bool) -> None:
    checkin = score_phq9(AT, _no_item9(total))
    assert checkin.raw_score == total
    assert checkin.score == total
    band = screening_band(checkin)
    assert band.label == label
    assert total in band
    assert band.suggest_professional is professional
    assert not needs_crisis_resources(checkin)


def test_phq9_worked_examples() -> None:
    # A hand-added form: 1+2+1+2+0+1+1+0+0 = 8, mild.
    mild = score_phq9(AT, [1, 2, 1, 2, 0, 1, 1, 0, 0])
    assert (mild.raw_score, screening_band(mild).label) == (8, "Mild")
    # 2+2+2+2+1+1+1+0+0 = 11, moderate.
    moderate = score_phq9(AT, [2, 2, 2, 2, 1, 1, 1, 0, 0])
    assert (moderate.raw_score, screening_band(moderate).label) == (11, "Moderate")
    top = score_phq9(AT, [3] * 9)
    assert (top.raw_score, screening_band(top).label, screening_band(top).range) == (
        27,
        "Severe",
        "20-27",
    )


@pytest.mark.parametrize(
    ("total", "label", "professional"),
    [
        (0, "Minimal", False),
        (4, "Minimal", False),
        (5, "Mild", False),
        (9, "Mild", False),
        (10, "Moderate", True),
        (14, "Moderate", True),
        (15, "Severe", True),
        (21, "Severe", True),
    ],
)
def test_gad7_bands_at_every_boundary(total: int, label: str, professional: bool) -> None:
    checkin = score_gad7(AT, _answers(total, 7))
    assert checkin.raw_score == total
    assert checkin.score == total
    assert checkin.questionnaire == "GAD-7"
    band = screening_band(checkin)
    assert band.label == label
    assert band.suggest_professional is professional


def test_published_bands_cover_the_whole_range_without_gaps() -> None:
    for questionnaire, top in ((PHQ9, 27), (GAD7, 21)):
        bands = questionnaire.bands
        assert bands[0].low == 0
        assert bands[-1].high == top
        for before, after in itertools.pairwise(bands):
            assert after.low == before.high + 1
        assert len(questionnaire.items) * (len(questionnaire.answers) - 1) == top


def test_instruments_as_published() -> None:
    assert PHQ9.answers == ("Not at all", "Several days", "More than half the days",
                            "Nearly every day")  # fmt: skip
    assert GAD7.answers == PHQ9.answers
    assert len(PHQ9.items) == 9
    assert len(GAD7.items) == 7
    assert "2 weeks" in PHQ9.period
    assert "2 weeks" in GAD7.period
    assert PHQ9.items[8].startswith("Thoughts that you would be better off dead")
    assert GAD7.items[0] == "Feeling nervous, anxious, or on edge"
    assert "how difficult" in PHQ9.follow_up
    assert PHQ9.follow_up_answers[0] == "Not difficult at all"


def test_checkin_names_questionnaire_and_version() -> None:
    phq = score_phq9(AT, [0] * 9)
    gad = score_gad7(AT, [0] * 7)
    assert (phq.questionnaire, phq.version, phq.at) == ("PHQ-9", "2001", AT)
    assert (gad.questionnaire, gad.version) == ("GAD-7", "2006")


def test_difficulty_is_stored_but_not_scored() -> None:
    checkin = score_phq9(AT, [1] * 9, difficulty=2)
    assert checkin.raw_score == 9
    assert checkin.answers == (1,) * 9 + (2,)
    assert scored_answers(checkin) == (1,) * 9
    assert difficulty_answer(checkin) == "Very difficult"
    assert screening_band(checkin).label == "Mild"
    assert difficulty_answer(score_phq9(AT, [1] * 9)) is None
    gad = score_gad7(AT, [3] * 7, difficulty=3)
    assert (gad.raw_score, difficulty_answer(gad)) == (21, "Extremely difficult")


@pytest.mark.parametrize(
    ("name", "answers", "difficulty", "message"),
    [
        ("PHQ-9", [0] * 8, None, "PHQ-9 needs 9 answers, got 8."),
        ("PHQ-9", [0] * 10, None, "PHQ-9 needs 9 answers, got 10."),
        ("GAD-7", [0] * 9, None, "GAD-7 needs 7 answers, got 9."),
        ("PHQ-9", [0, 0, 0, 4, 0, 0, 0, 0, 0], None, "PHQ-9 answer 4 must be a whole number"),
        ("GAD-7", [0, -1, 0, 0, 0, 0, 0], None, "GAD-7 answer 2 must be a whole number"),
        ("GAD-7", [0, 0, 0, 0, 0, 0, True], None, "GAD-7 answer 7 must be a whole number"),
        ("PHQ-9", [0] * 9, 4, "The PHQ-9 difficulty answer must be a whole number from 0 to 3"),
        ("WHO-5", [3] * 5, 1, "WHO-5 has no question about difficulty."),
        ("PHQ-8", [0] * 8, None, "There is no questionnaire called 'PHQ-8'"),
    ],
)
def test_bad_answers_are_refused_in_one_sentence(
    name: str, answers: list[int], difficulty: int | None, message: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        score(name, AT, answers, difficulty)
    text = str(caught.value)
    assert text.startswith(message)
    assert text.endswith(".")
    assert text.count(". ") == 0  # one sentence
    assert "\n" not in text


def test_any_answer_on_item_9_needs_crisis_resources() -> None:
    for answer in (1, 2, 3):
        answers = [0] * 8 + [answer]
        checkin = score_phq9(AT, answers)
        assert checkin.raw_score == answer  # minimal total, still crisis first
        assert needs_crisis_resources(checkin)
        assert crisis_statement(checkin) == CRISIS_FIRST
        assert offers_help_now(checkin)
    assert not needs_crisis_resources(score_phq9(AT, [3] * 8 + [0]))
    # Only item 9 of the PHQ-9 counts: other questionnaires' ninth or last answers never do.
    assert not needs_crisis_resources(score_gad7(AT, [3] * 7))
    assert not needs_crisis_resources(score_who5(AT, [5] * 5))
    assert not needs_crisis_resources(score_phq9(AT, [0] * 9, difficulty=3))


def test_registry_and_dispatch() -> None:
    assert list(QUESTIONNAIRES) == ["WHO-5", "PHQ-9", "GAD-7"]
    assert QUESTIONNAIRES["WHO-5"] is WHO5
    assert score("WHO-5", AT, [3] * 5) == score_who5(AT, [3] * 5)
    assert score("PHQ-9", AT, [1] * 9, 1) == score_phq9(AT, [1] * 9, 1)
    assert score("gad7", AT, [2] * 7) == score_gad7(AT, [2] * 7)
    assert summary(score_who5(AT, [3] * 5)) == who5_summary(score_who5(AT, [3] * 5))
    assert screening_band(score_who5(AT, [2] * 5)).label == "Low well-being"
    assert screening_band(score_who5(AT, [3] * 5)).label == "Above the cut-off"


def _all_summaries() -> list[str]:
    texts = []
    for total in range(28):
        now = score_phq9(AT, _answers(total, 9))
        texts.append(phq9_summary(now))
        texts.append(phq9_summary(now, score_phq9(AT - timedelta(days=14), [3] * 9)))
        texts.append(phq9_summary(now, score_phq9(AT - timedelta(days=14), [0] * 9)))
    for total in range(22):
        now = score_gad7(AT, _answers(total, 7))
        texts.append(gad7_summary(now))
        texts.append(gad7_summary(now, score_gad7(AT - timedelta(days=14), [1] * 7)))
    texts += [summary(score_who5(AT, [answer] * 5)) for answer in range(6)]
    return texts


def test_wording_is_screening_never_diagnosis() -> None:
    texts = _all_summaries()
    texts += [band.meaning + band.label for q in QUESTIONNAIRES.values() for band in q.bands]
    for text in texts:
        assert "diagnos" not in text.lower().replace("not a diagnosis", ""), text
    assert all("screening" in text for text in _all_summaries())
    assert all("not a diagnosis" in text for text in _all_summaries() if "PHQ-9" in text)
    assert all("not a diagnosis" in text for text in _all_summaries() if "GAD-7" in text)


def test_summary_suggests_a_professional_from_moderate_up() -> None:
    def talks_of_professional(text: str) -> bool:
        return "talk to a doctor" in text.lower() or "talking to a doctor" in text.lower()

    for total in (10, 14, 15, 20, 27):
        assert talks_of_professional(phq9_summary(score_phq9(AT, _no_item9(total)))), total
    for total in (10, 15, 21):
        assert talks_of_professional(gad7_summary(score_gad7(AT, _answers(total, 7)))), total
    mild = phq9_summary(score_phq9(AT, _no_item9(6)))
    assert "mild (5-9)" in mild
    assert "always okay" in mild  # an open door, not a referral


def test_summary_marks_meaningful_change_in_points() -> None:
    before = score_phq9(AT - timedelta(days=14), _no_item9(16))
    better = phq9_summary(score_phq9(AT, _no_item9(11)), before)
    assert "5 points lower than last time (16), a meaningful change" in better
    close = phq9_summary(score_phq9(AT, _no_item9(12)), before)
    assert "close to last time (16)" in close
    gad_before = score_gad7(AT - timedelta(days=14), _answers(6, 7))
    assert "4 points higher" in gad7_summary(score_gad7(AT, _answers(10, 7)), gad_before)
    assert "meaningful" not in gad7_summary(score_gad7(AT, _answers(9, 7)), gad_before)


def test_summary_refuses_mixed_questionnaires() -> None:
    with pytest.raises(InvalidInput, match="only be compared"):
        phq9_summary(score_phq9(AT, [0] * 9), score_gad7(AT, [0] * 7))
    with pytest.raises(InvalidInput, match="for a GAD-7, not a PHQ-9"):
        gad7_summary(score_phq9(AT, [0] * 9))


def test_phq9_summary_is_the_totals_band_only_never_the_item_9_statement() -> None:
    # Before: the summary began with the item-9 statement, so "Moderate: You said you have had
    # thoughts of being better off dead..." read the band as a grade of those thoughts.
    for total in (1, 5, 11, 16, 25):
        answers = _no_item9(total - 1)
        answers[8] = 1
        checkin = score_phq9(AT, answers)
        assert checkin.raw_score == total
        text = phq9_summary(checkin)
        assert text.startswith("PHQ-9 (")
        assert CRISIS_FIRST not in text
        assert "better off dead" not in text and "Get help now" not in text
        assert crisis_statement(checkin) == CRISIS_FIRST
    quiet = score_phq9(AT, [3] * 8 + [0])
    assert crisis_statement(quiet) is None
    assert not offers_help_now(quiet)
    assert crisis_statement(score_gad7(AT, [3] * 7)) is None


@pytest.mark.parametrize(
    ("percent", "likely_depression"),
    [(0, True), (4, True), (24, True), (28, True), (32, False), (48, False), (100, False)],
)
def test_who5_depression_cutoff_is_28_inclusive(percent: int, likely_depression: bool) -> None:
    text = who5_depression_screen(percent)
    assert (text is not None) == likely_depression
    raw = percent // 4
    checkin = score_who5(AT, [min(5, max(0, raw - 5 * i)) for i in range(5)])
    assert checkin.score == percent
    assert offers_help_now(checkin) == likely_depression
    if text is not None:
        assert "28/100" in text and "Topp et al., 2015" in text
        assert "often seen with depression" in text
        assert "talk with a doctor or therapist" in text
        assert text.endswith("not a diagnosis.")
        assert "you" not in text.lower().split()  # the report quotes it too: no "you"
        summary_text = who5_summary(checkin)
        assert "low well-being" in summary_text
        assert summary_text.index("low well-being") < summary_text.index(text)
    else:
        assert "depression" not in who5_summary(checkin)
    assert WHO5_DEPRESSION_CUTOFF == 28


@pytest.mark.parametrize("percent", [-4, 101, 250])
def test_who5_depression_screen_refuses_scores_outside_0_to_100(percent: int) -> None:
    with pytest.raises(InvalidInput, match="from 0 to 100"):
        who5_depression_screen(percent)
