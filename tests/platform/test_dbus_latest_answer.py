"""The GNOME reads' worker thread outlives an answer it cannot read."""

from __future__ import annotations

from wellbeing_app.platform.dbus import LatestAnswer


def test_an_unreadable_answer_reads_as_none_and_the_worker_goes_on() -> None:
    answers: list[object] = [ValueError("title 'secret' unreadable"), "firefox"]

    def read() -> str:
        answer = answers.pop(0) if answers else "firefox"
        if isinstance(answer, Exception):
            raise answer
        return str(answer)

    latest: LatestAnswer[str] = LatestAnswer(read, what="focused window", first="Discord")
    try:
        latest.get()  # asks for a read, which raises
        assert latest.wait_for_reads(1)
        assert latest.get()[0] is None  # not the last window, forever
        assert latest.wait_for_reads(2)
        assert latest.get()[0] == "firefox"  # the worker is still there
    finally:
        latest.close()
