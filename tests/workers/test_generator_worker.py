"""GeneratorWorker and WorkerHandle without a window: what arrives, in which order, and how a job is
paused, stopped, finished and failed.

Each test is written so it fails when its point is broken: e.g. a pause that does not hold lets the
counter run on by a hundred steps in 0.3 s, a stop that does not close the generator leaves its
``finally`` unrun, an error that escapes the worker never sends ``finished``.
"""

from __future__ import annotations

import threading
import time
import types

import pytest
import torch

from diffviz.core.errors import ConfigError

from .recording import WAIT_MS

STEP_S = 0.002  # one step of the endless test jobs: about 150 steps in the 0.3 s a pause is watched


def _endless(state: types.SimpleNamespace):
    """A job that counts and yields until it is stopped, and notes how it ended: closed at a yield
    (``closed``), cleaned up (``cleaned_up``), or on to its own return (the value it returns)."""
    state.n, state.closed, state.cleaned_up = 0, False, False

    def job(worker):
        try:
            while not worker.should_stop():
                state.n += 1
                yield state.n
                time.sleep(STEP_S)
            yield "last report"
            return f"partial after {state.n}"
        except GeneratorExit:
            state.closed = True
            raise
        finally:
            state.cleaned_up = True

    return job


# ----- what arrives ----------------------------------------------------------------------------------

def test_a_generator_s_values_arrive_in_order_and_its_return_value_last(start_worker, wait_finished, qtbot):
    def job(worker):
        for value in ("a", "b", "c"):
            yield value
        return "done"

    handle, recorder = start_worker(job)
    wait_finished(recorder)
    assert recorder.events == [("yielded", ("a",)), ("yielded", ("b",)), ("yielded", ("c",)),
                               ("returned", ("done",)), ("finished", ())]
    qtbot.waitUntil(handle.thread.isFinished, timeout=WAIT_MS)  # the thread ends by itself, no stop needed


def test_a_generator_yielding_none_sends_nothing_for_it(start_worker, wait_finished):
    def job(worker):
        yield None  # a step with nothing to show
        yield 1
        return 2

    _, recorder = start_worker(job)
    wait_finished(recorder)
    assert recorder.signals() == ["yielded", "returned", "finished"]
    assert recorder.yielded == [1]


def test_a_plain_function_s_result_arrives_as_returned_and_its_own_progress_as_yielded(start_worker, wait_finished):
    def job(worker):
        for done in range(3):
            worker.yielded.emit(done)  # how sampling and export report progress
        return {"result": 42}

    _, recorder = start_worker(job)
    wait_finished(recorder)
    assert recorder.events == [("yielded", (0,)), ("yielded", (1,)), ("yielded", (2,)),
                               ("returned", ({"result": 42},)), ("finished", ())]


def test_a_plain_function_stopped_part_way_returns_none(start_worker, wait_finished, qtbot):
    began = threading.Event()

    def job(worker):
        began.set()
        worker.stop_event.wait(WAIT_MS / 1000)  # works until asked to stop
        return "a partial result the caller asked to drop"

    handle, recorder = start_worker(job)
    assert began.wait(WAIT_MS / 1000)
    assert handle.stop() is True
    wait_finished(recorder)
    assert recorder.returned == [None]


# ----- pause and resume ------------------------------------------------------------------------------

def test_pause_holds_the_generator_between_two_yields_and_resume_lets_it_go_on(start_worker, qtbot):
    state = types.SimpleNamespace()
    handle, recorder = start_worker(_endless(state))
    qtbot.waitUntil(lambda: state.n >= 3, timeout=WAIT_MS)

    handle.worker.pause()
    at_pause = state.n
    assert handle.worker.paused
    qtbot.wait(300)  # unpaused, the job would make ~150 steps here
    held = state.n
    # The step under way when pause() came may finish; no step after it may start.
    assert held <= at_pause + 1, f"the job went on from step {at_pause} to {held} while paused"
    assert handle.is_running() and not state.cleaned_up  # held, not ended

    handle.worker.resume()
    assert not handle.worker.paused
    qtbot.waitUntil(lambda: state.n >= held + 3, timeout=WAIT_MS)
    assert handle.stop() is True
    qtbot.waitUntil(lambda: recorder.finished == 1, timeout=WAIT_MS)
    assert recorder.yielded[:held + 3] == list(range(1, held + 4))  # nothing lost or repeated across the pause


