"""The timeline and the feature-map inspector, driven like a user would: slider, keys, play, clicks."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PySide6.QtCore import Qt

from diffviz.core.captions import step_label
from diffviz.core.models import BasicUNet
from diffviz.core.sampling import sample
from diffviz.core.trajectory import Trajectory
from diffviz.ui.widgets.images import grid_uint8
from diffviz.ui.views.inspector_view import InspectorView
from diffviz.ui.views.timeline_view import TimelineView

STEPS = 5
SAMPLES = 6


@pytest.fixture(scope="module")
def traj() -> Trajectory:
    torch.manual_seed(0)
    return sample(BasicUNet(), SAMPLES, STEPS, seed=3, features=True)


@pytest.fixture
def timeline(qtbot, traj):
    view = TimelineView()
    qtbot.addWidget(view)
    view.set_trajectory(traj)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def inspector(qtbot, traj):
    view = InspectorView()
    qtbot.addWidget(view)
    view.set_trajectory(traj)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def synthetic(channel_scales: list[float], steps: int = 2) -> Trajectory:
    """A tiny trajectory whose one layer has channels of very different ranges."""
    rng = np.random.default_rng(0)
    xs = rng.random((steps + 1, 2, 1, 28, 28), dtype=np.float32)
    maps = rng.random((steps + 1, 2, len(channel_scales), 6, 6)) * np.asarray(channel_scales)[:, None, None]
    return Trajectory(xs=xs, preds=xs.copy(), mix=1.0 / (steps - np.arange(steps)),
                      features={"layer": maps.astype(np.float16)})


# -- timeline -----------------------------------------------------------------------------------------
def test_the_panels_share_the_width_whatever_their_captions_say(timeline, traj, qtbot):
    """A class run's caption (digits, guidance) is long: it wraps, and x and the prediction stay as wide as each
    other; the nearest training digits, once shown, take an equal third, and hidden they take nothing."""
    timeline.captions[0].setText("<b>x</b> — the images at this step (digits 0 to 9 in turn · guidance 2 for noise "
                                 "0.1–0.7, and a good deal more to say than fits)")
    qtbot.wait(50)
    assert abs(timeline.x_panel.width() - timeline.pred_panel.width()) <= 2
    images = traj.final[:, :, :, :]
    timeline.set_nearest(traj, images, np.full(len(images), 0.1))
    qtbot.waitUntil(lambda: abs(timeline.nearest_panel.width() - timeline.x_panel.width()) <= 2, timeout=2000)
    timeline.set_nearest(None)
    qtbot.waitUntil(lambda: abs(timeline.x_panel.width() - timeline.pred_panel.width()) <= 2
                    and timeline.x_panel.width() > 1.3 * timeline.nearest_panel.width(), timeout=2000)


def test_set_trajectory_gives_one_slider_position_per_frame(timeline, traj):
    assert (timeline.slider.minimum(), timeline.slider.maximum()) == (0, traj.n_steps)
    assert timeline.frame() == 0 and timeline.trajectory() is traj
    np.testing.assert_array_equal(timeline.x_panel.image_data(), grid_uint8(traj.xs[0]))


def test_slider_shows_exactly_that_steps_images(timeline, traj):
    before = timeline.x_panel.image_data().copy()
    timeline.slider.setValue(3)
    assert timeline.frame() == 3
    np.testing.assert_array_equal(timeline.x_panel.image_data(), grid_uint8(traj.xs[3]))
    np.testing.assert_array_equal(timeline.pred_panel.image_data(), grid_uint8(traj.preds[3]))
    assert not np.array_equal(before, timeline.x_panel.image_data())
    assert step_label(traj, 3) in timeline.step_label.text()
    assert timeline.marker.value() == 3
    assert list(timeline.x_panel.item.getLevels()) == [0, 255]  # fixed levels, never auto-levels


def test_scrubbing_visits_every_frame_once_and_reaches_the_result(qtbot, timeline, traj):
    seen: list[int] = []
    timeline.frameChanged.connect(seen.append)
    for value in range(traj.n_steps + 1):
        timeline.slider.setValue(value)
    assert seen == list(range(1, traj.n_steps + 1))  # frame 0 was already showing: no repeat
    np.testing.assert_array_equal(timeline.x_panel.image_data(), grid_uint8(traj.xs[traj.n_steps]))
    assert "result" in timeline.step_label.text()
    timeline.set_frame(99)
    assert timeline.frame() == traj.n_steps


def test_play_advances_and_stops_at_the_result(qtbot, timeline, traj):
    timeline.fps_spin.setValue(30)
    seen: list[int] = []
    timeline.frameChanged.connect(seen.append)
    timeline.play_pause()
    assert timeline.is_playing()
    qtbot.waitUntil(lambda: not timeline.is_playing(), timeout=5000)
    assert seen == list(range(1, traj.n_steps + 1))
    assert timeline.frame() == traj.n_steps


def test_play_with_loop_starts_again_and_pause_stops(qtbot, timeline, traj):
    timeline.fps_spin.setValue(30)
    timeline.loop_check.setChecked(True)
    seen: list[int] = []
    timeline.frameChanged.connect(seen.append)
    timeline.go_end()
    timeline.play_pause()
    qtbot.waitUntil(lambda: seen.count(0) >= 1 and len(seen) > 3, timeout=5000)
    assert timeline.is_playing()
    timeline.play_pause()
    assert not timeline.is_playing()
    frame = timeline.frame()
    qtbot.wait(150)
    assert timeline.frame() == frame


def test_keys_step_and_jump(qtbot, timeline, traj):
    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key_Right)
    assert timeline.frame() == 1
    qtbot.keyClick(timeline, Qt.Key_End)
    assert timeline.frame() == traj.n_steps
    qtbot.keyClick(timeline, Qt.Key_Left)
    assert timeline.frame() == traj.n_steps - 1
    qtbot.keyClick(timeline, Qt.Key_Home)
    assert timeline.frame() == 0
    qtbot.keyClick(timeline, Qt.Key_Left)
    assert timeline.frame() == 0
    qtbot.keyClick(timeline, Qt.Key_Space)
    assert timeline.is_playing()
    qtbot.keyClick(timeline, Qt.Key_Space)
    assert not timeline.is_playing()


# -- inspector ----------------------------------------------------------------------------------------
def test_inspector_follows_the_timeline(qtbot, timeline, inspector, traj):
    timeline.frameChanged.connect(inspector.set_frame)
    inspector.select_layer("down1")
    inspector.set_sample(2)
    timeline.slider.setValue(4)
    expected = traj.features["down1"][4][2].astype(np.float32)
    np.testing.assert_array_equal(inspector.current_maps(), expected)
    stats = inspector.channel_stats()
    np.testing.assert_allclose(stats[:, 0], expected.mean(axis=(1, 2)), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(stats[:, 2], expected.max(axis=(1, 2)))
    timeline.slider.setValue(1)
    np.testing.assert_array_equal(inspector.current_maps(), traj.features["down1"][1][2].astype(np.float32))


def test_layer_list_names_shapes_and_switches_layer(qtbot, inspector, traj):
    texts = [inspector.layer_list.item(row).text() for row in range(inspector.layer_list.count())]
    assert texts[0] == "down0 · 32×28×28"
    assert len(texts) == len(traj.layer_names)
    inspector.select_layer("down0")
    assert inspector.current_maps().shape == (32, 28, 28)
    with qtbot.waitSignal(inspector.layerChanged) as blocker:
        inspector.select_layer("down2")
    assert blocker.args == ["down2"]
    assert inspector.current_maps().shape == (64, 7, 7)
    assert inspector.sample_spin.maximum() == SAMPLES - 1


def test_per_channel_range_differs_from_shared_range(qtbot):
    view = InspectorView()
    qtbot.addWidget(view)
    view.set_trajectory(synthetic([1.0, 10.0, 100.0, 1000.0]))
    view.set_per_channel_range(False)
    shared = view.mosaic_panel.image_data().copy()
    view.set_per_channel_range(True)
    per_channel = view.mosaic_panel.image_data()
    assert shared.shape == per_channel.shape
    assert not np.array_equal(shared, per_channel)
    # Per-channel: the quietest channel (top-left tile) spans the whole colour map; shared: it stays dark.
    lut = view._lut
    tile = per_channel[1:7, 1:7].reshape(-1, 4)
    assert (tile == lut[255]).all(axis=1).any() and (tile == lut[0]).all(axis=1).any()
    assert not (shared[1:7, 1:7].reshape(-1, 4) == lut[255]).all(axis=1).any()


def test_click_on_a_tile_enlarges_that_channel(qtbot, inspector, traj):
    inspector.select_layer("down2")  # 64 channels of 7x7: 8 columns of 8-pixel tiles (1-pixel gaps)
    inspector.mosaic_panel.clicked.emit(1 + 1 * 8 + 3, 1 + 2 * 8 + 3)  # row 1, column 2 -> channel 10
    assert "channel 10" in inspector.channel_label.text()
    maps = inspector.current_maps()
    assert f"{maps[10].max():.3f}" in inspector.channel_label.text()
    assert inspector.channel_panel.image_data().shape[:2] == (7, 7)
    inspector.mosaic_panel.clicked.emit(0, 0)  # on the border: nothing changes
    assert "channel 10" in inspector.channel_label.text()


def test_training_provider_mode(qtbot, inspector):
    calls: list[tuple[float, int]] = []
    rng = np.random.default_rng(1)
    answers: dict[tuple[float, int], dict[str, np.ndarray]] = {}

    def provider(amount: float, index: int) -> dict[str, np.ndarray]:
        calls.append((amount, index))
        answers[(amount, index)] = {"down0": rng.random((32, 28, 28), dtype=np.float32),
                                    "down1": rng.random((64, 14, 14), dtype=np.float32)}
        return answers[(amount, index)]

    assert not inspector.mode_combo.model().item(1).isEnabled()  # no provider yet: no training source
    inspector.select_layer("down1")
    inspector.set_training_provider(provider, count=100)
    assert inspector.mode_combo.model().item(1).isEnabled()
    inspector.set_training_mode(True)
    assert calls == [(0.5, 0)]  # entering the mode shows the current amount at once
    inspector.amount_slider.setValue(30)
    assert calls[-1] == (0.3, 0)
    np.testing.assert_array_equal(inspector.current_maps(), answers[(0.3, 0)]["down1"])
    inspector.index_spin.setValue(7)
    assert calls[-1] == (0.3, 7)
    np.testing.assert_array_equal(inspector.current_maps(), answers[(0.3, 7)]["down1"])
    assert inspector.index_spin.maximum() == 99
    assert inspector.stack.currentIndex() == 1
    assert "training image 7" in inspector.title.text()
    inspector.refresh()  # e.g. the model trained further: ask again
    assert calls[-1] == (0.3, 7) and len(calls) == 4
    inspector.set_training_mode(False)  # back to the trajectory
    assert inspector.current_maps().shape == (64, 14, 14)
    assert len(calls) == 4
    inspector.set_training_provider(None)
    assert not inspector.mode_combo.model().item(1).isEnabled()


def test_placeholder_without_features(qtbot, traj):
    view = InspectorView()
    qtbot.addWidget(view)
    assert view.stack.currentWidget() is view.placeholder
    bare = Trajectory(xs=traj.xs, preds=traj.preds, mix=traj.mix, features={})
    view.set_trajectory(bare)
    assert view.stack.currentWidget() is view.placeholder
    assert "Sample with feature capture to inspect layers" in view.placeholder.text()
    assert view.current_maps() is None
    view.set_frame(2)
    assert view.current_maps() is None
    view.set_trajectory(traj)
    assert view.stack.currentWidget() is not view.placeholder
    assert view.current_maps() is not None


# -- a trajectory still growing -----------------------------------------------------------------------
def test_a_growing_trajectory_grows_the_slider_and_the_change_plot_as_frames_arrive(qtbot):
    view = TimelineView()
    qtbot.addWidget(view)
    run = synthetic([1.0], steps=6)
    full_change = run.change_per_step()
    run.frames_made = 2
    view.set_trajectory(run)
    assert (view.slider.maximum(), view.frames_made()) == (1, 2)
    assert view.status_text() == "computing… 2 of 7 frames"
    assert view.change_plot.getPlotItem().viewRange()[0][1] >= 6  # the plot spans the whole run from the start
    for made in (3, 5, 7):
        run.frames_made = made
        view.frames_arrived()
        assert view.slider.maximum() == made - 1
        np.testing.assert_allclose(view.change_curve.yData, full_change[:made - 1], rtol=1e-6)
    assert view.status_text() == "" and not view.pending_region.isVisible()
    view.go_end()
    assert "result" in view.step_label.text()


def test_setting_a_finished_trajectory_again_starts_from_frame_zero(qtbot, timeline, traj):
    timeline.set_frame(3)
    timeline.set_trajectory(traj)  # only a run still growing is continued
    assert timeline.frame() == 0


def test_the_inspector_shows_a_frame_asked_beyond_the_made_ones_once_it_is_made(qtbot):
    view = InspectorView()
    qtbot.addWidget(view)
    run = synthetic([1.0, 2.0], steps=4)
    run.frames_made = 2
    view.set_trajectory(run)
    view.set_frame(3)
    np.testing.assert_array_equal(view.current_maps(), run.features["layer"][1, 0].astype(np.float32))
    assert "computing… 2 of 5 frames" in view.title.text() and "frame 1 ·" in view.title.text()
    run.frames_made = 4
    view.frames_arrived()
    np.testing.assert_array_equal(view.current_maps(), run.features["layer"][3, 0].astype(np.float32))
    run.frames_made = 5
    view.frames_arrived()
    assert "computing" not in view.title.text() and "frame 3 ·" in view.title.text()
