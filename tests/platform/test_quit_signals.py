"""The desktop app ends cleanly when the session asks it to stop."""

from __future__ import annotations

import os
import signal

from pytestqt.qtbot import QtBot

from wellbeing_app.platform.quit_signals import QuitOnSignals


def test_sigterm_reaches_the_event_loop_and_close_restores_the_handler(qtbot: QtBot) -> None:
    before = signal.getsignal(signal.SIGTERM)
    received: list[int] = []
    quitter = QuitOnSignals(received.append)
    try:
        os.kill(os.getpid(), signal.SIGTERM)  # the process is not ended: the loop is told
        qtbot.waitUntil(lambda: received == [signal.SIGTERM], timeout=5000)
    finally:
        quitter.close()
    assert signal.getsignal(signal.SIGTERM) == before
    quitter.close()  # twice is harmless
