"""Export: GIF and WebP animations, PNG grids and frames, option checks, and atomic writes that never leave half a file."""

from __future__ import annotations

import errno
import io
import math
import os

import numpy as np
import pytest
import torch
from PIL import Image
from torchvision.utils import make_grid

from diffviz.core.atomic import atomic_write, atomic_write_bytes
from diffviz.core.errors import ConfigError, ExportError
from diffviz.core.animation import GIF_LAG, GIF_LEVELS, encode_gif, encode_webp
from diffviz.core.export import (CAPTION_HEIGHT, FPS_RANGE, GAP, HOLD_RANGE, SCALE_RANGE, GifOptions, gif_bytes,
                                 image_grid, save_animation, save_gif, save_png_frames, save_png_grid, save_webp,
                                 tile_grid, webp_bytes)
from diffviz.core.models import BasicUNet
from diffviz.core.sampling import sample

N_SAMPLES = 4
N_STEPS = 3


@pytest.fixture(scope="module")
def trajectory():
    torch.manual_seed(0)
    return sample(BasicUNet(), N_SAMPLES, N_STEPS, seed=0, features=2)


@pytest.fixture(scope="module")
def plain_trajectory():
    torch.manual_seed(0)
    return sample(BasicUNet(), N_SAMPLES, N_STEPS, seed=1)


LAYER_SHAPES = {"down0": (32, 28), "down1": (64, 14), "down2": (64, 7), "up0": (64, 7), "up1": (32, 14),
                "up2": (1, 28)}


def _grid_size(count: int, side: int, padding: int) -> tuple[int, int]:
    """(width, height) of torchvision's grid of ``count`` square images, laid out nearly square."""
    grid = make_grid(torch.zeros(count, 1, side, side), nrow=max(1, math.ceil(math.sqrt(count))), padding=padding)
    return grid.shape[2], grid.shape[1]


def _panel_size(panel: str) -> tuple[int, int]:
    if panel in ("x", "pred"):
        return _grid_size(N_SAMPLES, 28, padding=2)
    channels, side = LAYER_SHAPES[panel.split(":")[1]]
    return _grid_size(channels, side, padding=1)


def _expected_size(panels, scale: int, labels: bool) -> tuple[int, int]:
    sizes = [_panel_size(p) for p in panels]
    width = sum(w for w, _ in sizes) * scale + GAP * (len(panels) - 1)
    height = max(h for _, h in sizes) * scale + (2 * CAPTION_HEIGHT if labels else 0)
    return width, height


def _gif_frames(path) -> tuple[int, list[int], dict, tuple[int, int]]:
    with Image.open(path) as image:
        assert image.format == "GIF"
        count = image.n_frames
        durations = []
        for i in range(count):
            image.seek(i)
            durations.append(int(image.info["duration"]))
        image.seek(0)
        return count, durations, dict(image.info), image.size


@pytest.mark.parametrize("panels, scale, labels", [
    (("x",), 1, False),
    (("x", "pred"), 2, False),
    (("x", "pred"), 3, True),
    (("x", "feature:down0"), 2, True),
    (("feature:up1",), 1, False),
])
def test_gif_frames_loop_and_size(trajectory, tmp_path, panels, scale, labels):
    path = tmp_path / "anim.gif"
    options = GifOptions(panels=panels, scale=scale, labels=labels, fps=10, hold_last=1.0)
    assert save_gif(trajectory, path, options) == path
    count, durations, info, size = _gif_frames(path)
    assert count == N_STEPS + 1
    assert info.get("loop") == 0
    assert size == _expected_size(panels, scale, labels)


@pytest.mark.parametrize("fps, hold_last", [(10, 1.0), (20, 0.5), (4, 0.0)])
def test_gif_total_duration(plain_trajectory, tmp_path, fps, hold_last):
    path = tmp_path / "timed.gif"
    options = GifOptions(panels=("x",), fps=fps, hold_last=hold_last, scale=1)
    save_gif(plain_trajectory, path, options)
    count, durations, _info, _size = _gif_frames(path)
    frame_ms = round(1000 / fps)
    assert count == N_STEPS + 1
    assert durations[:-1] == [frame_ms] * N_STEPS
    assert sum(durations) == count * frame_ms + round(hold_last * 1000)


