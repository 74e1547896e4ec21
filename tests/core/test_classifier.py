"""The community-app catalog and the classifier: real titles in, the right community out."""

from __future__ import annotations

import gc
import json
import re
import typing
import weakref
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wellbeing_app.core.classifier import (
    CATEGORIES,
    Catalog,
    CatalogError,
    Category,
    Classification,
    Classifier,
    RuleError,
    UserRule,
    _Gated,
    current_os,
    parse_catalog,
    validate_rule,
)

CATALOG_PATH = Path(__file__).resolve().parents[2] / "resources" / "community_apps.json"
OSES = ("linux", "windows", "macos")


@cache
def shipped(os_name: str) -> Catalog:
    return parse_catalog(CATALOG_PATH.read_text(encoding="utf-8"), os_name)


@cache
def classifier(os_name: str = "linux") -> Classifier:
    return Classifier(shipped(os_name))


def name_of(result: Classification | None) -> str | None:
    return None if result is None else result.app


# ------------------------------------------------------------------------------ the catalog


@pytest.mark.parametrize("os_name", OSES)
def test_the_shipped_catalog_parses_on_every_os(os_name: str) -> None:
    catalog = shipped(os_name)

    assert len(catalog.apps) >= 35
    assert {app.category for app in catalog.apps} == set(CATEGORIES)
    assert len({app.id for app in catalog.apps}) == len(catalog.apps)
    assert len(catalog.browsers) >= 10
    assert catalog.process_names()
    for app in catalog.apps:
        assert app.processes or app.title_patterns, app.id
        assert all(process == process.lower() for process in app.processes), app.id


def test_categories_match_the_category_type() -> None:
    assert set(typing.get_args(Category)) == set(CATEGORIES)


@pytest.mark.parametrize(
    "name",
    [
        "Discord", "Slack", "Reddit", "Facebook", "Messenger", "Instagram", "X (Twitter)",
        "Threads", "Bluesky", "Mastodon", "LinkedIn", "WhatsApp", "Telegram", "Signal", "Tumblr",
        "Pinterest", "TikTok", "Twitch", "Snapchat", "Quora", "Stack Overflow / Stack Exchange",
        "Hacker News", "Lemmy", "Discourse forums", "Microsoft Teams", "Element (Matrix)",
        "YouTube", "Kick", "Tildes", "Lobsters", "Nextdoor", "VK", "WeChat", "LINE", "Viber",
        "Skype", "Mattermost", "Rocket.Chat", "Zulip", "4chan", "Goodreads", "Letterboxd",
        "Steam Community", "Patreon", "Substack", "XING",
    ],
)  # fmt: skip
def test_the_catalog_has_the_communities_people_use(name: str) -> None:
    assert shipped("linux").by_name(name) is not None


def test_by_name_ignores_case_and_accepts_the_id() -> None:
    catalog = shipped("linux")

    assert catalog.by_name("reddit") == catalog.by_name("REDDIT")
    assert catalog.by_name("x") == catalog.by_name("X (Twitter)")
    assert catalog.by_name("Friendster") is None


def test_process_names_are_those_of_the_os_asked_for() -> None:
    assert "telegram-desktop" in shipped("linux").process_names()
    assert "telegram-desktop" not in shipped("windows").process_names()
    assert "ms-teams" in shipped("windows").process_names()
    assert "microsoft teams" in shipped("macos").process_names()
    assert "firefox" not in shipped("linux").process_names()  # browsers are not communities


@pytest.mark.parametrize(
    ("platform", "expected"),
    [("linux", "linux"), ("win32", "windows"), ("cygwin", "windows"), ("darwin", "macos"),
     ("freebsd14", "linux")],
)  # fmt: skip
def test_current_os(platform: str, expected: str) -> None:
    assert current_os(platform) == expected


# ------------------------------------------------------------------------- browser tabs

