"""``wellbeing completion bash|zsh|fish``: scripts generated from the real parser.

The bash script is sourced in a real bash and its function called as bash calls it on Tab. zsh
and fish are not installed here: their scripts are checked by content only.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

from wellbeing_app.cli import main
from wellbeing_app.cli.parser import build_parser
from wellbeing_app.core.clock import FixedClock


def script(capsys: pytest.CaptureFixture[str], clock: FixedClock, shell: str) -> str:
    code = main(["completion", shell], clock=clock)
    out = capsys.readouterr().out
    assert code == 0
    return out


def complete(script_path: Path, *words: str, cwd: Path | None = None) -> list[str]:
    """COMPREPLY after Tab with the cursor on the last of ``words``."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    program = (
        f"source {script_path}\n"
        'COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n'
        "_wellbeing\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        [bash, "--norc", "--noprofile", "-c", program, "bash", *words],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
        timeout=30,
    )
    assert result.stderr == ""
    return [line for line in result.stdout.splitlines() if line]


@pytest.fixture
def bash_script(capsys: pytest.CaptureFixture[str], clock: FixedClock, tmp_path: Path) -> Path:
    path = tmp_path / "wellbeing.bash"
    path.write_text(script(capsys, clock, "bash"))
    return path


def test_bash_completes_subcommands_actions_and_flags(bash_script: Path) -> None:
    assert complete(bash_script, "wellbeing", "mo") == ["mood"]
    assert complete(bash_script, "wellbeing", "mood", "") == ["add", "list"]
    assert complete(bash_script, "wellbeing", "report", "--fr") == ["--from"]
    assert complete(bash_script, "wellbeing", "export", "--format", "") == ["csv", "json"]
    # An option's value is skipped on the way: the command is still found after it.
    assert complete(bash_script, "wellbeing", "--data-dir", "d", "checkin", "w") == ["who5"]
    assert complete(bash_script, "wellbeing", "checkin", "who5", "--j") == ["--json"]


def test_bash_completes_files_and_folders_as_paths(bash_script: Path, tmp_path: Path) -> None:
    (tmp_path / "export-folder").mkdir()
    (tmp_path / "export.csv").write_text("")
    found = complete(bash_script, "wellbeing", "import", "daylio", "exp", cwd=tmp_path)
    assert sorted(found) == ["export-folder", "export.csv"]
    assert complete(bash_script, "wellbeing", "import", "backup", "exp", cwd=tmp_path) == [
        "export-folder"
    ]
    assert complete(bash_script, "wellbeing", "export", "--out", "exp", cwd=tmp_path) == [
        "export-folder"
    ]
    assert complete(bash_script, "wellbeing", "mood", "add", "--note", "exp", cwd=tmp_path) == []


def test_every_subcommand_of_the_parser_is_in_every_script(
    capsys: pytest.CaptureFixture[str], clock: FixedClock
) -> None:
    parser = build_parser()
    names = next(a for a in parser._actions if a.dest == "command").choices
    assert names is not None and "completion" in names
    for shell in ("bash", "zsh", "fish"):
        text = script(capsys, clock, shell)
        for name in names:
            assert name in text, (shell, name)


def test_zsh_script_runs_the_bash_function_through_bashcompinit(
    capsys: pytest.CaptureFixture[str], clock: FixedClock
) -> None:
    text = script(capsys, clock, "zsh")
    assert text.startswith("# zsh completion for wellbeing")
    assert "bashcompinit" in text
    assert "_wellbeing_commands[wellbeing.mood]='add list'" in text
    assert text.rstrip().endswith("complete -o filenames -o bashdefault -F _wellbeing wellbeing")


def test_fish_script_names_actions_flags_choices_and_paths(
    capsys: pytest.CaptureFixture[str], clock: FixedClock
) -> None:
    text = script(capsys, clock, "fish")
    lines = text.splitlines()
    mood = "'test \"$(__wellbeing_path)\" = '\"'\"'wellbeing mood'\"'\"''"
    assert any(line.startswith(f"complete -c wellbeing -n {mood} -a add") for line in lines)
    assert any("-l format" in line and "-x -a 'csv json'" in line for line in lines)
    assert any("-l data-dir" in line and line.endswith("-r -F") for line in lines)
    assert "function __wellbeing_path" in text


def test_an_unknown_shell_is_one_sentence_and_exit_2(
    capsys: pytest.CaptureFixture[str], clock: FixedClock
) -> None:
    assert main(["completion", "tcsh"], clock=clock) == 2
    err = capsys.readouterr().err
    assert "tcsh" in err and len(err.strip().splitlines()) == 1
