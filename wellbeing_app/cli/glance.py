"""The commands that only read, quick enough to poll from a status bar.

``wellbeing status`` (one line, ``--json``, or ``--waybar``), ``usage``, ``limits`` and
``settings``: a status bar (waybar, polybar, i3blocks) may run one every few seconds. They open
the database with ``open_current_repositories`` (no sqlite-utils) and this module imports only
the standard library, ``core`` and the light part of ``storage``; ``benchmarks/bench_cli.py``
measures what that buys.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from wellbeing_app.core.clock import Clock
from wellbeing_app.core.days import day_of_datetime, parse_day
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.limits import standings
from wellbeing_app.core.models import LimitStanding
from wellbeing_app.core.settings import SETTINGS, as_dict
from wellbeing_app.core.text import duration_text
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.storage.tracking_store import PauseStore

# A limit is "near" (waybar's class, the one-line "left") once this share of it is used, or
# when five minutes or less are left, whichever comes first.
NEAR_SHARE = 0.8
NEAR_MINUTES = 5.0


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def day_range(args: argparse.Namespace, today: date) -> tuple[date, date]:
    first = parse_day(args.first) if args.first else None
    last = parse_day(args.last) if args.last else None
    first = first or last or today
    last = last or (first if args.first else today)
    if last < first:
        raise InvalidInput(f"--to ({last}) is before --from ({first}).")
    return first, last


def today(repos: Repositories, clock: Clock) -> date:
    return day_of_datetime(clock.now(), repos.settings.day_start_hour)


def usage(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    first, last = day_range(args, today(repos, clock))
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
        print_json(rows)
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


def status(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    """Today at a glance: the total, the top app, the limit nearest to its end, a pause."""
    day = today(repos, clock)
    totals = repos.usage.by_app(day, day)
    nearest = nearest_limit(standings(repos.limits.all(), repos.usage.limit_totals(day, day), day))
    paused_until = PauseStore(repos.db).paused_until()
    now = clock.now()
    if paused_until is not None and paused_until <= now.timestamp():
        paused_until = None
    total = sum(t.seconds for t in totals)
    facts: dict[str, Any] = {
        "day": day.isoformat(),
        "total_seconds": round(total, 1),
        "top_app": (
            {"app": totals[0].app, "seconds": round(totals[0].seconds, 1)} if totals else None
        ),
        "nearest_limit": None if nearest is None else _limit_facts(nearest),
        "paused_until": None
        if paused_until is None
        else now.fromtimestamp(paused_until, now.tzinfo).isoformat(timespec="seconds"),
    }
    if args.json:
        print_json(facts)
    elif args.waybar:
        # waybar's custom module reads one JSON object a line: text, tooltip, class, percentage.
        line = json.dumps(_waybar(facts), ensure_ascii=False)
        print(line)
    else:
        print(_one_line(facts))
    return 0


def nearest_limit(found: list[LimitStanding]) -> LimitStanding | None:
    """The limit with the least time left (a reached one first), or ``None``."""
    if not found:
        return None
    return min(found, key=lambda s: (s.limit.minutes - s.used_minutes, s.limit.target))


def _limit_facts(standing: LimitStanding) -> dict[str, Any]:
    minutes = standing.limit.minutes
    left = max(0.0, minutes - standing.used_minutes)
    return {
        "target": standing.limit.target,
        "minutes": minutes,
        "used_minutes": round(standing.used_minutes, 1),
        "left_minutes": round(left, 1),
        "state": limit_state(standing),
    }


def limit_state(standing: LimitStanding) -> str:
    """``ok``, ``near`` (see ``NEAR_SHARE``) or ``reached``."""
    minutes = standing.limit.minutes
    left = minutes - standing.used_minutes
    if left <= 0:
        return "reached"
    if standing.used_minutes >= NEAR_SHARE * minutes or left <= NEAR_MINUTES:
        return "near"
    return "ok"


def _limit_words(limit: dict[str, Any]) -> str:
    if limit["state"] == "reached":
        return f"{limit['target']} limit reached"
    return f"{limit['target']} {duration_text(limit['left_minutes'] * 60)} left"


def _one_line(facts: dict[str, Any]) -> str:
    parts = [f"{duration_text(facts['total_seconds'])} today"]
    top = facts["top_app"]
    if top is not None:
        parts.append(f"{top['app']} {duration_text(top['seconds'])}")
    if facts["nearest_limit"] is not None:
        parts.append(_limit_words(facts["nearest_limit"]))
    if facts["paused_until"] is not None:
        parts.append(f"paused until {facts['paused_until'][11:16]}")
    return " · ".join(parts)


def _waybar(facts: dict[str, Any]) -> dict[str, Any]:
    limit = facts["nearest_limit"]
    lines = [f"Today in online communities: {duration_text(facts['total_seconds'])}"]
    if facts["top_app"] is not None:
        top = facts["top_app"]
        lines.append(f"Most: {top['app']}, {duration_text(top['seconds'])}")
    if limit is not None:
        used = duration_text(limit["used_minutes"] * 60)
        lines.append(f"{_limit_words(limit)} ({used} of {limit['minutes']} min)")
    if facts["paused_until"] is not None:
        lines.append(f"Tracking paused until {facts['paused_until'][11:16]}")
    classes = ["paused"] if facts["paused_until"] is not None else []
    if limit is not None:
        classes.append(limit["state"])
    result: dict[str, Any] = {
        "text": duration_text(facts["total_seconds"]),
        "tooltip": "\n".join(lines),
        "class": classes or ["ok"],
    }
    if limit is not None and limit["minutes"] > 0:
        result["percentage"] = min(100, round(100 * limit["used_minutes"] / limit["minutes"]))
    return result


def limits_show(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    day = today(repos, clock)
    result = standings(repos.limits.all(), repos.usage.limit_totals(day, day), day)
    if args.json:
        print_json(
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
        print_json({k: list(v) if isinstance(v, tuple) else v for k, v in values.items()})
        return 0
    for spec in SETTINGS:
        value = values[spec.name]
        shown = ", ".join(value) if isinstance(value, tuple) else json.dumps(value)
        marker = "" if value == spec.default else "  (changed)"
        print(f"{spec.name} = {shown}{marker}\n    {spec.help}")
    return 0
