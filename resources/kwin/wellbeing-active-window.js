// Wellbeing's KWin script: tells the Wellbeing app which window is active.
//
// KWin (Plasma 5 and 6) runs this inside the compositor once Wellbeing loads it over D-Bus
// (org.kde.KWin /Scripting loadScript + run). On every change of the active window, and when
// the active window's caption or full-screen state changes, it calls Wellbeing's own D-Bus
// method with one JSON string (a single string argument converts the same way in every KWin
// version, where numbers and booleans do not). It reports nothing else and stores nothing.
// Wellbeing unloads it when tracking stops.

var SERVICE = "org.wellbeing.Tracker";
var PATH = "/org/wellbeing/Tracker/ActiveWindow";
var INTERFACE = "org.wellbeing.Tracker.ActiveWindow";
var METHOD = "Report";

// Plasma 6 renamed clients to windows.
var plasma6 = workspace.windowActivated !== undefined;
var activated = plasma6 ? workspace.windowActivated : workspace.clientActivated;
var removed = plasma6 ? workspace.windowRemoved : workspace.clientRemoved;
var followed = {};

function text(value) {
    return value === undefined || value === null ? "" : String(value);
}

function describe(window) {
    if (!window) {
        return "{}";
    }
    return JSON.stringify({
        resourceClass: text(window.resourceClass),
        desktopFileName: text(window.desktopFileName),
        // captionNormal: the caption the app set, without the " <2>" KWin adds to tell
        // windows with the same caption apart (that suffix would hide a browser's suffix).
        caption: text(window.captionNormal || window.caption),
        pid: Number(window.pid) || 0,
        fullScreen: Boolean(window.fullScreen)
    });
}

function report(window) {
    callDBus(SERVICE, PATH, INTERFACE, METHOD, describe(window));
}

function reportIfActive(window) {
    return function () {
        if (window.active) {
            report(window);
        }
    };
}

function follow(window) {
    var key = text(window.internalId);
    if (followed[key]) {
        return;
    }
    followed[key] = true;
    window.captionChanged.connect(reportIfActive(window));
    window.fullScreenChanged.connect(reportIfActive(window));
}

function onActivated(window) {
    if (window) {
        follow(window);
    }
    report(window);
}

activated.connect(onActivated);
if (removed) {
    removed.connect(function (window) {
        if (window) {
            delete followed[text(window.internalId)];
        }
    });
}
onActivated(plasma6 ? workspace.activeWindow : workspace.activeClient);
