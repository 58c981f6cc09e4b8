"""The sampling job streams its run: the trajectory once frame 0 is made, throttled frame counts, the run as
the result; a stop keeps the frames made, and only a finished run is judged by the quality meter."""

from __future__ import annotations

import pytest
import torch

from diffviz.core.captions import step_label
from diffviz.core.models import BasicUNet
from diffviz.core.quality import QualityReport
from diffviz.core.sampling import sample
from diffviz.core.trajectory import Trajectory
from diffviz.workers import jobs
from diffviz.workers.jobs import sampling_job
from diffviz.workers.messages import FramesMade, PrecisionChosen, Progress, SamplingFailed, SamplingStarted

N, STEPS, SEED = 3, 8, 11


@pytest.fixture(scope="module")
def model():
    torch.manual_seed(0)
    return BasicUNet().eval()


def _run(start_worker, wait_finished, job, **options):
    handle, recorder = start_worker(job, **options)
    wait_finished(recorder)
    assert not recorder.errors, recorder.errors
    return recorder


def _calling_on(model: torch.nn.Module, call: int, action) -> torch.utils.hooks.RemovableHandle:
    """Run ``action()`` as the model's forward pass number ``call`` starts (1-based). With the course
    sampler, pass k + 1 makes frame k, so stopping there keeps frames 0..k-1."""
    calls = [0]

    def hook(module, inputs):
        calls[0] += 1
        if calls[0] == call:
            action()

    return model.register_forward_pre_hook(hook)


def _with_worker(job):
    """``job`` that also notes its worker, so a model hook can stop it from the worker thread."""
    seen = {}

    def wrapped(worker):
        seen["worker"] = worker
        return job(worker)

    return wrapped, seen


def test_a_run_streams_its_trajectory_and_returns_the_same_object(model, start_worker, wait_finished):
    recorder = _run(start_worker, wait_finished, sampling_job(model, N, STEPS, SEED, features=2))
    started = recorder.of_type(SamplingStarted)
    assert len(started) == 1
    (result,) = recorder.returned
    assert started[0].trajectory is result and not result.growing and not result.stopped
    kinds = [type(m) for m in recorder.yielded]
    assert kinds.index(PrecisionChosen) < kinds.index(SamplingStarted) < kinds.index(FramesMade)
    counts = [m.count for m in recorder.of_type(FramesMade)]
    assert counts == sorted(set(counts)) and counts[0] == 1 and counts[-1] == STEPS + 1  # the last is always sent
    assert all(m.total == STEPS + 1 for m in recorder.of_type(FramesMade))
    assert [m.done for m in recorder.of_type(Progress)] == list(range(1, STEPS + 2))  # the bar as before
    assert len(recorder.of_type(QualityReport)) == 1  # a finished run is judged
    again = sample(model, N, STEPS, SEED, features=2)
    torch.testing.assert_close(torch.from_numpy(result.xs), torch.from_numpy(again.xs))


def test_a_run_through_auto_is_the_engines_at_the_precision_it_reports(model, start_worker, wait_finished,
                                                                         auto_verdict):
    """The app samples with ``auto`` by default: the run says which precision auto chose, and its frames are the
    engine's at that precision (bf16's on a machine where auto picks bf16; auto_verdict runs this both ways)."""
    recorder = _run(start_worker, wait_finished, sampling_job(model, N, STEPS, SEED, features=1, precision="auto"))
    (chosen,) = recorder.of_type(PrecisionChosen)
    assert auto_verdict.title in chosen.line
    (result,) = recorder.returned
    again = sample(model, N, STEPS, SEED, features=1, precision=auto_verdict)
    torch.testing.assert_close(torch.from_numpy(result.xs), torch.from_numpy(again.xs))
    torch.testing.assert_close(torch.from_numpy(result.preds), torch.from_numpy(again.preds))


def test_frame_counts_are_throttled_to_the_interval_plus_the_last(model, start_worker, wait_finished, monkeypatch):
    monkeypatch.setattr(jobs, "FRAMES_INTERVAL", 3600.0)  # nothing but the first and the last
    recorder = _run(start_worker, wait_finished, sampling_job(model, N, STEPS, SEED, features=False))
    assert [m.count for m in recorder.of_type(FramesMade)] == [1, STEPS + 1]


@pytest.mark.parametrize("finish_on_stop", [False, True])
def test_a_stop_returns_the_frames_made_as_a_stopped_run_without_judging_it(model, start_worker, wait_finished,
                                                                            finish_on_stop):
    job, seen = _with_worker(sampling_job(model, N, STEPS, SEED, features=2))
    hook = _calling_on(model, 5, lambda: seen["worker"].stop())  # while frame 4 is computed
    try:
        recorder = _run(start_worker, wait_finished, job, finish_on_stop=finish_on_stop)
    finally:
        hook.remove()
    (result,) = recorder.returned
    assert isinstance(result, Trajectory)
    assert result.stopped and result.n_frames == 4 and result.planned_steps == STEPS
    assert step_label(result, 3) == f"stopped after step 3/{STEPS}"
    assert result.continues(recorder.of_type(SamplingStarted)[0].trajectory)
    assert recorder.of_type(FramesMade)[-1].count == 4
    assert recorder.of_type(QualityReport) == []  # the meter would judge half-noisy images: not run
    full = sample(model, N, STEPS, SEED, features=2)
    torch.testing.assert_close(torch.from_numpy(result.xs), torch.from_numpy(full.xs[:4]))


def test_a_stop_before_any_frame_returns_none(model, start_worker, wait_finished):
    job, seen = _with_worker(sampling_job(model, N, STEPS, SEED, features=False))
    hook = _calling_on(model, 1, lambda: seen["worker"].stop())
    try:
        recorder = _run(start_worker, wait_finished, job, finish_on_stop=True)
    finally:
        hook.remove()
    assert recorder.returned == [None]
    assert recorder.of_type(SamplingStarted) == [] and recorder.of_type(QualityReport) == []


def test_a_failure_after_frame_zero_hands_the_frames_made_over_before_the_error(model, start_worker, wait_finished):
    def fail() -> None:
        raise RuntimeError("out of memory, say")

    hook = _calling_on(model, 4, fail)
    try:
        handle, recorder = start_worker(sampling_job(model, N, STEPS, SEED, features=False))
        wait_finished(recorder)
    finally:
        hook.remove()
    (failed,) = recorder.of_type(SamplingFailed)
    assert failed.trajectory.stopped and failed.trajectory.n_frames == 3
    assert recorder.errors and "out of memory" in recorder.errors[0][0]
    assert recorder.signals().index("errored") > recorder.yielded.index(failed)
    assert recorder.returned == []
