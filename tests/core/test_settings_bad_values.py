"""Values that are not numbers at all (inf, NaN, 10^999) never get into or out of settings."""

import json
import logging

import pytest

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.settings import Settings, check_value, parse_text, settings_from, spec_for

NOT_FINITE = [float("inf"), float("-inf"), float("nan")]


@pytest.mark.parametrize("name", ["idle_threshold_seconds", "poll_interval_seconds"])
@pytest.mark.parametrize("value", NOT_FINITE)
def test_check_value_refuses_numbers_that_are_not_finite(name: str, value: float) -> None:
    with pytest.raises(InvalidInput, match=f"^Setting '{name}' takes a finite number"):
        check_value(spec_for(name), value)


@pytest.mark.parametrize("name", ["idle_threshold_seconds", "poll_interval_seconds"])
@pytest.mark.parametrize("word", ["inf", "-inf", "nan", "NaN", "1e999", "Infinity", "9" * 5000])
def test_parse_text_refuses_numbers_that_are_not_finite_or_far_too_long(
    name: str, word: str
) -> None:
    with pytest.raises(InvalidInput, match=f"^Setting '{name}' "):
        parse_text(spec_for(name), [word])


@pytest.mark.parametrize(
    "stored",
    [
        "1e999",
        "-1e999",
        "Infinity",
        "NaN",
        "1" * 5000,  # more digits than Python converts
        "[" * 100_000,  # deeper than the JSON parser recurses
        '"\\ud800"',  # a lone surrogate
        "not json",
        "null",
        "{}",
    ],
)
def test_a_stored_value_that_cannot_be_used_falls_back_to_the_default_with_a_warning(
    stored: str, caplog: pytest.LogCaptureFixture
) -> None:
    names = ("idle_threshold_seconds", "poll_interval_seconds", "crisis_country", "quiet_hours")
    with caplog.at_level(logging.WARNING):
        settings = settings_from(dict.fromkeys(names, stored))
    assert settings == Settings()
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warned) == len(names)
    assert all("using its default" in message for message in warned)
    assert all(len(message) < 300 for message in warned)


def test_a_good_stored_value_gives_no_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        settings = settings_from({"idle_threshold_seconds": json.dumps(600)})
    assert settings.idle_threshold_seconds == 600
    assert not caplog.records


@pytest.mark.parametrize("name", ["idle_threshold_seconds", "poll_interval_seconds"])
@pytest.mark.parametrize("value", [10**400, -(10**400)], ids=["huge", "-huge"])
def test_check_value_refuses_integers_too_large_for_a_number(name: str, value: int) -> None:
    with pytest.raises(InvalidInput, match=f"^Setting '{name}' must be between .* not far "):
        check_value(spec_for(name), value)


def test_exclude_patterns_are_checked_the_way_tracking_compiles_them() -> None:
    # Python's re takes a look-ahead; RE2, which tracking uses for a person's patterns, does not.
    with pytest.raises(InvalidInput, match=r"exclude_patterns.*look-arounds"):
        parse_text(spec_for("exclude_patterns"), ["bank", "(?=x)"])


def test_one_stored_exclude_pattern_that_cannot_be_used_does_not_drop_the_others(
    caplog: pytest.LogCaptureFixture,
) -> None:
    stored = json.dumps(["bank", "(?=x)", "doctor", "[("])
    with caplog.at_level(logging.WARNING):
        settings = settings_from({"exclude_patterns": stored})
    assert settings.exclude_patterns == ("bank", "doctor")
    warned = [r.getMessage() for r in caplog.records]
    assert len(warned) == 2 and all("exclude_patterns" in m for m in warned)


def test_a_stored_crisis_country_without_crisis_lines_falls_back_to_international(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        settings = settings_from({"crisis_country": json.dumps("XX")})
    assert settings.crisis_country == ""
    assert any("using its default" in r.getMessage() for r in caplog.records)
