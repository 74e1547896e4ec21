"""What goes into a report: the days, the sections and the person's privacy choices, and their
JSON form for saved presets."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.reporting.report_model import DEFAULT_SECTIONS, SECTION_TITLES, SECTIONS

_PRESET_VERSION = 1
MAX_QUESTIONS = 30
MAX_QUESTION_LENGTH = 500


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """What goes into a report: the days, the sections and the privacy choices.

    The defaults share as little as possible: no notes, no gratitude text. ``app_names=False``
    shows categories only ("chat", "forum"); ``exact_times=False`` shows days, never a clock
    time. ``questions`` are the person's "questions for my next session", one per item.
    """

    first: date
    last: date
    sections: frozenset[str] = DEFAULT_SECTIONS
    include_notes: bool = False
    include_gratitude_text: bool = False
    app_names: bool = True
    exact_times: bool = True
    questions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise InvalidInput(f"The report ends ({self.last}) before it starts ({self.first}).")
        unknown = sorted(set(self.sections) - set(SECTIONS))
        if unknown:
            known = ", ".join(SECTIONS)
            raise InvalidInput(
                f"There is no report section called {unknown[0]!r}; known ones: {known}."
            )
        cleaned = tuple(q.strip() for q in self.questions if q.strip())
        if len(cleaned) > MAX_QUESTIONS:
            raise InvalidInput(f"A report holds at most {MAX_QUESTIONS} questions.")
        if any(len(q) > MAX_QUESTION_LENGTH for q in cleaned):
            raise InvalidInput(
                f"Each question can be at most {MAX_QUESTION_LENGTH} characters long."
            )
        object.__setattr__(self, "sections", frozenset(self.sections))
        object.__setattr__(self, "questions", cleaned)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def includes(self, section: str) -> bool:
        return section in self.sections

    def left_out(self) -> list[str]:
        """What the report does not share, in words for it: notes and gratitude text unless
        included (``LEFT_OUT_BY_DEFAULT``), then what the person chose to leave out."""
        out = []
        if not self.include_notes:
            out.append("notes")
        if not self.include_gratitude_text:
            out.append("gratitude text")
        if not self.app_names:
            out.append("app names (categories only)")
        if not self.exact_times:
            out.append("exact times")
        out += [
            SECTION_TITLES[key].lower()
            for key in SECTIONS
            if key in DEFAULT_SECTIONS and key not in self.sections
        ]
        return out

    def to_json(self) -> str:
        """The options as JSON, for a saved preset."""
        return json.dumps(
            {
                "version": _PRESET_VERSION,
                "first": self.first.isoformat(),
                "last": self.last.isoformat(),
                "sections": [key for key in SECTIONS if key in self.sections],
                "include_notes": self.include_notes,
                "include_gratitude_text": self.include_gratitude_text,
                "app_names": self.app_names,
                "exact_times": self.exact_times,
                "questions": list(self.questions),
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> ReportOptions:
        """Options from ``to_json``; ``InvalidInput`` when the text is not such a preset."""
        try:
            raw = json.loads(text)
        except (TypeError, ValueError):
            raise InvalidInput("That report preset is not valid JSON.") from None
        if not isinstance(raw, dict):
            raise InvalidInput("That report preset is not a set of report options.")
        if raw.get("version", _PRESET_VERSION) != _PRESET_VERSION:
            raise InvalidInput("That report preset was saved by a newer version of Wellbeing.")
        sections_raw = raw.get("sections", sorted(DEFAULT_SECTIONS))
        questions_raw = raw.get("questions", [])
        if not _is_list_of_str(sections_raw) or not _is_list_of_str(questions_raw):
            raise InvalidInput("That report preset's sections or questions are not lists of text.")
        return cls(
            first=_preset_day(raw, "first"),
            last=_preset_day(raw, "last"),
            sections=frozenset(sections_raw),
            include_notes=_preset_flag(raw, "include_notes", False),
            include_gratitude_text=_preset_flag(raw, "include_gratitude_text", False),
            app_names=_preset_flag(raw, "app_names", True),
            exact_times=_preset_flag(raw, "exact_times", True),
            questions=tuple(questions_raw),
        )


def parse_sections(text: str) -> frozenset[str]:
    """Section keys from ``"cover,mood, usage"`` (for ``--include``); ``InvalidInput`` names
    an unknown one. ``"all"`` means every section, ``"default"`` the default ones."""
    names = [name.strip().lower().replace("-", "_") for name in text.split(",") if name.strip()]
    if not names:
        raise InvalidInput("Name at least one report section, e.g. cover,mood,usage.")
    chosen: set[str] = set()
    for name in names:
        if name == "all":
            chosen |= set(SECTIONS)
        elif name == "default":
            chosen |= DEFAULT_SECTIONS
        elif name in SECTIONS:
            chosen.add(name)
        else:
            known = ", ".join(SECTIONS)
            raise InvalidInput(f"There is no report section called {name!r}; known ones: {known}.")
    return frozenset(chosen)


def _is_list_of_str(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _preset_day(raw: Mapping[str, object], key: str) -> date:
    value = raw.get(key)
    if not isinstance(value, str):
        raise InvalidInput(f"That report preset has no '{key}' day.")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"That report preset's '{key}' is not a day: {value!r}.") from None


def _preset_flag(raw: Mapping[str, object], key: str, default: bool) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise InvalidInput(f"That report preset's '{key}' must be true or false.")
    return value
