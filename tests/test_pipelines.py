"""A learner's own diffusers pipeline folders (core.pipelines), built with diffusers itself in tmp folders:
opened safely, sampled with the right shapes and the same numbers as diffusers' own loop, foreign and evil
folders refused without unpickling anything."""

from __future__ import annotations

import json
import pickle

import numpy as np
import pytest
import torch
from PIL import Image

from diffviz.cli import main
from diffviz.core.opening import open_model
from diffviz.core.errors import CheckpointError
from diffviz.core.pipelines import read_pipeline_folder
from diffviz.core.recipes import get_recipe
from diffviz.core.sampling import initial_noise, sample, sample_final


def save_pipeline(folder, channels: int = 3, size: int = 32, scheduler: str = "DDPMScheduler",
                  prediction: str = "epsilon", attention: bool = True, seed: int = 0):
    import diffusers

    torch.manual_seed(seed)
    unet = diffusers.UNet2DModel(
        sample_size=size, in_channels=channels, out_channels=channels, layers_per_block=1,
        block_out_channels=(16, 32), norm_num_groups=8,
        down_block_types=("DownBlock2D", "AttnDownBlock2D" if attention else "DownBlock2D"),
        up_block_types=("AttnUpBlock2D" if attention else "UpBlock2D", "UpBlock2D"))
    made = getattr(diffusers, scheduler)(num_train_timesteps=1000, prediction_type=prediction)
    pipeline = (diffusers.DDIMPipeline if scheduler == "DDIMScheduler" else diffusers.DDPMPipeline)(unet, made)
    pipeline.save_pretrained(str(folder))
    return folder


@pytest.fixture(scope="module")
def rgb(tmp_path_factory):
    return save_pipeline(tmp_path_factory.mktemp("pipes") / "butterflies")


def test_a_colour_pipeline_opens_as_a_model_with_its_own_recipe(rgb):
    model, info = open_model(rgb)
    recipe = get_recipe(info.recipe)
    assert model.image_shape == (3, 32, 32)
    assert recipe.name == "diffusers:butterflies" and recipe.sampler == "ddpm"
    assert set(recipe.samplers) == {"ddpm", "ddim", "dpm-solver++", "euler"}
    assert recipe.process.target_name == "noise"
    assert "UNet2DModel, 3 channels, 32x32" in recipe.summary
    assert open_model(rgb / "model_index.json")[0].image_shape == (3, 32, 32)  # the file itself opens too


@pytest.mark.parametrize("sampler", ["ddim", "ddpm", "dpm-solver++", "euler"])
def test_every_ddpm_sampler_draws_the_pipeline_at_its_shape(rgb, sampler):
    model, info = open_model(rgb)
    images = sample_final(model, 3, 4, seed=1, recipe=get_recipe(info.recipe), sampler=sampler)
    assert images.shape == (3, 3, 32, 32) and images.dtype == np.float32
    assert 0.0 <= images.min() and images.max() <= 1.0


def test_a_recorded_run_has_colour_frames_and_feature_maps_of_every_block(rgb):
    model, info = open_model(rgb)
    run = sample(model, 2, 3, features=True, recipe=get_recipe(info.recipe), sampler="ddim")
    assert run.xs.shape == (4, 2, 3, 32, 32)
    assert [name for name in run.features if name not in run.attention_layers] == ["down0", "down1", "mid", "up0",
                                                                                    "up1"]
    assert "self-attention" in run.layer_notes["down1"]
    assert run.attention_layers and all("where it looks" in run.layer_notes[name] for name in run.attention_layers)


def test_ddim_from_diffviz_matches_diffusers_own_loop(rgb):
    from diffusers import DDIMScheduler, UNet2DModel

    model, info = open_model(rgb)
    recipe = get_recipe(info.recipe)
    ours = sample_final(model, 2, 5, seed=3, recipe=recipe, sampler="ddim")
    unet = UNet2DModel.from_pretrained(str(rgb / "unet"), use_safetensors=True).eval()
    scheduler = DDIMScheduler.from_config(json.loads((rgb / "scheduler" / "scheduler_config.json").read_text()),
                                          timestep_spacing="trailing")
    scheduler.set_timesteps(5)
    x = initial_noise(2, 3, (3, 32, 32), recipe)
    with torch.no_grad():
        for t in scheduler.timesteps:
            x = scheduler.step(unet(x, t).sample, t, x).prev_sample
    np.testing.assert_allclose(ours, ((x + 1) / 2).clamp(0, 1).numpy(), atol=1e-5)


