"""Every setting, declared once: name, type, default, allowed values and help.

``Settings`` is the typed, immutable view passed to constructors. ``SETTINGS`` is the registry
derived from it, used to store, parse, list and document settings. Adding a field here is the one
step to add a setting; a test fails until the README's settings table documents it.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from wellbeing_app.core.errors import InvalidInput

WINDOW_TITLE_MODES = ("keep", "reduced", "drop")
APPEARANCES = ("system", "light", "dark")

logger = logging.getLogger(__name__)


def _setting(
    default: Any,
    help: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    choices: tuple[str, ...] = (),
    kind: str = "text",
) -> Any:
    meta = {"help": help, "minimum": minimum, "maximum": maximum, "choices": choices, "kind": kind}
    return field(default=default, metadata=meta)


@dataclass(frozen=True, slots=True)
class Settings:
    """The person's settings, typed. Built by ``settings_from`` from stored values."""

    day_start_hour: int = _setting(
        4,
        "Hour (0-23) at which a new day starts, so a late night counts to the evening before.",
        minimum=0,
        maximum=23,
    )
    poll_interval_seconds: float = _setting(
        1.0,
        "How often the tracker looks at the window in front, in seconds.",
        minimum=0.5,
        maximum=30,
    )
    idle_threshold_seconds: int = _setting(
        180,
        "Seconds without keyboard or mouse input after which you count as away; "
        "time after your last input is not counted.",
        minimum=30,
        maximum=3600,
    )
    commit_interval_seconds: int = _setting(
        5,
        "How often the app writes tracked time to disk, in seconds; a crash of the app loses "
        "at most this much. wellbeing track (no window) writes less often, at most a minute "
        "apart, so a crash there loses at most a minute.",
        minimum=1,
        maximum=300,
    )
    window_titles: str = _setting(
        "reduced",
        "What is stored of window titles: 'keep' the title, 'reduced' to the matched app's "
        "name, or 'drop' it.",
        choices=WINDOW_TITLE_MODES,
    )
    exclude_patterns: tuple[str, ...] = _setting(
        (),
        "Regular expressions; a window whose app or title matches one is never recorded.",
        kind="regex",
    )
    track_all_apps: bool = _setting(
        False,
        "Also store time in apps that are not online communities (off: only community apps and "
        "a daily total of active computer time are stored).",
    )
    mood_reminder_times: tuple[str, ...] = _setting(
        ("20:30",),
        "Times of day (HH:MM) for a gentle reminder to log your mood; empty for none.",
        kind="time",
    )
    gratitude_reminder_time: str = _setting(
        "21:30",
        "Time of day (HH:MM) for the evening gratitude reminder; empty for none.",
        kind="time",
    )
    who5_interval_days: int = _setting(
        14, "Days between WHO-5 well-being check-ins.", minimum=7, maximum=90
    )
    clinical_questionnaires: bool = _setting(
        False,
        "Offer the PHQ-9 (mood) and GAD-7 (anxiety) screening questionnaires too.",
    )
    crisis_country: str = _setting(
        "",
        "Two-letter country code (e.g. GB, US) whose crisis lines are shown under 'Get help "
        "now'; empty shows the international list.",
        kind="country",
    )
    crisis_lines: tuple[str, ...] = _setting(
        (),
        "Your own crisis contacts, each 'Name: number or address', shown first under 'Get help "
        "now'.",
    )
    continuous_use_minutes: int = _setting(
        30,
        "Minutes of community use without a pause after which a break is suggested.",
        minimum=5,
        maximum=240,
    )
    break_minutes: int = _setting(
        5,
        "Minutes away (idle or in other apps) that count as a pause and reset the continuous-use "
        "counter; also the length of a suggested break.",
        minimum=1,
        maximum=60,
    )
    heads_up_percent: int = _setting(
        80,
        "Share of a daily limit at which a heads-up is shown; 0 for none.",
        minimum=0,
        maximum=99,
    )
    quiet_hours: tuple[str, ...] = _setting(
        (),
        "Times when opening a community app brings a gentle prompt, each like "
        "'22:00-07:00' or 'mon-fri 22:00-07:00'.",
        kind="quiet_hours",
    )
    snooze_minutes: int = _setting(
        5, "Minutes a break prompt waits after '5 more minutes'.", minimum=1, maximum=30
    )
    strict_mode: bool = _setting(
        False, "Hide 'Skip' and '5 more minutes' on break prompts until the break has passed."
    )
    hold_prompts_when_busy: bool = _setting(
        True,
        "Hold break prompts while a fullscreen window or a call app is in front.",
    )
    backup_every_hours: int = _setting(
        24,
        "Hours between automatic backups of the database into the 'backups' folder of the data "
        "folder; 0 turns them off.",
        minimum=0,
        maximum=720,
    )
    backups_to_keep: int = _setting(
        7, "How many automatic backups to keep; older ones are deleted.", minimum=1, maximum=365
    )
    start_hidden: bool = _setting(
        True,
        "When Wellbeing starts at login, start it in the tray without opening the window (the "
        "window opens anyway when there is no tray or the welcome is not finished).",
    )
    appearance: str = _setting(
        "system",
        "Light or dark windows: 'system' follows your desktop's light or dark setting, 'light' "
        "and 'dark' always use that one.",
        choices=APPEARANCES,
    )


