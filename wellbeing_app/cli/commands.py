"""What each data subcommand does. Each returns an exit code; bad input raises InvalidInput."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from wellbeing_app.cli.glance import day_range, print_json, today
from wellbeing_app.core.clock import Clock
from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.journal import MAX_GRATITUDE_ITEMS, new_gratitude_entry, new_mood_entry
from wellbeing_app.core.limits import new_limit, resolve_target
from wellbeing_app.core.questionnaires import score_who5, who5_summary
from wellbeing_app.core.settings import parse_text, spec_for
from wellbeing_app.storage.repositories import Repositories

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _whole_number(text: str, what: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidInput(f"{what} must be a whole number, not '{text}'.") from None


def _bounds(
    repos: Repositories, first: date, last: date, clock: Clock
) -> tuple[datetime, datetime]:
    tz = clock.now().tzinfo
    hour = time(repos.settings.day_start_hour)
    return (datetime.combine(first, hour, tz), datetime.combine(last + timedelta(days=1), hour, tz))


def mood_add(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    score = _whole_number(args.score, "A mood score")
    energy = _whole_number(args.energy, "Energy") if args.energy else None
    entry = repos.moods.add(
        new_mood_entry(clock.now(), score, energy, args.tags.split(","), args.note)
    )
    print(f"Logged mood {entry.score} ({entry.label}) at {entry.at:%H:%M}.")
    return 0


def mood_list(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    first, last = day_range(args, today(repos, clock))
    entries = repos.moods.between(*_bounds(repos, first, last, clock))
    if args.json:
        print_json(
            [
                {
                    "at": e.at.isoformat(),
                    "score": e.score,
                    "label": e.label,
                    "energy": e.energy,
                    "tags": list(e.tags),
                    "note": e.note,
                }
                for e in entries
            ]
        )
        return 0
    if not entries:
        print("No mood check-ins in that range.")
    for e in entries:
        extra = f"  [{', '.join(e.tags)}]" if e.tags else ""
        note = f"  {e.note}" if e.note else ""
        print(f"{e.at:%Y-%m-%d %H:%M}  {e.score} {e.label:<5}{extra}{note}")
    return 0


def gratitude_add(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    now = clock.now()
    entry = new_gratitude_entry(
        day_of_datetime(now, repos.settings.day_start_hour), now, args.items
    )
    saved = repos.gratitude.append(entry)
    added = len(entry.items)
    print(
        f"Added {added} good thing{'s' if added > 1 else ''} for {entry.day} "
        f"({len(saved.items)} of {MAX_GRATITUDE_ITEMS} for the day)."
    )
    return 0


def gratitude_list(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    first, last = day_range(args, today(repos, clock))
    entries = repos.gratitude.between(first, last)
    if args.json:
        print_json(
            [
                {
                    "day": e.day.isoformat(),
                    "at": e.at.isoformat(),
                    "items": [{"text": i.text, "why": i.why} for i in e.items],
                }
                for e in entries
            ]
        )
        return 0
    if not entries:
        print("No gratitude entries in that range.")
    for e in entries:
        print(f"{e.day}")
        for item in e.items:
            print(f"  • {item.text}" + (f" — {item.why}" if item.why else ""))
    return 0


def checkin_who5(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    answers = [_whole_number(a, "Each WHO-5 answer") for a in args.answers]
    checkin = score_who5(clock.now(), answers)
    previous = repos.checkins.latest("WHO-5")
    saved = repos.checkins.add(checkin)
    if args.json:
        print_json(
            {
                "questionnaire": saved.questionnaire,
                "version": saved.version,
                "at": saved.at.isoformat(),
                "answers": list(saved.answers),
                "raw_score": saved.raw_score,
                "percentage": saved.score,
            }
        )
    else:
        print(who5_summary(saved, previous))
    return 0


def _weekdays(text: str) -> list[int]:
    days: list[int] = []
    for part in filter(None, (p.strip().lower() for p in text.split(","))):
        ends = part.split("-")
        try:
            indexes = [_WEEKDAYS.index(end.strip()[:3]) for end in ends]
        except ValueError:
            raise InvalidInput(
                f"'{part}' is not a weekday; use mon, tue, … sun or a range like mon-fri."
            ) from None
        if len(indexes) == 1:
            days.append(indexes[0])
        elif len(indexes) == 2 and indexes[0] <= indexes[1]:
            days.extend(range(indexes[0], indexes[1] + 1))
        else:
            raise InvalidInput(f"'{part}' is not a weekday range; use e.g. mon-fri.")
    return days


def limits_set(
    repos: Repositories, args: argparse.Namespace, clock: Clock, known_apps: Sequence[str]
) -> int:
    minutes = _whole_number(args.minutes, "Minutes")
    target, kind = resolve_target(args.target, [*known_apps, *repos.usage.known_apps()])
    limit = repos.limits.set(new_limit(target, kind, minutes, _weekdays(args.weekdays)))
    when = (
        "on " + ", ".join(_WEEKDAYS[d] for d in sorted(limit.weekdays))
        if limit.weekdays
        else "a day"
    )
    print(f"Limit set: {limit.target} {limit.minutes} min {when}.")
    return 0


def limits_remove(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    removed = repos.limits.remove(args.target)
    if not removed:
        raise InvalidInput(f"There is no limit for '{args.target}'.")
    print(f"Removed {removed} limit{'s' if removed > 1 else ''} for {args.target}.")
    return 0


def settings_set(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    spec = spec_for(args.name)
    value = parse_text(spec, args.values)
    repos.settings_store.set(spec.name, value)
    print(f"{spec.name} is now {json.dumps(list(value) if isinstance(value, tuple) else value)}.")
    return 0


def settings_reset(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    repos.settings_store.reset(args.name)
    print(f"{args.name} is back to its default.")
    return 0
