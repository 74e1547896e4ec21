"""Shell completion scripts for bash, zsh and fish, generated from the real argparse parser.

``wellbeing completion bash`` walks ``build_parser()``: every subcommand, its actions, its flags,
the choices a flag takes, and which arguments name files or folders (those complete as paths).
The scripts hold that as data, so they never run Python while a person presses Tab.
"""

from __future__ import annotations

import argparse
import shlex
from dataclasses import dataclass, field

SHELLS = ("bash", "zsh", "fish")

# Arguments (by dest) that name files or folders; a metavar of DIR makes it a folder.
_PATH_DESTS = frozenset({"data_dir", "out", "dir", "file", "restore"})


@dataclass
class _Node:
    """One command (``wellbeing``, ``wellbeing mood``, ``wellbeing mood add``)."""

    path: str
    commands: dict[str, str] = field(default_factory=dict)  # name -> help
    flags: dict[str, str] = field(default_factory=dict)  # flag -> help
    values: dict[str, str] = field(default_factory=dict)  # flag taking a value -> its kind
    positional: str = ""  # kind of the positional arguments: "file", "dir" or ""


def _kind(action: argparse.Action) -> str:
    """What a value completes as: ``file``, ``dir``, ``choices:a b`` or ``""`` (free text)."""
    if action.choices is not None and not isinstance(action, argparse._SubParsersAction):
        return "choices:" + " ".join(str(choice) for choice in action.choices)
    if action.dest in _PATH_DESTS:
        return "dir" if action.metavar == "DIR" else "file"
    return ""