def test_v_prediction_and_sample_prediction_are_read_as_their_scheduler_says(tmp_path):
    for prediction in ("v_prediction", "sample"):
        model, info = open_model(save_pipeline(tmp_path / prediction, channels=1, size=28,
                                                    prediction=prediction, attention=False))
        process = get_recipe(info.recipe).process
        clean = torch.rand(2, 1, 28, 28) * 2 - 1
        noise = torch.randn(2, 1, 28, 28)
        t = torch.tensor([100, 700])
        noisy = process.scheduler.add_noise(clean, noise, t)
        output = process.scheduler.get_velocity(clean, noise, t) if prediction == "v_prediction" else clean
        torch.testing.assert_close(process.clean_estimate(noisy, output, t), clean, atol=1e-4, rtol=1e-4)
        assert process.target_name == {"v_prediction": "velocity (v)", "sample": "clean image"}[prediction]


class _Evil:
    def __init__(self, target: str) -> None:
        self.target = target

    def __reduce__(self):
        return (open, (self.target, "w"))


def _refused(folder, match: str) -> None:
    with pytest.raises(CheckpointError, match=match):
        open_model(folder)


def test_a_folder_with_only_pickled_weights_is_refused_without_unpickling(tmp_path):
    folder = save_pipeline(tmp_path / "bin_only", channels=1, size=28)
    (folder / "unet" / "diffusion_pytorch_model.safetensors").unlink()
    target = tmp_path / "created-by-unpickling"
    (folder / "unet" / "diffusion_pytorch_model.bin").write_bytes(pickle.dumps(_Evil(str(target))))
    _refused(folder, "safe_serialization=True")
    assert not target.exists()


@pytest.mark.parametrize("damage, match", [
    ({"model_index.json": {"_class_name": "StableDiffusionPipeline", "unet": ["diffusers", "UNet2DConditionModel"],
                           "vae": ["diffusers", "AutoencoderKL"], "text_encoder": ["transformers", "CLIPTextModel"]}},
     "StableDiffusionPipeline pipeline"),
    ({"model_index.json": {"_class_name": "DDPMPipeline", "unet": ["diffusers", "UNet2DModel"],
                           "scheduler": ["diffusers", "KarrasVeScheduler"]}}, "scheduler is a KarrasVeScheduler"),
    ({"unet/config.json": {"in_channels": 4, "out_channels": 4, "sample_size": 32}},
     "unet/config.json: in_channels is 4; diffviz opens a whole number from 1 to 3"),
    ({"unet/config.json": {"in_channels": 1, "out_channels": 1, "sample_size": 100000}},
     "unet/config.json: sample_size is 100000"),
    ({"scheduler/scheduler_config.json": "{not json"}, "not valid JSON"),
])
def test_foreign_and_damaged_folders_are_refused_by_name(tmp_path, damage, match):
    folder = save_pipeline(tmp_path / "pipe", channels=1, size=28, attention=False)
    for name, content in damage.items():
        path = folder / name
        if isinstance(content, dict) and name == "unet/config.json":
            content = {**json.loads(path.read_text()), **content}
        path.write_text(content if isinstance(content, str) else json.dumps(content))
    _refused(folder, match)
    with pytest.raises(CheckpointError, match=match):
        read_pipeline_folder(folder)


def test_the_cli_samples_a_pipeline_to_every_output_and_refuses_a_foreign_one_in_one_line(rgb, tmp_path, capsys):
    for out in ("s.npy", "s.png", "s.gif"):
        assert main(["sample", "--checkpoint", str(rgb), "--n", "2", "--steps", "3", "--precision", "fp32",
                     "--out", str(tmp_path / out)]) == 0
    assert np.load(tmp_path / "s.npy").shape == (2, 3, 32, 32)
    with Image.open(tmp_path / "s.png") as grid:
        assert grid.mode == "RGB"
    with Image.open(tmp_path / "s.gif") as gif:
        assert gif.n_frames == 4
    capsys.readouterr()
    plain = tmp_path / "plain"
    plain.mkdir()
    assert main(["sample", "--checkpoint", str(plain), "--out", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "neither a diffviz checkpoint" in err[0]
