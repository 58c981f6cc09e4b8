"""A sampling run on the timeline and inspector while it is computed: real views, a real AppState, a real
sampling job on a tiny untrained model, wired as the window wires them; no MainWindow.

The model is held at a chosen forward pass (a pre-hook waits on an event in the worker thread), so a test
looks at the views with exactly k frames made; the recording's arrays are watched, so any read of a frame
at or past ``frames_made`` fails the test.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
import torch

from diffviz.core.errors import ExportError
from diffviz.core.export import GifOptions
from diffviz.core.models import BasicUNet
from diffviz.core.sampling import sample
from diffviz.core.trajectory import Trajectory
from diffviz.ui.window.app_state import AppState
from diffviz.ui.widgets.images import grid_uint8
from diffviz.ui.views.inspector_view import InspectorView
from diffviz.ui.window.job_callbacks import JobCallbacks
from diffviz.ui.window.job_runner import JobRunner
from diffviz.ui.window.sampling_stream import SamplingStream
from diffviz.ui.views.timeline_view import TimelineView
from diffviz.workers import jobs
from diffviz.workers.jobs import sampling_job
from diffviz.workers.messages import FramesMade, SamplingFailed, SamplingStarted

N, STEPS, SEED = 4, 8, 5
WAIT_MS = 20_000  # generous: two CPU cores are shared with other test runs


class Watched(np.ndarray):
    """A view of a recording's array that notes every read of its frames (the first index) on the GUI thread
    together with the count made at that moment; views cut from it (slices, results) are not watched."""

    reads: list | None = None
    run: Trajectory | None = None

    def __array_finalize__(self, obj) -> None:
        self.reads = None

    def __getitem__(self, index):
        if self.reads is not None and threading.current_thread() is threading.main_thread():  # the views' reads
            # (the worker's own writes of later frames pass here too, and are no reads)
            first = index[0] if isinstance(index, tuple) else index
            if isinstance(first, slice):
                stop = len(self) if first.stop is None else first.stop
            elif first is Ellipsis:
                stop = len(self)
            else:
                stop = int(first) + 1
            self.reads.append((stop, self.run.frames_made))
        return super().__getitem__(index)


def watch(run: Trajectory, reads: list) -> None:
    """Swap the run's arrays for watched views of the same memory (the worker writes its own references)."""

    def watched(array: np.ndarray) -> Watched:
        view = array.view(Watched)
        view.reads, view.run = reads, run
        return view

    run.xs, run.preds = watched(run.xs), watched(run.preds)
    for name in list(run.features):
        run.features[name] = watched(run.features[name])


class Hold:
    """Holds the worker at the model's forward pass number ``at`` (1-based; pass k + 1 makes frame k) until
    ``release()``; ``reached`` is set once it is held."""

    def __init__(self, model: torch.nn.Module, at: int) -> None:
        self.calls, self.at = 0, at
        self.reached, self._go = threading.Event(), threading.Event()
        self.on_hold = lambda: None
        self._hook = model.register_forward_pre_hook(self._pre)

    def _pre(self, module, inputs) -> None:
        self.calls += 1
        if self.calls == self.at:
            self.on_hold()
            self.reached.set()
            self._go.wait(WAIT_MS / 1000)

    def release(self) -> None:
        self._go.set()
        self._hook.remove()


@pytest.fixture(scope="module")
def model():
    torch.manual_seed(0)
    return BasicUNet().eval()


@pytest.fixture
def app(qtbot, monkeypatch):
    """The state and both views, wired as the window wires them."""
    monkeypatch.setattr(jobs, "FRAMES_INTERVAL", 0.0)  # every frame counted: the views' steps are exact
    state = AppState()
    timeline, inspector = TimelineView(), InspectorView()
    for view, size in ((timeline, (900, 600)), (inspector, (1100, 700))):
        qtbot.addWidget(view)
        view.resize(*size)
        view.show()
    state.trajectoryChanged.connect(timeline.set_trajectory)
    state.trajectoryChanged.connect(inspector.set_trajectory)
    timeline.frameChanged.connect(inspector.set_frame)
    return state, timeline, inspector


