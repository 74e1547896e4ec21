"""The command line's shape: every subcommand, option and help text."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from wellbeing_app import __version__
from wellbeing_app.core.errors import InvalidInput


class UsageError(InvalidInput):
    """A command line that does not parse."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one sentence and exit code 2, never usage dumps."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message[0].upper()}{message[1:]} (see '{self.prog} --help').")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            sys.stderr.write(message)
        raise SystemExit(status)


def _data_dir_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        # Only the top level sets a default, so "wellbeing --data-dir D usage" and
        # "wellbeing usage --data-dir D" both work.
        default=None if top else argparse.SUPPRESS,
        help="folder holding wellbeing.db (default: $WELLBEING_DATA_DIR or the platform's "
        "per-user data folder)",
    )


def _verbose_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    parser.add_argument(
        "--verbose",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="log details (DEBUG) to the log file and to standard error",
    )


def _json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print plain JSON for scripts")


def _range_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from", dest="first", metavar="YYYY-MM-DD", help="first day (default: today)"
    )
    parser.add_argument(
        "--to", dest="last", metavar="YYYY-MM-DD", help="last day (default: --from)"
    )


def build_parser() -> Parser:
    parser = Parser(
        prog="wellbeing",
        description="Wellbeing: time in online communities, mood, gratitude and kind breaks, "
        "kept on this computer only. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"wellbeing {__version__}")
    _data_dir_option(parser, top=True)
    _verbose_option(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(name: str, help: str) -> Parser:
        sub: Parser = commands.add_parser(name, help=help, description=help)
        _data_dir_option(sub, top=False)
        return sub

    gui = command("gui", "open the desktop app (the default when no command is given)")
    _verbose_option(gui, top=False)
    gui.add_argument(
        "--demo",
        action="store_true",
        help="open a throw-away data folder filled with 60 days of sample data",
    )
    gui.add_argument(
        "--hidden",
        action="store_true",
        help="start in the tray without opening the window (as at login); the window opens "
        "anyway when there is no tray or the welcome is not finished",
    )

    demo = command("demo", "fill an empty data folder with realistic sample data")
    demo.add_argument("--days", type=int, default=60, help="how many days (default 60)")
    demo.add_argument("--seed", type=int, default=7, help="random seed (default 7)")

    track = command("track", "track time in online communities without a window, until stopped")
    _verbose_option(track, top=False)
    track.add_argument(
        "--interval",
        type=float,
        metavar="S",
        help="seconds between samples (default: the poll_interval_seconds setting)",
    )
    pausing = track.add_mutually_exclusive_group()
    pausing.add_argument(
        "--pause",
        type=float,
        metavar="MINUTES",
        help="pause tracking (also a running tracker's) for MINUTES, then exit",
    )
    pausing.add_argument("--resume", action="store_true", help="resume paused tracking, then exit")

    rules = command("rules", "your own rules for what counts as an online community")
    _json_option(rules)
    rule_commands = rules.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    for verb, help_text in (
        ("add", "add a rule (regular expressions on app and title)"),
        ("edit", "change a rule"),
    ):
        rule = rule_commands.add_parser(verb, help=help_text)
        _data_dir_option(rule, top=False)
        if verb == "edit":
            rule.add_argument("id", type=int, help="the rule's number (see 'wellbeing rules')")
            rule.add_argument("--name", help="record matching windows as this name")
        else:
            rule.add_argument("name", help="record matching windows as this name")
        rule.add_argument(
            "--category", help="chat, social feed, forum, video community or professional network"
        )
        rule.add_argument(
            "--app",
            dest="app_pattern",
            metavar="REGEX",
            help="regular expression on the program's name",
        )
        rule.add_argument(
            "--title",
            dest="title_pattern",
            metavar="REGEX",
            help="regular expression on the window title",
        )
        rule.add_argument(
            "--always-active",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="count the window even while you are idle (a call, a stream)",
        )
        rule.add_argument(
            "--counted",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="--no-counted: matching windows are not a community for you",
        )
    for verb, help_text in (
        ("enable", "use a rule again"),
        ("disable", "keep a rule but not use it"),
        ("remove", "delete a rule"),
    ):
        rule = rule_commands.add_parser(verb, help=help_text)
        _data_dir_option(rule, top=False)
        rule.add_argument("id", type=int)

    export = command("export", "write all your data as CSV or JSON files, with a manifest")
    export.add_argument("--format", choices=("csv", "json"), required=True)
    export.add_argument("--out", metavar="DIR", required=True, help="a new or empty folder")
    export.add_argument(
        "--dry-run", action="store_true", help="show what the export would hold; write nothing"
    )
    _json_option(export)

    report = command("report", "the summary to take to your therapist, as a PDF")
    report.add_argument(
        "--from",
        dest="first",
        metavar="YYYY-MM-DD",
        help="first day (default: four weeks before --to); a day before the first entry is "
        "moved to it, with a note",
    )
    report.add_argument("--to", dest="last", metavar="YYYY-MM-DD", help="last day (default: today)")
    report.add_argument("--out", metavar="FILE.pdf", required=True, help="a new .pdf file")
    report.add_argument(
        "--include",
        metavar="SECTION,...",
        help="sections: cover, checkins, mood, usage, limits_breaks, activities, "
        "associations, questions, calendar (default: all but questions)",
    )
    report.add_argument(
        "--exclude-notes", action="store_true", help="leave your notes out (the default)"
    )
    report.add_argument(
        "--include-notes", action="store_true", help="include your notes (not with --exclude-notes)"
    )
    report.add_argument(
        "--include-gratitude", action="store_true", help="include the text of your good things"
    )
    report.add_argument(
        "--categories-only",
        action="store_true",
        help="name kinds of app (chat, forum…) instead of apps",
    )
    report.add_argument("--days-only", action="store_true", help="no times of day")
    report.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")

    backup = command("backup", "copy the database into the data folder's 'backups' folder now")
    backup_choice = backup.add_mutually_exclusive_group()
    backup_choice.add_argument("--list", action="store_true", help="list the backups")
    backup_choice.add_argument(
        "--restore",
        metavar="FILE",
        help="replace the database with a backup (the current one is kept aside)",
    )
    _json_option(backup)

    importing = command(
        "import", "bring in data from ActivityWatch or Daylio, or restore an export"
    )
    import_commands = importing.add_subparsers(
        dest="action", metavar="SOURCE", parser_class=Parser, required=True
    )
    aw = import_commands.add_parser(
        "activitywatch", help="an ActivityWatch 'export all buckets' JSON file"
    )
    _data_dir_option(aw, top=False)
    aw.add_argument("file", metavar="FILE")
    daylio = import_commands.add_parser("daylio", help="a Daylio CSV export")
    _data_dir_option(daylio, top=False)
    daylio.add_argument("file", metavar="FILE")
    daylio.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="NAME=SCORE",
        help="score (1-5) for a renamed mood, e.g. --map superb=5; repeatable",
    )
    restore = import_commands.add_parser(
        "backup", help="restore a 'wellbeing export' folder into an empty data folder"
    )
    _data_dir_option(restore, top=False)
    restore.add_argument("dir", metavar="DIR")

    usage = command("usage", "time spent in online communities")
    _range_options(usage)
    usage.add_argument(
        "--by",
        choices=("app", "category", "day"),
        default="app",
        help="group by app (default), category or day",
    )
    _json_option(usage)

    status = command(
        "status",
        "today at a glance, for status bars: the total, the top app and the nearest limit",
    )
    status_form = status.add_mutually_exclusive_group()
    status_form.add_argument(
        "--json", action="store_true", help="print a small JSON object instead of one line"
    )
    status_form.add_argument(
        "--waybar",
        action="store_true",
        help="print one line of JSON for waybar's custom module (text, tooltip, class)",
    )

    mood = command("mood", "mood check-ins")
    mood_commands = mood.add_subparsers(
        dest="action", metavar="ACTION", parser_class=Parser, required=True
    )
    mood_add = mood_commands.add_parser("add", help="log how you feel, 1 (awful) to 5 (great)")
    _data_dir_option(mood_add, top=False)
    mood_add.add_argument("score", help="1 awful, 2 bad, 3 okay, 4 good, 5 great")
    mood_add.add_argument("--energy", help="energy from 1 (drained) to 5 (buzzing)")
    mood_add.add_argument("--note", default="", help="a short note")
    mood_add.add_argument("--tags", default="", help="comma-separated feelings or tags")
    mood_list = mood_commands.add_parser("list", help="list mood check-ins")
    _data_dir_option(mood_list, top=False)
    _range_options(mood_list)
    _json_option(mood_list)

    gratitude = command("gratitude", "three good things")
    gratitude_commands = gratitude.add_subparsers(
        dest="action", metavar="ACTION", parser_class=Parser, required=True
    )
    gratitude_add = gratitude_commands.add_parser(
        "add", help="today's good things (one to three, each in quotes)"
    )
    _data_dir_option(gratitude_add, top=False)
    gratitude_add.add_argument("items", nargs="+", metavar="TEXT")
    gratitude_list = gratitude_commands.add_parser("list", help="list gratitude entries")
    _data_dir_option(gratitude_list, top=False)
    _range_options(gratitude_list)
    _json_option(gratitude_list)

    checkin = command("checkin", "well-being check-ins (screening, not diagnosis)")
    checkin_commands = checkin.add_subparsers(
        dest="questionnaire", metavar="QUESTIONNAIRE", parser_class=Parser, required=True
    )
    who5 = checkin_commands.add_parser(
        "who5", help="WHO-5: five answers from 0 (at no time) to 5 (all of the time)"
    )
    _data_dir_option(who5, top=False)
    who5.add_argument("answers", nargs=5, metavar="ANSWER")
    _json_option(who5)
    for name, count, title in (("phq9", 9, "PHQ-9 (mood)"), ("gad7", 7, "GAD-7 (anxiety)")):
        clinical = checkin_commands.add_parser(
            name, help=f"{title}: {count} answers from 0 (not at all) to 3 (nearly every day)"
        )
        _data_dir_option(clinical, top=False)
        clinical.add_argument("answers", nargs=count, metavar="ANSWER")
        clinical.add_argument(
            "--difficulty",
            metavar="0-3",
            help="how difficult these problems have made things (not scored)",
        )
        _json_option(clinical)

    command("help-now", "crisis lines and where to find support, right now")

    suggest = command("suggest", "offline things to do right now")
    suggest.add_argument(
        "--minutes", help="minutes you have (not given: ideas of up to 30 minutes)"
    )
    _json_option(suggest)

    limits = command("limits", "daily limits and how today stands against them")
    _json_option(limits)
    limit_commands = limits.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    limit_set = limit_commands.add_parser("set", help="set a daily limit for an app or category")
    _data_dir_option(limit_set, top=False)
    limit_set.add_argument("target", help="a community app (Reddit) or a category (social feed)")
    limit_set.add_argument("minutes", help="minutes a day")
    limit_set.add_argument(
        "--weekdays",
        default="",
        help="only on these days, e.g. sat,sun or mon-fri (default: every day)",
    )
    limit_remove = limit_commands.add_parser("remove", help="remove the limits for a target")
    _data_dir_option(limit_remove, top=False)
    limit_remove.add_argument("target")

    settings = command("settings", "show or change settings")
    _json_option(settings)
    settings_commands = settings.add_subparsers(
        dest="action", metavar="ACTION", parser_class=Parser
    )
    setting_set = settings_commands.add_parser("set", help="change a setting")
    _data_dir_option(setting_set, top=False)
    setting_set.add_argument("name")
    setting_set.add_argument(
        "values",
        nargs="*",
        metavar="VALUE",
        help="one value, several for a list, none to empty a list",
    )
    setting_reset = settings_commands.add_parser("reset", help="put a setting back to its default")
    _data_dir_option(setting_reset, top=False)
    setting_reset.add_argument("name")

    completion = commands.add_parser(
        "completion",
        help="print a shell completion script (see the README to install it)",
        description="print a shell completion script (see the README to install it)",
    )
    completion.add_argument("shell", choices=("bash", "zsh", "fish"))
    return parser
