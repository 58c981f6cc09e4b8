"""The DDPM recipes: diffusers' noising for training, its four samplers recorded as Trajectories; the course's
UNet2DModel predicting the noise (ddpm-unet2d) and the lean TimeUNet predicting v (ddpm, ddpm-cosine)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from diffviz.core.captions import step_label
from diffviz.core import ddpm
from diffviz.core.checkpoints import load_checkpoint, save_checkpoint
from diffviz.core.errors import CheckpointError, ConfigError
from diffviz.core.features import describe_layers
from diffviz.core.models import DDPMUNet, TimeUNet
from diffviz.core.recipes import get_recipe
from diffviz.core.samplers import get_sampler
from diffviz.core.sampling import sample, sample_final


@pytest.fixture(scope="module")
def model() -> DDPMUNet:
    torch.manual_seed(0)
    return get_recipe("ddpm-unet2d").make_model()


def test_noising_is_the_closed_form_with_the_schedules_alpha_bars():
    x = torch.rand(3, 1, 28, 28)
    noise = torch.randn_like(x)
    t = torch.tensor([0, 500, 999])
    for schedule in ddpm.BETA_SCHEDULES:
        a = ddpm.alpha_bars(schedule)[t].reshape(-1, 1, 1, 1)
        expected = a.sqrt() * (2 * x - 1) + (1 - a).sqrt() * noise
        assert torch.allclose(ddpm.add_noise(x, noise, t, schedule), expected, atol=1e-6)
    linear, cosine = ddpm.alpha_bars("linear"), ddpm.alpha_bars("squaredcos_cap_v2")
    assert linear[0] > 0.99 and linear[-1] < 1e-4 and (cosine[500] > linear[500])  # cosine keeps more signal


def test_the_model_predicts_the_noise_and_the_clean_estimate_inverts_the_noising(model):
    recipe = get_recipe("ddpm-unet2d")
    x = torch.rand(2, 1, 28, 28)
    noise = torch.randn_like(x)
    noisy, t = recipe.noisy_at(x, torch.tensor([0.3, 0.9]), noise)
    assert t.tolist() == [300, 899]
    perfect = ddpm.to_screen(ddpm.clean_estimate(noisy, noise, t, ddpm.alpha_bars("linear")))
    assert torch.allclose(perfect, x, atol=1e-4)  # a model that knew the noise would recover x exactly


@pytest.mark.parametrize("name", ["ddpm", "ddpm-cosine"])
def test_the_cpu_recipes_predict_v_and_the_clean_estimate_inverts_it(name):
    """v = √ᾱ ε − √(1 − ᾱ) x₀: a model that output the true v would recover the image exactly, at every t."""
    recipe = get_recipe(name)
    assert recipe.process.prediction_type == "v_prediction" and recipe.process.target_name == "velocity (v)"
    x = torch.rand(3, 1, 28, 28)
    noise = torch.randn_like(x)
    noisy, t = recipe.noisy_at(x, torch.tensor([0.02, 0.5, 1.0]), noise)
    v = recipe.process.output_for(noisy, 2 * x - 1, t)
    a = recipe.process.alpha_bars()[t].reshape(-1, 1, 1, 1)
    assert torch.allclose(v, a.sqrt() * noise - (1 - a).sqrt() * (2 * x - 1), atol=1e-3)
    assert torch.allclose(recipe.process.to_screen(recipe.process.clean_estimate(noisy, v, t)), x, atol=1e-4)
    batch = recipe.process.training_batch(x, torch.Generator().manual_seed(0))  # what training asks of the model
    a = recipe.process.alpha_bars()[batch.condition].reshape(-1, 1, 1, 1)
    assert torch.allclose(recipe.process.clean_estimate(batch.noisy, batch.target, batch.condition), 2 * x - 1,
                          atol=1e-4)
    assert recipe.process.scheduler_config()["prediction_type"] == "v_prediction"  # the samplers read it here
    # and a v-model's estimate is not clipped: DDIM would step with the clipped image but the unclipped noise
    assert get_sampler("ddim").make_scheduler(recipe.process, 10).config.clip_sample is False
    assert get_sampler("ddim").make_scheduler(get_recipe("ddpm-unet2d").process, 10).config.clip_sample is True


@pytest.mark.parametrize("sampler", get_recipe("ddpm-unet2d").samplers)
def test_every_sampler_records_the_steps_asked_for(model, sampler):
    trajectory = sample(model, 3, 4, seed=0, features=2, recipe=get_recipe("ddpm-unet2d"), sampler=sampler)
    assert trajectory.n_steps == 4 and trajectory.xs.shape == (5, 3, 1, 28, 28) == trajectory.preds.shape
    assert trajectory.sampler == sampler and trajectory.conditions[0] == 999 and trajectory.conditions[-1] == 0
    assert list(np.diff(trajectory.conditions[:-1])) == sorted(np.diff(trajectory.conditions[:-1]))  # falling t
    blocks = {"down0", "down1", "down2", "mid", "up0", "up1", "up2"}
    assert set(trajectory.features) - set(trajectory.attention_layers) == blocks
    assert {"down2.attention0", "mid.attention0", "up0.attention0"} <= set(trajectory.attention_layers)
    assert f"t = {int(trajectory.conditions[1])}" in step_label(trajectory, 1)


def test_ddim_with_eta_zero_is_deterministic_for_a_seed(model):
    recipe = get_recipe("ddpm-unet2d")
    a = sample(model, 3, 5, seed=4, recipe=recipe, sampler="ddim", eta=0.0)
    b = sample(model, 3, 5, seed=4, recipe=recipe, sampler="ddim", eta=0.0)
    c = sample(model, 3, 5, seed=5, recipe=recipe, sampler="ddim", eta=0.0)
    assert np.array_equal(a.xs, b.xs) and not np.array_equal(a.xs, c.xs)
    final = sample_final(model, 3, 5, seed=4, recipe=recipe, sampler="ddim")
    assert np.array_equal(final, a.final)


def test_a_sampler_of_another_family_is_refused(model):
    with pytest.raises(ConfigError, match="ddim"):
        sample(model, 1, 2, recipe=get_recipe("ddpm-unet2d"), sampler="course")
    with pytest.raises(ConfigError, match="course"):
        sample(model, 1, 2, recipe=get_recipe("course"), sampler="ddim")


def test_the_inspector_lists_its_blocks(model):
    layers = describe_layers(model)
    assert [l.name for l in layers] == ["down0", "down1", "down2", "mid", "up0", "up1", "up2"]
    assert (layers[0].channels, layers[0].height) == (32, 14) and (layers[-1].channels, layers[-1].height) == (32, 28)


@pytest.mark.parametrize("name, network", [("ddpm", TimeUNet), ("ddpm-cosine", TimeUNet),
                                           ("ddpm-unet2d", DDPMUNet)])
def test_it_trains_with_a_falling_loss_and_round_trips(train_a_few_steps, tmp_path, name, network):
    trainer, reports = train_a_few_steps(name, 40)
    losses = [report.loss for report in reports]
    assert all(0 <= report.amounts.min() and report.amounts.max() <= 1 for report in reports)
    assert losses[0] > 0.5  # ε and v both start near their targets' variance, about 1
    assert sum(losses[-5:]) / 5 < 0.7 * sum(losses[:5]) / 5  # in 40 steps, 100 of them lr warm-up
    path = save_checkpoint(tmp_path / "d.safetensors", trainer.sampling_model, recipe=name)
    loaded, info = load_checkpoint(path)
    assert isinstance(loaded, network) and info.recipe == name
    assert loaded.config() == get_recipe(name).make_model().config()  # the TimeUNet told DDPM's timesteps


def test_an_earlier_diffvizs_ddpm_checkpoint_is_read_as_it_was_trained(model, tmp_path):
    """Before the DDPM recipes moved to the TimeUNet, a ddpm checkpoint held a UNet2DModel predicting the noise:
    such a file opens with the recipe that reads it that way, never as a v-model."""
    for old, now in (("ddpm", "ddpm-unet2d"), ("ddpm-cosine", "ddpm-cosine-unet2d")):
        path = save_checkpoint(tmp_path / f"{old}.safetensors", model, recipe=old)
        loaded, info = load_checkpoint(path)
        assert info.recipe == now and get_recipe(now).process.prediction_type == "epsilon"
        assert get_recipe(now).process.beta_schedule == get_recipe(old).process.beta_schedule


def test_a_timeunet_not_told_timesteps_is_refused_as_a_ddpm_model(tmp_path):
    path = save_checkpoint(tmp_path / "x.safetensors", TimeUNet(classes=10), recipe="ddpm")
    with pytest.raises(CheckpointError, match="timesteps"):
        load_checkpoint(path)


@pytest.mark.parametrize("name", ["ddpm", "ddpm-unet2d"])
def test_the_bundled_ddpm_models_predict_what_their_recipe_asks_of_real_digits(bundled_data, name):
    """On real digits noised at mid timesteps a bundled model's error against its target (v, or the noise) is a
    fraction of an untrained model's (which predicts roughly nothing, an error near 1)."""
    from diffviz.core.paths import bundled_checkpoint_path

    trained, info = load_checkpoint(bundled_checkpoint_path(name))
    assert info.recipe == name and info.training["steps"] > 1000
    recipe = get_recipe(name)
    torch.manual_seed(1)
    untrained = recipe.make_model()
    x = bundled_data.images[::500]
    generator = torch.Generator().manual_seed(0)
    batch = recipe.process.training_batch(x, generator)
    keep = (batch.condition >= 200) & (batch.condition < 800)
    labels = bundled_data.labels[::500] if recipe.classes else None
    with torch.no_grad():
        errors = [float(((recipe.predict(m.eval(), batch.noisy, batch.condition, labels) - batch.target)[keep] ** 2)
                        .mean()) for m in (trained, untrained)]
    assert errors[0] < 0.15 < 0.5 < errors[1], errors