FIREFOX = ("firefox", "{} — Mozilla Firefox")
FIREFOX_OLD = ("firefox-esr", "{} - Mozilla Firefox")
FIREFOX_PRIVATE = ("firefox", "{} — Mozilla Firefox Private Browsing")
CHROME = ("chrome", "{} - Google Chrome")
CHROME_PROFILE = ("google-chrome", "{} - Google Chrome - Matt (Work)")
CHROME_AUDIO = ("chrome", "{} - Audio playing - Google Chrome")
CHROMIUM = ("chromium-browser", "{} - Chromium")
MS_EDGE = " - Microsoft\u200b Edge"  # Edge really writes a zero-width space in its name
EDGE = ("msedge", "{}" + MS_EDGE)
EDGE_MORE = ("msedge", "{} and 3 more pages" + MS_EDGE)
EDGE_PROFILE = ("msedge", "{} and 1 more page - Profile 1" + MS_EDGE)
EDGE_PRIVATE = ("msedge", "{} - [InPrivate]" + MS_EDGE)
EDGE_LINUX = ("microsoft-edge", "{} - Personal - Microsoft Edge")
BRAVE = ("brave", "{} - Brave")
VIVALDI = ("vivaldi-bin", "{} - Vivaldi")
OPERA = ("opera", "{} - Opera")
LIBREWOLF = ("librewolf", "{} — LibreWolf")
ZEN = ("zen", "{} — Zen Browser")
EPIPHANY = ("epiphany", "{}")
BROWSERS = (
    FIREFOX, FIREFOX_OLD, FIREFOX_PRIVATE, CHROME, CHROME_PROFILE, CHROME_AUDIO, CHROMIUM, EDGE,
    EDGE_MORE, EDGE_PROFILE, EDGE_PRIVATE, EDGE_LINUX, BRAVE, VIVALDI, OPERA, LIBREWOLF, ZEN,
    EPIPHANY,
)  # fmt: skip

SE = "Stack Overflow / Stack Exchange"
LETTERBOXD_FILM = "Dune: Part Two (2024) directed by Denis Villeneuve • Reviews, film + cast"

# Page titles as the sites write them (before the browser adds its suffix).
COMMUNITY_PAGES = [
    ("r/AskReddit - Reddit", "Reddit"),
    ("r/AskReddit", "Reddit"),
    ("Reddit - Dive into anything", "Reddit"),
    ("(2) Reddit - The heart of the internet", "Reddit"),
    ("What's a small thing that makes your day better? : r/AskReddit", "Reddit"),
    ("r/Python on Reddit: How do decorators work?", "Reddit"),
    ("reddit: the front page of the internet", "Reddit"),
    ("(3) Home / X", "X (Twitter)"),
    ('Jack on X: "just setting up my twttr" / X', "X (Twitter)"),
    ("Notifications / X", "X (Twitter)"),
    ("Jack (@jack) / X", "X (Twitter)"),
    ("Home / Twitter", "X (Twitter)"),
    ("Discord | #general | The Coding Den", "Discord"),
    ("(1) Discord | Friends", "Discord"),
    ("#help | Python - Discord", "Discord"),
    ("general (Channel) - Acme - Slack", "Slack"),
    ("Slack | random | Acme", "Slack"),
    ("(20+) Facebook", "Facebook"),
    ("Marketplace | Facebook", "Facebook"),
    ("Facebook - log in or sign up", "Facebook"),
    ("Messenger | Facebook", "Messenger"),
    ("Alice Smith | Messenger", "Messenger"),
    ("Instagram", "Instagram"),
    ("Nat Geo (@natgeo) • Instagram photos and videos", "Instagram"),
    ('NASA on Instagram: "Look up tonight"', "Instagram"),
    ("Mark Zuckerberg (@zuck) • Threads, Say more", "Threads"),
    ("@zuck on Threads", "Threads"),
    ("Home — Bluesky", "Bluesky"),
    ("@jay.bsky.team on Bluesky", "Bluesky"),
    ("Home - Mastodon", "Mastodon"),
    ("Eugen Rochko (@Gargron@mastodon.social)", "Mastodon"),
    ("Explore - fosstodon.org", "Mastodon"),
    ("(5) Feed | LinkedIn", "LinkedIn"),
    ("Messaging | LinkedIn", "LinkedIn"),
    ("LinkedIn: Log In or Sign Up", "LinkedIn"),
    ("Startseite | XING", "XING"),
    ("(3) WhatsApp", "WhatsApp"),
    ("WhatsApp Web", "WhatsApp"),
    ("Telegram Web", "Telegram"),
    ("Telegram: Contact @durov", "Telegram"),
    ("Dashboard | Tumblr", "Tumblr"),
    ("Pin on Recipes | Pinterest", "Pinterest"),
    ("TikTok - Make Your Day", "TikTok"),
    ("Khaby Lame (@khaby.lame) | TikTok", "TikTok"),
    ("shroud - Twitch", "Twitch"),
    ("Snapchat", "Snapchat"),
    ("What is the meaning of life? - Quora", "Quora"),
    ("python - How do I sort a dictionary by value? - Stack Overflow", SE),
    ("bash - Loop through files - Ask Ubuntu", SE),
    ("linux - Why is my disk full? - Super User", SE),
    ("Proof of Fermat's little theorem - Mathematics Stack Exchange", SE),
    ("Hacker News", "Hacker News"),
    ("Show HN: A tiny Lisp in 200 lines | Hacker News", "Hacker News"),
    ("Linux memes - Lemmy.World", "Lemmy"),
    ("Post title - programming.dev", "Lemmy"),
    ("How do I use asyncio? - Python Help - Discussions on Python.org", "Discourse forums"),
    ("Borrow checker question - help - The Rust Programming Language Forum", "Discourse forums"),
    ("Flakes - Help - NixOS Discourse", "Discourse forums"),
    ("View topic - Pacman errors - Arch Linux Forums", "Web forums"),
    ("Graphics driver issue - Linux Mint Forums", "Web forums"),
    ("Chat | Alice | Microsoft Teams", "Microsoft Teams"),
    ("Element | #matrix:matrix.org", "Element (Matrix)"),
    ("[3] Element | Room", "Element (Matrix)"),
    ("Never Gonna Give You Up - YouTube", "YouTube"),
    ("(12) YouTube", "YouTube"),
    ("xQc Stream - Watch Live on Kick", "Kick"),
    ("What are you reading? - ~books - Tildes", "Tildes"),
    ("Rust 2024 edition | Lobsters", "Lobsters"),
    ("Home | Nextdoor", "Nextdoor"),
    ("Новости | ВКонтакте", "VK"),
    ("微信", "WeChat"),
    ("LINE", "LINE"),
    ("Skype", "Skype"),
    ("Town Square - Contributors Mattermost", "Mattermost"),
    ("general - Rocket.Chat", "Rocket.Chat"),
    ("#general > lunch - Zulip Community - Zulip", "Zulip"),
    ("Alice - Google Chat", "Google Chat"),
    ("Threema Web", "Threema"),
    ("/g/ - Technology - 4chan", "4chan"),
    ("Dune by Frank Herbert | Goodreads", "Goodreads"),
    ("Letterboxd • Social film discovery.", "Letterboxd"),
    (LETTERBOXD_FILM + " • Letterboxd", "Letterboxd"),
    ("Steam Community :: Counter-Strike 2", "Steam Community"),
    ("Jane is creating podcasts | Patreon", "Patreon"),
    ("Notes | Substack", "Substack"),
    ("Explore the Best Art | DeviantArt", "DeviantArt"),
    ("Slashdot: News for nerds, stuff that matters", "Slashdot"),
]  # fmt: skip


