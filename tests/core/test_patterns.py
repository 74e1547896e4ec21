"""A person's own patterns run on RE2: linear time whatever the pattern and the title."""

from __future__ import annotations

import pytest

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.patterns import (
    PatternError,
    UserPattern,
    compile_user_pattern,
    compile_user_patterns,
)

# Python's re takes 2 s for 24 characters against this, doubling with each one more.
CATASTROPHIC = "(a+)+$"


def test_a_pattern_is_searched_anywhere_ignoring_case() -> None:
    pattern = compile_user_pattern("chess club")

    assert isinstance(pattern, UserPattern)
    assert pattern.search("Welcome to the Chess Club — Firefox")
    assert not pattern.search("Chess")
    assert pattern.text == "chess club"


def test_patterns_run_on_the_linear_time_engine() -> None:
    pattern = compile_user_pattern(CATASTROPHIC)

    assert type(pattern.regex).__module__ == "re2"
    # Backtracking engines never finish these; RE2 reads each character once.
    assert not pattern.search("a" * 10_000 + "!")
    assert pattern.search("a" * 10_000)
    assert not compile_user_pattern("(x+x+)+y").search("x" * 10_000)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[(", "missing ]"),
        ("(unclosed", "missing )"),
        ("(?<=bank)ing", "look-arounds"),
        ("secret(?!s)", "look-arounds"),
        (r"(a)\1", "back-references"),
        ("a{1001}", "invalid repetition size"),
        ("\ud800", "not valid text"),
    ],
)
def test_a_pattern_that_does_not_compile_is_refused_with_one_sentence(
    text: str, reason: str
) -> None:
    with pytest.raises(PatternError) as caught:
        compile_user_pattern(text)

    message = str(caught.value)
    assert isinstance(caught.value, InvalidInput)
    assert reason in caught.value.reason
    assert message.startswith(f"{text!r} is not a valid pattern (")
    assert message.endswith("to match them as they are.")
    assert "\n" not in message


def test_a_title_that_is_not_valid_text_is_still_searched() -> None:
    # Some X11 clients send titles that Python decodes with lone surrogates.
    assert compile_user_pattern("bank").search("My bank \udcff")
    assert not compile_user_pattern("bank").search("\udcff")


def test_several_patterns_match_where_any_of_them_does() -> None:
    patterns = compile_user_patterns(["bank", "private browsing", CATASTROPHIC])

    assert patterns is not None
    assert patterns.search("My Bank - online")
    assert patterns.search("Mozilla Firefox Private Browsing")
    assert patterns.search("aaaa")
    assert not patterns.search("a" * 10_000 + "!")
    assert compile_user_patterns([]) is None


def test_several_patterns_do_not_run_into_each_other() -> None:
    # Each is a group of its own: "a|b" then "c" is not "a|bc".
    patterns = compile_user_patterns(["^a|b", "c$"])

    assert patterns is not None
    assert patterns.search("a...")
    assert patterns.search("...b...")
    assert not patterns.search("...a")
    with pytest.raises(PatternError, match="'\\)x' is not a valid pattern"):
        compile_user_patterns(["fine", ")x"])
