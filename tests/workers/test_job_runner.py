"""JobRunner without a window: a job is busy until its end is handled on the GUI thread, its end and
errors come back under its name, and stop_all / shutdown stop and join every thread, never kill one.

Each test is written so it fails when its point is broken: e.g. a runner that forgets a job as soon
as its thread ends says "not busy" before the result is delivered, a shutdown that does not join
returns with a thread still running, one that gave up on a slow job would leave its step unfinished.
"""

from __future__ import annotations

import gc
import logging
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from diffviz.core.errors import DataError

from .recording import WAIT_MS, Recorder

ROOT = Path(__file__).resolve().parents[2]


def _gated(gate: threading.Event):
    """A job that waits, watching for a stop, until the test opens ``gate``."""

    def job(worker):
        while not gate.wait(0.005):
            if worker.should_stop():
                return None
            yield None
        return "done"

    return job


def _until_stopped(worker):
    while not worker.should_stop():
        yield None
        time.sleep(0.002)


def test_a_started_job_is_busy_until_it_ends_and_finished_names_it(runner, qtbot):
    gate = threading.Event()
    runner.start("sample", _gated(gate))
    assert runner.busy("sample") and runner.busy()
    assert not runner.busy("train")

    qtbot.wait(50)
    assert runner.busy("sample")  # still running: the gate is shut
    with qtbot.waitSignal(runner.finished, timeout=WAIT_MS) as ended:
        gate.set()
    assert ended.args == ["sample"]
    assert not runner.busy("sample") and not runner.busy()


def test_a_job_counts_as_busy_until_its_end_is_handled_on_the_gui_thread(runner, qtbot):
    connected = threading.Event()  # the job waits for the test's connections, as a window's gated jobs do
    worker = runner.start("export", lambda worker: "out.gif" if connected.wait(WAIT_MS / 1000) else None)
    results = Recorder(worker)
    connected.set()
    thread = runner.handles["export"].thread
    assert thread.wait(WAIT_MS)  # blocks the GUI thread: the job and its thread are over, nothing handled yet
    assert runner.busy("export"), "the runner said 'not busy' before the GUI thread had the job's end"

    with qtbot.waitSignal(runner.finished, timeout=WAIT_MS):
        pass
    assert not runner.busy("export")
    assert results.returned == ["out.gif"]  # delivered before the runner said the job was over


def test_failed_re_emits_a_job_s_error_and_the_job_still_finishes(runner, qtbot):
    def job(worker):
        yield None
        raise DataError("no MNIST files in ~/data; use the bundled digits")

    seen = []
    runner.failed.connect(lambda *error: seen.append(("failed", error)))
    runner.finished.connect(lambda name: seen.append(("finished", name)))
    with qtbot.waitSignal(runner.finished, timeout=WAIT_MS):
        runner.start("train", job)
    assert [what for what, _ in seen] == ["failed", "finished"]  # the error first, then the end
    (_, (message, trace, kind)), (_, name) = seen
    assert message == "no MNIST files in ~/data; use the bundled digits"
    assert kind == "DataError" and "DataError" in trace
    assert name == "train"
    assert not runner.busy("train")


def test_two_jobs_under_different_names_run_at_the_same_time(runner, qtbot):
    # Both jobs and the test meet here once the test has connected to them; the barrier breaks (and the
    # jobs fail) unless both are running at once.
    meet = threading.Barrier(3, timeout=WAIT_MS / 1000)

    def job(result):
        def run(worker):
            meet.wait()
            return result
        return run

    seen = []
    runner.finished.connect(seen.append)
    train = Recorder(runner.start("train", job("weights")))
    sample = Recorder(runner.start("sample", job("digits")))
    assert runner.busy("train") and runner.busy("sample")
    meet.wait()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=WAIT_MS)
    assert sorted(seen) == ["sample", "train"]
    assert train.returned == ["weights"] and sample.returned == ["digits"]  # neither broke the barrier
    assert not runner.busy()


def test_stop_all_asks_every_job_to_stop_without_waiting_for_them(runner, qtbot):
    release = threading.Event()

    def slow_to_stop(worker):  # finishes its step after the stop, once the test lets it
        while not worker.should_stop():
            yield None
            time.sleep(0.002)
        release.wait(WAIT_MS / 1000)
        return "weights so far"

    seen = []
    runner.finished.connect(seen.append)
    train = Recorder(runner.start("train", slow_to_stop, finish_on_stop=True))
    runner.start("sample", _until_stopped)
    qtbot.wait(20)

    runner.stop_all()
    assert all(handle.worker.should_stop() for handle in runner.handles.values())
    assert runner.handles["train"].is_running()  # asked, not joined: stop_all returned at once
    release.set()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=WAIT_MS)
    assert sorted(seen) == ["sample", "train"]
    assert train.returned == ["weights so far"]  # stopped between two steps, result kept


