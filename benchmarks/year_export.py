"""One year of desktop use as an ActivityWatch export ("Export all buckets as JSON").

The same shape as ``synthetic.year_days`` (which feeds ``gen_year.py``), made directly as
window events instead of 1 s samples: the ~200 windows of ``synthetic.windows`` with their
popularity skew, about ``changes_per_day`` focus changes a day (weekdays 1.12x, weekends
0.7x), each window kept 5-60 s, sessions of 40-250 changes from 07:30-09:30 with 5-90 minute
breaks, and now and then the person walking away for 3-30 minutes with the window left in
front (the window event goes on; the AFK bucket says ``afk``). Times are UTC.

One file feeds both tools: aw-server reads it through ``POST /api/0/import`` and Wellbeing
through ``wellbeing import activitywatch``, so both hold exactly the same events.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from synthetic import windows

HOST = "bench-laptop"


def _stamp(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=UTC).isoformat()


def _event(at: float, seconds: float, data: dict[str, str]) -> dict[str, Any]:
    return {"timestamp": _stamp(at), "duration": float(seconds), "data": data}


def year_export(
    first_day: date,
    days: int,
    *,
    changes_per_day: float = 800.0,
    seed: int = 11,
    idle_chance: float = 0.004,
    host: str = HOST,
) -> dict[str, Any]:
    """The export; ``len(window events)`` is about ``days * changes_per_day``."""
    rng = random.Random(seed)
    pool = windows()
    population, weights = list(pool.windows), list(pool.weights)
    window_events: list[dict[str, Any]] = []
    afk_events: list[dict[str, Any]] = []
    for index in range(days):
        day = first_day + timedelta(days=index)
        mean = changes_per_day * (1.12 if day.weekday() < 5 else 0.7)
        remaining = max(50, round(rng.gauss(mean, 150)))
        midnight = datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()
        at = midnight + rng.randint(int(7.5 * 3600), int(9.5 * 3600))
        while remaining > 0:
            changes = min(remaining, rng.randint(40, 250))
            remaining -= changes
            active_since = at
            for window in rng.choices(population, weights, k=changes):
                dwell = rng.randint(5, 60)
                away = rng.randint(180, 1800) if rng.random() < idle_chance else 0
                data = {"app": window.app, "title": window.title}
                window_events.append(_event(at, dwell + away, data))
                if away:
                    afk_events.append(_event(active_since, at + dwell - active_since, _NOT_AFK))
                    afk_events.append(_event(at + dwell, away, _AFK))
                    active_since = at + dwell + away
                at += dwell + away
            afk_events.append(_event(active_since, at - active_since, _NOT_AFK))
            at += rng.randint(5 * 60, 90 * 60)

    created = _stamp(
        datetime(first_day.year, first_day.month, first_day.day, tzinfo=UTC).timestamp()
    )

    def bucket(kind: str, client: str, events: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "id": f"{client}_{host}",
            "created": created,
            "type": kind,
            "client": client,
            "hostname": host,
            "data": {},
            "events": events,
        }

    return {
        "buckets": {
            f"aw-watcher-window_{host}": bucket(
                "currentwindow", "aw-watcher-window", window_events
            ),
            f"aw-watcher-afk_{host}": bucket("afkstatus", "aw-watcher-afk", afk_events),
        }
    }


_NOT_AFK = {"status": "not-afk"}
_AFK = {"status": "afk"}
