"""A fake KWin for tests, run as a process on a private D-Bus: ``fake_kwin.py ADDRESS VERSION``.

It serves what Wellbeing uses of KWin as KWin does (``org.kde.KWin`` ``/Scripting``:
``loadScript``, ``isScriptLoaded``, ``unloadScript``; each loaded script's object with ``run``
at ``/Scripting/Script<N>`` on Plasma 6 and ``/<N>`` on Plasma 5) and runs the script file it
is given for real, in Qt's JavaScript engine, against a ``workspace`` with Plasma 5's or 6's
names and a ``callDBus`` that sends the call on the bus without waiting, as KWin's does.

A control interface (``org.wellbeing.test.FakeKWin`` at ``/Control``) lets the test activate
windows and change their captions; ``org.freedesktop.ScreenSaver`` answers idle time.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from PySide6.QtCore import ClassInfo, Property, QCoreApplication, QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from PySide6.QtQml import QJSEngine

ADDRESS, VERSION = sys.argv[1], int(sys.argv[2])
EXPORT = QDBusConnection.RegisterOption.ExportAllSlots


class Window(QObject):
    """A KWin window (Plasma 6) or client (Plasma 5): the properties the script reads."""

    captionChanged = Signal()  # KWin's names
    fullScreenChanged = Signal()
    activeChanged = Signal()

    def __init__(self, parent: QObject, internal_id: str, details: dict[str, Any]) -> None:
        super().__init__(parent)
        self._id = internal_id
        self._class = details.get("resourceClass", "")
        self._caption = details.get("caption", "")
        # KWin tells windows with the same caption apart by adding " <2>" to the caption;
        # captionNormal is the caption the app set.
        duplicate = details.get("duplicate", 0)
        self._suffix = f" <{duplicate}>" if duplicate else ""
        self._pid = details.get("pid", 0)
        self._fullscreen = details.get("fullScreen", False)
        self._active = False

    def _get_id(self) -> str:
        return self._id

    def _get_class(self) -> str:
        return self._class

    def _get_caption(self) -> str:
        return self._caption + self._suffix

    def _get_caption_normal(self) -> str:
        return self._caption

    def _get_pid(self) -> int:
        return self._pid

    def _get_fullscreen(self) -> bool:
        return self._fullscreen

    def _get_active(self) -> bool:
        return self._active

    def _get_desktop_file(self) -> str:
        return ""

    internalId = Property(str, _get_id, constant=True)
    resourceClass = Property(str, _get_class, constant=True)
    desktopFileName = Property(str, _get_desktop_file, constant=True)
    caption = Property(str, _get_caption, notify=captionChanged)
    captionNormal = Property(str, _get_caption_normal, notify=captionChanged)
    pid = Property(int, _get_pid, constant=True)
    fullScreen = Property(bool, _get_fullscreen, notify=fullScreenChanged)
    active = Property(bool, _get_active, notify=activeChanged)


class Workspace6(QObject):
    windowActivated = Signal(QObject)
    windowRemoved = Signal(QObject)

    def __init__(self) -> None:
        super().__init__()
        self.active: Window | None = None

    def _get_active(self) -> QObject | None:
        return self.active

    activeWindow = Property(QObject, _get_active)

    def activate(self, window: Window | None) -> None:
        self.active = window
        self.windowActivated.emit(window)


class Workspace5(QObject):
    clientActivated = Signal(QObject)
    clientRemoved = Signal(QObject)

    def __init__(self) -> None:
        super().__init__()
        self.active: Window | None = None

    def _get_active(self) -> QObject | None:
        return self.active

    activeClient = Property(QObject, _get_active)

    def activate(self, window: Window | None) -> None:
        self.active = window
        self.clientActivated.emit(window)


class Bridge(QObject):
    """Behind the script's ``callDBus``: sends the call and does not wait for an answer."""

    def __init__(self, bus: QDBusConnection) -> None:
        super().__init__()
        self._bus = bus

    @Slot("QVariantList")
    def call(self, arguments: list[Any]) -> None:
        service, path, interface, method, *rest = arguments
        message = QDBusMessage.createMethodCall(service, path, interface, method)
        message.setArguments(rest)
        self._bus.send(message)