@pytest.fixture
def run_sampling(qtbot, app, model):
    """``run_sampling(hold_at) -> (stream, worker, hold, reads, results)``: the real sampling job started as
    the window starts it, held at forward pass ``hold_at``; every thread is joined on teardown."""
    runner = JobRunner()
    kept: list = []
    holds: list[Hold] = []

    def start(hold_at: int):
        state, timeline, inspector = app
        hold = Hold(model, hold_at)
        holds.append(hold)
        reads: list = []
        results: list = []
        stream = SamplingStream(state, (timeline, inspector))
        on = stream.handlers()
        on[SamplingStarted] = lambda message: (watch(message.trajectory, reads), stream.started(message))
        callbacks = JobCallbacks(on, lambda result: results.append(stream.done(result)))
        kept.append(callbacks)
        worker = runner.start("sample", callbacks.gate(sampling_job(model, N, STEPS, SEED, features=2)),
                              finish_on_stop=True)
        callbacks.attach(worker)
        return stream, worker, hold, reads, results

    yield start
    for hold in holds:
        hold.release()
    runner.shutdown(WAIT_MS)
    assert not any(h.thread.isRunning() for h in runner.handles.values())


def no_read_past_made(reads: list) -> None:
    assert reads, "the views read nothing through the watched arrays"
    late = [(stop, made) for stop, made in reads if stop > made]
    assert not late, f"frames read at or past frames_made (read up to, made): {late[:5]}"


def held_with(qtbot, hold: Hold, timeline: TimelineView, frames: int) -> None:
    assert hold.reached.wait(WAIT_MS / 1000)
    qtbot.waitUntil(lambda: timeline.frames_made() == frames, timeout=WAIT_MS)


def test_the_views_open_on_the_first_frames_and_grow_without_reading_past_them(qtbot, app, run_sampling):
    state, timeline, inspector = app
    stream, worker, hold, reads, results = run_sampling(hold_at=4)  # frames 0..2 made, frame 3 held
    held_with(qtbot, hold, timeline, 3)
    run = stream.live
    assert state.trajectory is run and run.growing and run.n_steps == STEPS
    assert timeline.trajectory() is run and timeline.frame() == 0  # opens on the first frame at once
    assert (timeline.slider.minimum(), timeline.slider.maximum()) == (0, 2)
    assert timeline.status_text() == f"computing… 3 of {STEPS + 1} frames" and timeline.stream_label.isVisible()
    assert timeline.pending_region.isVisible()
    timeline.go_end()
    assert timeline.frame() == 2
    np.testing.assert_array_equal(timeline.x_panel.image_data(), grid_uint8(run.xs[2].view(np.ndarray)))
    timeline.step_by(1)
    timeline.set_frame(99)
    assert timeline.frame() == 2  # never past the newest made frame
    assert f"step 3/{STEPS}" in timeline.step_label.text()
    assert inspector.frames_made() == 3 and "computing… 3 of 9 frames" in inspector.title.text()
    inspector.select_layer("down1")
    np.testing.assert_array_equal(inspector.current_maps(), run.features["down1"][2, 0].astype(np.float32))
    inspector.set_frame(7)  # asked beyond the made frames: shows the newest one
    assert "frame 2 ·" in inspector.title.text()
    with pytest.raises(ExportError, match="still being sampled"):
        GifOptions().validate(state.trajectory)
    no_read_past_made(reads)

    hold.release()
    qtbot.waitUntil(lambda: bool(results), timeout=WAIT_MS)
    assert results == [run] and state.trajectory is run and not run.growing  # the same object, now complete
    assert timeline.slider.maximum() == STEPS and timeline.frames_made() == STEPS + 1
    assert timeline.status_text() == "" and not timeline.stream_label.isVisible()
    assert not timeline.pending_region.isVisible()
    assert inspector.frames_made() == STEPS + 1 and "frame 7 ·" in inspector.title.text()  # the asked frame, now made
    assert "computing" not in inspector.title.text()
    timeline.go_end()
    assert "result" in timeline.step_label.text()
    assert timeline.change_curve.yData.shape == (STEPS,)
    np.testing.assert_allclose(timeline.change_curve.yData, run.change_per_step(), rtol=1e-6)
    no_read_past_made(reads)


def test_play_during_sampling_waits_at_the_newest_frame_and_goes_on_as_frames_arrive(qtbot, app, run_sampling):
    state, timeline, inspector = app
    stream, worker, hold, reads, results = run_sampling(hold_at=5)  # frames 0..3 made
    held_with(qtbot, hold, timeline, 4)
    seen: list[int] = []
    timeline.frameChanged.connect(seen.append)
    timeline.fps_spin.setValue(30)
    timeline.play_pause()
    qtbot.waitUntil(lambda: timeline.frame() == 3, timeout=WAIT_MS)
    qtbot.wait(200)  # six ticks at 30 fps: it waits at the newest frame, still playing
    assert timeline.is_playing() and timeline.frame() == 3
    hold.release()
    qtbot.waitUntil(lambda: not timeline.is_playing(), timeout=WAIT_MS)
    assert seen == list(range(1, STEPS + 1))  # every frame once, up to the result, then it stops
    qtbot.waitUntil(lambda: bool(results), timeout=WAIT_MS)
    assert not results[0].growing and timeline.frame() == STEPS
    no_read_past_made(reads)


