"""What waits to be shown on the break screens: prompts and break results, one at a time.

The break screens show one thing at a time — a prompt, a break's countdown, a kind word, or the
"How did it go?" follow-up — and never one on top of another. What comes while something shows
waits here, first come first shown, with two rules for things about *the same break* (the same
kind and target, e.g. the daily limit for Reddit):

- a newer prompt for the same break *replaces* the waiting one (it carries the newer state:
  unlocked, snoozes, breathing pause), so one break is never asked about twice;
- when a break's result arrives while its prompt still waits (the person walked away before
  seeing it), the prompt is dropped: the result takes its place in the line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from wellbeing_app.core.breaks import (
    BreakCutShort,
    BreakDue,
    BreakTaken,
    PromptKind,
    PromptUnlocked,
)
from wellbeing_app.core.suggestions import Suggestion


@dataclass(frozen=True, slots=True)
class WaitingPrompt:
    due: BreakDue
    suggestions: tuple[Suggestion, ...]
    used_minutes: int | None = None

    def is_about(self, kind: PromptKind, target: str) -> bool:
        return (self.due.kind, self.due.target) == (kind, target)


@dataclass(frozen=True, slots=True)
class WaitingResult:
    """A break that ended; ``title`` is the idea that was chosen for it (``""``: none)."""

    update: BreakTaken | BreakCutShort
    title: str = ""


Waiting = WaitingPrompt | WaitingResult


def same_break(due: BreakDue, kind: PromptKind, target: str) -> bool:
    return (due.kind, due.target) == (kind, target)


class BreakQueue:
    """First in, first out, with the merge rules of the module docstring."""

    def __init__(self) -> None:
        self._items: list[Waiting] = []

    def __len__(self) -> int:
        return len(self._items)

    @property
    def items(self) -> Sequence[Waiting]:
        return tuple(self._items)

    def add_prompt(self, prompt: WaitingPrompt) -> None:
        for index, item in enumerate(self._items):
            if isinstance(item, WaitingPrompt) and item.is_about(
                prompt.due.kind, prompt.due.target
            ):
                self._items[index] = prompt
                return
        self._items.append(prompt)

    def unlock(self, update: PromptUnlocked) -> bool:
        """Strict mode ended for a waiting prompt; ``False`` when none waits for that break."""
        for index, item in enumerate(self._items):
            if isinstance(item, WaitingPrompt) and item.is_about(update.kind, update.target):
                due = replace(item.due, can_skip=True, can_snooze=update.can_snooze)
                self._items[index] = replace(item, due=due)
                return True
        return False

    def prompt_for(self, kind: PromptKind, target: str) -> WaitingPrompt | None:
        for item in self._items:
            if isinstance(item, WaitingPrompt) and item.is_about(kind, target):
                return item
        return None

    def add_result(self, result: WaitingResult) -> None:
        update = result.update
        for index, item in enumerate(self._items):
            if isinstance(item, WaitingPrompt) and item.is_about(update.kind, update.target):
                self._items[index] = result
                return
        self._items.append(result)

    def pop(self) -> Waiting | None:
        return self._items.pop(0) if self._items else None

    def clear(self) -> None:
        self._items.clear()