@ClassInfo({"D-Bus Interface": "org.kde.kwin.Script"})
class Script(QObject):
    def __init__(self, kwin: FakeKWin, source: str, path: str) -> None:
        super().__init__()
        self._kwin, self._source, self._path = kwin, source, path
        self.engine: QJSEngine | None = None

    @Slot()
    def run(self) -> None:
        engine = self.engine = QJSEngine()
        engine.installExtensions(QJSEngine.Extension.ConsoleExtension)
        glob = engine.globalObject()
        for shared in (self._kwin.workspace, self._kwin.bridge, *self._kwin.windows):
            # KWin owns these; a script going away must not delete them.
            QJSEngine.setObjectOwnership(shared, QJSEngine.ObjectOwnership.CppOwnership)
        glob.setProperty("workspace", engine.newQObject(self._kwin.workspace))
        glob.setProperty("__bridge", engine.newQObject(self._kwin.bridge))
        engine.evaluate(
            "var callDBus = function () { __bridge.call(Array.prototype.slice.call(arguments)); };"
        )
        result = engine.evaluate(self._source, self._path)
        if result.isError():
            self._kwin.log.append(["error", result.toString()])
            print(f"script error: {result.toString()}", file=sys.stderr, flush=True)
        self._kwin.log.append(["run", self._path])

    @Slot()
    def stop(self) -> None:
        self.engine = None


@ClassInfo({"D-Bus Interface": "org.kde.kwin.Scripting"})
class Scripting(QObject):
    def __init__(self, kwin: FakeKWin) -> None:
        super().__init__()
        self._kwin = kwin

    @Slot(str, str, result=int)
    def loadScript(self, path: str, name: str) -> int:
        return self._kwin.load(path, name)

    @Slot(str, result=bool)
    def isScriptLoaded(self, name: str) -> bool:
        return name in self._kwin.scripts

    @Slot(str, result=bool)
    def unloadScript(self, name: str) -> bool:
        return self._kwin.unload(name)


@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class ScreenSaver(QObject):
    @Slot(result="uint")
    def GetSessionIdleTime(self) -> int:
        return 4200


@ClassInfo({"D-Bus Interface": "org.wellbeing.test.FakeKWin"})
class Control(QObject):
    def __init__(self, kwin: FakeKWin) -> None:
        super().__init__()
        self._kwin = kwin

    @Slot(str)
    def Activate(self, details: str) -> None:
        self._kwin.activate(json.loads(details))

    @Slot()
    def Deactivate(self) -> None:
        self._kwin.activate(None)

    @Slot(str)
    def SetCaption(self, caption: str) -> None:
        window = self._kwin.workspace.active
        assert window is not None
        window._caption = caption
        window.captionChanged.emit()

    @Slot(bool)
    def SetFullScreen(self, on: bool) -> None:
        window = self._kwin.workspace.active
        assert window is not None
        window._fullscreen = on
        window.fullScreenChanged.emit()

    @Slot(result=str)
    def Log(self) -> str:
        return json.dumps(self._kwin.log)


class FakeKWin:
    def __init__(self, bus: QDBusConnection) -> None:
        self.bus = bus
        self.workspace: Workspace5 | Workspace6 = Workspace6() if VERSION >= 6 else Workspace5()
        self.bridge = Bridge(bus)
        self.scripts: dict[str, tuple[str, Script]] = {}
        self.windows: list[Window] = []
        self.log: list[list[Any]] = []
        self._next = 0

    def load(self, path: str, name: str) -> int:
        self.log.append(["load", path, name])
        if name in self.scripts:
            return -1
        with open(path, encoding="utf-8") as file:
            source = file.read()
        number, self._next = self._next, self._next + 1
        object_path = f"/Scripting/Script{number}" if VERSION >= 6 else f"/{number}"
        script = Script(self, source, path)
        self.bus.registerObject(object_path, script, EXPORT)
        self.scripts[name] = (object_path, script)
        return number

    def unload(self, name: str) -> bool:
        self.log.append(["unload", name])
        if name not in self.scripts:
            return False
        object_path, script = self.scripts.pop(name)
        script.stop()
        self.bus.unregisterObject(object_path)
        return True

    def activate(self, details: dict[str, Any] | None) -> None:
        previous = self.workspace.active
        window = None
        if details is not None:
            window = Window(self.workspace, str(len(self.windows)), details)
            QJSEngine.setObjectOwnership(window, QJSEngine.ObjectOwnership.CppOwnership)
            self.windows.append(window)
            window._active = True
        if previous is not None:
            previous._active = False
        self.workspace.activate(window)


def main() -> None:
    app = QCoreApplication([])
    bus = QDBusConnection.connectToBus(ADDRESS, "fake-kwin")
    kwin = FakeKWin(bus)
    if "--with-window" in sys.argv:
        kwin.activate({"resourceClass": "org.kde.konsole", "caption": "~ : bash", "pid": 77})
    keep = [Scripting(kwin), ScreenSaver(), Control(kwin)]
    bus.registerObject("/Scripting", keep[0], EXPORT)
    bus.registerObject("/ScreenSaver", keep[1], EXPORT)
    bus.registerObject("/Control", keep[2], EXPORT)
    for service in ("org.kde.KWin", "org.freedesktop.ScreenSaver", "org.wellbeing.test.FakeKWin"):
        bus.registerService(service)
    print("ready", flush=True)
    app.exec()


if __name__ == "__main__":
    main()
