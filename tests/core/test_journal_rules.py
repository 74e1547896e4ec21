from datetime import date, datetime, timedelta, timezone

import pytest

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.journal import clean_tags, new_gratitude_entry, new_mood_entry

AT = datetime(2026, 11, 21, 20, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.mark.parametrize("score", [0, 6, 9, -1])
def test_mood_score_outside_one_to_five_is_refused(score: int) -> None:
    with pytest.raises(InvalidInput, match="from 1 \\(awful\\) to 5 \\(great\\)"):
        new_mood_entry(AT, score)


def test_mood_entry_cleans_tags_and_note() -> None:
    entry = new_mood_entry(AT, 4, 3, [" Calm ", "calm", "", "left  out"], "  fine  ")
    assert entry.tags == ("calm", "left out")
    assert entry.note == "fine"
    assert entry.label == "good"


def test_energy_outside_range_is_refused() -> None:
    with pytest.raises(InvalidInput, match="Energy"):
        new_mood_entry(AT, 3, energy=7)


def test_gratitude_needs_one_to_three_items() -> None:
    with pytest.raises(InvalidInput, match="at least one"):
        new_gratitude_entry(date(2026, 11, 21), AT, ["  "])
    with pytest.raises(InvalidInput, match="3 good things"):
        new_gratitude_entry(date(2026, 11, 21), AT, ["a", "b", "c", "d"])
    entry = new_gratitude_entry(date(2026, 11, 21), AT, ["a  walk", "tea"])
    assert [i.text for i in entry.items] == ["a walk", "tea"]


def test_clean_tags_refuses_essays() -> None:
    with pytest.raises(InvalidInput, match="too long"):
        clean_tags(["x" * 61])