def test_gif_frames_show_the_trajectory(plain_trajectory, tmp_path):
    """Frame i of the GIF is x at step i (scale 1, no labels): the first frame is the starting noise.

    The GIF's greys are ``GIF_LEVELS`` levels: the first and the held last frame are exact to the nearest
    level, the frames between may trail by ``GIF_LAG`` levels more.
    """
    path = tmp_path / "content.gif"
    save_gif(plain_trajectory, path, GifOptions(panels=("x",), scale=1, labels=False))
    step = 255 / (GIF_LEVELS - 1)
    with Image.open(path) as image:
        for frame in range(N_STEPS + 1):
            image.seek(frame)
            pixels = np.asarray(image.convert("L"), dtype=np.float32)
            expected = plain_trajectory.xs[frame][0, 0].clip(0, 1) * 255
            exact = frame in (0, N_STEPS)
            assert np.abs(pixels[2:30, 2:30] - expected).max() <= step * (0.5 + (0 if exact else GIF_LAG)) + 0.5


def test_gif_stopped_writes_nothing(trajectory, tmp_path):
    path = tmp_path / "stopped.gif"
    assert save_gif(trajectory, path, GifOptions(), should_stop=lambda: True) is None
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_gif_progress(trajectory):
    seen = []
    data = gif_bytes(trajectory, GifOptions(panels=("x",), scale=1), on_frame=lambda d, t: seen.append((d, t)))
    assert data[:6] in (b"GIF87a", b"GIF89a")
    assert seen == [(i, N_STEPS + 1) for i in range(1, N_STEPS + 2)]


@pytest.mark.parametrize("changes, phrase", [
    ({"panels": ()}, "at least one panel"),
    ({"panels": ("x", "noise")}, "unknown panel"),
    ({"panels": ("feature:mid9",)}, "mid9"),
    ({"fps": 0}, "frame rate"),
    ({"fps": 500}, "frame rate"),
    ({"scale": 0}, "scale"),
    ({"scale": 100}, "scale"),
    ({"hold_last": -1}, "hold"),
])
def test_gif_options_validation(trajectory, tmp_path, changes, phrase):
    options = GifOptions(**changes)
    with pytest.raises(ConfigError, match=phrase):
        options.validate(trajectory)
    with pytest.raises(ConfigError):
        save_gif(trajectory, tmp_path / "bad.gif", options)
    assert not (tmp_path / "bad.gif").exists()


def test_gif_options_accept_their_whole_ranges(trajectory):
    """The ranges the export dialog offers are exactly the ones validate accepts."""
    for fps, scale, hold in zip(FPS_RANGE, SCALE_RANGE, HOLD_RANGE):
        GifOptions(fps=fps, scale=scale, hold_last=hold).validate(trajectory)
    for changes in ({"fps": FPS_RANGE[0] / 2}, {"fps": FPS_RANGE[1] + 1}, {"scale": SCALE_RANGE[1] + 1},
                    {"hold_last": HOLD_RANGE[1] + 1}):
        with pytest.raises(ConfigError):
            GifOptions(**changes).validate(trajectory)


def test_feature_panel_needs_captured_features(plain_trajectory, tmp_path):
    options = GifOptions(panels=("x", "feature:down0"))
    with pytest.raises(ConfigError, match="down0"):
        options.validate(plain_trajectory)
    with pytest.raises(ConfigError):
        save_png_frames(plain_trajectory, tmp_path / "frames", options)


def test_gif_needs_a_gif_name(trajectory, tmp_path):
    with pytest.raises(ExportError, match=".gif"):
        save_gif(trajectory, tmp_path / "anim.png")


# --- animated WebP, the format chosen by the suffix, and what every animation keeps -----------------------

