"""What each data subcommand does. Each returns an exit code; bad input raises InvalidInput."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from wellbeing_app.core.clock import Clock
from wellbeing_app.core.days import day_of_datetime, parse_day
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.journal import MAX_GRATITUDE_ITEMS, new_gratitude_entry, new_mood_entry
from wellbeing_app.core.limits import new_limit, resolve_target, standings
from wellbeing_app.core.questionnaires import score_who5, who5_summary
from wellbeing_app.core.settings import SETTINGS, as_dict, parse_text, spec_for
from wellbeing_app.core.text import duration_text
from wellbeing_app.storage.repositories import Repositories

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _whole_number(text: str, what: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidInput(f"{what} must be a whole number, not '{text}'.") from None


def _range(args: argparse.Namespace, today: date) -> tuple[date, date]:
    first = parse_day(args.first) if args.first else None
    last = parse_day(args.last) if args.last else None
    first = first or last or today
    last = last or (first if args.first else today)
    if last < first:
        raise InvalidInput(f"--to ({last}) is before --from ({first}).")
    return first, last


def _bounds(
    repos: Repositories, first: date, last: date, clock: Clock
) -> tuple[datetime, datetime]:
    tz = clock.now().tzinfo
    hour = time(repos.settings.day_start_hour)
    return (datetime.combine(first, hour, tz), datetime.combine(last + timedelta(days=1), hour, tz))


def today(repos: Repositories, clock: Clock) -> date:
    return day_of_datetime(clock.now(), repos.settings.day_start_hour)


def usage(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    first, last = _range(args, today(repos, clock))
    rows: list[dict[str, Any]]
    if args.by == "app":
        rows = [
            {"app": t.app, "category": t.category, "seconds": round(t.seconds, 1)}
            for t in repos.usage.by_app(first, last)
        ]
    elif args.by == "category":
        rows = [
            {"category": t.category, "seconds": round(t.seconds, 1)}
            for t in repos.usage.by_category(first, last)
        ]
    else:
        rows = [
            {
                "day": t.day.isoformat(),
                "app": t.app,
                "category": t.category,
                "seconds": round(t.seconds, 1),
            }
            for t in repos.usage.by_day(first, last)
        ]
    if args.json:
        _print_json(rows)
        return 0
    span = str(first) if first == last else f"{first} to {last}"
    if not rows:
        print(f"No time in online communities recorded for {span}.")
        return 0
    print(f"Time in online communities, {span}:")
    for row in rows:
        label = " · ".join(str(row[k]) for k in ("day", "app", "category") if k in row)
        print(f"  {duration_text(row['seconds']):>12}  {label}")
    total = sum(row["seconds"] for row in rows)
    print(f"  {duration_text(total):>12}  in all")
    if repos.usage.has_approximate(first, last):
        print("  (approximate: on this desktop only running community apps could be seen)")
    return 0


def mood_add(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    score = _whole_number(args.score, "A mood score")
    energy = _whole_number(args.energy, "Energy") if args.energy else None
    entry = repos.moods.add(
        new_mood_entry(clock.now(), score, energy, args.tags.split(","), args.note)
    )
    print(f"Logged mood {entry.score} ({entry.label}) at {entry.at:%H:%M}.")
    return 0


def mood_list(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    first, last = _range(args, today(repos, clock))
    entries = repos.moods.between(*_bounds(repos, first, last, clock))
    if args.json:
        _print_json(
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
    first, last = _range(args, today(repos, clock))
    entries = repos.gratitude.between(first, last)
    if args.json:
        _print_json(
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
        _print_json(
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


def limits_show(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    day = today(repos, clock)
    result = standings(repos.limits.all(), repos.usage.limit_totals(day, day), day)
    if args.json:
        _print_json(
            [
                {
                    "target": s.limit.target,
                    "minutes": s.limit.minutes,
                    "used_minutes": round(s.used_minutes, 1),
                }
                for s in result
            ]
        )
        return 0
    if not result:
        print("No limits for today. Set one with: wellbeing limits set Reddit 30")
    for s in result:
        left = s.limit.minutes - s.used_minutes
        state = f"{left:.0f} min left" if left > 0 else "limit reached"
        print(f"{s.limit.target:<22} {s.used_minutes:5.0f} of {s.limit.minutes} min  ({state})")
    return 0


def settings_show(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    values = as_dict(repos.settings)
    if args.json:
        _print_json({k: list(v) if isinstance(v, tuple) else v for k, v in values.items()})
        return 0
    for spec in SETTINGS:
        value = values[spec.name]
        shown = ", ".join(value) if isinstance(value, tuple) else json.dumps(value)
        marker = "" if value == spec.default else "  (changed)"
        print(f"{spec.name} = {shown}{marker}\n    {spec.help}")
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