def test_stopping_a_paused_job_ends_it_without_resuming(start_worker, wait_finished, qtbot):
    state = types.SimpleNamespace(n=0, cleaned_up=False)
    parked = threading.Event()

    def job(worker):
        try:
            while True:
                state.n += 1
                if state.n == 2:
                    worker.pause()  # parks the worker right after this yield: a known place to stop from
                    parked.set()
                yield state.n
        finally:
            state.cleaned_up = True

    handle, recorder = start_worker(job)
    assert parked.wait(WAIT_MS / 1000)
    qtbot.waitUntil(lambda: recorder.yielded == [1, 2], timeout=WAIT_MS)
    qtbot.wait(150)  # the worker is parked in its pause now, past one round of its 0.1 s stop check
    assert handle.worker.paused and handle.is_running()
    assert handle.stop(WAIT_MS) is True, "a paused job did not end when stopped"
    wait_finished(recorder)
    assert state.n == 2 and state.cleaned_up
    assert recorder.returned == [None]


# ----- stop ------------------------------------------------------------------------------------------

def test_stop_closes_the_generator_at_its_next_yield_and_returns_none(start_worker, wait_finished, qtbot):
    state = types.SimpleNamespace()
    handle, recorder = start_worker(_endless(state))
    qtbot.waitUntil(lambda: len(recorder.yielded) >= 3, timeout=WAIT_MS)

    assert handle.stop(WAIT_MS) is True
    assert not handle.is_running()
    wait_finished(recorder)
    assert state.closed and state.cleaned_up  # GeneratorExit at a yield, then its finally
    assert recorder.returned == [None]  # not "partial after ...": it never reached its return
    assert recorder.signals()[-2:] == ["returned", "finished"]
    assert handle.stop() is True  # stopping again, once ended, is harmless


def test_with_finish_on_stop_the_generator_runs_on_to_its_own_return(start_worker, wait_finished, qtbot):
    state = types.SimpleNamespace()
    handle, recorder = start_worker(_endless(state), finish_on_stop=True)
    qtbot.waitUntil(lambda: len(recorder.yielded) >= 3, timeout=WAIT_MS)

    assert handle.stop(WAIT_MS) is True
    wait_finished(recorder)
    assert not state.closed and state.cleaned_up
    assert recorder.yielded[-1] == "last report"  # what it yields after the stop still arrives
    assert recorder.returned == [f"partial after {state.n}"]
    assert recorder.signals()[-2:] == ["returned", "finished"]


# ----- errors ----------------------------------------------------------------------------------------

def _raising(error: Exception, as_generator: bool):
    def gives_up():
        raise error

    def generator_job(worker):
        yield "before"
        gives_up()
        yield "never"

    def plain_job(worker):
        worker.yielded.emit("before")
        gives_up()

    return generator_job if as_generator else plain_job


@pytest.mark.parametrize("as_generator", [True, False], ids=["generator", "plain function"])
def test_a_diffviz_error_becomes_errored_with_its_own_message_and_class_name(start_worker, wait_finished,
                                                                            as_generator):
    error = ConfigError("the learning rate must be above 0; got -1")
    _, recorder = start_worker(_raising(error, as_generator))
    wait_finished(recorder)
    assert recorder.signals() == ["yielded", "errored", "finished"]  # no returned after an error
    message, trace, kind = recorder.errors[0]
    assert message == "the learning rate must be above 0; got -1"  # shown to a person as it is
    assert kind == "ConfigError"
    assert "gives_up" in trace and "ConfigError: the learning rate" in trace