def _webp_frames(path) -> tuple[int, list[int], dict, tuple[int, int]]:
    with Image.open(path) as image:
        assert image.format == "WEBP"
        count = image.n_frames
        durations = []
        for i in range(count):
            image.seek(i)
            image.load()  # Pillow reads a WebP frame's duration when it decodes the frame
            durations.append(int(image.info["duration"]))
        image.seek(0)
        return count, durations, dict(image.info), image.size


@pytest.mark.parametrize("panels, scale, labels", [
    (("x",), 1, False),
    (("x", "pred"), 3, True),
    (("x", "feature:down0"), 2, True),
])
def test_webp_frames_loop_and_size(trajectory, tmp_path, panels, scale, labels):
    path = tmp_path / "anim.webp"
    options = GifOptions(panels=panels, scale=scale, labels=labels, fps=10, hold_last=1.0)
    assert save_webp(trajectory, path, options) == path
    count, durations, info, size = _webp_frames(path)
    assert count == N_STEPS + 1
    assert info.get("loop") == 0
    assert size == _expected_size(panels, scale, labels)
    assert durations == [100] * N_STEPS + [1100]


def test_webp_frames_are_the_trajectory_exactly(plain_trajectory, tmp_path):
    """Lossless: every frame of the WebP is x at its step, to the rounding of 0..1 to 0..255."""
    path = tmp_path / "content.webp"
    save_webp(plain_trajectory, path, GifOptions(panels=("x",), scale=1, labels=False))
    with Image.open(path) as image:
        for frame in range(N_STEPS + 1):
            image.seek(frame)
            pixels = np.asarray(image.convert("L"), dtype=np.float32)
            expected = plain_trajectory.xs[frame][0, 0].clip(0, 1) * 255
            assert np.abs(pixels[2:30, 2:30] - expected).max() <= 0.501


def test_webp_progress(trajectory):
    seen = []
    data = webp_bytes(trajectory, GifOptions(panels=("x",), scale=1), on_frame=lambda d, t: seen.append((d, t)))
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    assert seen == [(i, N_STEPS + 1) for i in range(1, N_STEPS + 2)]


def test_webp_stopped_writes_nothing(trajectory, tmp_path):
    assert save_webp(trajectory, tmp_path / "stopped.webp", GifOptions(), should_stop=lambda: True) is None
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["stopped.gif", "stopped.webp"])
def test_a_stop_during_the_encode_ends_it_there_and_writes_nothing(trajectory, tmp_path, name):
    seen = []
    result = save_animation(trajectory, tmp_path / name, GifOptions(), on_frame=lambda d, t: seen.append(d),
                            should_stop=lambda: len(seen) >= 2)
    assert result is None
    assert seen == [1, 2]
    assert list(tmp_path.iterdir()) == []  # no file, no temporary file


def test_the_animation_format_follows_the_suffix(trajectory, tmp_path):
    options = GifOptions(panels=("x",), scale=1)
    for name, kind in (("a.gif", "GIF"), ("b.WEBP", "WEBP")):
        assert save_animation(trajectory, tmp_path / name, options) == tmp_path / name
        with Image.open(tmp_path / name) as image:
            assert image.format == kind and image.n_frames == N_STEPS + 1
    with pytest.raises(ExportError, match=r"\.gif or \.webp"):
        save_animation(trajectory, tmp_path / "c.png", options)
    with pytest.raises(ExportError, match=r"\.webp"):
        save_webp(trajectory, tmp_path / "d.gif", options)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.gif", "b.WEBP"]


@pytest.mark.parametrize("encode", [encode_gif, encode_webp])
def test_identical_frames_stay_separate_frames(encode):
    """Pillow's GIF writer and libwebp fold a frame equal to the one before into it; the count and timing stay."""
    still = Image.new("L", (30, 20), 40)
    data = encode(lambda i: still, 5, 10, hold_last=0.5)
    with Image.open(io.BytesIO(data)) as image:
        assert image.n_frames == 5
        durations = []
        for i in range(5):
            image.seek(i)
            image.load()
            durations.append(int(image.info["duration"]))
            assert np.abs(np.asarray(image.convert("L"), dtype=np.int16) - 40).max() <= 1
    assert durations == [100] * 4 + [600]


