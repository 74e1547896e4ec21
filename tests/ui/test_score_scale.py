"""The result's drawn scale names its hollow marker ("last time") where there is room for it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from wellbeing_app.core.questionnaires import WHO5
from wellbeing_app.ui.score_scale import ScoreScale


def _scale(qtbot: QtBot, score: float, previous: float | None) -> ScoreScale:
    scale = ScoreScale(WHO5.bands, score, previous)
    qtbot.addWidget(scale)
    scale.resize(700, scale.sizeHint().height())
    return scale


def test_the_previous_marker_is_named_apart_from_the_score(qtbot: QtBot) -> None:
    scale = _scale(qtbot, 56, 28)
    last = scale.previous_label_rect()
    assert last is not None
    assert not last.intersects(scale.score_label_rect())
    assert abs(last.center().x() - scale.x_of(28)) < 1
    assert not scale.grab().isNull()


def test_no_name_where_it_would_crowd_the_score_or_without_a_previous(qtbot: QtBot) -> None:
    assert _scale(qtbot, 56, 54).previous_label_rect() is None
    assert _scale(qtbot, 56, None).previous_label_rect() is None