@pytest.mark.parametrize(("page", "expected"), COMMUNITY_PAGES)
@pytest.mark.parametrize(("browser", "suffix"), BROWSERS, ids=str)
def test_community_tabs_are_recognised_in_every_browser(
    browser: str, suffix: str, page: str, expected: str
) -> None:
    result = classifier().classify(browser, suffix.format(page))

    assert result is not None, suffix.format(page)
    assert (result.app, result.via) == (expected, "browser")


def test_every_site_in_the_catalog_has_an_example_title() -> None:
    with_patterns = {app.name for app in shipped("linux").apps if app.title_patterns}

    assert with_patterns <= {expected for _page, expected in COMMUNITY_PAGES}


@pytest.mark.parametrize(
    ("os_name", "browser", "title", "expected"),
    [
        ("linux", "firefox", "r/AskReddit - Reddit — Mozilla Firefox", "Reddit"),
        ("windows", "chrome", "(3) Home / X - Google Chrome", "X (Twitter)"),
        ("windows", "chrome.exe", "(3) Home / X - Google Chrome", "X (Twitter)"),
        ("windows", "chrome", "Town hall - Twitch - Chromium", "Twitch"),  # Chromium is chrome.exe
        ("windows", "msedge", "Lo-fi beats - YouTube - [InPrivate]" + MS_EDGE, "YouTube"),
        ("windows", "msedge", "general | Discord and 4 more pages - Kişisel" + MS_EDGE, "Discord"),
        ("windows", "msedge", "Feed | LinkedIn - Work" + MS_EDGE, "LinkedIn"),
        ("windows", "brave", "Home / X - Brave - Private", "X (Twitter)"),
        ("windows", "opera", "shroud - Twitch - Opera", "Twitch"),
        ("macos", "Safari", "r/AskReddit", "Reddit"),
        ("macos", "Safari", "Home / X", "X (Twitter)"),
        ("macos", "Google Chrome", "Dashboard | Tumblr - Google Chrome", "Tumblr"),
        ("macos", "Brave Browser", "Hacker News - Brave", "Hacker News"),
        ("macos", "Microsoft Edge", "Quora - Microsoft Edge", "Quora"),
        ("macos", "Arc", "Messages | LinkedIn", "LinkedIn"),
        ("linux", "chrome", "Discord", "Discord"),  # an installed web app: no browser suffix
        ("linux", "firefox", "\u200eMarketplace | Facebook\u200e — Mozilla Firefox", "Facebook"),
        ("linux", "firefox", "• Discord | #general | Den — Mozilla Firefox", "Discord"),
        ("linux", "google-chrome", "Video - YouTube - High memory usage - 1.2 GB - Google Chrome",
         "YouTube"),
    ],
)  # fmt: skip
def test_browser_variants_on_each_os(os_name: str, browser: str, title: str, expected: str) -> None:
    assert name_of(classifier(os_name).classify(browser, title)) == expected