@pytest.mark.slow
def test_the_default_gif_of_64_digits_in_40_steps_is_at_most_4_mb():
    """The size target for the default export (x and prediction, 3x, captions) of the bundled model's
    64 x 40 trajectory: 12.9 MB before the shared palette and the frame deltas. Samples, trains nothing."""
    from diffviz.core.checkpoints import load_checkpoint
    from diffviz.core.paths import bundled_checkpoint_path
    from diffviz.core.recipes import get_recipe

    model, info = load_checkpoint(bundled_checkpoint_path())
    trajectory = sample(model, 64, 40, recipe=get_recipe(info.recipe))
    data = gif_bytes(trajectory)
    assert len(data) <= 4_000_000
    with Image.open(io.BytesIO(data)) as image:
        assert image.n_frames == 41 and image.info.get("loop") == 0


@pytest.mark.parametrize("count, nrow, scale", [(5, None, 1), (5, None, 3), (8, 4, 2), (1, None, 2)])
def test_png_grid_size(tmp_path, count, nrow, scale):
    images = np.zeros((count, 1, 28, 28), dtype=np.float32)
    images[0] = 1.0
    path = tmp_path / "grid.png"
    assert save_png_grid(images, path, nrow=nrow, scale=scale) == path
    grid = make_grid(torch.zeros(count, 1, 28, 28), nrow=nrow or math.ceil(math.sqrt(count)), padding=2)
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == (grid.shape[2] * scale, grid.shape[1] * scale)
        pixels = np.asarray(image.convert("L"))
    if count == 1:  # torchvision returns a single image as it is, without padding
        assert (pixels == 255).all()
        return
    # the first image (all ones) is white inside its padding, the padding is black
    assert (pixels[2 * scale:30 * scale, 2 * scale:30 * scale] == 255).all()
    assert (pixels[:2 * scale, :] == 0).all()


def test_png_grid_clips_out_of_range_values(tmp_path):
    images = np.array([[[[-3.0] * 28] * 28], [[[7.0] * 28] * 28]], dtype=np.float32)
    path = tmp_path / "clip.png"
    save_png_grid(images, path)
    with Image.open(path) as image:
        pixels = np.asarray(image.convert("L"))
    assert pixels[10, 10] == 0 and pixels[10, 2 + 30 + 10] == 255


def test_png_grid_needs_a_png_name(tmp_path):
    with pytest.raises(ExportError, match=".png"):
        save_png_grid(np.zeros((1, 1, 28, 28), np.float32), tmp_path / "grid.jpg")


def test_png_frames(trajectory, tmp_path):
    folder = tmp_path / "new" / "frames"  # created if needed
    options = GifOptions(panels=("x", "feature:down1"), scale=1)
    seen = []
    written = save_png_frames(trajectory, folder, options, on_frame=lambda d, t: seen.append(d))
    assert len(written) == N_STEPS + 1
    assert sorted(p.name for p in folder.iterdir()) == [f"frame_{i:03d}.png" for i in range(N_STEPS + 1)]
    assert seen == list(range(1, N_STEPS + 2))
    for path in written:
        with Image.open(path) as image:
            assert image.size == _expected_size(options.panels, 1, True)


# --- where writing fails ----------------------------------------------------------------------------------

def test_missing_folder_raises_export_error(trajectory, tmp_path):
    missing = tmp_path / "no" / "such"
    with pytest.raises(ExportError, match="does not exist"):
        save_gif(trajectory, missing / "a.gif", GifOptions(panels=("x",)))
    with pytest.raises(ExportError, match="does not exist"):
        save_png_grid(np.zeros((1, 1, 28, 28), np.float32), missing / "a.png")
    with pytest.raises(ExportError, match="does not exist"):
        atomic_write_bytes(missing / "a.bin", b"data")
    assert not missing.exists()


