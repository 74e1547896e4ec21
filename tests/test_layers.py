"""Layer rules import-linter cannot express: only ui/ and the composition root use QtWidgets."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "wellbeing_app"
ALLOWED = {"ui", "desktop.py"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_only_ui_and_the_composition_root_import_qtwidgets() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).parts[0] not in ALLOWED
        and any(name.startswith("PySide6.QtWidgets") for name in _imports(path))
    ]
    assert offenders == []


def test_the_check_sees_qtwidgets_where_it_is() -> None:
    assert any(
        name.startswith("PySide6.QtWidgets") for name in _imports(PACKAGE / "ui" / "main_window.py")
    )