# ---------------------------------------------------------------------------- native apps


@pytest.mark.parametrize(
    ("os_name", "process", "expected"),
    [
        ("linux", "Discord", "Discord"), ("linux", "discord", "Discord"),
        ("linux", "slack", "Slack"), ("linux", "telegram-desktop", "Telegram"),
        ("linux", "Telegram", "Telegram"), ("linux", "signal-desktop", "Signal"),
        ("linux", "element-desktop", "Element (Matrix)"), ("linux", "teams", "Microsoft Teams"),
        ("linux", "teams-for-linux", "Microsoft Teams"), ("linux", "skypeforlinux", "Skype"),
        ("linux", "zulip", "Zulip"), ("linux", "mattermost-desktop", "Mattermost"),
        ("linux", "whatsapp-for-linux", "WhatsApp"), ("linux", "vesktop", "Discord"),
        ("windows", "Discord", "Discord"), ("windows", "Discord.exe", "Discord"),
        ("windows", "slack", "Slack"), ("windows", "Telegram", "Telegram"),
        ("windows", "Signal", "Signal"), ("windows", "Element", "Element (Matrix)"),
        ("windows", "Teams", "Microsoft Teams"), ("windows", "ms-teams", "Microsoft Teams"),
        ("windows", "WhatsApp", "WhatsApp"), ("windows", "Viber", "Viber"),
        ("windows", "LINE", "LINE"), ("windows", "WeChat", "WeChat"), ("windows", "Skype", "Skype"),
        ("macos", "Discord", "Discord"), ("macos", "Slack", "Slack"),
        ("macos", "Telegram", "Telegram"), ("macos", "Signal", "Signal"),
        ("macos", "Element", "Element (Matrix)"), ("macos", "Microsoft Teams", "Microsoft Teams"),
        ("macos", "MSTeams", "Microsoft Teams"), ("macos", "WhatsApp", "WhatsApp"),
        ("macos", "LINE", "LINE"), ("macos", "Messenger", "Messenger"),
    ],
)  # fmt: skip
def test_native_apps_by_process_name(os_name: str, process: str, expected: str) -> None:
    # The title does not matter for a native client: whatever channel is open, it is Discord.
    result = classifier(os_name).classify(process, "general | Discord")

    assert result is not None
    assert (result.app, result.via) == (expected, "app")


def test_a_process_name_of_another_os_is_not_recognised() -> None:
    assert classifier("windows").classify("telegram-desktop", "Telegram") is None
    assert classifier("linux").classify("Safari", "r/AskReddit") is None


# ------------------------------------------------------------------------ false positives

