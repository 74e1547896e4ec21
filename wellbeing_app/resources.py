"""Files shipped with the app (catalogs, icons), found the same way installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """The path of a shipped resource, e.g. ``resource_path("icons", "wellbeing.svg")``.

    A wheel carries ``resources/`` inside the package; an editable install or a checkout has it
    beside the package at the top of the repository.
    """
    for base in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        candidate = base.joinpath(*parts)
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"the shipped resource {'/'.join(parts)} is missing")


def read_text(*parts: str) -> str:
    return resource_path(*parts).read_text(encoding="utf-8")
