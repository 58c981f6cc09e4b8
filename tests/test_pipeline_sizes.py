"""Pipeline folders at every size the issue names (28, 64 and 128 px, grey and colour): the CLI's .npy, PNG,
GIF and WebP come out at the model's shape and at a sensible size on screen, the architecture halves as the
UNet does, and a recording too big for memory is refused in one line before the model runs at all.

The UNets are tiny (8 and 16 channels, random weights) and every run is 2 samples x 2 steps: what is checked
is shapes, sizes and refusals, not pictures."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from PIL import Image

from diffviz.cli import main
from diffviz.core.errors import ConfigError
from diffviz.core.export import CAPTION_HEIGHT, GAP, image_scale, save_png_grid
from diffviz.core.features import describe_layers
from diffviz.core.opening import open_model
from diffviz.core.recipes import get_recipe
from diffviz.core.sampling import MAX_TRAJECTORY_BYTES, check_trajectory_fits, sample, trajectory_bytes

SIZES = [(28, 1), (64, 1), (64, 3), (128, 1), (128, 3)]  # 32 px colour: tests/test_pipelines.py


def blocks_for(size: int) -> tuple[int, ...]:
    """Two blocks of 8 and 16 channels; at 128 px three of 4, 8 and 8, so the lowest resolution (where the
    attention is) is 32x32 and the full-size convolutions are cheap."""
    return (4, 8, 8) if size >= 128 else (8, 16)


def save_sized_pipeline(folder, size: int, channels: int, blocks: tuple[int, ...] | None = None,
                        attention: bool = True):
    """A DDPMPipeline folder of a tiny random UNet2DModel for ``size`` px ``channels``-channel images, saved by
    diffusers itself (safetensors); its last down block (and first up block) with self-attention."""
    import diffusers

    blocks = blocks or blocks_for(size)
    last = len(blocks) - 1
    torch.manual_seed(size + channels)
    unet = diffusers.UNet2DModel(
        sample_size=size, in_channels=channels, out_channels=channels, layers_per_block=1,
        block_out_channels=blocks, norm_num_groups=4,
        down_block_types=tuple("AttnDownBlock2D" if attention and i == last else "DownBlock2D"
                               for i in range(len(blocks))),
        up_block_types=tuple("AttnUpBlock2D" if attention and i == 0 else "UpBlock2D" for i in range(len(blocks))))
    scheduler = diffusers.DDPMScheduler(num_train_timesteps=1000)
    diffusers.DDPMPipeline(unet, scheduler).save_pretrained(str(folder), safe_serialization=True)
    return folder


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """``folders(size, channels)``: that pipeline folder, made once per module."""
    made = {}
    root = tmp_path_factory.mktemp("sized")

    def get(size: int, channels: int):
        if (size, channels) not in made:
            made[size, channels] = save_sized_pipeline(root / f"pipe{size}_{channels}", size, channels)
        return made[size, channels]

    return get


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def grid_size(n: int, side: int, padding: int) -> tuple[int, int]:
    """(width, height) of torchvision's near-square grid of ``n`` square images (a lone one has no border)."""
    if n == 1:
        return side, side
    columns = math.ceil(math.sqrt(n))
    rows = math.ceil(n / columns)
    return columns * (side + padding) + padding, rows * (side + padding) + padding


# --- the scale ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("scale, side, expected", [
    (3, 28, 3), (3, 16, 3), (3, 32, 3), (3, 48, 2), (3, 64, 1), (3, 128, 1),
    (1, 128, 1), (16, 28, 16), (16, 64, 7), (16, 128, 4), (2, 64, 1), (6, 64, 3),
])
def test_the_scale_is_meant_for_28px_digits_and_larger_images_are_enlarged_less(scale, side, expected):
    assert image_scale(scale, side, side) == expected
    shown = side * expected
    assert shown <= max(28 * scale * 1.5, side)  # never much bigger on screen than a 28 px digit at that scale


def test_a_grid_of_64_images_of_128px_is_not_blown_up_three_times(tmp_path):
    images = np.zeros((64, 3, 128, 128), dtype=np.float32)
    path = save_png_grid(images, tmp_path / "big.png", scale=3)
    with Image.open(path) as grid:
        assert grid.size == grid_size(64, 128, 2) == (1042, 1042)  # x1, not 3126 x 3126
    digits = save_png_grid(np.zeros((64, 1, 28, 28), dtype=np.float32), tmp_path / "digits.png", scale=3)
    with Image.open(digits) as grid:
        assert grid.size == (242 * 3, 242 * 3)  # 28 px digits keep the x3 they always had