@dataclass(frozen=True, slots=True)
class SettingSpec:
    name: str
    type: type
    default: Any
    help: str
    minimum: float | None
    maximum: float | None
    choices: tuple[str, ...]
    kind: str = "text"

    def describe_type(self) -> str:
        if self.choices:
            return ", ".join(self.choices)
        return {int: "integer", float: "number", bool: "true/false", str: "text"}.get(
            self.type, "list of text"
        )


def _type_of(annotation: Any) -> type:
    return {"int": int, "float": float, "bool": bool, "str": str}.get(str(annotation), tuple)


SETTINGS: tuple[SettingSpec, ...] = tuple(
    SettingSpec(
        name=f.name,
        type=_type_of(f.type),
        default=f.default,
        help=f.metadata["help"],
        minimum=f.metadata["minimum"],
        maximum=f.metadata["maximum"],
        choices=f.metadata["choices"],
        kind=f.metadata["kind"],
    )
    for f in dataclasses.fields(Settings)
)
SPECS_BY_NAME: dict[str, SettingSpec] = {spec.name: spec for spec in SETTINGS}


def spec_for(name: str) -> SettingSpec:
    try:
        return SPECS_BY_NAME[name]
    except KeyError:
        known = ", ".join(sorted(SPECS_BY_NAME))
        raise InvalidInput(f"There is no setting '{name}'; known settings: {known}.") from None


def check_value(spec: SettingSpec, value: Any) -> Any:
    """Returns ``value`` as the setting's type, or raises ``InvalidInput`` saying why not."""
    if spec.type is bool:
        if not isinstance(value, bool):
            raise InvalidInput(f"Setting '{spec.name}' takes true or false, not {value!r}.")
        return value
    if spec.type is tuple:
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise InvalidInput(f"Setting '{spec.name}' takes a list of text values.")
        for item in value:
            _check_encodable(spec, item)
            _check_text(spec, item)
        return tuple(value)
    if spec.type in (int, float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidInput(f"Setting '{spec.name}' takes a {spec.describe_type()}.")
        if isinstance(value, float) and not math.isfinite(value):
            raise InvalidInput(f"Setting '{spec.name}' takes a finite number, not {value}.")
        if spec.type is int and value != int(value):
            raise InvalidInput(f"Setting '{spec.name}' takes a whole number, not {value}.")
        value = spec.type(value) if abs(value) < 1e18 else value
        if (spec.minimum is not None and value < spec.minimum) or (
            spec.maximum is not None and value > spec.maximum
        ):
            # Formatting a huge integer as a float would overflow, and no one reads 400 digits.
            shown = f"{value:g}" if abs(value) < 1e18 else f"far {'more' if value > 0 else 'less'}"
            raise InvalidInput(
                f"Setting '{spec.name}' must be between {spec.minimum:g} and {spec.maximum:g}, "
                f"not {shown}."
            )
        return value
    if not isinstance(value, str):
        raise InvalidInput(f"Setting '{spec.name}' takes text.")
    _check_encodable(spec, value)
    if value:
        _check_text(spec, value)
    if spec.choices and value not in spec.choices:
        raise InvalidInput(
            f"Setting '{spec.name}' must be one of {', '.join(spec.choices)}, not '{value}'."
        )
    return value


_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_QUIET = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)(?:-(?:mon|tue|wed|thu|fri|sat|sun))?"
    r"(?:,(?:mon|tue|wed|thu|fri|sat|sun)(?:-(?:mon|tue|wed|thu|fri|sat|sun))?)* )?"
    r"([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$"
)