def _walk(parser: argparse.ArgumentParser, path: str, nodes: list[_Node]) -> None:
    node = _Node(path)
    nodes.append(node)
    children: list[tuple[str, argparse.ArgumentParser]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, sub in action.choices.items():
                node.commands[name] = helps.get(name, "")
                children.append((name, sub))
        elif action.option_strings:
            help_text = "" if action.help == argparse.SUPPRESS else action.help or ""
            for flag in action.option_strings:
                if flag.startswith("--"):
                    node.flags[flag] = help_text
                    if action.nargs != 0:
                        node.values[flag] = _kind(action)
        elif _kind(action) in ("file", "dir"):
            node.positional = _kind(action)
    for name, sub in children:
        _walk(sub, f"{path} {name}", nodes)


def _nodes(parser: argparse.ArgumentParser) -> list[_Node]:
    nodes: list[_Node] = []
    _walk(parser, parser.prog, nodes)
    return nodes


def completion_script(shell: str, parser: argparse.ArgumentParser) -> str:
    """The completion script for ``shell`` (one of ``SHELLS``)."""
    if shell == "bash":
        return _bash(parser)
    if shell == "zsh":
        return _zsh(parser)
    return _fish(parser)


def _bash_tables(parser: argparse.ArgumentParser) -> list[str]:
    lines = [
        "declare -gA _wellbeing_commands _wellbeing_flags _wellbeing_values _wellbeing_positional"
    ]
    for node in _nodes(parser):
        key = node.path.replace(" ", ".")  # names and flags are [a-z0-9-]: no quoting needed
        lines.append(f"_wellbeing_commands[{key}]={shlex.quote(' '.join(node.commands))}")
        lines.append(f"_wellbeing_flags[{key}]={shlex.quote(' '.join(node.flags))}")
        lines.append(f"_wellbeing_positional[{key}]={shlex.quote(node.positional)}")
        for flag, kind in node.values.items():
            lines.append(f"_wellbeing_values[{key}.{flag}]={shlex.quote(kind)}")
    return lines


_BASH_FUNCTION = r"""
_wellbeing() {
    local cur="${COMP_WORDS[COMP_CWORD]}" path="wellbeing" word kind i
    COMPREPLY=()
    for (( i = 1; i < COMP_CWORD; i++ )); do
        word="${COMP_WORDS[i]}"
        if [[ -n "${_wellbeing_values["$path.$word"]+set}" ]]; then
            (( i++ ))  # the flag's value
        elif [[ " ${_wellbeing_commands["$path"]} " == *" $word "* ]]; then
            path="$path.$word"
        fi
    done
    if (( COMP_CWORD > 1 )); then
        word="${COMP_WORDS[COMP_CWORD-1]}"
        if [[ -n "${_wellbeing_values["$path.$word"]+set}" ]]; then
            kind="${_wellbeing_values["$path.$word"]}"
            case "$kind" in
                file) COMPREPLY=( $(compgen -f -- "$cur") ) ;;
                dir) COMPREPLY=( $(compgen -d -- "$cur") ) ;;
                choices:*) COMPREPLY=( $(compgen -W "${kind#choices:}" -- "$cur") ) ;;
            esac
            return 0
        fi
    fi
    if [[ "$cur" == -* ]]; then
        COMPREPLY=( $(compgen -W "${_wellbeing_flags["$path"]}" -- "$cur") )
    elif [[ -n "${_wellbeing_commands["$path"]}" ]]; then
        COMPREPLY=( $(compgen -W "${_wellbeing_commands["$path"]}" -- "$cur") )
    elif [[ "${_wellbeing_positional["$path"]}" == file ]]; then
        COMPREPLY=( $(compgen -f -- "$cur") )
    elif [[ "${_wellbeing_positional["$path"]}" == dir ]]; then
        COMPREPLY=( $(compgen -d -- "$cur") )
    fi
    return 0
}
"""


def _bash(parser: argparse.ArgumentParser) -> str:
    return "\n".join(
        [
            "# bash completion for wellbeing (generated by 'wellbeing completion bash')",
            *_bash_tables(parser),
            _BASH_FUNCTION.strip(),
            "complete -o filenames -o bashdefault -F _wellbeing wellbeing",
            "",
        ]
    )


def _zsh(parser: argparse.ArgumentParser) -> str:
    # zsh runs the bash function through its bashcompinit layer (0-based arrays, compgen).
    return "\n".join(
        [
            "# zsh completion for wellbeing (generated by 'wellbeing completion zsh')",
            "autoload -U +X bashcompinit && bashcompinit",
            *_bash_tables(parser),
            _BASH_FUNCTION.strip(),
            "complete -o filenames -o bashdefault -F _wellbeing wellbeing",
            "",
        ]
    )


_FISH_FUNCTION = r"""
function __wellbeing_path --description 'the wellbeing command being typed'
    set -l path wellbeing
    set -l tokens (commandline -opc)
    for token in $tokens[2..-1]
        if contains -- "$path $token" $__wellbeing_paths
            set path "$path $token"
        end
    end
    echo $path
end
"""


def _fish(parser: argparse.ArgumentParser) -> str:
    nodes = _nodes(parser)
    lines = [
        "# fish completion for wellbeing (generated by 'wellbeing completion fish')",
        "complete -c wellbeing -f",
        "set -g __wellbeing_paths " + " ".join(shlex.quote(node.path) for node in nodes),
        _FISH_FUNCTION.strip(),
    ]
    for node in nodes:
        at = shlex.quote(f'test "$(__wellbeing_path)" = {shlex.quote(node.path)}')
        for name, help_text in node.commands.items():
            lines.append(
                f"complete -c wellbeing -n {at} -a {shlex.quote(name)} -d {shlex.quote(help_text)}"
            )
        for flag, help_text in node.flags.items():
            option = f"complete -c wellbeing -n {at} -l {flag[2:]} -d {shlex.quote(help_text)}"
            kind = node.values.get(flag)
            if kind in ("file", "dir"):
                option += " -r -F"
            elif kind is not None and kind.startswith("choices:"):
                option += f" -x -a {shlex.quote(kind.removeprefix('choices:'))}"
            elif kind is not None:
                option += " -x"
            lines.append(option)
        if node.positional:
            lines.append(f"complete -c wellbeing -n {at} -F")
    return "\n".join(lines) + "\n"
