"""What the Linux packages install, and where: one list for the .deb, its tests and CI.

    python packaging/stage.py ROOT --bundle DIR    # lays the package's files out under ROOT
    python packaging/stage.py --list               # prints the paths the package installs
    python packaging/stage.py --icons DIR          # DIR/<app id>.ico and .icns for Windows, macOS

The app id is ``wellbeing_app.APP_ID``; every installed name comes from it. PNG icons are
rendered from the one SVG with Qt's own SVG renderer, so the build needs nothing but the venv.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from wellbeing_app import APP_ID  # noqa: E402

PACKAGE = "wellbeing"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
APP_ICON = ROOT / "resources" / "icons" / "wellbeing.svg"
SYMBOLIC_ICON = ROOT / "resources" / "icons" / "wellbeing-symbolic.svg"
LIBRARY_DIR = f"usr/lib/{PACKAGE}"


@dataclass(frozen=True)
class Installed:
    """One file the package installs: copied from ``source``, or rendered at ``size``."""

    path: str  # relative to /
    source: Path | None = None
    size: int | None = None  # a PNG rendered from APP_ICON
    mode: int = 0o644


def installed_files() -> list[Installed]:
    """Every file the package installs besides the bundle itself (under ``LIBRARY_DIR``)."""
    icons = "usr/share/icons/hicolor"
    files = [
        Installed(f"usr/share/applications/{APP_ID}.desktop", HERE / f"{APP_ID}.desktop"),
        Installed(f"usr/share/metainfo/{APP_ID}.metainfo.xml", HERE / f"{APP_ID}.metainfo.xml"),
        Installed(f"{icons}/scalable/apps/{APP_ID}.svg", APP_ICON),
        Installed(f"{icons}/symbolic/apps/{APP_ID}-symbolic.svg", SYMBOLIC_ICON),
        Installed(f"usr/share/doc/{PACKAGE}/copyright", ROOT / "LICENSE"),
        Installed(f"usr/share/doc/{PACKAGE}/CHANGELOG.md", ROOT / "CHANGELOG.md"),
    ]
    files += [
        Installed(f"{icons}/{size}x{size}/apps/{APP_ID}.png", size=size) for size in ICON_SIZES
    ]
    return files


def render_png(svg: Path, size: int, out: Path) -> None:
    """``svg`` drawn at ``size`` x ``size`` pixels into the PNG ``out``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["stage"])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"stage: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"stage: could not write {out}")


def desktop_icons(folder: Path) -> list[Path]:
    """The Windows ``.ico`` and the macOS ``.icns`` of the app icon, made with Pillow (which
    matplotlib brings) from PNGs rendered by Qt; ``wellbeing.spec`` picks them up."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    png = folder / f"{APP_ID}-512.png"
    render_png(APP_ICON, 512, png)
    with Image.open(png) as image:
        ico, icns = folder / f"{APP_ID}.ico", folder / f"{APP_ID}.icns"
        image.save(ico, sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
        image.save(icns)
    png.unlink()
    return [ico, icns]


def stage(root: Path, bundle: Path) -> Iterator[str]:
    """Lays out the package under ``root``; yields each path written (relative to ``root``)."""
    if not (bundle / PACKAGE).is_file():
        raise SystemExit(f"stage: {bundle} holds no '{PACKAGE}' program; run build.sh bundle")
    library = root / LIBRARY_DIR
    if library.exists():
        shutil.rmtree(library)
    shutil.copytree(bundle, library, symlinks=True)
    yield LIBRARY_DIR
    launcher = root / "usr" / "bin" / PACKAGE
    launcher.parent.mkdir(parents=True, exist_ok=True)
    launcher.unlink(missing_ok=True)
    # A relative link: the bundle finds its _internal folder from its real path.
    launcher.symlink_to(Path("..") / "lib" / PACKAGE / PACKAGE)
    yield f"usr/bin/{PACKAGE}"
    for item in installed_files():
        target = root / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if item.size is not None:
            render_png(APP_ICON, item.size, target)
        else:
            assert item.source is not None
            shutil.copyfile(item.source, target)
        target.chmod(item.mode)
        yield item.path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", nargs="?", type=Path, help="folder to lay the package out in")
    parser.add_argument("--bundle", type=Path, help="the PyInstaller one-folder bundle")
    parser.add_argument("--list", action="store_true", help="print the installed paths")
    parser.add_argument("--icons", type=Path, metavar="DIR", help="make the .ico and .icns")
    args = parser.parse_args()
    if args.icons is not None:
        for path in desktop_icons(args.icons):
            print(f"  {path}")
        return 0
    if args.list:
        print(f"/usr/bin/{PACKAGE}")
        print(f"/{LIBRARY_DIR}/{PACKAGE}")
        for item in installed_files():
            print(f"/{item.path}")
        return 0
    if args.root is None or args.bundle is None:
        parser.error("ROOT and --bundle are needed (or --list)")
    for path in stage(args.root, args.bundle):
        print(f"  /{path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