def test_a_stop_keeps_the_made_frames_scrubbable_and_the_learners_frame(qtbot, app, run_sampling):
    state, timeline, inspector = app
    stream, worker, hold, reads, results = run_sampling(hold_at=5)  # frames 0..3 made, frame 4 held
    held_with(qtbot, hold, timeline, 4)
    live = stream.live
    timeline.set_frame(2)
    inspector.select_layer("up1")
    worker.stop()  # the learner presses Stop while frame 4 is computed
    hold.release()
    qtbot.waitUntil(lambda: bool(results), timeout=WAIT_MS)
    (stopped,) = results
    assert stopped is state.trajectory and stopped.stopped and stopped.continues(live)
    assert stopped.n_frames == 4 and stopped.planned_steps == STEPS
    assert timeline.trajectory() is stopped and timeline.frame() == 2  # not reset to frame 0
    assert timeline.slider.maximum() == 3 and timeline.pending_region.isVisible()  # greyed: never computed
    assert timeline.status_text() == f"stopped: 4 of {STEPS + 1} frames made"
    for frame in range(4):  # every made frame can be scrubbed to
        timeline.slider.setValue(frame)
        np.testing.assert_array_equal(timeline.x_panel.image_data(), grid_uint8(stopped.xs[frame]))
        np.testing.assert_array_equal(inspector.current_maps(), stopped.features["up1"][frame, 0].astype(np.float32))
    timeline.go_end()
    assert timeline.frame() == 3 and f"stopped after step 3/{STEPS}" in timeline.step_label.text()
    assert "result" not in timeline.step_label.text()
    assert f"stopped after step 3/{STEPS}" in inspector.title.text()
    timeline.play_pause()  # from the last frame: starts again at 0 and plays the four frames
    assert timeline.is_playing() and timeline.frame() == 0
    timeline.play_pause()
    GifOptions().validate(stopped)  # a stopped run exports
    no_read_past_made(reads)


# -- the stream's own rules, on a recording made without a worker ---------------------------------------
def _recording(model, frames: int) -> tuple[Trajectory, Trajectory]:
    """A run stopped after ``frames`` frames: (the recording as the views saw it, the stopped run)."""
    cancel = threading.Event()
    started: list[Trajectory] = []
    stopped = sample(model, N, STEPS, SEED, features=2, cancel=cancel, keep_stopped=True, on_start=started.append,
                     on_frame=lambda done, total: cancel.set() if done == frames else None)
    return started[0], stopped


@pytest.mark.parametrize("ending", ["none", "failed"])
def test_a_job_ending_without_its_frames_still_leaves_them_on_the_views(qtbot, app, model, ending):
    state, timeline, inspector = app
    live, stopped = _recording(model, 3)
    shown: list[Trajectory] = []
    stream = SamplingStream(state, (timeline, inspector), on_started=shown.append)
    stream.started(SamplingStarted(live))
    stream.advance(FramesMade(3, STEPS + 1))
    assert shown == [live] and timeline.frames_made() == 3 and timeline.frame() == 0
    timeline.go_end()
    if ending == "none":  # e.g. a window that started the job without finish_on_stop, stopped at once
        result = stream.done(None)
    else:
        stream.failed(SamplingFailed(stopped))
        result = state.trajectory
    assert result.stopped and result.n_frames == 3 and result.continues(live)
    assert state.trajectory is result and stream.live is None
    assert timeline.trajectory() is result and timeline.frame() == 2
    assert timeline.status_text() == f"stopped: 3 of {STEPS + 1} frames made"
    assert timeline.step_label.text().endswith(f"stopped after step 2/{STEPS}")
    stream.advance(FramesMade(3, STEPS + 1))  # a late count changes nothing
    assert timeline.trajectory() is result


def test_a_new_run_after_a_finished_one_starts_from_frame_zero(qtbot, app, model):
    state, timeline, inspector = app
    first, _ = _recording(model, 3)
    state.set_trajectory(sample(model, N, STEPS, SEED + 1))
    timeline.go_end()
    stream = SamplingStream(state, (timeline, inspector))
    stream.started(SamplingStarted(first))
    assert timeline.frame() == 0 and timeline.slider.maximum() == 2