ORDINARY_PAGES = [
    "notes.txt - Text Editor",
    "Inbox - Gmail",
    "Inbox (3) - alice@example.com - Gmail",
    "Pull request #12 · org/repo",
    "Pull request #12 · org/repo · GitHub",
    "Hacker News clone in Rust · GitHub",
    "reddit - Google Search",
    "Reddit - Google Search",
    "r/AskReddit - Google Search",
    "discord - Search",
    "twitter alternatives at DuckDuckGo",
    "facebook login - Brave Search",
    "youtube - Google Suche",
    "re — Regular expression operations — Python 3.12.1 documentation",
    "Discord (software) - Wikipedia",
    "Reddit - Wikipedia",
    "Mastodon (band) - Wikipedia",
    "Kick (football) - Wikipedia",
    "How Slack changed office work - The Verge",
    "Stack (abstract data type) - Wikipedia",
    "Threads in Java - Baeldung",
    "Element.classList - Web APIs | MDN",
    "Line chart - Matplotlib 3.8 documentation",
    "Teams and channels overview - Microsoft Learn",
    "Meeting notes - Google Docs",
    "Budget 2025 - Google Sheets",
    "YouTube Music",
    "Amazon.com: Online Shopping",
    "Spotify – Web Player",
    "localhost:8000/admin",
    "New Tab",
    "Mozilla Firefox",
    "The X-Files - IMDb",
    "Community Forum Guidelines",
    "Forum (Roman) - Wikipedia",
    "Why I left Facebook",
]


@pytest.mark.parametrize("page", ORDINARY_PAGES)
@pytest.mark.parametrize(("browser", "suffix"), BROWSERS, ids=str)
def test_ordinary_tabs_are_not_communities(browser: str, suffix: str, page: str) -> None:
    assert classifier().classify(browser, suffix.format(page)) is None


@pytest.mark.parametrize(
    ("app", "title"),
    [
        ("gnome-terminal-server", "discord-bot: bash"),
        ("gedit", "notes.txt - Text Editor"),
        ("code", "reddit_scraper.py - bots - Visual Studio Code"),
        ("thunderbird", "Your Discord login code - Inbox - Mozilla Thunderbird"),
        ("konsole", "~/src/slack-bot : zsh — Konsole"),
        ("evince", "Facebook annual report.pdf"),
        ("soffice.bin", "Twitter strategy.odt - LibreOffice Writer"),
        ("obsidian", "Hacker News | Hacker News"),
        ("", ""),
    ],
)
def test_other_apps_are_not_communities_whatever_their_title(app: str, title: str) -> None:
    assert classifier().classify(app, title) is None


# ---------------------------------------------------------------------------- user rules


def test_a_rule_adds_a_community_the_catalog_lacks() -> None:
    chess = UserRule(name="Chess club", category="forum", title_pattern=r"lichess\.org")
    rules = Classifier(shipped("linux"), [chess])

    result = rules.classify("firefox", "Forum • lichess.org — Mozilla Firefox")

    assert result == Classification("Chess club", "forum", "rule")


def test_rules_match_ignoring_case_and_the_first_match_wins() -> None:
    first = UserRule(name="Work chat", category="chat", app_pattern="^SLACK$")
    second = UserRule(name="Any chat", category="chat", app_pattern="slack")
    rules = Classifier(shipped("linux"), [first, second])

    assert name_of(rules.classify("slack", "#random - Slack")) == "Work chat"


def test_a_rule_wins_over_the_catalog() -> None:
    rule = UserRule(
        name="Study group", category="chat", app_pattern="discord", title_pattern="cs101"
    )
    rules = Classifier(shipped("linux"), [rule])

    assert name_of(rules.classify("Discord", "#homework | cs101 - Discord")) == "Study group"
    assert name_of(rules.classify("Discord", "#general | Gaming - Discord")) == "Discord"


def test_an_exclusion_rule_overrides_the_catalog() -> None:
    work = UserRule(name="", category="", app_pattern="slack", counted=False)
    docs = UserRule(name="", category="", title_pattern="Stack Overflow", counted=False)
    rules = Classifier(shipped("linux"), [work, docs])

    assert rules.classify("slack", "#deploys - Acme - Slack") is None
    assert (
        rules.classify("firefox", "python - sort a dict - Stack Overflow — Mozilla Firefox") is None
    )
    assert name_of(rules.classify("Discord", "Discord")) == "Discord"


def test_an_always_active_rule_says_so() -> None:
    call = UserRule(
        name="Teams calls", category="chat", app_pattern="teams", title_pattern="meeting",
        always_active=True,
    )  # fmt: skip
    rules = Classifier(shipped("linux"), [call])

    assert rules.classify("teams", "Meeting with Alice | Microsoft Teams") == Classification(
        "Teams calls", "chat", "rule", always_active=True
    )
    assert rules.classify("teams", "Chat | Alice | Microsoft Teams") == Classification(
        "Microsoft Teams", "chat", "app"
    )


def test_a_disabled_rule_is_ignored() -> None:
    rule = UserRule(name="", category="", app_pattern="discord", counted=False, enabled=False)

    assert name_of(Classifier(shipped("linux"), [rule]).classify("Discord", "x")) == "Discord"


