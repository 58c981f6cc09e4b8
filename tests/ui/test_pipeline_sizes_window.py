"""Pipeline folders of 64 and 128 px in the window: sampled with feature maps, the timeline shows the run at
the model's size, filling its panels (neither a stamp nor cropped), the inspector's maps halve as the UNet
does, and the timeline's frame cache stays within its memory budget however large the images are."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from PySide6.QtCore import QRectF

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_pipeline_sizes import grid_size, save_sized_pipeline  # noqa: E402  (the tests' own pipeline maker)


def shown_rect(panel) -> QRectF:
    """Where ``panel``'s image lands on the screen, in the panel's own pixels."""
    h, w = panel.image_data().shape[:2]
    return panel.view.mapViewToDevice(QRectF(0, 0, w, h)).boundingRect()


def fills(panel) -> float:
    """How much of the panel the image fills along its tighter side (1: edge to edge)."""
    rect = shown_rect(panel)
    return max(rect.width() / panel.width(), rect.height() / panel.height())


def sample_in_window(window, qtbot, folder, n: int, steps: int):
    assert window.load_checkpoint_file(folder)
    window.controls.n.setValue(n)
    window.controls.steps.setValue(steps)
    window.start_sampling()
    qtbot.waitUntil(lambda: window.trajectory is not None and not window.busy(), timeout=120_000)
    return window.trajectory


def test_a_64px_colour_run_fills_the_timeline_and_the_inspector_halves_it(window, qtbot, tmp_path):
    folder = save_sized_pipeline(tmp_path / "colour64", 64, 3)
    run = sample_in_window(window, qtbot, folder, n=4, steps=3)
    assert run.xs.shape == (4, 4, 3, 64, 64) and run.feature_samples == 4
    window.tabs.setCurrentWidget(window.timeline)
    timeline = window.timeline
    timeline.set_frame(3)
    qtbot.wait(50)
    grid = timeline.x_panel.image_data()
    assert grid.shape == (*grid_size(4, 64, 2)[::-1], 3)  # 2 x 2 images of 64 px, in colour
    for panel in (timeline.x_panel, timeline.pred_panel):
        rect = shown_rect(panel)
        assert 0.9 <= fills(panel) <= 1.01  # the grid fills its panel: not a stamp in a corner, not cropped
        per_image = rect.width() / grid.shape[1] * 64
        assert 128 <= per_image <= 600, per_image  # each 64 px image at least x2 on screen, none off it
    window.grab().save("/tmp/pipeline64_timeline.png")

    inspector = window.inspector
    window.tabs.setCurrentWidget(inspector)
    inspector.set_frame(2)
    sides = {}
    for name in ("down0", "down1", "mid", "up0", "up1"):
        inspector.select_layer(name)
        sides[name] = inspector.current_maps().shape[1:]
    assert sides == {"down0": (32, 32), "down1": (32, 32), "mid": (32, 32), "up0": (64, 64), "up1": (64, 64)}
    qtbot.wait(50)
    assert 0.9 <= fills(inspector.mosaic_panel) <= 1.01
    window.grab().save("/tmp/pipeline64_inspector.png")


def test_a_128px_grey_run_shows_at_its_size_in_the_timeline(window, qtbot, tmp_path):
    folder = save_sized_pipeline(tmp_path / "grey128", 128, 1)
    run = sample_in_window(window, qtbot, folder, n=1, steps=2)
    assert run.xs.shape == (3, 1, 1, 128, 128)
    window.tabs.setCurrentWidget(window.timeline)
    window.timeline.go_end()
    qtbot.wait(50)
    panel = window.timeline.x_panel
    assert panel.image_data().shape == (128, 128)  # a lone image, no border
    assert 0.9 <= fills(panel) <= 1.01
    window.grab().save("/tmp/pipeline128_timeline.png")


def test_the_timeline_keeps_fewer_frames_of_large_images_within_its_memory_budget(qtbot):
    from diffviz.core.trajectory import Trajectory
    from diffviz.ui.views.timeline_view import CACHE_BYTES, CACHE_FRAMES, TimelineView, cache_frames

    assert cache_frames(2 * 242 * 242 * 4) == CACHE_FRAMES  # 64 digits of 28 px: as many as ever
    assert cache_frames(2 * 1042 * 1042 * 4) == 14  # 64 colour images of 128 px: ~8.7 MB a frame
    assert cache_frames(10**12) == 2
    frames, n = 30, 36  # 36 images of 128 px: two 782 x 782 RGBA grids, ~4.9 MB a frame
    xs = np.broadcast_to(np.linspace(0, 1, frames, dtype=np.float32)[:, None, None, None, None],
                         (frames, n, 1, 128, 128))
    view = TimelineView()
    qtbot.addWidget(view)
    view.set_trajectory(Trajectory(xs=xs, preds=xs, mix=np.full(frames - 1, 0.5)))
    limit = cache_frames(2 * 782 * 782 * 4)
    assert limit < frames
    for i in range(frames):
        view.set_frame(i)
        assert len(view._cache) <= limit
    assert sum(a.nbytes + b.nbytes for a, b in view._cache.values()) <= CACHE_BYTES
    assert view.x_panel.image_data().shape == (782, 782) and view.x_panel.image_data()[3, 3] == 255


def test_a_run_whose_feature_maps_would_not_fit_keeps_fewer_and_says_so(window, qtbot, tmp_path, monkeypatch):
    from diffviz.core import sampling
    from diffviz.core.features import feature_values_per_sample

    folder = save_sized_pipeline(tmp_path / "colour64", 64, 3)
    assert window.load_checkpoint_file(folder)
    model = window.state.model
    frames, images = 4, 2 * 4 * 3 * 64 * 64 * 4  # 3 steps; 4 samples' x and prediction per frame
    maps = feature_values_per_sample(model, (3, 64, 64)) * 2
    monkeypatch.setattr(sampling, "MAX_TRAJECTORY_BYTES", frames * (images + 2 * maps))  # room for 2 samples' maps
    run = sample_in_window(window, qtbot, folder, n=4, steps=3)
    assert run.n_samples == 4 and run.feature_samples == 2  # thinned, not refused
    assert "feature maps kept for 2 of the first 4 samples" in window.status.text()
