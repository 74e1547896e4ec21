from pytestqt.qtbot import QtBot

from wellbeing_app.app import crisis_lines
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.models import CheckIn
from wellbeing_app.core.questionnaires import GAD7, PHQ9, WHO5
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.checkin_dialog import CheckInDialog
from wellbeing_app.ui.help_dialog import HelpDialog


def answer(dialog: CheckInDialog, values: list[int]) -> None:
    for group, value in zip(dialog.groups, values, strict=False):
        group.button(value).click()


def test_who5_result_is_screening_and_saved(
    qtbot: QtBot, clock: FixedClock, repos: Repositories
) -> None:
    dialog = CheckInDialog(WHO5, clock.now(), None, crisis_lines(repos)[0], repos.checkins.add)
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

    dialog = CheckInDialog(PHQ9, clock.now(), None, crisis_lines(repos)[0], save)
    qtbot.addWidget(dialog)
    answer(dialog, [0, 0, 0, 0, 0, 0, 0, 0, 1])
    dialog.submit.click()
    text = dialog.outcome.text()
    assert text.index("Emergency services") < text.index("of 27")
    assert saved[0].answers[:9] == (0, 0, 0, 0, 0, 0, 0, 0, 1)


def test_gad7_follow_up_is_stored_but_not_scored(
    qtbot: QtBot, clock: FixedClock, repos: Repositories
) -> None:
    dialog = CheckInDialog(GAD7, clock.now(), None, (), repos.checkins.add)
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

    lines, note = crisis_lines(repositories_for(repos.db))
    dialog = HelpDialog(lines, note)
    qtbot.addWidget(dialog)
    text = dialog.lines.text()
    assert text.index("Sam") < text.index("Samaritans") < text.index("999")
