"""Training on a folder of one's own colour images at another size, and a trained ddpm model exported as a
diffusers pipeline that diffusers loads and samples exactly as diffviz does."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image

from diffviz.cli import main
from diffviz.core.data import load_source
from diffviz.core.errors import ConfigError, DataError
from diffviz.core.opening import open_model
from diffviz.core.recipes import get_recipe
from diffviz.core.sampling import initial_noise, sample_final

TINTS = np.array([[255, 80, 80], [80, 255, 120], [90, 140, 255]], dtype=np.float32) / 255


@pytest.fixture(scope="module")
def colour_folder(tmp_path_factory, bundled_data):
    """Bundled digits tinted red, green or blue by class (0-2), saved as colour PNGs in class sub-folders."""
    root = tmp_path_factory.mktemp("colour") / "tinted"
    for label in range(3):
        (root / str(label)).mkdir(parents=True)
        picks = (bundled_data.labels == label).nonzero()[:40, 0]
        for k, index in enumerate(picks.tolist()):
            grey = bundled_data.images[index, 0].numpy()
            rgb = (grey[..., None] * TINTS[label] * 255).astype(np.uint8)
            Image.fromarray(rgb, "RGB").save(root / str(label) / f"{k}.png")
    return root


def test_a_colour_folder_is_read_in_colour_at_the_size_asked(colour_folder):
    data = load_source(f"folder:{colour_folder}", channels=3, size=32)
    assert data.images.shape == (120, 3, 32, 32) and data.classes == ["0", "1", "2"]
    red = data.images[data.labels == 0].mean(dim=(0, 2, 3))
    assert red[0] > 2 * red[1] and red[0] > 2 * red[2]  # the red class is red
    with pytest.raises(DataError, match="for folder:DIR"):
        load_source("bundled", channels=3)
    with pytest.raises(DataError, match="multiple of 4"):
        load_source(f"folder:{colour_folder}", channels=3, size=30)


def test_train_on_colour_images_and_sample_colour(colour_folder, tmp_path, capsys):
    out = tmp_path / "tinted.safetensors"
    assert main(["train", "--data", f"folder:{colour_folder}", "--channels", "3", "--size", "32", "--recipe",
                 "flow-class", "--epochs", "5", "--batch-size", "16", "--precision", "fp32", "--out", str(out)]) == 0
    epochs = [float(line.rsplit(" ", 1)[1]) for line in capsys.readouterr().out.splitlines()
              if line.startswith("epoch")]
    assert len(epochs) >= 2 and epochs[-1] < epochs[0]  # it learns
    model, info = open_model(out)
    assert model.image_shape == (3, 32, 32)
    images = sample_final(model, 6, 10, recipe=get_recipe(info.recipe), digit=0)
    assert images.shape == (6, 3, 32, 32)
    assert info.training["digits"] is False  # a folder of one's own images: the meter does not judge it


def test_the_course_recipes_stay_grey_28(colour_folder):
    with pytest.raises(ConfigError, match="course's own"):
        get_recipe("course").make_model((3, 32, 32))


def test_a_ddpm_model_exports_as_a_pipeline_diffusers_loads_and_samples_the_same(tmp_path, capsys):
    from diffusers import DDIMScheduler, DDPMPipeline

    folder = tmp_path / "my_pipeline"
    assert main(["export-pipeline", "--recipe", "ddpm-unet2d", "--out", str(folder)]) == 0
    pipeline = DDPMPipeline.from_pretrained(str(folder), use_safetensors=True, local_files_only=True)
    model, info = open_model(folder)  # and diffviz opens it again
    recipe = get_recipe(info.recipe)
    ours = sample_final(model, 2, 5, seed=4, recipe=recipe, sampler="ddim")
    scheduler = DDIMScheduler.from_config(pipeline.scheduler.config, timestep_spacing="trailing")
    scheduler.set_timesteps(5)
    x = initial_noise(2, 4, (1, 28, 28), recipe)
    with torch.no_grad():
        for t in scheduler.timesteps:
            x = scheduler.step(pipeline.unet(x, t).sample, t, x).prev_sample
    np.testing.assert_allclose(ours, ((x + 1) / 2).clamp(0, 1).numpy(), atol=1e-5)
    bundled, bundled_info = open_model(__import__("diffviz.core.paths", fromlist=["x"]).bundled_checkpoint_path("ddpm-unet2d"))
    np.testing.assert_allclose(sample_final(bundled, 2, 5, seed=4, recipe=get_recipe("ddpm-unet2d"), sampler="ddim"),
                               ours,
                               atol=1e-5)  # the export is the same model
    capsys.readouterr()
    assert main(["export-pipeline", "--recipe", "ddpm-unet2d", "--out", str(folder)]) == 2  # never over a folder
    assert "already exists" in capsys.readouterr().err