def test_a_file_used_as_a_folder_raises_export_error(trajectory, tmp_path):
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("I am a file")
    with pytest.raises(ExportError):
        save_gif(trajectory, not_a_folder / "a.gif", GifOptions(panels=("x",)))
    with pytest.raises(ExportError):
        save_png_grid(np.zeros((1, 1, 28, 28), np.float32), not_a_folder / "a.png")
    with pytest.raises(ExportError):
        save_png_frames(trajectory, not_a_folder / "frames", GifOptions(panels=("x",)))
    assert not_a_folder.read_text() == "I am a file"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root ignores folder permissions")
def test_unwritable_folder_raises_export_error(trajectory, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(ExportError):
            save_gif(trajectory, locked / "a.gif", GifOptions(panels=("x",)))
        with pytest.raises(ExportError):
            atomic_write_bytes(locked / "a.bin", b"data")
    finally:
        locked.chmod(0o700)


# --- atomic writes ----------------------------------------------------------------------------------------

class _Boom(RuntimeError):
    pass


@pytest.mark.parametrize("failure, expected", [
    (_Boom("writer crashed"), _Boom),
    (OSError(errno.ENOSPC, "No space left on device"), ExportError),
    (KeyboardInterrupt(), KeyboardInterrupt),
])
def test_a_failed_write_keeps_the_previous_file(tmp_path, failure, expected):
    target = tmp_path / "model.safetensors"
    previous = os.urandom(4096)
    target.write_bytes(previous)

    def writer(handle) -> None:
        handle.write(b"half of the new file" * 1000)
        handle.flush()
        raise failure

    with pytest.raises(expected):
        atomic_write(target, writer)
    assert target.read_bytes() == previous
    assert [p.name for p in tmp_path.iterdir()] == ["model.safetensors"]  # no temporary file left


def test_a_failed_write_to_a_new_name_leaves_nothing(tmp_path):
    def writer(handle) -> None:
        handle.write(b"partial")
        raise _Boom("crash")

    with pytest.raises(_Boom):
        atomic_write(tmp_path / "new.bin", writer)
    assert list(tmp_path.iterdir()) == []


def test_a_successful_write_replaces_the_file(tmp_path):
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    assert atomic_write(target, lambda handle: handle.write(b"new contents")) == target
    assert target.read_bytes() == b"new contents"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


@pytest.mark.parametrize("n", [1, 3, 16, 17, 64])
@pytest.mark.parametrize("nrow", [None, 4, 8])
def test_image_grid_matches_torchvision_make_grid(n, nrow):
    """Our numpy layout must be make_grid's, pixel for pixel (it replaces it for speed)."""
    images = np.random.default_rng(n).integers(0, 256, (n, 1, 28, 28), dtype=np.uint8)
    expected = make_grid(torch.from_numpy(images), nrow=nrow or max(1, math.ceil(math.sqrt(n))), padding=2)
    np.testing.assert_array_equal(image_grid(images, nrow), expected[0].numpy())  # make_grid makes grey RGB


@pytest.mark.parametrize("n, columns", [(1, 1), (5, 2), (32, 8), (64, 8)])
def test_tile_grid_puts_colour_tiles_where_grey_ones_go(n, columns):
    """The inspector's RGBA mosaic and the grey grids share one layout; image_grid is tile_grid beyond one image."""
    grey = np.random.default_rng(n).integers(0, 256, (n, 7, 9), dtype=np.uint8)
    rgba = np.concatenate([np.repeat(grey[..., None], 3, axis=3), np.full((n, 7, 9, 1), 255, np.uint8)], axis=3)
    coloured = tile_grid(rgba, columns, padding=1, fill=np.array([7, 7, 7, 255], np.uint8))
    np.testing.assert_array_equal(coloured[..., 0], tile_grid(grey, columns, padding=1, fill=7))
    assert coloured.shape[:2] == (math.ceil(n / columns) * 8 + 1, min(columns, n) * 10 + 1)
    if n > 1:
        np.testing.assert_array_equal(image_grid(grey[:, None], columns, padding=1), tile_grid(grey, columns, 1))
