"""The course sampler recorded as a Trajectory: mixes, shapes, feature maps, seeds, cancellation."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
import torch

from diffviz.core.captions import status_text, step_label
from diffviz.core.errors import ConfigError
from diffviz.core.models import BasicUNet
from diffviz.core.sampling import (MAX_SAMPLES, MAX_STEPS, Trajectory, initial_noise, sample, sample_final,
                                   validate_sampling)

N_SAMPLES = 4
N_STEPS = 5


@pytest.fixture(scope="module")
def model():
    torch.manual_seed(0)
    return BasicUNet()


@pytest.fixture(scope="module")
def trajectory(model) -> Trajectory:
    return sample(model, N_SAMPLES, N_STEPS, seed=0, features=True)


def test_mix_is_one_over_n_minus_i(trajectory):
    assert trajectory.mix.shape == (N_STEPS,)
    for i, mix in enumerate(trajectory.mix):
        assert mix == pytest.approx(1.0 / (N_STEPS - i), rel=1e-12)
    assert trajectory.mix[-1] == 1.0


def test_each_step_moves_x_toward_the_prediction(trajectory):
    xs, preds = trajectory.xs, trajectory.preds
    for i in range(N_STEPS):
        expected = xs[i] * (1 - trajectory.mix[i]) + preds[i] * trajectory.mix[i]
        assert np.allclose(xs[i + 1], expected, atol=1e-6, rtol=0)


def test_last_step_jumps_fully_to_the_prediction(trajectory):
    result = torch.from_numpy(trajectory.xs[N_STEPS])
    last_pred = torch.from_numpy(trajectory.preds[N_STEPS - 1])
    assert torch.allclose(result, last_pred, atol=1e-7, rtol=0)


def test_first_frame_is_the_seeded_uniform_noise(trajectory):
    assert np.array_equal(trajectory.xs[0], initial_noise(N_SAMPLES, 0).numpy())


def test_trajectory_shapes(trajectory):
    assert trajectory.xs.shape == (N_STEPS + 1, N_SAMPLES, 1, 28, 28)
    assert trajectory.preds.shape == (N_STEPS + 1, N_SAMPLES, 1, 28, 28)
    assert trajectory.xs.dtype == np.float32 and trajectory.preds.dtype == np.float32
    assert trajectory.n_steps == N_STEPS and trajectory.n_frames == N_STEPS + 1
    assert trajectory.n_samples == N_SAMPLES
    assert trajectory.final.shape == (N_SAMPLES, 1, 28, 28)
    assert trajectory.final.min() >= 0.0 and trajectory.final.max() <= 1.0
    # the result frame also has a prediction (one extra forward pass), so it is inspectable
    assert np.isfinite(trajectory.preds[N_STEPS]).all()


def _expected_feature_shapes(frames: int, k: int) -> dict[str, tuple]:
    return {
        "down0": (frames, k, 32, 28, 28),
        "down1": (frames, k, 64, 14, 14),
        "down2": (frames, k, 64, 7, 7),
        "up0": (frames, k, 64, 7, 7),
        "up1": (frames, k, 32, 14, 14),
        "up2": (frames, k, 1, 28, 28),
    }


def test_feature_maps_for_every_image(trajectory):
    shapes = {name: maps.shape for name, maps in trajectory.features.items()}
    assert shapes == _expected_feature_shapes(N_STEPS + 1, N_SAMPLES)
    assert trajectory.layer_names == ["down0", "down1", "down2", "up0", "up1", "up2"]
    # up2 is the model's output: the captured map is the prediction (float16 precision)
    assert np.allclose(trajectory.features["up2"].astype(np.float32), trajectory.preds, atol=1e-2)


def test_feature_maps_for_the_first_k_images(model, trajectory):
    k = 3
    small = sample(model, 6, 2, seed=0, features=k)
    shapes = {name: maps.shape for name, maps in small.features.items()}
    assert shapes == _expected_feature_shapes(3, k)
    assert np.allclose(small.features["up2"].astype(np.float32), small.preds[:, :k], atol=1e-2)


def test_no_features_by_default(model):
    plain = sample(model, 2, 2, seed=0)
    assert plain.features == {}
    assert plain.layer_names == []


def test_same_seed_same_trajectory_different_seed_different(model, trajectory):
    again = sample(model, N_SAMPLES, N_STEPS, seed=0)
    other = sample(model, N_SAMPLES, N_STEPS, seed=1)
    assert np.array_equal(again.xs, trajectory.xs)
    assert np.array_equal(again.preds, trajectory.preds)
    assert not np.array_equal(other.xs[0], trajectory.xs[0])
    assert not np.array_equal(other.xs[-1], trajectory.xs[-1])
    assert other.seed == 1


def test_a_set_cancel_event_returns_none(model):
    cancel = threading.Event()
    cancel.set()
    assert sample(model, 2, 3, cancel=cancel) is None


def test_cancel_mid_run_returns_none_and_restores_the_mode(model):
    cancel = threading.Event()
    frames = []

    def on_frame(done: int, total: int) -> None:
        frames.append((done, total))
        if done == 2:
            cancel.set()

    model.train()
    try:
        assert sample(model, 2, 10, cancel=cancel, on_frame=on_frame) is None
        assert model.training  # sampling runs in eval mode and puts the mode back, even when cancelled
    finally:
        model.eval()
    assert frames == [(1, 11), (2, 11)]


def test_progress_reaches_every_frame(model):
    frames = []
    sample(model, 2, 3, on_frame=lambda done, total: frames.append((done, total)))
    assert frames == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_sample_final_matches_the_trajectory(model, trajectory):
    final = sample_final(model, N_SAMPLES, N_STEPS, seed=0)
    assert final.shape == (N_SAMPLES, 1, 28, 28) and final.dtype == np.float32
    assert np.allclose(final, np.clip(trajectory.xs[-1], 0, 1), atol=1e-6, rtol=0)
    assert np.allclose(final, trajectory.final, atol=1e-6, rtol=0)
    # batching does not change the result, and progress is reported per batch
    batches = []
    batched = sample_final(model, N_SAMPLES, N_STEPS, seed=0, batch_size=3,
                           on_batch=lambda done, total: batches.append((done, total)))
    assert np.allclose(batched, final, atol=1e-5, rtol=0)
    assert batches == [(3, N_SAMPLES), (N_SAMPLES, N_SAMPLES)]


@pytest.mark.parametrize("n, steps", [
    (0, 5), (-1, 5), (MAX_SAMPLES + 1, 5), (10**9, 5),
    (4, 0), (4, -3), (4, MAX_STEPS + 1),
])
def test_validate_sampling_refuses(model, n, steps):
    with pytest.raises(ConfigError):
        validate_sampling(n, steps)
    with pytest.raises(ConfigError):
        sample(model, n, steps)
    with pytest.raises(ConfigError):
        sample_final(model, n, steps)


def test_validate_sampling_accepts_the_limits():
    validate_sampling(1, 1)
    validate_sampling(MAX_SAMPLES, MAX_STEPS)


def test_change_per_step(trajectory):
    change = trajectory.change_per_step()
    assert change.shape == (N_STEPS,)
    assert (change >= 0).all()
    expected = np.abs(trajectory.xs[1] - trajectory.xs[0]).mean()
    assert change[0] == pytest.approx(expected, rel=1e-5)


def test_step_labels(trajectory):
    for i in range(N_STEPS):
        label = step_label(trajectory, i)
        assert f"{i + 1}/{N_STEPS}" in label
        assert f"1/{N_STEPS - i}" in label
        assert "result" not in label
    assert "result" in step_label(trajectory, N_STEPS)


def test_a_recording_too_big_for_memory_is_refused_before_any_work(monkeypatch):
    """10,000 samples x 1,000 steps with feature maps would need hundreds of GB: refused, saying what to do."""
    model = BasicUNet()
    calls = []
    monkeypatch.setattr(model, "forward", lambda x: calls.append(x) or x)
    with pytest.raises(ConfigError, match="GB") as info:
        sample(model, n=MAX_SAMPLES, steps=MAX_STEPS, features=True)
    assert "fewer samples" in str(info.value)
    assert calls == []  # refused before the first model call, and before allocating frames


def test_the_same_run_without_features_or_recording_fits():
    from diffviz.core.sampling import MAX_TRAJECTORY_BYTES, trajectory_bytes

    model = BasicUNet()
    assert trajectory_bytes(model, 64, 40, features=16) < MAX_TRAJECTORY_BYTES
    assert trajectory_bytes(model, MAX_SAMPLES, MAX_STEPS, features=True) > MAX_TRAJECTORY_BYTES


# -- a run read while it is recorded, and a stopped run --------------------------------------------------
def test_on_start_hands_out_the_run_being_recorded_and_frames_made_grows_by_one(model):
    started: list[Trajectory] = []
    made: list[tuple[int, int]] = []

    def on_start(recording: Trajectory) -> None:
        started.append(recording)
        made.append((recording.frames_made, -1))

    def on_frame(done: int, total: int) -> None:
        made.append((started[0].frames_made, done))

    result = sample(model, 3, 6, seed=2, features=2, on_start=on_start, on_frame=on_frame)
    assert len(started) == 1 and started[0] is result  # one object, filled in place
    assert made[0] == (1, -1)  # handed out once frame 0 is written
    counts = [count for count, _ in made[1:]]
    assert counts == [done for _, done in made[1:]] == list(range(1, 8))  # on_frame comes after the count moves
    assert result.frames_made == result.n_frames and not result.growing and not result.stopped
    assert status_text(result) == ""


def test_the_frames_seen_early_are_the_finished_frames(model):
    seen: dict[int, tuple] = {}
    recording: list[Trajectory] = []

    def on_frame(done: int, total: int) -> None:
        run = recording[0]
        for i in range(run.frames_made):  # only frames below frames_made
            if i not in seen:
                seen[i] = (run.xs[i].copy(), run.preds[i].copy(), run.features["down1"][i].copy(),
                           step_label(run, i), float(run.levels[i]))
        assert run.final.shape == (3, 1, 28, 28)  # the newest made frame's x, never an unwritten one
        np.testing.assert_array_equal(run.final, np.clip(run.xs[done - 1], 0, 1))

    result = sample(model, 3, 6, seed=2, features=True, on_start=recording.append, on_frame=on_frame)
    assert sorted(seen) == list(range(result.n_frames))
    for i, (x, pred, maps, label, level) in seen.items():
        np.testing.assert_array_equal(x, result.xs[i])
        np.testing.assert_array_equal(pred, result.preds[i])
        np.testing.assert_array_equal(maps, result.features["down1"][i])
        assert label == step_label(result, i) and level == result.levels[i]
    again = sample(model, 3, 6, seed=2, features=True)  # streaming changes nothing in the run itself
    np.testing.assert_array_equal(again.xs, result.xs)


def test_a_reader_on_another_thread_sees_only_made_frames_and_they_are_final(model):
    """The rule of core.trajectory, from a real second thread: poll frames_made, copy what is below it."""
    recording: list[Trajectory] = []
    result: list[Trajectory] = []
    thread = threading.Thread(target=lambda: result.append(sample(model, 2, 12, seed=5, features=2,
                                                                  on_start=recording.append)))
    copies: dict[int, np.ndarray] = {}
    counts: list[int] = []

    def poll() -> None:
        if recording:
            made = recording[0].frames_made  # read once, then only frames below it
            counts.append(made)
            for i in range(made):
                copies.setdefault(i, recording[0].xs[i].copy())

    thread.start()
    while thread.is_alive():
        poll()
        time.sleep(0.001)
    poll()
    assert counts == sorted(counts) and counts[-1] == 13  # it only ever grows
    assert set(copies) == set(range(13))
    for i, x in copies.items():
        np.testing.assert_array_equal(x, result[0].xs[i])


def _stop_after(frames: int):
    cancel = threading.Event()

    def on_frame(done: int, total: int) -> None:
        if done == frames:
            cancel.set()

    return cancel, on_frame


def test_a_stop_after_k_frames_keeps_those_k_frames_with_the_runs_own_captions(model):
    full = sample(model, 2, 10, seed=4, features=True)
    cancel, on_frame = _stop_after(4)
    started: list[Trajectory] = []
    stopped = sample(model, 2, 10, seed=4, features=True, cancel=cancel, on_frame=on_frame, keep_stopped=True,
                     on_start=started.append)
    assert stopped.n_frames == 4 and stopped.n_steps == 3 and stopped.planned_steps == 10
    assert stopped.stopped and not stopped.growing and stopped.frames_made == 4
    np.testing.assert_array_equal(stopped.xs, full.xs[:4])
    np.testing.assert_array_equal(stopped.preds, full.preds[:4])
    np.testing.assert_array_equal(stopped.mix, full.mix[:3])
    assert {name: maps.shape[0] for name, maps in stopped.features.items()} == {name: 4 for name in full.features}
    for i in range(3):  # numbered as the 10-step run it was
        assert step_label(stopped, i) == step_label(full, i)
        assert f"{i + 1}/10" in step_label(stopped, i) and f"1/{10 - i}" in step_label(stopped, i)
    assert step_label(stopped, 3) == status_text(stopped) == "stopped after step 3/10"
    assert "result" not in step_label(stopped, 3)
    # final: where the sampler left the images (frame 3's x), not a result it never reached
    np.testing.assert_array_equal(stopped.final, np.clip(full.xs[3], 0, 1))
    assert stopped.change_per_step().shape == (3,)
    np.testing.assert_allclose(stopped.change_per_step(), full.change_per_step()[:3])
    assert stopped.continues(started[0]) and not full.continues(started[0])  # views of the recording's arrays


def test_without_keep_stopped_a_stop_still_returns_none(model):
    cancel, on_frame = _stop_after(2)
    assert sample(model, 2, 5, cancel=cancel, on_frame=on_frame) is None
    cancel = threading.Event()
    cancel.set()  # before frame 0 is made there is nothing to keep
    assert sample(model, 2, 5, cancel=cancel, keep_stopped=True) is None


def test_a_stop_after_frame_zero_keeps_the_noise(model):
    cancel, on_frame = _stop_after(1)
    stopped = sample(model, 2, 5, cancel=cancel, on_frame=on_frame, keep_stopped=True)
    assert stopped.n_frames == 1 and stopped.n_steps == 0
    assert step_label(stopped, 0) == "stopped after step 0/5"
    np.testing.assert_array_equal(stopped.xs[0], initial_noise(2, 0).numpy())


def test_a_growing_run_refuses_to_export_and_a_stopped_run_exports(model, tmp_path):
    from diffviz.core.errors import ExportError
    from diffviz.core.export import GifOptions, save_animation

    cancel, on_frame = _stop_after(3)
    recording: list[Trajectory] = []
    stopped = sample(model, 2, 6, cancel=cancel, on_frame=on_frame, keep_stopped=True, on_start=recording.append)
    growing = recording[0]  # left at 3 of 7 frames made, as a view sees it mid-run
    assert growing.growing and status_text(growing) == "computing… 3 of 7 frames"
    with pytest.raises(ExportError, match="still being sampled"):
        save_animation(growing, tmp_path / "growing.gif", GifOptions())
    assert not (tmp_path / "growing.gif").exists()
    path = save_animation(stopped, tmp_path / "stopped.gif", GifOptions(hold_last=0.0))
    from PIL import Image

    with Image.open(path) as gif:
        assert gif.n_frames == 3
