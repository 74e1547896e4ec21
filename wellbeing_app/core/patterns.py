"""A person's own patterns (their rules' app and title patterns, the title exclude patterns),
compiled the one way tracking uses them.

They run on RE2, which reads a text once, in time linear in its length, whatever the pattern.
Python's ``re`` backtracks: ``(a+)+$`` took 2 s against a 24-character title, twice as long for
each character more, and a window title is whatever the web page in front chooses. RE2 has no
look-arounds and no back-references; a pattern that needs them is refused with one sentence,
like any pattern that does not compile. Matching ignores case, as it always has.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

import re2

from wellbeing_app.core.errors import InvalidInput

_LOOK_AROUNDS: Final = ("(?=", "(?!", "(?<=", "(?<!")
_FIX_HINT: Final = "put a \\ before ( ) [ ] . * + ? to match them as they are"


def _options() -> Any:
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # errors become a sentence for the person, not lines on stderr
    return options


_OPTIONS: Final = _options()


class PatternError(InvalidInput):
    """A person's pattern does not compile; ``reason`` says why in a few words."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"{text!r} is not a valid pattern ({reason}); {_FIX_HINT}.")
        self.text = text
        self.reason = reason


class UserPattern:
    """A compiled pattern of the person's: ``search`` says whether it is found in a text."""

    __slots__ = ("regex", "text")

    def __init__(self, text: str, regex: Any) -> None:
        self.text = text
        self.regex = regex  # an RE2 regex (google-re2 has no type hints)

    def search(self, subject: str) -> bool:
        """Whether the pattern is found anywhere in ``subject``, ignoring case. Never raises."""
        try:
            return self.regex.search(subject) is not None
        except UnicodeEncodeError:
            # A lone surrogate (a title some X11 clients send undecodable) has no UTF-8 form.
            cleaned = subject.encode("utf-8", "replace").decode("utf-8")
            return self.regex.search(cleaned) is not None

    def __repr__(self) -> str:
        return f"UserPattern({self.text!r})"


def compile_user_pattern(text: str) -> UserPattern:
    """Compiles one of the person's patterns as tracking will use it.

    Raises:
        PatternError: (an ``InvalidInput``) it does not compile; the message is one sentence.
    """
    return UserPattern(text, _compile(text, text))


def compile_user_patterns(texts: Iterable[str]) -> UserPattern | None:
    """One pattern found wherever any of ``texts`` is found; ``None`` when there are none.

    Raises:
        PatternError: one of them does not compile (checked one by one, so the message names it).
    """
    texts = tuple(texts)
    if not texts:
        return None
    if len(texts) == 1:
        return compile_user_pattern(texts[0])
    for text in texts:
        _compile(text, text)
    joined = "|".join(f"(?:{text})" for text in texts)
    return UserPattern(joined, _compile(joined, joined))


def _compile(pattern: str, shown: str) -> Any:
    try:
        return re2.compile(pattern, _OPTIONS)
    except re2.error as error:
        raise PatternError(shown, _reason(error)) from None
    except UnicodeEncodeError:
        raise PatternError(shown, "it holds a character that is not valid text") from None


def _reason(error: Exception) -> str:
    detail = error.args[0] if error.args else ""
    if isinstance(detail, bytes):
        detail = detail.decode("utf-8", "replace")
    detail = str(detail)
    if detail.startswith(tuple(f"invalid perl operator: {op}" for op in _LOOK_AROUNDS)):
        return f"look-arounds like {' '.join(_LOOK_AROUNDS)} are not supported"
    if detail.startswith("invalid escape sequence: \\") and detail[-1:].isdigit():
        return "back-references like \\1 are not supported"
    return detail or "it does not compile"
