"""A synthetic, realistic stream of foreground-window samples, shared by the benchmarks.

The shape follows what a window watcher sees on a working person's desktop:

* about 200 distinct ``(app, title)`` pairs: community apps (Discord, Slack, Telegram...),
  community browser tabs (Reddit, YouTube, X, Hacker News... in Firefox and Chrome, with the
  browsers' real title suffixes and some unread counters), other tabs (search, docs, mail) and
  other apps (editor, terminal, office, music);
* a popularity skew (a few windows get most of the time) and the focus changing every 5-60
  samples;
* idle stretches (the person walks away; the idle counter climbs past the 180 s threshold while
  the same window stays in front), and gaps between sessions (suspend / power off).

Samples are made lazily by :func:`sample_stream`; :func:`windows` gives the pool.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from wellbeing_app.core.probes import ForegroundWindow
from wellbeing_app.core.tracking import Sample

FIREFOX = " — Mozilla Firefox"
CHROME = " - Google Chrome"

_SUBREDDITS = (
    "AskReddit",
    "Python",
    "linux",
    "cooking",
    "worldnews",
    "books",
    "running",
    "AskHistorians",
    "gardening",
    "programming",
    "selfhosted",
    "photography",
    "dataisbeautiful",
    "mildlyinteresting",
    "bicycling",
    "personalfinance",
    "boardgames",
    "homeautomation",
)
_VIDEOS = (
    "How to sharpen a knife",
    "Lo-fi beats to study to",
    "PyCon 2026 keynote",
    "10 minute yoga",
    "Rust in 100 seconds",
    "Building a shed, part 3",
    "The history of SQLite",
    "Bread baking for beginners",
)
_TOPICS = (
    "sqlite window functions",
    "python dataclass slots",
    "best hiking boots",
    "weather tomorrow",
    "train times",
    "pyside6 tray icon",
    "recipe lentil soup",
    "xdotool windowactivate",
    "bus to the lake",
    "cinema tonight",
    "how long to boil an egg",
    "openbox keybindings",
)
_FILES = (
    "tracking.py",
    "usage.py",
    "README.md",
    "app.py",
    "test_usage.py",
    "classifier.py",
    "notes.txt",
    "budget.ods",
    "report.odt",
    "todo.md",
    "sampler.py",
    "models.py",
    "pyproject.toml",
    "CHANGELOG.md",
    "letter.txt",
)


@dataclass(frozen=True, slots=True)
class Pool:
    """The distinct windows and how often each is picked."""

    windows: tuple[ForegroundWindow, ...]
    weights: tuple[float, ...]
    community: frozenset[int]  # indices of windows a stock catalog counts


def _community_windows() -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for channel in ("general", "random", "help", "off-topic", "announcements", "music"):
        for server in ("Python Discord", "Home Lab", "Book Club"):
            pairs.append(("Discord", f"#{channel} | {server} - Discord"))
    pairs.append(("Discord", "Friends - Discord"))
    for channel in ("general", "dev", "design", "random", "standup"):
        pairs.append(("slack", f"{channel} (Channel) - Acme - Slack"))
    for chat in ("Family", "Climbing group", "Saved Messages"):
        pairs.append(("telegram-desktop", f"{chat} – Telegram"))
    pairs.append(("telegram-desktop", "Telegram"))
    pairs.append(("signal-desktop", "Signal"))
    for sub in _SUBREDDITS:
        pairs.append(("firefox", f"r/{sub} - Reddit{FIREFOX}"))
        pairs.append(("firefox", f"(3) r/{sub} - Reddit{FIREFOX}"))
    pairs.append(("firefox", f"Reddit - Dive into anything{FIREFOX}"))
    for video in _VIDEOS:
        pairs.append(("firefox", f"{video} - YouTube{FIREFOX}"))
        pairs.append(("chrome", f"{video} - YouTube{CHROME}"))
    pairs.append(("chrome", f"(2) Home / X{CHROME}"))
    pairs.append(("chrome", f"Home / X{CHROME}"))
    pairs.append(("chrome", f"Notifications / X{CHROME}"))
    pairs.append(("firefox", f"Hacker News{FIREFOX}"))
    for item in ("Show HN: a tiny database", "Ask HN: what are you reading", "SQLite 3.50"):
        pairs.append(("firefox", f"{item} | Hacker News{FIREFOX}"))
    for question in ("How do I merge two dicts", "What does yield do", "Undo git add"):
        pairs.append(("firefox", f"python - {question}? - Stack Overflow{FIREFOX}"))
    pairs.append(("chrome", f"(5) Facebook{CHROME}"))
    pairs.append(("chrome", f"Instagram{CHROME}"))
    pairs.append(("chrome", f"Feed | LinkedIn{CHROME}"))
    pairs.append(("firefox", f"Home | Mastodon{FIREFOX}"))
    pairs.append(("firefox", f"Twitch{FIREFOX}"))
    return pairs


def _other_windows() -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for topic in _TOPICS:
        pairs.append(("firefox", f"{topic} at DuckDuckGo{FIREFOX}"))
        pairs.append(("chrome", f"{topic} - Google Search{CHROME}"))
    for page in ("dataclasses", "sqlite3", "re", "asyncio", "pathlib", "argparse"):
        pairs.append(("firefox", f"{page} — Python 3.11 documentation{FIREFOX}"))
    for repo in ("wellbeing", "sqlite-utils", "python-xlib", "psutil"):
        pairs.append(("firefox", f"GitHub - someone/{repo}{FIREFOX}"))
        pairs.append(("firefox", f"Pull requests · someone/{repo} · GitHub{FIREFOX}"))
    for unread in (0, 1, 4, 12):
        prefix = f"Inbox ({unread})" if unread else "Inbox"
        pairs.append(("chrome", f"{prefix} - me@example.org - Gmail{CHROME}"))
    for news in ("BBC News - Home", "The Guardian", "Wikipedia, the free encyclopedia"):
        pairs.append(("firefox", f"{news}{FIREFOX}"))
    for name in _FILES:
        pairs.append(("code", f"{name} - wellbeing - Visual Studio Code"))
        pairs.append(("gedit", f"{name} (~/Documents) - gedit"))
    for cwd in ("~", "~/src/wellbeing", "~/Downloads", "/tmp"):
        pairs.append(("gnome-terminal-server", f"me@laptop: {cwd}"))
    for doc in ("budget.ods", "plan.ods", "taxes.ods"):
        pairs.append(("soffice.bin", f"{doc} - LibreOffice Calc"))
    for doc in ("report.odt", "letter.odt", "cv.odt"):
        pairs.append(("soffice.bin", f"{doc} - LibreOffice Writer"))
    for pdf in ("manual.pdf", "paper.pdf", "invoice.pdf"):
        pairs.append(("evince", pdf))
    for song in ("Nils Frahm - Says", "Bonobo - Kerala", "Spotify Premium"):
        pairs.append(("spotify", song))
    pairs.append(("thunderbird", "Inbox - Local Folders - Mozilla Thunderbird"))
    pairs.append(("nautilus", "Downloads"))
    pairs.append(("nautilus", "Home"))
    pairs.append(("keepassxc", "Passwords.kdbx - KeePassXC"))
    for clip in ("holiday.mp4", "lecture-01.mkv", "concert.webm"):
        pairs.append(("vlc", f"{clip} - VLC media player"))
    pairs.append(("zoom", "Zoom Meeting"))
    pairs.append(("gnome-calendar", "Calendar"))
    pairs.append(("firefox", f"New Tab{FIREFOX}"))
    pairs.append(("chrome", f"New Tab{CHROME}"))
    return pairs


def windows(seed: int = 1, community_share: float = 0.3) -> Pool:
    """About 200 distinct windows with a skewed (Zipf-like) popularity.

    Community windows get ``community_share`` of the total weight (of the focus changes).
    """
    community = _community_windows()
    other = _other_windows()
    pairs = community + other
    rng = random.Random(seed)
    order = list(range(len(pairs)))
    rng.shuffle(order)
    weights = [0.0] * len(pairs)
    for rank, index in enumerate(order, start=1):
        weights[index] = 1.0 / rank**0.9
    ours = sum(weights[: len(community)])
    theirs = sum(weights[len(community) :])
    scale = community_share / (1 - community_share) * theirs / ours
    weights = [w * scale if i < len(community) else w for i, w in enumerate(weights)]
    return Pool(
        windows=tuple(
            ForegroundWindow(app, title, pid=1000 + i) for i, (app, title) in enumerate(pairs)
        ),
        weights=tuple(weights),
        community=frozenset(range(len(community))),
    )


def _cumulative(weights: tuple[float, ...]) -> list[float]:
    cum: list[float] = []
    total = 0.0
    for weight in weights:
        total += weight
        cum.append(total)
    return cum


def _session(
    rng: random.Random,
    pool: Pool,
    cum_weights: list[float],
    at: float,
    utc_offset: int,
    changes: int,
    idle_chance: float,
) -> Iterator[Sample]:
    """One sitting at the computer: ``changes`` focus changes, one sample per second."""
    choices, randint, chance = rng.choices, rng.randint, rng.random
    population = pool.windows
    for _ in range(changes):
        window = choices(population, cum_weights=cum_weights)[0]
        dwell = randint(5, 60)
        away = randint(180, 1800) if chance() < idle_chance else 0
        for step in range(dwell + away):
            # Active: a keypress every few seconds. Away: the counter keeps climbing.
            idle = float(step - dwell) if step >= dwell else float(step % 7)
            yield Sample(at, utc_offset, window, idle)
            at += 1.0


def sample_stream(
    count: int,
    *,
    start: float = 1_780_000_000.0,
    utc_offset: int = 3600,
    seed: int = 7,
    pool: Pool | None = None,
    idle_chance: float = 0.004,
    session_changes: tuple[int, int] = (110, 440),
    gap_seconds: tuple[int, int] = (1800, 12 * 3600),
) -> Iterator[Sample]:
    """``count`` samples one second apart (within a session), shaped like real use.

    Args:
        count: how many samples to make.
        start: UTC epoch seconds of the first sample.
        utc_offset: the local UTC offset carried by every sample.
        seed: for the random choices; the same seed gives the same stream.
        pool: the windows (default :func:`windows`).
        idle_chance: chance, at each focus change, that the person walks away for 3-30 minutes
            with the window left in front (the idle counter climbs past the threshold).
        session_changes: focus changes in one session at the computer (uniform range; 110-440
            is about 1-4 hours).
        gap_seconds: how long the computer is off between sessions (uniform range).
    """
    rng = random.Random(seed)
    pool = pool or windows()
    cum_weights = _cumulative(pool.weights)
    at = start
    made = 0
    while True:
        changes = rng.randint(*session_changes)
        for sample in _session(rng, pool, cum_weights, at, utc_offset, changes, idle_chance):
            yield sample
            made += 1
            if made >= count:
                return
            at = sample.at + 1.0
        at += rng.randint(*gap_seconds)


def year_days(
    first_day: date,
    days: int,
    *,
    changes_per_day: float = 800.0,
    tz: str = "Europe/Berlin",
    seed: int = 11,
    pool: Pool | None = None,
    idle_chance: float = 0.004,
) -> Iterator[tuple[date, Iterator[Sample]]]:
    """Day by day, that day's samples: ``changes_per_day`` focus changes on average.

    Weekdays have about 1.12x and weekend days 0.7x the average (Gaussian, sd 150). The first
    session starts between 07:30 and 09:30 local time; sessions of 40-250 focus changes are
    separated by 5-90 minute breaks (computer off: no samples). Local time follows ``tz``, so
    the UTC offset changes at the DST switches (every sample carries its offset).
    """
    rng = random.Random(seed)
    pool = pool or windows()
    cum_weights = _cumulative(pool.weights)
    zone = ZoneInfo(tz)
    for index in range(days):
        day = first_day + timedelta(days=index)
        weekday = day.weekday() < 5
        mean = changes_per_day * (1.12 if weekday else 0.7)
        remaining = max(50, round(rng.gauss(mean, 150)))
        midnight = datetime(day.year, day.month, day.day, tzinfo=zone)
        local = rng.randint(int(7.5 * 3600), int(9.5 * 3600))
        yield day, _day(rng, pool, cum_weights, zone, midnight, local, remaining, idle_chance)


def _day(
    rng: random.Random,
    pool: Pool,
    cum_weights: list[float],
    zone: ZoneInfo,
    midnight: datetime,
    local: int,
    remaining: int,
    idle_chance: float,
) -> Iterator[Sample]:
    while remaining > 0:
        changes = min(remaining, rng.randint(40, 250))
        start = midnight + timedelta(seconds=local)
        offset = int(start.utcoffset().total_seconds())  # type: ignore[union-attr]
        at = start.timestamp()
        for sample in _session(rng, pool, cum_weights, at, offset, changes, idle_chance):
            yield sample
            at = sample.at + 1.0
        remaining -= changes
        local += int(at - start.timestamp()) + rng.randint(5 * 60, 90 * 60)
