"""The settings page checks exclude patterns the way tracking compiles them (RE2)."""

from __future__ import annotations

import pytest

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.ui.settings_widgets import check_pattern


@pytest.mark.parametrize(
    ("text", "reason"),
    [("(unclosed", "missing )"), ("(?<!my )bank", "look-arounds"), (r"(a)\1", "back-references")],
)
def test_an_exclude_pattern_tracking_cannot_use_is_refused(text: str, reason: str) -> None:
    with pytest.raises(InvalidInput, match="not a valid pattern") as caught:
        check_pattern(text)

    assert reason in str(caught.value)


def test_a_pattern_tracking_can_use_is_accepted() -> None:
    check_pattern("(a+)+$|bank|Private Browsing")
