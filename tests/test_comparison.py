"""Comparison frames and GIFs are drawn by the export's canvas and encoder: same captions, layout, timing, stop."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from diffviz.core.comparison import (column_caption, comparison_frame, comparison_panels, frame_at,
                                     save_comparison_gif)
from diffviz.core.errors import ConfigError, ExportError
from diffviz.core.export import CAPTION_HEIGHT, GAP, Panel, compose, frame_duration_ms, image_grid, to_uint8
from diffviz.core.trajectory import Trajectory

SAMPLES = 8


def straight_run(steps: int, seed: int = 0) -> Trajectory:
    """A run of ``steps`` steps whose x fades from one noise to black, so every frame differs."""
    noise = np.random.default_rng(seed).random((1, SAMPLES, 1, 28, 28), dtype=np.float32)
    fade = (1.0 - np.arange(steps + 1, dtype=np.float32) / steps)[:, None, None, None, None]
    xs = noise * fade
    return Trajectory(xs=xs, preds=np.zeros_like(xs), mix=1.0 / (steps - np.arange(steps)))


@pytest.fixture(scope="module")
def runs() -> tuple[list[Trajectory], list[str]]:
    trajectories = [straight_run(1), straight_run(5), straight_run(40)]
    return trajectories, ["one step", "five steps", "forty steps"]


def test_column_captions_say_where_each_run_is(runs):
    trajectories, _ = runs
    assert [column_caption(t, 0.0) for t in trajectories] == ["noise"] * 3
    assert [column_caption(t, 0.6) for t in trajectories] == ["step 1/1", "step 3/5", "step 24/40"]
    assert [column_caption(t, 1.0) for t in trajectories] == ["step 1/1", "step 5/5", "step 40/40"]


def test_comparison_panels_are_each_runs_grid_under_its_label(runs):
    trajectories, labels = runs
    panels = comparison_panels(trajectories, labels, 0.5, nrow=2)
    assert [p.lines for p in panels] == [(label, column_caption(t, 0.5)) for t, label in zip(trajectories, labels)]
    for panel, t in zip(panels, trajectories):
        np.testing.assert_array_equal(panel.pixels, image_grid(to_uint8(t.xs[frame_at(t, 0.5)]), 2))


def test_a_comparison_frame_is_composed_like_an_exported_frame(runs):
    """Two caption lines, then the grids GAP apart and scaled: the layout of the timeline's export."""
    trajectories, labels = runs
    frame = comparison_frame(trajectories, labels, 1.0, scale=2)
    grid_h, grid_w = image_grid(to_uint8(trajectories[0].xs[0]), 4).shape
    assert frame.size == (3 * grid_w * 2 + 2 * GAP, 2 * CAPTION_HEIGHT + grid_h * 2)
    pixels = np.asarray(frame)
    expected = np.kron(image_grid(to_uint8(trajectories[2].xs[40]), 4), np.ones((2, 2), np.uint8))
    left = 2 * (grid_w * 2 + GAP)
    np.testing.assert_array_equal(pixels[2 * CAPTION_HEIGHT:, left:left + grid_w * 2], expected)
    assert pixels[:2 * CAPTION_HEIGHT].max() == 255  # the captions are drawn, in white and grey


def test_compose_lines_up_panels_with_fewer_caption_lines():
    tall, short = np.full((10, 4), 50, np.uint8), np.full((6, 3), 90, np.uint8)
    canvas = np.asarray(compose([Panel(tall, ("a", "b")), Panel(short, ("c",))], scale=1, caption="top"))
    top = 3 * CAPTION_HEIGHT  # the caption line plus the taller heading of two lines
    assert canvas.shape == (top + 10, 4 + GAP + 3)
    assert (canvas[top:, :4] == 50).all() and (canvas[top:top + 6, 4 + GAP:] == 90).all()
    assert (canvas[top + 6:, 4 + GAP:] == 0).all()


def test_comparison_gif_frames_timing_and_hold(runs, tmp_path):
    trajectories, labels = runs
    path = tmp_path / "compare.gif"
    assert save_comparison_gif(trajectories, labels, path, frames=11, fps=20, hold_last=1.5) == path
    with Image.open(path) as gif:
        assert gif.n_frames == 11 and gif.info["loop"] == 0
        assert gif.size == comparison_frame(trajectories, labels, 0.0).size
        durations = []
        for i in range(gif.n_frames):
            gif.seek(i)
            durations.append(gif.info["duration"])
    assert durations[:-1] == [frame_duration_ms(20)] * 10  # the timeline export's rounding, 50 ms
    assert durations[-1] == frame_duration_ms(20) + 1500


def test_comparison_gif_reports_progress(runs, tmp_path):
    trajectories, labels = runs
    seen = []
    save_comparison_gif(trajectories, labels, tmp_path / "c.gif", frames=5, on_frame=lambda d, t: seen.append((d, t)))
    assert seen == [(i, 5) for i in range(1, 6)]


def test_a_stopped_comparison_gif_writes_nothing(runs, tmp_path):
    trajectories, labels = runs
    asked = []

    def stop_after_three() -> bool:
        asked.append(True)
        return len(asked) > 3

    assert save_comparison_gif(trajectories, labels, tmp_path / "c.gif", frames=20, should_stop=stop_after_three) is None
    assert len(asked) == 4  # noticed between frames, not only before the first
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("changes, error, phrase", [
    ({"path": "c.png"}, ExportError, ".gif"),
    ({"frames": 1}, ConfigError, "frames"),
    ({"fps": 500}, ConfigError, "frame rate"),
    ({"scale": 0}, ConfigError, "scale"),
    ({"hold_last": 100}, ConfigError, "hold"),
    ({"labels": ["only one"]}, ConfigError, "label"),
])
def test_comparison_gif_refuses_what_the_export_refuses(runs, tmp_path, changes, error, phrase):
    trajectories, labels = runs
    arguments = {"path": "c.gif", "labels": labels, **changes}
    path = tmp_path / arguments.pop("path")
    with pytest.raises(error, match=phrase):
        save_comparison_gif(trajectories, arguments.pop("labels"), path, **arguments)
    assert list(tmp_path.iterdir()) == []


def test_larger_images_are_enlarged_less_so_a_comparison_stays_screen_sized():
    def run(side: int) -> Trajectory:
        xs = np.random.default_rng(0).random((3, 4, 3, side, side), dtype=np.float32)
        return Trajectory(xs=xs, preds=xs.copy(), mix=np.full(2, 0.5))

    small = comparison_frame([run(28)] * 2, ["a", "b"], 1.0, scale=3)
    large = comparison_frame([run(128)] * 2, ["a", "b"], 1.0, scale=3)
    assert large.width < 2 * small.width  # 128 px drawn x1, not x3 (1.5 times as wide, not 4.6)
    assert large.width > small.width      # and never shrunk below its own pixels
