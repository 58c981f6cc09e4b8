"""Fixtures for the worker tests: workers and runners that are always stopped and joined on teardown."""

from __future__ import annotations

import pytest

from diffviz.ui.window.job_runner import JobRunner
from diffviz.workers.base import GeneratorWorker, WorkerHandle

from .recording import WAIT_MS, Recorder


@pytest.fixture
def start_worker(qtbot):
    """``start_worker(job, **options) -> (handle, recorder)``: a started worker whose thread is joined on
    teardown (a test that fails half-way still stops its job)."""
    handles: list[WorkerHandle] = []

    def start(job, **options) -> tuple[WorkerHandle, Recorder]:
        worker = GeneratorWorker(job, **options)
        handle = WorkerHandle(worker, "test-worker")
        recorder = Recorder(worker)
        handles.append(handle)
        handle.start()
        return handle, recorder

    yield start
    still = [handle for handle in handles if not handle.stop(WAIT_MS)]
    assert not still, "a worker thread did not end when stopped"


@pytest.fixture
def wait_finished(qtbot):
    """``wait_finished(recorder)``: wait until the worker's ``finished`` has reached the GUI thread; since
    queued signals from one thread arrive in order, everything the worker sent before it is there too."""

    def wait(recorder: Recorder) -> None:
        qtbot.waitUntil(lambda: recorder.finished >= 1, timeout=WAIT_MS)

    return wait


@pytest.fixture
def runner(qtbot):
    """A JobRunner with no window; shut down on teardown."""
    jobs = JobRunner()
    yield jobs
    jobs.shutdown(WAIT_MS)
    running = [name for name, handle in jobs.handles.items() if handle.thread.isRunning()]
    assert not running, f"threads still running after shutdown: {running}"
