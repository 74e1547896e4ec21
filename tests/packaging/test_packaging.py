"""The packaging files agree with each other and with the package (no build needed).

One app id everywhere, one version everywhere, and every file the .deb installs exists. The
validators run too when they are installed (CI installs them: desktop-file-utils, appstream).
"""

from __future__ import annotations

import configparser
import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

import wellbeing_app
from wellbeing_app import APP_ID, __version__
from wellbeing_app.platform import autostart

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
DESKTOP_FILE = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
FLATPAK = PACKAGING / f"{APP_ID}.yml"


def load_stage() -> ModuleType:
    spec = importlib.util.spec_from_file_location("wellbeing_stage", PACKAGING / "stage.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def stage() -> ModuleType:
    return load_stage()


@pytest.fixture(scope="module")
def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(DESKTOP_FILE.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


@pytest.fixture(scope="module")
def metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


# ---------------------------------------------------------------------------- one app id


def test_the_app_id_is_reverse_dns_and_names_the_desktop_file_and_metainfo() -> None:
    assert re.fullmatch(r"[a-z]+(\.[a-z][a-z0-9]*)+\.[A-Z][A-Za-z0-9]*", APP_ID)
    assert DESKTOP_FILE.is_file()
    assert METAINFO.is_file()
    assert FLATPAK.is_file()


def test_the_menu_entry_uses_the_app_id_and_runs_the_installed_command(
    desktop_entry: configparser.SectionProxy, stage: ModuleType
) -> None:
    assert desktop_entry["Icon"] == APP_ID
    program = desktop_entry["Exec"].split()[0]
    assert program == desktop_entry["TryExec"] == stage.PACKAGE == "wellbeing"


def test_the_metainfo_uses_the_app_id_everywhere(metainfo: ET.Element) -> None:
    assert metainfo.get("type") == "desktop-application"
    assert metainfo.findtext("id") == APP_ID
    assert metainfo.findtext("launchable[@type='desktop-id']") == f"{APP_ID}.desktop"
    assert metainfo.findtext("provides/binary") == "wellbeing"
    assert metainfo.findtext("project_license") == "MIT"


def test_start_at_login_and_the_launch_agent_use_the_app_id() -> None:
    assert f"{APP_ID}.desktop" == autostart.DESKTOP_FILE_NAME
    assert autostart.LAUNCH_AGENT_LABEL == APP_ID
    assert autostart.Autostart("linux", environ={}, home=Path("/h")).location.endswith(
        f"/autostart/{APP_ID}.desktop"
    )


def test_the_desktop_app_and_windows_use_the_app_id() -> None:
    source = (ROOT / "wellbeing_app" / "desktop.py").read_text(encoding="utf-8")
    assert "setDesktopFileName(APP_ID)" in source
    assert "set_windows_app_id()" in source
    spec = (PACKAGING / "wellbeing.spec").read_text(encoding="utf-8")
    assert "bundle_identifier=APP_ID" in spec


def test_the_installed_icons_are_named_after_the_app_id(stage: ModuleType) -> None:
    icons = [f.path for f in stage.installed_files() if f.path.startswith("usr/share/icons/")]
    sizes = {f"{size}x{size}" for size in stage.ICON_SIZES}
    assert sizes == {"16x16", "22x22", "24x24", "32x32", "48x48", "64x64", "128x128"} | {
        "256x256",
        "512x512",
    }
    for size in sizes:
        assert f"usr/share/icons/hicolor/{size}/apps/{APP_ID}.png" in icons
    assert f"usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg" in icons
    assert f"usr/share/icons/hicolor/symbolic/apps/{APP_ID}-symbolic.svg" in icons
    assert all(Path(icon).stem in (APP_ID, f"{APP_ID}-symbolic") for icon in icons)


def test_the_flatpak_manifest_uses_the_same_id_files_and_no_network() -> None:
    text = FLATPAK.read_text(encoding="utf-8")
    assert re.search(r"^id: (\S+)$", text, re.M)[1] == APP_ID  # type: ignore[index]
    assert re.search(r"^command: (\S+)$", text, re.M)[1] == "wellbeing"  # type: ignore[index]
    assert re.search(r"^base: (\S+)$", text, re.M)[1] == "io.qt.PySide.BaseApp"  # type: ignore[index]
    args = re.findall(r"^  - (--\S+)", text, re.M)
    assert "--share=network" not in args
    assert "--talk-name=org.freedesktop.Notifications" not in args
    assert {"--socket=wayland", "--socket=fallback-x11", "--share=ipc"} <= set(args)
    for name in (f"{APP_ID}.desktop", f"{APP_ID}.metainfo.xml", f"{APP_ID}.svg"):
        assert name in text
    for source in re.findall(r"install -Dm644 (\S+)", text):
        assert (ROOT / source).is_file(), source


def test_the_flatpak_python_modules_are_the_package_dependencies() -> None:
    def name(requirement: str) -> str:
        return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].strip().lower()

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    needed = {
        name(r)
        for r in project["dependencies"]
        if "darwin" not in r and "win32" not in r and not name(r).startswith("pyside6")
    }
    lines = (PACKAGING / "flatpak" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    listed = {name(line) for line in lines if line.strip() and not line.startswith("#")}
    assert listed == needed | {"hatchling"}


# ------------------------------------------------------------------------- one version


def test_the_version_is_written_once_and_read_by_pyproject() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"]
    assert pyproject["project"]["dynamic"] == ["version"]
    assert pyproject["tool"]["hatch"]["version"]["path"] == "wellbeing_app/__init__.py"
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_the_metainfo_newest_release_is_the_package_version_and_in_the_changelog(
    metainfo: ET.Element,
) -> None:
    releases = metainfo.findall("releases/release")
    assert releases
    newest = releases[0]
    assert newest.get("version") == __version__
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (\S+) - (\d{4}-\d{2}-\d{2})$", changelog, re.M)
    assert headings[0] == (__version__, newest.get("date"))
    assert [r.get("version") for r in releases] == [version for version, _ in headings]
    assert "## Unreleased" in changelog


def test_the_license_is_at_the_root_and_named_in_the_wheel() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == "MIT"
    assert pyproject["project"]["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "The Wellbeing developers" in text


def test_wellbeing_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    from wellbeing_app.cli import main

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"wellbeing {wellbeing_app.__version__}"


# -------------------------------------------------------------- what the .deb installs


def test_every_file_the_deb_installs_exists(stage: ModuleType) -> None:
    files = stage.installed_files()
    paths = [f.path for f in files]
    assert len(paths) == len(set(paths))
    for item in files:
        assert item.source is not None or item.size is not None
        if item.source is not None:
            assert item.source.is_file(), item.source
    for svg in (stage.APP_ICON, stage.SYMBOLIC_ICON):
        root = ET.parse(svg).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert (ROOT / "packaging" / "wellbeing_main.py").is_file()
    for standard in ("usr/share/applications/", "usr/share/metainfo/", "usr/share/icons/hicolor/"):
        assert any(path.startswith(standard) for path in paths)


def test_the_deb_lays_out_every_file_it_lists(stage: ModuleType, tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "wellbeing").write_text("#!/bin/sh\n")
    root = tmp_path / "root"
    written = set(stage.stage(root, bundle))
    assert written == {f.path for f in stage.installed_files()} | {
        "usr/bin/wellbeing",
        "usr/lib/wellbeing",
    }
    assert (root / "usr/bin/wellbeing").resolve() == (root / "usr/lib/wellbeing/wellbeing")
    png = root / f"usr/share/icons/hicolor/48x48/apps/{APP_ID}.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png.read_bytes()[16:20], "big") == 48  # IHDR width


def test_every_screenshot_in_the_metainfo_is_one_of_docs_screenshots(
    metainfo: ET.Element,
) -> None:
    images = metainfo.findall("screenshots/screenshot/image")
    assert len(images) >= 3
    for image in images:
        assert image.text is not None and image.text.startswith("https://")
        shot = ROOT / "docs" / "screenshots" / image.text.rsplit("/", 1)[1]
        assert shot.is_file(), shot
        header = shot.read_bytes()[16:24]
        assert (int.from_bytes(header[:4], "big"), int.from_bytes(header[4:], "big")) == (
            int(image.get("width", 0)),
            int(image.get("height", 0)),
        )


# --------------------------------------------------------------- the validators, when here


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils missing")
def test_the_menu_entry_validates() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP_FILE)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream missing")
def test_the_metainfo_validates() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_the_packaging_scripts_parse() -> None:
    assert subprocess.run(["bash", "-n", str(PACKAGING / "build.sh")], check=False).returncode == 0
    compile((PACKAGING / "wellbeing.spec").read_text(encoding="utf-8"), "wellbeing.spec", "exec")
    assert sys.version_info >= (3, 11)


def test_the_windows_and_macos_icons_are_made_from_the_svg(
    stage: ModuleType, tmp_path: Path
) -> None:
    ico, icns = stage.desktop_icons(tmp_path)
    assert ico.name == f"{APP_ID}.ico" and ico.read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert int.from_bytes(ico.read_bytes()[4:6], "little") == 7  # 16 to 256 pixels
    assert icns.name == f"{APP_ID}.icns" and icns.read_bytes()[:4] == b"icns"
    spec = (PACKAGING / "wellbeing.spec").read_text(encoding="utf-8")
    assert 'f"{APP_ID}.ico"' in spec and 'f"{APP_ID}.icns"' in spec