# --- the CLI at every size -----------------------------------------------------------------------------

@pytest.mark.parametrize("size, channels", SIZES)
def test_the_cli_writes_every_output_at_the_pipelines_size(folders, tmp_path, capsys, size, channels):
    folder = folders(size, channels)
    common = ["sample", "--checkpoint", folder, "--n", "2", "--steps", "2", "--precision", "fp32"]
    for name in ("s.npy", "s.png", "s.gif"):
        code, out, err = run(capsys, *common, "--out", tmp_path / name)
        assert code == 0, err
    code, out, err = run(capsys, *common, "--panels", "x,feature:down0", "--out", tmp_path / "s.webp")
    assert code == 0, err

    images = np.load(tmp_path / "s.npy", allow_pickle=False)
    assert images.shape == (2, channels, size, size) and images.dtype == np.float32
    assert 0.0 <= images.min() and images.max() <= 1.0 and images.std() > 0

    scale = image_scale(3, size, size)  # the CLI's default --scale 3
    assert 56 <= size * scale <= 128  # each image 84 px wide at 28 px, itself at 64 and 128 px: not x3 of 128
    width, height = grid_size(2, size, 2)
    with Image.open(tmp_path / "s.png") as grid:
        assert grid.mode == ("RGB" if channels == 3 else "L")
        assert grid.size == (width * scale, height * scale)

    heading = 2 * CAPTION_HEIGHT  # the step's caption and the panel's title
    with Image.open(tmp_path / "s.gif") as gif:
        assert gif.n_frames == 3
        assert gif.size == (width * scale, height * scale + heading)
    mosaic_w, mosaic_h = grid_size(blocks_for(size)[0], size // 2, 1)  # down0's channels at half the size
    with Image.open(tmp_path / "s.webp") as webp:
        assert webp.n_frames == 3
        assert webp.size == ((width + mosaic_w) * scale + GAP, max(height, mosaic_h) * scale + heading)


# --- the architecture at every size ----------------------------------------------------------------------

@pytest.mark.parametrize("size, channels, blocks", [
    (28, 1, (8, 16)), (28, 3, (8, 16, 16)), (64, 3, (8, 16)), (64, 1, (8, 16, 16)), (128, 3, (8, 16, 16)),
])
def test_describe_layers_halves_the_resolution_down_the_unet_and_doubles_it_back(tmp_path, size, channels,
                                                                                  blocks):
    model, _info = open_model(save_sized_pipeline(tmp_path / "pipe", size, channels, blocks, attention=False))
    assert model.image_shape == (channels, size, size)
    layers = {layer.name: layer for layer in describe_layers(model, model.image_shape)}
    depth = len(blocks) - 1  # every down block but the last halves; every up block but the last doubles
    expected = {f"down{i}": (blocks[i], size >> min(i + 1, depth)) for i in range(len(blocks))}
    expected["mid"] = (blocks[-1], size >> depth)
    expected.update({f"up{j}": (blocks[::-1][j], size >> max(depth - 1 - j, 0))
                     for j in range(len(blocks))})
    assert list(layers) == [*(f"down{i}" for i in range(len(blocks))), "mid", *(f"up{j}" for j in range(len(blocks)))]
    for name, (channels_out, side) in expected.items():
        layer = layers[name]
        assert (layer.channels, layer.height, layer.width) == (channels_out, side, side), name
    assert layers[f"up{depth}"].height == size  # back at the image's own size


# --- the memory cap ----------------------------------------------------------------------------------------

def _counted(model) -> list[int]:
    """The batch size of every forward call of ``model`` from now on."""
    calls: list[int] = []
    model.register_forward_pre_hook(lambda _module, inputs: calls.append(int(inputs[0].shape[0])))
    return calls


@pytest.mark.parametrize("features", [True, 16, 8, False])
def test_a_128px_recording_far_too_big_is_refused_before_the_model_runs(folders, features):
    model, info = open_model(folders(128, 3))
    calls = _counted(model)
    with pytest.raises(ConfigError) as refused:
        sample(model, 64, 1000, features=features, recipe=get_recipe(info.recipe))
    message = str(refused.value)
    assert calls == []  # not even the one dummy image that sizes the feature maps
    assert "\n" not in message
    assert message.startswith("recording 64 samples x 1000 steps of 128x128 colour images needs about 23.5 GB")
    assert "2 GB limit" in message and "fewer samples or steps" in message and ".npy/.png" in message
    # the counts it offers are exactly the largest that fit
    assert "64 samples fit up to 84 steps" in message and "1000 steps fit up to 5 samples" in message
    assert trajectory_bytes(model, 64, 84, False, model.image_shape) <= MAX_TRAJECTORY_BYTES \
        < trajectory_bytes(model, 64, 85, False, model.image_shape)
    assert trajectory_bytes(model, 5, 1000, False, model.image_shape) <= MAX_TRAJECTORY_BYTES \
        < trajectory_bytes(model, 6, 1000, False, model.image_shape)
    assert ("fewer with feature maps" in message) == bool(features)


def test_a_128px_recording_whose_feature_maps_do_not_fit_says_how_many_would(folders):
    """The images fit (16 x 100 steps: 0.6 GB) but the maps do not: sizing the maps runs one dummy image (batch
    1) through the model, never the 16-sample run; the line says the counts that fit with the maps."""
    model, info = open_model(folders(128, 3))
    calls = _counted(model)
    with pytest.raises(ConfigError) as refused:
        sample(model, 16, 100, features=16, recipe=get_recipe(info.recipe))
    message = str(refused.value)
    assert set(calls) <= {1}  # at most the sizing probe: nothing of the run itself
    assert message.startswith("recording 16 samples x 100 steps of 128x128 colour images with feature maps needs")
    shape = model.image_shape
    fit_steps = int(message.split("16 samples fit up to ")[1].split(" ")[0])
    fit_samples = int(message.split("100 steps fit up to ")[1].split(" ")[0])
    fit_maps = int(message.split("capture feature maps for at most ")[1].split(" ")[0])
    assert trajectory_bytes(model, 16, fit_steps, 16, shape) <= MAX_TRAJECTORY_BYTES \
        < trajectory_bytes(model, 16, fit_steps + 1, 16, shape)
    assert trajectory_bytes(model, fit_samples, 100, 16, shape) <= MAX_TRAJECTORY_BYTES \
        < trajectory_bytes(model, fit_samples + 1, 100, 16, shape)
    assert trajectory_bytes(model, 16, 100, fit_maps, shape) <= MAX_TRAJECTORY_BYTES \
        < trajectory_bytes(model, 16, 100, fit_maps + 1, shape)
    assert "record without feature maps" in message
    check_trajectory_fits(model, 16, fit_steps, 16, shape)  # and what it offers is accepted
    check_trajectory_fits(model, 16, 100, False, shape)


def test_a_small_128px_recording_fits_and_records(folders):
    model, info = open_model(folders(128, 1))
    run_ = sample(model, 1, 2, features=True, recipe=get_recipe(info.recipe))
    assert run_.xs.shape == (3, 1, 1, 128, 128)
    assert run_.nbytes == trajectory_bytes(model, 1, 2, True, model.image_shape)


@pytest.mark.parametrize("panels", ["x", "x,feature:down0"])
def test_the_cli_refuses_the_128px_recording_in_one_line_with_exit_2(folders, tmp_path, capsys, monkeypatch,
                                                                       panels):
    from diffviz.core.models.unet2d import PipelineUNet

    calls = []
    forward = PipelineUNet.forward
    monkeypatch.setattr(PipelineUNet, "forward", lambda self, *a, **k: calls.append(1) or forward(self, *a, **k))
    out = tmp_path / "big.gif"
    code, stdout, err = run(capsys, "sample", "--checkpoint", folders(128, 3), "--n", "64", "--steps", "1000",
                            "--panels", panels, "--out", out)  # auto precision: nothing timed either
    assert code == 2
    assert calls == [] and not out.exists()
    lines = err.strip().splitlines()
    errors = [line for line in lines if line.startswith("diffviz: error:")]
    assert errors == lines  # refused before anything is announced or timed, and no warning from diffusers
    assert "64 samples x 1000 steps of 128x128 colour images needs about 23.5 GB" in errors[0]
    assert "64 samples fit up to 84 steps" in errors[0]
    assert "wrote" not in stdout


def test_the_feature_maps_a_large_run_can_keep_are_counted_exactly(folders):
    from diffviz.core.sampling import check_trajectory_fits, feature_samples_that_fit

    model, _ = open_model(folders(128, 3))
    shape = model.image_shape
    kept = feature_samples_that_fit(model, 64, 60, 16, shape)
    assert 0 < kept < 16
    check_trajectory_fits(model, 64, 60, kept, shape)  # fits with that many
    with pytest.raises(ConfigError):
        check_trajectory_fits(model, 64, 60, kept + 1, shape)  # and not with one more
    assert feature_samples_that_fit(model, 4, 3, 16, shape) == 4  # a small run keeps them all
    assert feature_samples_that_fit(model, 64, 1000, 16, shape) == 0  # the images alone do not fit
