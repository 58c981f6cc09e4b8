"""The training view draws what it is fed: loss curves, loss by amount, the strip, previews."""

from __future__ import annotations

import numpy as np
import pytest

from diffviz.ui.widgets.images import grid_uint8
from diffviz.ui.widgets.series import ema, format_seconds
from diffviz.ui.views.training_view import AMOUNT_BINS, AMOUNT_WINDOW, TrainingView
from diffviz.workers.messages import PredictionStrip, PreviewSamples, TrainingUpdate

STEPS_PER_EPOCH = 20


def make_update(first: int, k: int, rng: np.random.Generator, batch: int = 16,
                amounts_as_losses: bool = False) -> TrainingUpdate:
    steps = np.arange(first, first + k)
    amounts = rng.random(k * batch)
    image_losses = amounts.copy() if amounts_as_losses else rng.random(k * batch) * 0.05
    return TrainingUpdate(steps=steps, epochs=steps / STEPS_PER_EPOCH, losses=0.02 + 0.06 * np.exp(-steps / 50),
                          amounts=amounts, image_losses=image_losses, images_per_sec=500.0, elapsed=first / 10,
                          progress=min(1.0, first / 200), eta=12.0, epoch_losses=[0.05] * (first // STEPS_PER_EPOCH))


def feed(view: TrainingView, total: int, per_update: int = 7, seed: int = 0, start: int = 1, **kwargs) -> None:
    """Send steps start .. start+total-1 in updates of ``per_update`` steps, as the worker would."""
    rng = np.random.default_rng(seed)
    end = start + total
    for first in range(start, end, per_update):
        view.add_update(make_update(first, min(per_update, end - first), rng, **kwargs))


def points(curve) -> np.ndarray:
    _, y = curve.getOriginalDataset()
    return np.array([]) if y is None else y


@pytest.fixture
def view(qtbot):
    widget = TrainingView()
    qtbot.addWidget(widget)
    widget.reset(STEPS_PER_EPOCH, 200)
    widget.resize(1000, 700)
    widget.show()
    return widget


def strip(step: int, b: int = 8, seed: int = 1) -> PredictionStrip:
    rng = np.random.default_rng(seed)
    clean = rng.random((b, 1, 28, 28)).astype(np.float32)
    return PredictionStrip(step=step, amounts=np.linspace(0, 1, b), clean=clean,
                           noisy=rng.random((b, 1, 28, 28)), pred=rng.random((b, 1, 28, 28)) * 1.2 - 0.1)


def preview(step: int, seed: int) -> PreviewSamples:
    images = np.random.default_rng(seed).random((16, 1, 28, 28)).astype(np.float32)
    return PreviewSamples(step=step, elapsed=step / 10, images=images)


def test_loss_points_grow_to_steps_fed_after_the_redraw_timer(view, qtbot):
    assert view.loss_point_count() == 0
    feed(view, 150)
    assert view.loss_point_count() == 0  # add_update only buffers; the timer draws
    qtbot.waitUntil(lambda: view.loss_point_count() == 150, timeout=2000)
    feed(view, 30, seed=1, start=151)
    qtbot.waitUntil(lambda: view.loss_point_count() == 180, timeout=2000)
    x, _ = view.raw_curve.getOriginalDataset()
    np.testing.assert_array_equal(x, np.arange(1, 181))
    assert "step" in view.stats_label.text() and "ETA" in view.stats_label.text()


def test_smoothing_and_log_and_epochs_keep_curves_aligned(view, qtbot):
    feed(view, 120)
    qtbot.waitUntil(lambda: view.loss_point_count() == 120, timeout=2000)
    raw_x, raw_y = view.raw_curve.getOriginalDataset()
    for value in (0, 50, 99, 90):
        view.smoothing_slider.setValue(value)
        sx, sy = view.smooth_curve.getOriginalDataset()
        assert len(sy) == len(raw_y) == 120
        np.testing.assert_allclose(sy, ema(raw_y, value / 100))
    view.smoothing_slider.setValue(0)
    np.testing.assert_allclose(view.smooth_curve.getOriginalDataset()[1], raw_y)  # no smoothing = raw

    view.log_check.setChecked(True)
    assert view.loss_plot.getPlotItem().ctrl.logYCheck.isChecked()
    feed(view, 10, seed=2, start=121)
    qtbot.waitUntil(lambda: view.loss_point_count() == 130, timeout=2000)
    view.log_check.setChecked(False)

    view.x_combo.setCurrentIndex(1)  # epochs
    ex, _ = view.raw_curve.getOriginalDataset()
    np.testing.assert_allclose(ex[:120], raw_x / STEPS_PER_EPOCH)
    assert len(view.smooth_curve.getOriginalDataset()[1]) == 130
    epochs_x, _ = view.epoch_markers.getOriginalDataset()
    np.testing.assert_allclose(epochs_x, np.arange(1, 7))  # 6 whole epochs of 20 steps, at their ends
    view.x_combo.setCurrentIndex(0)
    np.testing.assert_allclose(view.epoch_markers.getOriginalDataset()[0], np.arange(1, 7) * STEPS_PER_EPOCH)


def test_incremental_smoothing_matches_a_full_recompute(view, qtbot):
    view.smoothing_slider.setValue(95)
    feed(view, 300, per_update=3)
    qtbot.waitUntil(lambda: view.loss_point_count() == 300, timeout=2000)
    _, raw = view.raw_curve.getOriginalDataset()
    np.testing.assert_allclose(view.smooth_curve.getOriginalDataset()[1], ema(raw, 0.95), rtol=1e-12)


def test_ema_matches_a_plain_loop():
    x = np.random.default_rng(3).random(1000)
    for alpha in (0.0, 0.5, 0.9, 0.99):
        expected, y = np.empty_like(x), x[0]
        for i, value in enumerate(x):
            y = alpha * y + (1 - alpha) * value
            expected[i] = y
        np.testing.assert_allclose(ema(x, alpha), expected, rtol=1e-10)
    assert ema(np.array([]), 0.9).size == 0


def test_amount_bars_show_mean_loss_per_bin(view, qtbot):
    feed(view, 40, amounts_as_losses=True)  # image loss == amount: bars must rise with the bin
    qtbot.waitUntil(lambda: view.loss_point_count() == 40, timeout=2000)
    heights = np.asarray(view.amount_bars.opts["height"])
    assert heights.shape == (AMOUNT_BINS,)
    assert np.all(np.diff(heights) > 0)
    centers = (np.arange(AMOUNT_BINS) + 0.5) / AMOUNT_BINS
    np.testing.assert_allclose(heights, centers, atol=0.02)  # uniform amounts: bin mean ~ bin centre


def test_amount_bars_forget_old_images(view, qtbot):
    feed(view, 40, amounts_as_losses=True)
    rng = np.random.default_rng(5)
    recent = AMOUNT_WINDOW + 100
    view.add_update(TrainingUpdate(steps=np.array([41]), epochs=np.array([2.05]), losses=np.array([0.02]),
                                   amounts=rng.random(recent), image_losses=np.full(recent, 0.5),
                                   images_per_sec=1.0, elapsed=1.0, progress=0.5, eta=None))
    qtbot.waitUntil(lambda: view.loss_point_count() == 41, timeout=2000)
    np.testing.assert_allclose(view.amount_bars.opts["height"], 0.5)  # only the window counts


def test_strip_shows_the_three_rows_at_fixed_levels(view):
    s = strip(250)
    view.set_strip(s)
    expected = grid_uint8(np.concatenate([s.clean, s.noisy, s.pred]), nrow=8)
    np.testing.assert_array_equal(view.strip_panel.image_data(), expected)
    assert expected.shape == (2 + 3 * 30, 2 + 8 * 30)
    assert "250" in view.strip_caption.text()
    labels = [text for _, text in view._strip_cols._tickLevels[0]]
    assert labels[0] == "0.00" and labels[-1] == "1.00" and len(labels) == 8


def test_previews_are_kept_and_the_slider_follows_the_newest(view):
    previews = [preview(step, seed) for seed, step in enumerate((0, 150, 300))]
    for p in previews:
        view.add_preview(p)
    assert view.preview_count() == 3
    assert view.preview_slider.value() == 2
    np.testing.assert_array_equal(view.preview_panel.image_data(), grid_uint8(previews[2].images, nrow=4))
    assert "300" in view.preview_caption.text()

    view.preview_slider.setValue(0)
    np.testing.assert_array_equal(view.preview_panel.image_data(), grid_uint8(previews[0].images, nrow=4))
    assert "step 0 · 0:00" in view.preview_caption.text()

    view.add_preview(preview(450, 9))  # the user looks back: a new preview must not yank the slider
    assert view.preview_count() == 4 and view.preview_slider.value() == 0
    np.testing.assert_array_equal(view.preview_panel.image_data(), grid_uint8(previews[0].images, nrow=4))
    view.preview_slider.setValue(3)
    view.add_preview(preview(600, 10))  # back at the end: follows again
    assert view.preview_slider.value() == 4


def test_reset_clears_everything(view, qtbot):
    feed(view, 60, amounts_as_losses=True)
    qtbot.waitUntil(lambda: view.loss_point_count() == 60, timeout=2000)
    view.set_strip(strip(50))
    view.add_preview(preview(0, 1))
    view.add_preview(preview(150, 2))
    view.reset(STEPS_PER_EPOCH, None)
    assert view.loss_point_count() == 0
    assert view.preview_count() == 0
    assert points(view.smooth_curve).size == 0 and points(view.epoch_markers).size == 0
    np.testing.assert_array_equal(view.amount_bars.opts["height"], np.zeros(AMOUNT_BINS))
    assert not view.strip_panel.image_data().any() and not view.preview_panel.image_data().any()
    assert "waiting" in view.stats_label.text()
    feed(view, 5)
    qtbot.waitUntil(lambda: view.loss_point_count() == 5, timeout=2000)
    assert " / " not in view.stats_label.text()  # a time budget has no total steps


def test_format_seconds():
    assert format_seconds(0) == "0:00"
    assert format_seconds(75.4) == "1:15"
    assert format_seconds(3600 + 62) == "1:01:02"
    assert format_seconds(None) == "—"


def test_the_quality_axis_starts_at_zero_seconds_and_grows_in_tidy_steps(view):
    from diffviz.ui.views.training_view import QUALITY_MIN_SPAN

    axis = view.quality_plot.getPlotItem()
    view.add_quality(0.0, 0.0, 0.1)  # one point at 0 s once gave an axis of -400..400 "x0.001"
    assert axis.viewRange()[0] == [0.0, QUALITY_MIN_SPAN]
    for seconds in (2.0, 7.5, 14.0):
        view.add_quality(seconds, 0.5, 0.8)
    assert axis.viewRange()[0] == [0.0, QUALITY_MIN_SPAN] and view.quality_point_count() == 4
    view.add_quality(100.0, 0.9, 0.95)
    low, high = axis.viewRange()[0]
    assert low == 0.0 and 100.0 < high <= 130.0 and high % 10 == 0
    view.add_quality(1000.0, 0.95, 0.97)
    assert axis.viewRange()[0][1] % 60 == 0 and axis.viewRange()[0][1] > 1000.0
    assert not axis.getAxis("bottom").autoSIPrefix
    view.reset(STEPS_PER_EPOCH, 200)
    assert axis.viewRange()[0] == [0.0, QUALITY_MIN_SPAN] and view.quality_point_count() == 0


def test_the_strip_labels_sit_on_the_rows_and_columns_of_larger_images(view):
    b, side = 4, 64
    rng = np.random.default_rng(0)
    images = [rng.random((b, 3, side, side), dtype=np.float32) for _ in range(3)]
    view.set_strip(PredictionStrip(step=10, amounts=np.linspace(0, 1, b), clean=images[0], noisy=images[1],
                                   pred=images[2]))
    rows = [position for position, _ in view._strip_rows._tickLevels[0]]
    columns = [position for position, _ in view._strip_cols._tickLevels[0]]
    assert rows == [2 + r * (side + 2) + side / 2 for r in range(3)]  # the centre of each 64 px row
    assert columns == [2 + i * (side + 2) + side / 2 for i in range(b)]
