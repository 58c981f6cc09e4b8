"""The DDPM recipes: diffusers' noising for training, its four samplers recorded as Trajectories."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from diffviz.core.captions import step_label
from diffviz.core import ddpm
from diffviz.core.checkpoints import load_checkpoint, save_checkpoint
from diffviz.core.errors import ConfigError
from diffviz.core.features import describe_layers
from diffviz.core.models import DDPMUNet
from diffviz.core.recipes import get_recipe
from diffviz.core.sampling import sample, sample_final


@pytest.fixture(scope="module")
def model() -> DDPMUNet:
    torch.manual_seed(0)
    return get_recipe("ddpm").make_model()


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
    recipe = get_recipe("ddpm")
    x = torch.rand(2, 1, 28, 28)
    noise = torch.randn_like(x)
    noisy, t = recipe.noisy_at(x, torch.tensor([0.3, 0.9]), noise)
    assert t.tolist() == [300, 899]
    perfect = ddpm.to_screen(ddpm.clean_estimate(noisy, noise, t, ddpm.alpha_bars("linear")))
    assert torch.allclose(perfect, x, atol=1e-4)  # a model that knew the noise would recover x exactly


@pytest.mark.parametrize("sampler", get_recipe("ddpm").samplers)
def test_every_sampler_records_the_steps_asked_for(model, sampler):
    trajectory = sample(model, 3, 4, seed=0, features=2, recipe=get_recipe("ddpm"), sampler=sampler)
    assert trajectory.n_steps == 4 and trajectory.xs.shape == (5, 3, 1, 28, 28) == trajectory.preds.shape
    assert trajectory.sampler == sampler and trajectory.conditions[0] == 999 and trajectory.conditions[-1] == 0
    assert list(np.diff(trajectory.conditions[:-1])) == sorted(np.diff(trajectory.conditions[:-1]))  # falling t
    blocks = {"down0", "down1", "down2", "mid", "up0", "up1", "up2"}
    assert set(trajectory.features) - set(trajectory.attention_layers) == blocks
    assert {"down2.attention0", "mid.attention0", "up0.attention0"} <= set(trajectory.attention_layers)
    assert f"t = {int(trajectory.conditions[1])}" in step_label(trajectory, 1)


def test_ddim_with_eta_zero_is_deterministic_for_a_seed(model):
    recipe = get_recipe("ddpm")
    a = sample(model, 3, 5, seed=4, recipe=recipe, sampler="ddim", eta=0.0)
    b = sample(model, 3, 5, seed=4, recipe=recipe, sampler="ddim", eta=0.0)
    c = sample(model, 3, 5, seed=5, recipe=recipe, sampler="ddim", eta=0.0)
    assert np.array_equal(a.xs, b.xs) and not np.array_equal(a.xs, c.xs)
    final = sample_final(model, 3, 5, seed=4, recipe=recipe, sampler="ddim")
    assert np.array_equal(final, a.final)


def test_a_sampler_of_another_family_is_refused(model):
    with pytest.raises(ConfigError, match="ddim"):
        sample(model, 1, 2, recipe=get_recipe("ddpm"), sampler="course")
    with pytest.raises(ConfigError, match="course"):
        sample(model, 1, 2, recipe=get_recipe("course"), sampler="ddim")


def test_the_inspector_lists_its_blocks(model):
    layers = describe_layers(model)
    assert [l.name for l in layers] == ["down0", "down1", "down2", "mid", "up0", "up1", "up2"]
    assert (layers[0].channels, layers[0].height) == (32, 14) and (layers[-1].channels, layers[-1].height) == (32, 28)


@pytest.mark.parametrize("name", ["ddpm", "ddpm-cosine"])
def test_it_trains_with_a_falling_loss_and_round_trips(train_a_few_steps, tmp_path, name):
    trainer, reports = train_a_few_steps(name, 25)
    losses = [report.loss for report in reports]
    assert all(0 <= report.amounts.min() and report.amounts.max() <= 1 for report in reports)
    assert losses[0] > 0.5  # ε-prediction starts near the noise's variance, 1
    assert sum(losses[-5:]) / 5 < 0.6 * sum(losses[:5]) / 5
    path = save_checkpoint(tmp_path / "d.safetensors", trainer.sampling_model, recipe=name)
    loaded, info = load_checkpoint(path)
    assert isinstance(loaded, DDPMUNet) and info.recipe == name


def test_the_bundled_ddpm_model_predicts_the_noise_of_real_digits(bundled_data):
    """A trained ε-predictor: on real digits noised at mid timesteps its error is a fraction of an untrained
    model's (which predicts roughly nothing, an error near 1)."""
    from diffviz.core.paths import bundled_checkpoint_path

    trained, info = load_checkpoint(bundled_checkpoint_path("ddpm"))
    assert info.recipe == "ddpm" and info.training["steps"] > 1000
    torch.manual_seed(1)
    untrained = get_recipe("ddpm").make_model()
    recipe = get_recipe("ddpm")
    x = bundled_data.images[::500]
    generator = torch.Generator().manual_seed(0)
    noise = torch.randn(x.shape, generator=generator)
    t = torch.randint(200, 800, (len(x),), generator=generator)
    noisy = ddpm.add_noise(x, noise, t)
    with torch.no_grad():
        errors = [float(((recipe.predict(m.eval(), noisy, t) - noise) ** 2).mean()) for m in (trained, untrained)]
    assert errors[0] < 0.15 < 0.5 < errors[1], errors
