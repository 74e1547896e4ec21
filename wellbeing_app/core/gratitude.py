"""Gratitude: which "three good things" prompt to show today, and a streak that never scolds.

The streak counts what was done, not what was missed: "4 of the last 7 days" and the longest run
in the last 30 days. It has no reset-to-zero moment to dread; a quiet week reads as an
invitation, never a reproach.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from wellbeing_app.core.errors import InvalidInput

AVOID_RECENT = 7  # this many most recently shown prompts are skipped when others are left
WEEK_DAYS = 7
MONTH_DAYS = 30
DEFAULT_PROMPT = "What went well today, even a little?"
_WHAT = "The gratitude prompt list"


def load_prompts(text: str) -> tuple[str, ...]:
    """Reads ``gratitude_prompts.json``: ``{"about": "...", "prompts": ["...", ...]}``.

    Raises:
        InvalidInput: malformed JSON, no prompts, a prompt that is not text, or a repeated one.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"{_WHAT} is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})."
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("prompts"), list):
        raise InvalidInput(f"{_WHAT} must be a JSON object with a list of 'prompts'.")
    unknown = sorted(set(data) - {"about", "prompts"})
    if unknown:
        raise InvalidInput(f"{_WHAT} has the unknown field '{unknown[0]}'.")
    prompts: list[str] = []
    for number, prompt in enumerate(data["prompts"], 1):
        if not isinstance(prompt, str) or not prompt.strip():
            raise InvalidInput(f"Prompt {number} in {_WHAT.lower()} must be non-empty text.")
        cleaned = " ".join(prompt.split())
        if cleaned in prompts:
            raise InvalidInput(f"Prompt {number} in {_WHAT.lower()} repeats '{cleaned}'.")
        prompts.append(cleaned)
    if not prompts:
        raise InvalidInput(f"{_WHAT} has no prompts.")
    return tuple(prompts)


def prompt_for(day: date, prompts: Sequence[str], recent: Sequence[str] = ()) -> str:
    """Today's prompt: the list in turn, one a day, skipping the ones shown lately.

    The same day always gives the same prompt for the same ``recent``.

    Args:
        day: the local day (days start at the configured hour).
        prompts: from :func:`load_prompts`; empty falls back to ``DEFAULT_PROMPT``.
        recent: prompts shown on earlier days, oldest first; the last ``AVOID_RECENT`` are
            skipped while any other prompt is left. Leave out today's own prompt, or it moves.
    """
    if not prompts:
        return DEFAULT_PROMPT
    avoid = set(recent[-AVOID_RECENT:])
    start = day.toordinal() % len(prompts)
    for offset in range(len(prompts)):
        candidate = prompts[(start + offset) % len(prompts)]
        if candidate not in avoid:
            return candidate
    return prompts[start]


@dataclass(frozen=True, slots=True)
class Streak:
    """How often good things were written lately, counting only what was done.

    Attributes:
        days_in_last_7: days with an entry among today and the 6 days before.
        longest_in_last_30: the longest run of consecutive days with an entry in the last 30.
        current: the run of consecutive days up to today, or up to yesterday while today has no
            entry yet (the day is not over).
        written_today: whether today already has an entry.
    """

    days_in_last_7: int
    longest_in_last_30: int
    current: int
    written_today: bool


def streak(days_with_entries: Collection[date], today: date) -> Streak:
    """The streak on ``today`` from the local days that have an entry (later days are ignored)."""
    first = today - timedelta(days=MONTH_DAYS - 1)
    days = {day for day in days_with_entries if first <= day <= today}
    week_start = today - timedelta(days=WEEK_DAYS - 1)
    in_week = sum(1 for day in days if day >= week_start)
    longest = run = 0
    for offset in range(MONTH_DAYS):
        run = run + 1 if first + timedelta(days=offset) in days else 0
        longest = max(longest, run)
    written_today = today in days
    current = 0
    day = today if written_today else today - timedelta(days=1)
    while day in days:
        current += 1
        day -= timedelta(days=1)
    return Streak(in_week, longest, current, written_today)


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def streak_text(streak: Streak) -> str:
    """Encouraging words for a streak: "4 of the last 7 days", or an invitation at none."""
    if streak.days_in_last_7 == 0:
        return "Whenever you like, write down one good thing from today. However small, it counts."
    if streak.days_in_last_7 >= WEEK_DAYS:
        text = "Good things written on every one of the last 7 days. Lovely."
    else:
        text = f"Good things written on {streak.days_in_last_7} of the last 7 days."
    if streak.longest_in_last_30 >= 3 and streak.longest_in_last_30 > streak.days_in_last_7:
        text += f" Longest run in the last 30 days: {_days(streak.longest_in_last_30)} in a row."
    elif streak.current >= 2 and streak.days_in_last_7 < WEEK_DAYS:
        text += f" That's {_days(streak.current)} in a row."
    return text