def test_disabled_apps_are_not_counted_natively_or_in_a_browser() -> None:
    rules = Classifier(shipped("linux"), disabled_apps=["Reddit", "discord"])

    assert rules.classify("Discord", "general | Discord") is None
    assert rules.classify("firefox", "r/AskReddit - Reddit — Mozilla Firefox") is None
    assert name_of(rules.classify("firefox", "(3) Home / X — Mozilla Firefox")) == "X (Twitter)"


def test_a_disabled_app_does_not_hand_its_tabs_to_another() -> None:
    rules = Classifier(shipped("linux"), disabled_apps=["Messenger"])

    assert rules.classify("firefox", "Messenger | Facebook — Mozilla Firefox") is None
    assert name_of(rules.classify("firefox", "Marketplace | Facebook — Mozilla Firefox")) == (
        "Facebook"
    )


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (UserRule(name="Bad", category="chat", title_pattern="(unclosed"), "invalid title pattern"),
        (UserRule(name="Bad", category="chat", app_pattern="[z-a]"), "invalid app pattern"),
        (UserRule(name="Empty", category="chat"), "needs an app pattern, a title pattern"),
        (UserRule(name="Odd", category="gaming", app_pattern="steam"), "unknown category"),
        (UserRule(name=" ", category="chat", app_pattern="x"), "needs a name"),
    ],
)  # fmt: skip
def test_invalid_rules_are_refused_with_one_sentence(rule: UserRule, message: str) -> None:
    with pytest.raises(RuleError, match=message) as caught:
        validate_rule(rule)

    assert str(caught.value).endswith(".")
    assert isinstance(caught.value, ValueError)
    with pytest.raises(RuleError):
        Classifier(shipped("linux"), [rule])


def test_an_exclusion_needs_no_category() -> None:
    validate_rule(UserRule(name="", category="", app_pattern="slack", counted=False))


# --------------------------------------------------------------------------- bad catalogs


def catalog_text(**changes: object) -> str:
    """A one-app catalog with ``changes`` applied to its app."""
    app: dict[str, object] = {
        "id": "example",
        "name": "Example",
        "category": "forum",
        "processes": {"linux": ["example"], "windows": ["Example"], "macos": ["Example"]},
        "title_patterns": [r"\| Example$"],
    }
    app.update(changes)
    browser = {"name": "Firefox", "processes": {"linux": ["firefox"]}, "suffix": " — Firefox$"}
    return json.dumps({"apps": [app], "browsers": [browser]})


def test_a_minimal_catalog_parses() -> None:
    catalog = parse_catalog(catalog_text(), "windows")

    assert catalog.apps[0].processes == ("example",)
    assert catalog.browsers[0].processes == ()
    assert name_of(Classifier(catalog).classify("Example", "")) == "Example"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "must be a JSON object"),
        ('{"browsers": []}', "missing the list 'apps'"),
        (catalog_text(name=None), "Catalog app 'example' is missing the text field 'name'"),
        (catalog_text(category="gaming"), "Catalog app 'example' has the unknown category"),
        (catalog_text(title_patterns=["(unclosed"]), "Catalog app 'example'.*invalid pattern"),
        (catalog_text(title_patterns="Example"), "missing the list 'title_patterns'"),
        (catalog_text(processes={"win": ["x"]}), "unknown OS 'win'"),
        (catalog_text(processes=["x"]), "needs 'processes'"),
        (catalog_text(id=""), "Catalog app #1 is missing the text field 'id'"),
        (json.dumps({"apps": [], "browsers": [{"name": "B", "processes": {}, "suffix": "("}]}),
         "Catalog browser 'B'.*invalid pattern"),
        (json.dumps({"apps": [], "browsers": [{"name": "B", "processes": {}}]}),
         "Catalog browser 'B' needs a 'suffix'"),
    ],
)  # fmt: skip
def test_catalog_errors_name_the_entry(text: str, message: str) -> None:
    with pytest.raises(CatalogError, match=message) as caught:
        parse_catalog(text, "linux")

    assert str(caught.value).endswith(".")
    assert "\n" not in str(caught.value)


def test_duplicate_ids_are_refused() -> None:
    app = json.loads(catalog_text())["apps"][0]
    text = json.dumps({"apps": [app, app], "browsers": []})

    with pytest.raises(CatalogError, match="repeats"):
        parse_catalog(text, "linux")


