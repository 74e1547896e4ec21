"""Validation of journal entries: what a mood check-in and a gratitude entry may hold."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.models import MOOD_LABELS, GratitudeEntry, GratitudeItem, MoodEntry

# A small curated list of emotion words; people add their own tags beside these.
EMOTIONS: tuple[str, ...] = (
    "calm",
    "content",
    "grateful",
    "hopeful",
    "proud",
    "connected",
    "energised",
    "relieved",
    "bored",
    "tired",
    "restless",
    "lonely",
    "anxious",
    "stressed",
    "overwhelmed",
    "irritable",
    "sad",
    "left out",
)
MAX_NOTE_LENGTH = 10_000
MAX_GRATITUDE_ITEMS = 3


def check_score(score: int, what: str = "A mood score") -> int:
    if score not in MOOD_LABELS:
        raise InvalidInput(
            f"{what} must be a whole number from 1 (awful) to 5 (great), not {score}."
        )
    return score


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Trims, lower-cases and de-duplicates tags, keeping their order."""
    seen: dict[str, None] = {}
    for tag in tags:
        cleaned = " ".join(tag.split()).lower()
        if cleaned:
            if len(cleaned) > 60:
                raise InvalidInput(f"The tag '{cleaned[:20]}…' is too long; keep tags short.")
            seen.setdefault(cleaned, None)
    return tuple(seen)


def new_mood_entry(
    at: datetime, score: int, energy: int | None = None, tags: Iterable[str] = (), note: str = ""
) -> MoodEntry:
    """A validated mood entry, or ``InvalidInput`` naming what does not fit."""
    check_score(score)
    if energy is not None and not 1 <= energy <= 5:
        raise InvalidInput(f"Energy must be a whole number from 1 to 5, not {energy}.")
    if len(note) > MAX_NOTE_LENGTH:
        raise InvalidInput(f"The note is longer than {MAX_NOTE_LENGTH} characters.")
    return MoodEntry(at=at, score=score, energy=energy, tags=clean_tags(tags), note=note.strip())


def new_gratitude_entry(
    day: date, at: datetime, items: Iterable[str | GratitudeItem]
) -> GratitudeEntry:
    """A validated "three good things" entry: one to three non-empty items."""
    cleaned = []
    for item in items:
        parsed = item if isinstance(item, GratitudeItem) else GratitudeItem(item)
        text = " ".join(parsed.text.split())
        if text:
            cleaned.append(GratitudeItem(text, parsed.why.strip()))
    if not cleaned:
        raise InvalidInput("Write at least one good thing.")
    if len(cleaned) > MAX_GRATITUDE_ITEMS:
        raise InvalidInput(f"Keep it to {MAX_GRATITUDE_ITEMS} good things a day.")
    return GratitudeEntry(day=day, at=at, items=tuple(cleaned))


def added_to(existing: GratitudeEntry | None, addition: GratitudeEntry) -> GratitudeEntry:
    """The day's entry with ``addition``'s good things after those already written.

    Raises ``InvalidInput`` (and nothing is changed) when they would not fit in the day.
    """
    kept = existing.items if existing is not None else ()
    room = MAX_GRATITUDE_ITEMS - len(kept)
    if len(addition.items) > room:
        if room == 0:
            raise InvalidInput(
                f"{addition.day} already has {MAX_GRATITUDE_ITEMS} good things, the most a day "
                "keeps; edit them in the Journal to change one."
            )
        raise InvalidInput(
            f"{addition.day} already has {len(kept)} good thing{'s' if len(kept) > 1 else ''}, "
            f"so there is room for {room} more, not {len(addition.items)} "
            f"(a day keeps up to {MAX_GRATITUDE_ITEMS})."
        )
    return GratitudeEntry(addition.day, addition.at, kept + addition.items)
