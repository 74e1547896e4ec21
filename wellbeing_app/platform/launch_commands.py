"""The command that starts the app at login, written and read back in each OS's own syntax.

- a desktop entry's ``Exec`` value (the Desktop Entry spec's quoting and escapes),
- a Windows command line (``subprocess.list2cmdline`` and its inverse, as ``CommandLineToArgvW``),
- a macOS LaunchAgent takes the words as they are.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path

# The option of ``wellbeing gui`` that starts in the tray without showing the window.
HIDDEN_FLAG = "--hidden"

# Characters that force an Exec argument into double quotes (Desktop Entry spec, "The Exec key").
_EXEC_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
# Inside double quotes these four are escaped with a backslash.
_EXEC_ESCAPED = frozenset('"`$\\')


def desktop_exec(command: Sequence[str]) -> str:
    """``command`` as the value of a desktop entry's ``Exec`` key.

    Arguments with reserved characters are double-quoted with ``"`$\\`` backslash-escaped, a
    literal ``%`` is doubled (it starts field codes), and then the whole value gets the string
    escapes every desktop-entry value has (``\\\\`` for a backslash, ``\\n`` for a newline...).
    """
    if not command:
        raise ValueError("an autostart command needs at least the program")
    words = []
    for argument in command:
        word = argument.replace("%", "%%")
        if not word or any(char in _EXEC_RESERVED for char in word):
            escaped = "".join(f"\\{c}" if c in _EXEC_ESCAPED else c for c in word)
            word = f'"{escaped}"'
        words.append(word)
    return escape_value(" ".join(words))


def escape_value(text: str) -> str:
    """``text`` with the string escapes every desktop-entry value has."""
    escaped = (
        text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    )
    return "\\s" + escaped[1:] if escaped.startswith(" ") else escaped


def start_command(
    data_dir: Path | None = None,
    *,
    executable: str = sys.executable,
    frozen: bool | None = None,
    platform: str = sys.platform,
) -> list[str]:
    """The command that opens the app, for ``Autostart.enable``.

    Args:
        data_dir: passed as ``--data-dir`` when the app runs on a folder other than the default.
        executable: the running interpreter (or the frozen app).
        frozen: the app is a bundled executable rather than Python running the package
            (default: ``sys.frozen``, which bundlers such as PyInstaller set).
        platform: ``sys.platform``; on Windows ``pythonw.exe`` is preferred so no console opens.
    """
    program = executable
    if platform == "win32" and Path(program).name.lower() == "python.exe":
        windowless = Path(program).with_name("pythonw.exe")
        if windowless.exists():
            program = str(windowless)
    if frozen is None:
        frozen = bool(getattr(sys, "frozen", False))
    command = [program] if frozen else [program, "-m", "wellbeing_app"]
    command.append("gui")
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return command


_VALUE_ESCAPES = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}


def exec_words(value: str) -> list[str] | None:
    """The command an ``Exec`` value runs: the inverse of ``desktop_exec``.

    None when the value does not parse (an unbalanced quote, say): such an entry is left alone.
    """
    text = re.sub(r"\\(.)", lambda m: _VALUE_ESCAPES.get(m[1], m[0]), value)
    words: list[str] = []
    word: list[str] = []
    in_word = quoted = False
    position = 0
    while position < len(text):
        char = text[position]
        position += 1
        if quoted:
            if char == "\\" and position < len(text) and text[position] in _EXEC_ESCAPED:
                word.append(text[position])
                position += 1
            elif char == '"':
                quoted = False
            else:
                word.append(char)
        elif char in " \t\n":
            if in_word:
                words.append("".join(word).replace("%%", "%"))
            word, in_word = [], False
        else:
            quoted = char == '"'
            if not quoted:
                word.append(char)
            in_word = True
    if quoted:
        return None
    if in_word:
        words.append("".join(word).replace("%%", "%"))
    return words or None


def windows_words(command_line: str) -> list[str]:
    """A Windows command line split as ``CommandLineToArgvW`` does: the inverse of
    ``subprocess.list2cmdline``."""
    words: list[str] = []
    word: list[str] = []
    in_word = quoted = False
    backslashes = 0
    for char in command_line:
        if char == "\\":
            backslashes += 1
            in_word = True
            continue
        if char == '"':
            word.append("\\" * (backslashes // 2))
            if backslashes % 2:
                word.append('"')
            else:
                quoted = not quoted
            backslashes = 0
            in_word = True
            continue
        word.append("\\" * backslashes)
        backslashes = 0
        if char in " \t" and not quoted:
            if in_word:
                words.append("".join(word))
            word, in_word = [], False
        else:
            word.append(char)
            in_word = True
    word.append("\\" * backslashes)
    if in_word:
        words.append("".join(word))
    return words


def with_hidden_flag(command: Sequence[str], hidden: bool) -> list[str]:
    """``command`` ending in ``--hidden`` when ``hidden``, without it otherwise.

    Only a command that opens the window (``... gui``) takes the flag.
    """
    words = [word for word in command if word != HIDDEN_FLAG]
    if hidden and "gui" in words:
        words.append(HIDDEN_FLAG)
    return words
