import re

import pytest
from pytestqt.qtbot import QtBot

from wellbeing_app.app import crisis_help, crisis_lines
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.models import CheckIn
from wellbeing_app.core.questionnaires import GAD7, PHQ9, WHO5, Questionnaire
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.checkin_dialog import CheckInDialog
from wellbeing_app.ui.help_dialog import HelpDialog


def _no_help() -> None:
    raise AssertionError("'Get help now' was not offered here")


def answer(dialog: CheckInDialog, values: list[int]) -> None:
    for group, value in zip(dialog.groups, values, strict=False):
        group.button(value).click()


def test_who5_result_is_screening_and_saved(
    qtbot: QtBot, clock: FixedClock, repos: Repositories
) -> None:
    dialog = CheckInDialog(
        WHO5, clock.now(), None, crisis_lines(repos)[0], repos.checkins.add, _no_help
    )
    qtbot.addWidget(dialog)
    answer(dialog, [2, 2, 2, 2])
    assert not dialog.submit.isEnabled()  # every item needs an answer
    dialog.groups[4].button(3).click()
    dialog.submit.click()
    saved = repos.checkins.latest("WHO-5")
    assert saved is not None and saved.score == 44
    text = dialog.outcome.text()
    assert "not a diagnosis" in text
    assert "Emergency services" not in text  # no crisis block for WHO-5


def test_phq9_item_9_shows_crisis_lines_before_any_score(
    qtbot: QtBot, clock: FixedClock, repos: Repositories
) -> None:
    saved: list[CheckIn] = []

    def save(checkin: CheckIn) -> CheckIn:
        saved.append(checkin)
        return checkin

    dialog = CheckInDialog(PHQ9, clock.now(), None, crisis_lines(repos)[0], save, _no_help)
    qtbot.addWidget(dialog)
    answer(dialog, [0, 0, 0, 0, 0, 0, 0, 0, 1])
    dialog.submit.click()
    assert "Emergency services" in dialog.crisis.text()
    assert "of 27" in dialog.outcome.text()
    layout = dialog._result_layout
    assert layout.indexOf(dialog.crisis) < layout.indexOf(dialog.outcome)
    assert saved[0].answers[:9] == (0, 0, 0, 0, 0, 0, 0, 0, 1)


def test_gad7_follow_up_is_stored_but_not_scored(
    qtbot: QtBot, clock: FixedClock, repos: Repositories
) -> None:
    dialog = CheckInDialog(GAD7, clock.now(), None, (), repos.checkins.add, _no_help)
    qtbot.addWidget(dialog)
    answer(dialog, [3, 3, 2, 2, 0, 0, 1])
    dialog.difficulty.button(2).click()
    dialog.submit.click()
    saved = repos.checkins.latest("GAD-7")
    assert saved is not None
    assert saved.raw_score == 11
    assert saved.answers == (3, 3, 2, 2, 0, 0, 1, 2)
    assert "Moderate" in dialog.outcome.text()


def test_help_lists_own_contacts_first(qtbot: QtBot, repos: Repositories) -> None:
    repos.settings_store.set("crisis_lines", ["Sam: 07700 900123"])
    repos.settings_store.set("crisis_country", "GB")
    from wellbeing_app.storage.repositories import repositories_for

    dialog = HelpDialog(crisis_help(repositories_for(repos.db)))
    qtbot.addWidget(dialog)
    text = dialog.lines.text()
    assert text.index("Sam") < text.index("Samaritans") < text.index("999")


def _dialog(
    qtbot: QtBot, clock: FixedClock, repos: Repositories, questionnaire: Questionnaire
) -> tuple[CheckInDialog, list[str]]:
    opened: list[str] = []
    dialog = CheckInDialog(
        questionnaire,
        clock.now(),
        None,
        crisis_lines(repos)[0],
        repos.checkins.add,
        lambda: opened.append("help"),
    )
    qtbot.addWidget(dialog)
    return dialog, opened


