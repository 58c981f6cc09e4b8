"""Particles drawn and animated (core.toy.render): a frame per step, two walks side by side, GIF and WebP by the
file's suffix, the data faint under the particles, trails, class colours, and one-line refusals."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image

from diffviz.core.errors import ConfigError, ExportError
from diffviz.core.export import CAPTION_HEIGHT, GAP
from diffviz.core.toy import plot, render
from diffviz.core.trajectory import Trajectory

STEPS = 6
N = 200
SIZE = 128


def _walk(sampler: str = "course", n: int = N, steps: int = STEPS, seed: int = 0) -> Trajectory:
    """Particles on straight lines from noise to a ring, as a walk recorded by ``lab.walk_points`` would hold them."""
    rng = np.random.default_rng(seed)
    start = rng.normal(0, 1, (n, 2))
    angle = rng.uniform(0, 2 * np.pi, n)
    end = 1.5 * np.stack([np.cos(angle), np.sin(angle)], 1)
    share = np.linspace(0, 1, steps + 1)[:, None, None]
    xs = ((1 - share) * start + share * end).astype(np.float32)
    return Trajectory(xs=xs, preds=np.repeat(end[None], steps + 1, 0).astype(np.float32),
                      mix=1.0 / (steps - np.arange(steps)), sampler=sampler, recipe="flow-v")


def _frames(path) -> tuple[list[np.ndarray], list[int], tuple[int, int]]:
    with Image.open(path) as image:
        frames, durations = [], []
        for i in range(image.n_frames):
            image.seek(i)
            frames.append(np.asarray(image.convert("RGB")))
            durations.append(int(image.info["duration"]))
        return frames, durations, image.size


@pytest.mark.parametrize("suffix", [".gif", ".webp"])
def test_two_walks_animate_side_by_side_a_frame_per_step_and_the_frames_change(tmp_path, suffix):
    walks = [_walk("course"), _walk("heun")]
    path = render.save_points_animation(walks, tmp_path / f"walk{suffix}", data=_walk().xs[-1], size=SIZE, trail=3,
                                        fps=10, hold_last=0.5)
    frames, durations, size = _frames(path)
    assert len(frames) == STEPS + 1
    assert size == (2 * SIZE + GAP, SIZE + 2 * CAPTION_HEIGHT)  # two panels under a title and a caption line each
    assert durations[:-1] == [100] * STEPS and durations[-1] == 600  # the last frame held 0.5 s longer
    assert all(not np.array_equal(a, b) for a, b in zip(frames, frames[1:]))  # the particles move
    assert not list(tmp_path.glob(".*"))  # written atomically: no temporary file beside it


def test_a_frame_shows_the_data_faint_the_particles_bright_and_the_captions():
    walk = _walk(n=1)
    walk.xs[:] = 0.0  # one particle at the centre
    data = np.array([[1.5, -1.5]], np.float32)
    image = render.render_points_frame(walk, 2, data=data, size=SIZE)
    assert image.mode == "L" and image.size == (SIZE, SIZE + 2 * CAPTION_HEIGHT)
    pixels = np.asarray(image)[2 * CAPTION_HEIGHT:]
    centre = (SIZE - 1) // 2
    assert pixels[centre, centre] == 255                               # the particle
    cols, rows = plot.pixel_coordinates(data, SIZE)
    assert pixels[int(rows[0]), int(cols[0])] == plot.DATA_SHADE       # the data, faint
    assert pixels[5, 5] == render.BACKGROUND                           # the dark canvas
    assert np.asarray(image)[:2 * CAPTION_HEIGHT].max() > 200          # "course" and "step 3/6 · mix ..." written


def test_trails_follow_each_particle_and_fade_and_none_is_drawn_without_them():
    walk = _walk(n=1, steps=4)
    walk.xs[:, 0] = np.stack([np.linspace(-2, 2, 5), np.zeros(5)], 1)  # left to right along y = 0
    bare = np.asarray(render.render_points_frame(walk, 4, size=SIZE, trail=0))[2 * CAPTION_HEIGHT:]
    trailed = np.asarray(render.render_points_frame(walk, 4, size=SIZE, trail=2))[2 * CAPTION_HEIGHT:]
    row = int(plot.pixel_coordinates(np.zeros((1, 2)), SIZE)[1][0])
    cols = plot.pixel_coordinates(walk.xs[:, 0], SIZE)[0].astype(int)  # x = -2, -1, 0, 1, 2
    assert (bare[row, cols[0]:cols[3]] == render.BACKGROUND).all()
    trail = trailed[row, cols[2] + 2:cols[4] - 2]                      # the last two frames' path
    assert (trail > render.BACKGROUND).all() and (trailed[row, cols[0]:cols[2] - 2] == render.BACKGROUND).all()
    older, newer = trailed[row, cols[2] + 3], trailed[row, cols[4] - 3]
    assert older < newer <= render.TRAIL_SHADE                         # older parts fainter


def test_particles_coloured_by_class_make_a_colour_animation(tmp_path):
    walk = _walk()
    classes = np.arange(N) % 3
    image = render.render_points_frame(walk, STEPS, classes=classes, size=SIZE, trail=2)
    assert image.mode == "RGB"
    colours = {tuple(c) for c in np.asarray(image).reshape(-1, 3)}
    assert {tuple(plot.PALETTE[k]) for k in range(3)} <= colours
    frames, _, _ = _frames(render.save_points_animation(walk, tmp_path / "c.gif", classes=classes, size=SIZE))
    assert len(frames) == STEPS + 1 and (frames[-1][..., 0] != frames[-1][..., 2]).any()


def test_progress_is_reported_and_a_stop_writes_nothing(tmp_path):
    seen = []
    render.save_points_animation(_walk(), tmp_path / "a.gif", size=SIZE, on_frame=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (STEPS + 1, STEPS + 1)
    assert render.save_points_animation(_walk(), tmp_path / "b.webp", size=SIZE, should_stop=lambda: True) is None
    assert not (tmp_path / "b.webp").exists()


def test_a_walk_of_the_lab_is_drawn_with_its_samplers_captions(tmp_path):
    from diffviz.core.processes import FLOW_BLEND
    from diffviz.core.toy import datasets, ideal, lab

    data = datasets.make("moons", 64, seed=0)
    noise = FLOW_BLEND.draw_noise((50, 2), torch.Generator().manual_seed(0))
    walks = [lab.walk_points(ideal.predictor(data, FLOW_BLEND), FLOW_BLEND, name, noise, 4, seed=1)
             for name in ("course", "heun")]
    frames, _, size = _frames(render.save_points_animation(walks, tmp_path / "lab.gif", data=data, size=SIZE))
    assert len(frames) == 5 and size == (2 * SIZE + GAP, SIZE + 2 * CAPTION_HEIGHT)


@pytest.mark.parametrize("change, words", [
    (dict(path="walk.mp4"), "walk.mp4"),
    (dict(size=10), "panel size"),
    (dict(trail=-1), "trail"),
    (dict(fps=500), "frame rate"),
    (dict(hold_last=-1), "hold"),
    (dict(walks=[]), "no walk"),
    (dict(walks=[_walk(n=10), _walk(n=20)]), "different numbers of particles"),
    (dict(classes=np.zeros(3)), "one class each"),
    (dict(titles=["one", "two"]), "2 titles for 1 walks"),
])
def test_bad_requests_are_refused_in_one_line_before_anything_is_written(tmp_path, change, words):
    arguments = dict(walks=[_walk()], path="walk.gif", size=SIZE) | change
    walks, path = arguments.pop("walks"), tmp_path / arguments.pop("path")
    with pytest.raises(ConfigError, match=words) as refused:
        render.save_points_animation(walks, path, **arguments)
    assert "\n" not in str(refused.value) and not list(tmp_path.iterdir())


def test_images_and_runs_still_being_made_are_not_walks_of_points(tmp_path):
    images = Trajectory(xs=np.zeros((3, 2, 1, 4, 4), np.float32), preds=np.zeros((3, 2, 1, 4, 4), np.float32),
                        mix=np.ones(2))
    with pytest.raises(ConfigError, match="not a walk of 2-D points"):
        render.save_points_animation(images, tmp_path / "x.gif")
    growing = _walk()
    growing.frames_made = 2
    with pytest.raises(ExportError, match="still being made"):
        render.save_points_animation(growing, tmp_path / "x.gif")


def test_the_scatter_plot_and_the_animation_share_one_dot_rasteriser(tmp_path):
    points = np.array([[0.0, 0.0], [2.9, 2.9], [np.nan, 0.0], [5.0, 0.0]])
    pixels = np.zeros((64, 64, 3), np.uint8)
    plot.draw_dots(pixels, points, plot.PALETTE[0])
    out = plot.scatter_png(points, tmp_path / "s.png", size=64, data=np.array([[-2.0, -2.0]]))
    with Image.open(out) as written:
        drawn = np.asarray(written)
    assert np.array_equal(drawn == 255, pixels == 255)       # the same white dots; NaN and far points skipped
    assert (pixels.max(2) > 0).sum() == 2 * 4                # two 2 x 2 dots
    assert (drawn == plot.DATA_SHADE).all(2).sum() == 4      # and the data's grey dot under them