def test_an_unknown_os_is_refused() -> None:
    with pytest.raises(CatalogError, match="Unknown OS"):
        parse_catalog(catalog_text(), "amiga")


# ---------------------------------------------------------------------------------- cache


def test_the_cache_is_bounded() -> None:
    small = Classifier(shipped("linux"), cache_size=8)

    for number in range(100):
        small.classify("firefox", f"Page {number} — Mozilla Firefox")

    assert len(small._cache) == 8


def test_the_cache_does_not_keep_the_classifier_alive() -> None:
    # lru_cache on a method would hold `self` forever; this cache belongs to the instance.
    doomed = Classifier(shipped("linux"))
    doomed.classify("Discord", "general | Discord")
    ref = weakref.ref(doomed)

    del doomed
    gc.collect()

    assert ref() is None


# ------------------------------------------------------------------------------ properties

APP_NAMES = st.sampled_from(
    ["firefox", "chrome", "msedge", "Safari", "epiphany", "Discord", "slack", "code", "", "x"]
)
PIECES = st.sampled_from(
    [
        "Reddit", "r/", "Discord", " | ", " - ", " — ", " / X", "X", "(3) ", "[2] ", "•", ":",
        "Mozilla Firefox", "Google Chrome", MS_EDGE, " and 3 more pages", "Profile 1",
        "Google Search", "YouTube", "@a@b.c", "(@", ")", "Stack Exchange", "\u200e", "$", "\\",
        "Hacker News", "Facebook", "Messenger", "Forums", " on X: \"", "Lemmy.World", "Slack",
    ]
)  # fmt: skip
TITLES = st.one_of(st.text(max_size=200), st.lists(PIECES | st.text(max_size=5)).map("".join))


@settings(max_examples=400, deadline=None)
@given(app=APP_NAMES | st.text(max_size=30), title=TITLES)
def test_classify_never_raises_and_is_deterministic(app: str, title: str) -> None:
    first = Classifier(shipped("linux"), cache_size=0).classify(app, title)

    assert classifier("linux").classify(app, title) == first
    assert classifier("linux").classify(app, title) == first
    assert first is None or first.category in CATEGORIES


@settings(max_examples=200, deadline=None)
@given(windows=st.lists(st.tuples(APP_NAMES, TITLES), max_size=40), size=st.integers(1, 5))
def test_the_cache_gives_the_same_answers_as_no_cache(
    windows: list[tuple[str, str]], size: int
) -> None:
    catalog = shipped("linux")
    cached = Classifier(catalog, cache_size=size)
    uncached = Classifier(catalog, cache_size=0)

    for app, title in windows + windows[::-1]:
        assert cached.classify(app, title) == uncached.classify(app, title)


@settings(max_examples=300, deadline=None)
@given(title=TITLES)
def test_the_substring_gate_never_hides_a_match(title: str) -> None:
    # The classifier skips a regex unless a text every match needs is in the title; check
    # that promise against the regexes themselves.
    catalog = shipped("linux")
    pattern_sets = [app.title_patterns for app in catalog.apps if app.title_patterns]
    pattern_sets += [(browser.suffix,) for browser in catalog.browsers if browser.suffix]
    pattern_sets.append(catalog.search_pages)
    for patterns in pattern_sets:
        gated = _Gated.of(patterns)
        assert gated is not None
        if gated.regex.search(title):
            assert gated.may_match(title), (patterns, title)


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        (r"(^|\s\|\s)Hacker News$", ("Hacker News",)),
        (r"^(Reddit|Lemmy)\b", ("Lemmy", "Reddit")),
        (r"(abc)*\d", None),  # nothing is required: the regex always runs
        (r"(abc)*x", ("x",)),
        (r"(?i)discord", None),  # case-insensitive literals are not required as written
        (r"(?i:discord)|slack", None),
        (r"[Ll]emmy(\.\w+)+", ("emmy",)),
    ],
)  # fmt: skip
def test_required_texts_are_read_off_the_pattern(
    pattern: str, needs: tuple[str, ...] | None
) -> None:
    gated = _Gated.of([pattern])

    assert gated is not None
    assert gated.needs == needs
    assert re.compile(pattern)  # sanity: the cases are valid regexes


# ------------------------------------------------------- a person's patterns run in linear time