def test_shutdown_joins_every_thread_before_it_returns(runner, qtbot, qtlog):
    gate = threading.Event()
    runner.start("train", _until_stopped)
    runner.start("sample", _gated(gate))
    runner.start("export", lambda worker: "already done")
    qtbot.wait(20)

    runner.shutdown()
    assert [name for name, h in runner.handles.items() if h.thread.isRunning()] == []
    assert all(h.thread.isFinished() for h in runner.handles.values())

    handles = list(runner.handles.values())
    runner.handles.clear()
    del handles  # the QThreads are destroyed here; Qt complains (or aborts) if one is still running
    gc.collect()
    QCoreApplication.processEvents()
    assert not [r.message for r in qtlog.records if "Destroyed while thread" in r.message]


def test_shutdown_asks_every_job_to_stop_before_it_waits_for_any(runner, qtbot):
    asked = {}

    def notes_whether_the_other_was_asked(me: str, other: str):
        def job(worker):
            while not worker.should_stop():
                yield None
                time.sleep(0.002)
            # Asked one by one, the other job would only be asked after this thread had been joined.
            asked[me] = runner.handles[other].worker.stop_event.wait(1.0)
        return job

    runner.start("train", notes_whether_the_other_was_asked("train", "sample"))
    runner.start("sample", notes_whether_the_other_was_asked("sample", "train"))
    qtbot.wait(20)
    runner.shutdown()
    assert asked == {"train": True, "sample": True}


def test_shutdown_waits_for_a_job_that_ignores_the_stop_for_a_while_and_never_kills_it(runner, qtbot, caplog):
    state = {"step finished": False, "cleaned up": False}

    def long_step(worker):
        try:
            worker.stop_event.wait(WAIT_MS / 1000)  # one long step, under way when the stop comes
            time.sleep(0.3)  # ...and taking longer than shutdown's first wait
            state["step finished"] = True
            yield None
        finally:
            state["cleaned up"] = True

    runner.start("train", long_step)
    qtbot.wait(20)
    with caplog.at_level(logging.WARNING, logger="diffviz.ui.window.job_runner"):
        runner.shutdown(timeout_ms=50)
    assert not runner.handles["train"].thread.isRunning()
    assert state == {"step finished": True, "cleaned up": True}  # it ran to the end: not terminated
    assert any("train thread did not stop within 50 ms" in r.getMessage() for r in caplog.records)


# Starts a job, then a second one under the same name while the first still runs, and shuts down.
SAME_NAME_TWICE = textwrap.dedent("""
    import os, threading
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QCoreApplication
    app = QCoreApplication([])
    from diffviz.ui.window.job_runner import JobRunner

    runner, gate = JobRunner(), threading.Event()
    job = lambda worker: gate.wait(2)
    runner.start("sample", job)
    try:
        runner.start("sample", job)  # refusing it would be fine too
    except Exception as exc:
        print("refused:", exc)
    gate.set()
    runner.shutdown()
    print("shut down")
""")


def test_starting_a_job_under_the_name_of_a_running_one_never_destroys_its_thread(tmp_path):
    script = tmp_path / "same_name_twice.py"
    script.write_text(SAME_NAME_TWICE)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert "Destroyed while thread" not in done.stderr
    assert done.returncode == 0 and "shut down" in done.stdout, done.stderr[-2000:]
    assert "refused: a sample job is still running" in done.stdout


def test_while_jobs_run_garbage_is_collected_on_the_gui_thread_only(runner, qtbot):
    """A worker must never run Python's cyclic collection (it could destroy a dead window's widgets off the GUI
    thread and hang on Qt's locks): automatic collection is off while any job runs, the GUI thread's timer
    collects instead, and Python gets it back once the last job ends."""
    assert gc.isenabled()
    first, second = threading.Event(), threading.Event()
    runner.start("one", _gated(first))
    runner.start("two", _gated(second))
    assert not gc.isenabled()
    collected = []

    class Cycle:
        def __init__(self):
            self.me = self
            self.thread = threading.current_thread()

        def __del__(self):
            collected.append(threading.current_thread())

    for _ in range(gc.get_threshold()[0] + 10):  # garbage past the first generation's threshold
        Cycle()
    qtbot.waitUntil(lambda: len(collected) > 0, timeout=5 * runner.collector.INTERVAL_MS)
    assert set(collected) == {threading.main_thread()}
    first.set()
    qtbot.waitUntil(lambda: not runner.busy("one"), timeout=WAIT_MS)
    assert not gc.isenabled()  # "two" still runs
    second.set()
    qtbot.waitUntil(lambda: not runner.busy(), timeout=WAIT_MS)
    assert gc.isenabled()