def test_phq9_item_9_statement_is_apart_from_the_totals_band(
    qtbot: QtBot, clock: FixedClock, repos: Repositories
) -> None:
    # Before: one label began "Moderate ... You said you have had thoughts of being better off
    # dead", so the band read as a grade of those thoughts.
    dialog, opened = _dialog(qtbot, clock, repos, PHQ9)
    answer(dialog, [2, 2, 2, 1, 1, 1, 1, 0, 1])  # total 11: moderate, item 9 "several days"
    dialog.submit.click()
    assert not dialog.crisis.isHidden()
    assert "better off dead" in dialog.crisis.text()
    assert "Samaritans" in dialog.crisis.text() or "Emergency services" in dialog.crisis.text()
    assert "Moderate" not in dialog.crisis.text() and "of 27" not in dialog.crisis.text()
    outcome = dialog.outcome.text()
    assert outcome.startswith("<h3>Moderate</h3><p>PHQ-9 (")
    assert "better off dead" not in outcome and "hurting yourself" not in outcome
    assert not dialog.help_now.isHidden()
    layout = dialog._result_layout
    assert not dialog.apart.isHidden()  # a rule between the crisis lines and the score
    widgets = (dialog.crisis, dialog.help_now, dialog.apart, dialog.outcome)
    order = [layout.indexOf(w) for w in widgets]
    assert order == sorted(order)
    dialog.help_now.click()
    assert opened == ["help"]


def test_who5_at_or_below_28_says_likely_depression_and_offers_help(
    qtbot: QtBot, clock: FixedClock, repos: Repositories
) -> None:
    dialog, opened = _dialog(qtbot, clock, repos, WHO5)
    answer(dialog, [2, 2, 1, 1, 1])  # 7/25 = 28/100
    dialog.submit.click()
    text = dialog.outcome.text()
    assert "Low well-being" in text
    assert "often seen with depression" in text and "not a diagnosis" in text
    assert dialog.crisis.isHidden()  # not a crisis block: no item 9 here
    assert not dialog.help_now.isHidden()
    dialog.help_now.click()
    assert opened == ["help"]


@pytest.mark.parametrize(
    ("questionnaire", "answers"),
    [
        (WHO5, [2, 2, 2, 1, 1]),  # 32/100: low well-being, not likely depression
        (WHO5, [4, 4, 4, 4, 4]),
        (PHQ9, [3, 3, 3, 3, 3, 3, 3, 3, 0]),  # severe, but item 9 "not at all"
        (GAD7, [3, 3, 3, 3, 3, 3, 3]),
    ],
)
def test_no_crisis_block_or_help_button_where_not_called_for(
    qtbot: QtBot,
    clock: FixedClock,
    repos: Repositories,
    questionnaire: Questionnaire,
    answers: list[int],
) -> None:
    dialog, opened = _dialog(qtbot, clock, repos, questionnaire)
    answer(dialog, answers)
    dialog.submit.click()
    assert dialog.crisis.isHidden()
    assert dialog.help_now.isHidden()
    assert "depression (Topp" not in dialog.outcome.text()
    assert opened == []


@pytest.mark.parametrize("questionnaire", [WHO5, PHQ9, GAD7])
def test_the_question_above_the_items_is_asked_once(questionnaire: Questionnaire) -> None:
    from wellbeing_app.ui.checkin_dialog import intro_text

    # Before: PHQ-9 read "…any of the following problems?, how often have you been bothered
    # by the following?"
    text = re.sub("<[^>]+>", "", intro_text(questionnaire))
    assert text.count("?") == 1 and text.endswith("?")
    assert "?," not in text


def test_the_result_draws_the_band_and_last_time(
    qtbot: QtBot, clock: FixedClock, repos: Repositories
) -> None:
    from wellbeing_app.core.questionnaires import score

    previous = score("GAD-7", clock.now(), [1, 1, 1, 1, 0, 0, 0])
    dialog = CheckInDialog(GAD7, clock.now(), previous, (), repos.checkins.add, _no_help)
    qtbot.addWidget(dialog)
    assert dialog.progress.text() == "0 of 7 answered"
    answer(dialog, [3, 3, 2, 2, 0, 0, 1])
    assert dialog.progress.text() == "All answered"
    dialog.submit.click()
    scale = dialog.scale
    assert scale is not None and not scale.isHidden()
    assert scale.current_band().label == "Moderate"
    assert [b.label for b in scale.bands] == ["Minimal", "Mild", "Moderate", "Severe"]
    assert scale.accessibleDescription().startswith(
        "11 on a scale from 0 to 21, in the range Moderate (10 to 14). Last time: 4."
    )
    scale.resize(400, scale.sizeHint().height())
    # The marker sits inside its band's segment; the scale runs low to high, left to right.
    assert (
        scale.segment(scale.bands[2]).left()
        <= scale.x_of(11)
        <= scale.segment(scale.bands[2]).right()
    )
    assert scale.x_of(0) < scale.x_of(4) < scale.x_of(11) < scale.x_of(21)
    layout = dialog._result_layout
    assert layout.indexOf(dialog.outcome) < layout.indexOf(scale)