def _check_encodable(spec: SettingSpec, text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate: what Python makes of bytes that are not UTF-8 (a command line in
        # another encoding). It could be stored, but never printed or shown.
        raise InvalidInput(
            f"Setting '{spec.name}' takes text, and part of this is not readable text."
        ) from None


def _check_text(spec: SettingSpec, text: str) -> None:
    # Imported here, not above: the crisis catalogue and RE2 are needed only to check such a
    # value, and every command (a status bar's too) imports this module.
    from wellbeing_app.core.crisis import CRISIS_COUNTRIES
    from wellbeing_app.core.patterns import PatternError, compile_user_pattern

    if spec.kind == "regex":
        try:
            compile_user_pattern(text)  # as tracking compiles it (RE2)
        except PatternError as error:
            raise InvalidInput(
                f"'{text}' in setting '{spec.name}' is not a valid regular expression "
                f"({error.reason})."
            ) from None
    elif spec.kind == "time" and not _TIME.match(text):
        raise InvalidInput(f"Setting '{spec.name}' takes times like 08:30 or 21:00, not '{text}'.")
    elif spec.kind == "country" and text not in CRISIS_COUNTRIES:
        # Only a country with shipped crisis lines: any other code would show no number.
        raise InvalidInput(
            f"Setting '{spec.name}' takes the code of a country with crisis lines (known ones: "
            f"{', '.join(CRISIS_COUNTRIES)}; leave it empty for the international list), "
            f"not '{_shortened(text)}'."
        )
    elif spec.kind == "quiet_hours" and not _QUIET.match(text):
        raise InvalidInput(
            f"Setting '{spec.name}' takes times like '22:00-07:00' or 'mon-fri 22:00-07:00', "
            f"not '{text}'."
        )


def parse_text(spec: SettingSpec, texts: list[str]) -> Any:
    """Parses command-line words into a value for ``spec`` (lists take several words)."""
    if spec.type is tuple:
        return check_value(spec, list(texts))
    if len(texts) != 1:
        raise InvalidInput(f"Setting '{spec.name}' takes exactly one value.")
    text = texts[0].strip()
    from wellbeing_app.core.crisis import CRISIS_COUNTRIES  # see _check_text

    if spec.kind == "country" and text.upper() in CRISIS_COUNTRIES:
        text = text.upper()  # "gb" is GB; anything else is refused as typed
    if spec.type is bool:
        lowered = text.lower()
        if lowered in ("true", "yes", "on", "1"):
            return True
        if lowered in ("false", "no", "off", "0"):
            return False
        raise InvalidInput(f"Setting '{spec.name}' takes true or false, not '{text}'.")
    if spec.type in (int, float):
        try:
            number: float = float(text)
        except ValueError:
            raise InvalidInput(
                f"Setting '{spec.name}' takes a number, not '{_shortened(text)}'."
            ) from None
        return check_value(
            spec, int(number) if spec.type is int and number.is_integer() else number
        )
    return check_value(spec, text)


def encode(value: Any) -> str:
    return json.dumps(list(value) if isinstance(value, tuple) else value)


def _shortened(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def decode(spec: SettingSpec, stored: str) -> Any:
    """The value of ``spec`` in its stored JSON text, checked; ``InvalidInput`` if it cannot be
    used (not JSON, not finite, nested too deeply, out of range, wrong type)."""
    try:
        value = json.loads(stored)
    except (ValueError, TypeError, RecursionError):
        # ValueError also covers integers of more digits than Python converts.
        raise InvalidInput(
            f"Setting '{spec.name}' holds '{_shortened(str(stored))}', which is not a value."
        ) from None
    return check_value(spec, value)


def settings_from(stored: Mapping[str, str]) -> Settings:
    """Builds ``Settings`` from stored JSON texts. Unknown names are ignored (a newer version may
    have written them); a stored value that cannot be used falls back to the default, with a
    warning: reading settings never fails, or one bad row would stop every command."""
    values: dict[str, Any] = {}
    for spec in SETTINGS:
        if spec.name not in stored:
            continue
        try:
            values[spec.name] = decode(spec, stored[spec.name])
        except InvalidInput as problem:
            kept = _usable_items(spec, stored[spec.name])
            if kept is None:
                # The value may be the person's own text (a pattern, a contact): not logged.
                logger.warning(
                    "The stored %s cannot be used (%s); Wellbeing is using its default instead.",
                    spec.name,
                    type(problem).__name__,
                )
            else:
                values[spec.name] = kept
    return Settings(**values)


def _usable_items(spec: SettingSpec, stored: str) -> tuple[str, ...] | None:
    """The items of a stored list that can still be used, each other one left out with a
    warning (one exclude pattern that no longer compiles must not drop all the others); or
    ``None`` when the stored value is not a list of text at all."""
    if spec.type is not tuple:
        return None
    try:
        items = json.loads(stored)
    except (ValueError, TypeError, RecursionError):
        return None
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        return None
    kept: list[str] = []
    for item in items:
        try:
            kept.extend(check_value(spec, [item]))
        except InvalidInput:
            logger.warning(
                "An item of the stored %s cannot be used; Wellbeing leaves it out.", spec.name
            )
    return tuple(kept)


def as_dict(settings: Settings) -> dict[str, Any]:
    return {spec.name: getattr(settings, spec.name) for spec in SETTINGS}


def markdown_table() -> str:
    """The settings as the Markdown table in ``docs/settings.md`` (kept in step by a test)."""
    rows = ["| setting | type | default | what it does |", "|---|---|---|---|"]
    for spec in SETTINGS:
        if isinstance(spec.default, tuple):
            default = ", ".join(spec.default) or "(none)"
        else:
            default = json.dumps(spec.default)
        bounds = f" ({spec.minimum:g}–{spec.maximum:g})" if spec.minimum is not None else ""
        rows.append(f"| `{spec.name}` | {spec.describe_type()}{bounds} | {default} | {spec.help} |")
    return "\n".join(rows) + "\n"