def test_a_rule_pattern_cannot_freeze_classification() -> None:
    # (a+)+$ took Python's re 2 s on a 24-character title, doubling per character.
    rule = UserRule(name="As", category="chat", title_pattern="(a+)+$")
    rules = Classifier(shipped("linux"), [rule], cache_size=0)

    assert rules.classify("xterm", "a" * 40 + "!") is None
    assert rules.classify("xterm", "a" * 10_000 + "!") is None
    assert name_of(rules.classify("xterm", "A" * 10_000)) == "As"


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (UserRule(name="Bank", category="chat", title_pattern="(?<!my )bank"), "look-arounds"),
        (UserRule(name="Twice", category="chat", app_pattern=r"(a)\1"), "back-references"),
    ],
)  # fmt: skip
def test_a_rule_pattern_the_linear_engine_cannot_run_is_refused(
    rule: UserRule, message: str
) -> None:
    with pytest.raises(RuleError, match=message) as caught:
        validate_rule(rule)

    assert str(caught.value).endswith(".")


# ------------------------------------------------------------------------ domains (page URLs)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.reddit.com/r/python/", "Reddit"),
        ("https://old.reddit.com/r/python/comments/abc/x/", "Reddit"),
        ("https://i.redd.it/8gk2m1x0bfzd1.jpeg", "Reddit"),
        ("https://WWW.Reddit.COM./r/python", "Reddit"),  # case and a trailing dot
        ("https://user@www.reddit.com:443/", "Reddit"),
        ("https://www.facebook.com/messages/t/123", "Messenger"),  # domain and path segment
        ("https://www.facebook.com/groups/123", "Facebook"),
        ("https://x.com/home", "X (Twitter)"),
        ("https://notreddit.com/r/python", None),
        ("https://reddit.com.example.org/", None),
        ("https://example.org/?u=https://reddit.com/", None),
        ("file:///home/me/reddit.html", None),
        ("about:blank", None),
        ("http://[::1/", None),  # malformed: no site, no error
    ],
)
def test_a_page_url_decides_by_its_exact_domain_and_subdomains(
    url: str, expected: str | None
) -> None:
    assert name_of(Classifier(shipped("linux")).classify_page("firefox", "Untitled", url)) == (
        expected
    )


def test_a_url_of_no_catalog_site_falls_back_to_the_title() -> None:
    found = Classifier(shipped("linux")).classify_page(
        "firefox", "r/python on Reddit: tips", "https://archive.example.org/x"
    )
    assert name_of(found) == "Reddit"


def test_rules_win_over_domains_and_disabled_apps_keep_their_domains() -> None:
    rule = UserRule("Not for me", "", title_pattern="^Login$", counted=False)
    assert (
        Classifier(shipped("linux"), [rule]).classify_page(
            "firefox", "Login", "https://www.reddit.com/login/"
        )
        is None
    )
    # Switching Reddit off does not make its pages count as something else.
    off = Classifier(shipped("linux"), disabled_apps=["Reddit"])
    assert off.classify_page("firefox", "Home / X", "https://www.reddit.com/") is None


@pytest.mark.parametrize(
    "domain", ["Reddit.com", "https://reddit.com", "reddit", "reddit.com:443", "", 3, "a..b"]
)
def test_the_catalog_refuses_a_domain_it_could_not_match(domain: object) -> None:
    data = json.loads(CATALOG_PATH.read_text(encoding="utf-8"))
    data["apps"][0]["domains"] = [domain]
    with pytest.raises(CatalogError, match="domain"):
        parse_catalog(json.dumps(data), "linux")


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("https://music.youtube.com/watch?v=abc", "Song title - YouTube Music"),
        ("https://studio.youtube.com/channel/UC1", "Channel content - YouTube Studio"),
        ("https://developers.facebook.com/docs/graph-api", "Graph API - Documentation"),
        ("https://about.fb.com/news/", "Meta Newsroom"),
        ("https://docs.x.com/x-api/introduction", "Introduction - X"),
        ("https://discord.com/developers/docs/intro", "Discord Developer Portal"),
        ("https://support.discord.com/hc/en-us", "Discord"),
    ],
)
def test_the_parts_of_a_community_domain_that_are_not_the_community_never_count(
    url: str, title: str
) -> None:
    assert Classifier(shipped("linux")).classify_page("firefox", title, url) is None


def test_the_community_itself_still_counts_beside_its_excluded_parts() -> None:
    classifier = Classifier(shipped("linux"))
    assert name_of(classifier.classify_page("firefox", "x", "https://www.youtube.com/")) == (
        "YouTube"
    )
    assert name_of(classifier.classify_page("firefox", "x", "https://discord.com/channels/1")) == (
        "Discord"
    )