@pytest.mark.parametrize("as_generator", [True, False], ids=["generator", "plain function"])
def test_an_unexpected_exception_becomes_errored_naming_its_type_and_is_logged(start_worker, wait_finished,
                                                                               caplog, as_generator):
    _, recorder = start_worker(_raising(ValueError("shapes (3,) and (4,) differ"), as_generator))
    wait_finished(recorder)
    assert recorder.signals() == ["yielded", "errored", "finished"]
    message, trace, kind = recorder.errors[0]
    assert message == "ValueError: shapes (3,) and (4,) differ"
    assert kind == "ValueError"
    assert "gives_up" in trace
    logged = [r for r in caplog.records if r.name == "diffviz.workers.base" and r.exc_info]
    assert logged and logged[0].exc_info[0] is ValueError


def _ends(how: str):
    def generator_returns(worker):
        yield 1
        return 2

    def plain_returns(worker):
        return 2

    def stopped(worker):
        while True:
            worker.stop()  # asks itself to stop: ends at this yield
            yield 1

    def fails(worker):
        yield 1
        raise ConfigError("refused")

    def crashes(worker):
        raise KeyError("bug")

    return {"generator returns": generator_returns, "plain function returns": plain_returns,
            "stopped": stopped, "refused": fails, "crashed": crashes}[how]


@pytest.mark.parametrize("how", ["generator returns", "plain function returns", "stopped", "refused", "crashed"])
def test_finished_is_sent_exactly_once_and_last_however_the_job_ends(start_worker, wait_finished, qtbot, how):
    handle, recorder = start_worker(_ends(how))
    wait_finished(recorder)
    qtbot.waitUntil(handle.thread.isFinished, timeout=WAIT_MS)  # finished also quits the thread
    qtbot.wait(20)  # room for a second finished to arrive, were one sent
    assert recorder.finished == 1
    assert recorder.signals()[-1] == "finished"
    assert len(recorder.returned) + len(recorder.errors) == 1  # one outcome: a value or an error


# ----- threads ---------------------------------------------------------------------------------------

@pytest.fixture
def torch_threads_restored():
    """torch.set_num_threads in a worker also becomes the default of threads started later; put it back."""
    before = torch.get_num_threads()
    yield before
    torch.set_num_threads(before)


def test_threads_sets_torch_s_thread_count_inside_the_worker_thread(start_worker, wait_finished,
                                                                    torch_threads_restored):
    def seen(worker):
        return torch.get_num_threads(), threading.get_ident()

    torch.set_num_threads(2)  # the default a new thread starts with, so that 1 can only come from threads=1
    _, default = start_worker(seen)
    wait_finished(default)  # one after the other: a worker's setting also changes the default of later threads
    _, limited = start_worker(seen, threads=1)
    wait_finished(limited)
    (default_count, _), = default.returned
    (limited_count, worker_ident), = limited.returned
    assert default_count == 2
    assert limited_count == 1
    assert worker_ident != threading.get_ident()  # it ran in the worker's thread
    assert torch.get_num_threads() == 2  # and the GUI thread keeps its own count


def test_finished_is_sent_even_when_the_thread_count_cannot_be_set(qtbot):
    from diffviz.workers.base import GeneratorWorker, WorkerHandle

    from .recording import Recorder

    worker = GeneratorWorker(lambda worker: "never reached", threads=-1)  # torch refuses counts below 1
    handle = WorkerHandle(worker, "test-worker")
    recorder = Recorder(worker)
    handle.start()
    try:
        qtbot.waitUntil(lambda: recorder.finished == 1, timeout=500)
        assert [kind for _, _, kind in recorder.errors] == ["RuntimeError"]
    finally:
        handle.thread.quit()  # a no-op once finished has ended the loop; a regression must not hang the suite
        assert handle.thread.wait(WAIT_MS)
