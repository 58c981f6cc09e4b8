"""Recipes: the course's stays exactly the course's; the fast one trains, samples and round-trips."""

from __future__ import annotations

import pytest
import torch

from diffviz.core.checkpoints import load_checkpoint, read_checkpoint, save_checkpoint
from diffviz.core.data import DigitData
from diffviz.core.errors import CheckpointError, ConfigError
from diffviz.core.features import describe_layers
from diffviz.core.models import BasicUNet, TimeUNet
from diffviz.core.recipes import RECIPES, get_recipe
from diffviz.core.sampling import initial_noise, sample
from diffviz.core.training import TrainConfig, Trainer


@pytest.fixture
def mixed_digits(bundled_data):
    every = torch.arange(0, len(bundled_data), 20)  # the bundled digits are sorted by class: take all classes
    return DigitData(bundled_data.images[every], bundled_data.labels[every], "mixed")


def test_the_course_recipe_is_the_course():
    course = get_recipe("course")
    assert (course.architecture, course.process.noise_kind, course.process.amount_kind, course.conditioned,
            course.lr, course.ema_decay) == ("BasicUNet", "uniform", "uniform", False, 1e-3, None)
    g1, g2 = torch.Generator().manual_seed(3), torch.Generator().manual_seed(3)
    assert torch.equal(course.draw_noise((2, 1, 4, 4), g1), torch.rand((2, 1, 4, 4), generator=g2))
    assert torch.equal(course.process.draw_amounts(5, g1), torch.rand(5, generator=g2))


def test_flow_amounts_favour_the_middle():
    amounts = get_recipe("flow").process.draw_amounts(20_000, torch.Generator().manual_seed(0))
    assert 0 < amounts.min() and amounts.max() < 1
    middle = ((amounts > 0.25) & (amounts < 0.75)).float().mean()
    assert middle > 0.6  # uniform amounts would put 0.5 there


def test_unknown_recipe_is_refused():
    with pytest.raises(ConfigError, match="unknown recipe"):
        get_recipe("magic")


def test_time_unet_needs_the_amount_and_uses_it():
    torch.manual_seed(0)
    net = TimeUNet().eval()
    x = torch.rand(2, 1, 28, 28)
    with pytest.raises(TypeError, match="amount"):
        net(x)
    assert not torch.allclose(net(x, torch.tensor([0.1, 0.1])), net(x, torch.tensor([0.9, 0.9])))
    assert [layer.name for layer in describe_layers(net)] == ["down0", "down1", "down2", "up0", "up1", "up2"]


def test_flow_recipe_trains_with_a_falling_loss_and_keeps_an_ema(mixed_digits):
    recipe = get_recipe("flow")
    torch.manual_seed(0)
    trainer = Trainer(recipe.make_model(), mixed_digits, TrainConfig(epochs=None, seconds=600, batch_size=32,
                                                                     lr=recipe.lr, seed=0), recipe=recipe)
    losses = []
    for report in trainer.steps():
        losses.append(report.loss)
        if len(losses) == 60:
            trainer.cancel.set()
    assert sum(losses[-10:]) / 10 < 0.8 * sum(losses[:10]) / 10
    assert trainer.sampling_model is trainer.ema_model
    ema = torch.cat([p.flatten() for p in trainer.ema_model.parameters()])
    live = torch.cat([p.flatten() for p in trainer.model.parameters()])
    assert not torch.equal(ema, live)  # an average, not a copy


def test_flow_samples_start_from_gaussian_noise_and_round_trip(tmp_path):
    recipe = get_recipe("flow")
    torch.manual_seed(0)
    model = recipe.make_model()
    path = save_checkpoint(tmp_path / "flow.safetensors", model, recipe="flow")
    loaded, info = load_checkpoint(path)
    assert isinstance(loaded, TimeUNet) and info.recipe == "flow"
    trajectory = sample(loaded, 4, 3, seed=1, features=True, recipe=recipe)
    assert trajectory.recipe == "flow" and trajectory.n_frames == 4
    assert torch.equal(torch.from_numpy(trajectory.xs[0]), initial_noise(4, 1, recipe=recipe))
    assert trajectory.xs[0].min() < 0  # Gaussian, unlike the course's uniform start
    assert torch.allclose(torch.from_numpy(trajectory.xs[-1]), torch.from_numpy(trajectory.preds[-2]), atol=1e-6)


def test_a_checkpoint_whose_recipe_and_architecture_disagree_is_refused(tmp_path):
    path = save_checkpoint(tmp_path / "odd.safetensors", BasicUNet(), recipe="flow")
    with pytest.raises(CheckpointError, match="flow recipe uses a TimeUNet"):
        load_checkpoint(path)
    info, _ = read_checkpoint(path)
    assert info.recipe == "flow"


def test_every_recipe_builds_its_model():
    for recipe in RECIPES.values():
        assert type(recipe.make_model()).__name__ == recipe.architecture


def test_cli_trains_and_samples_the_flow_recipe(tmp_path, capsys):
    from diffviz.cli import main

    ckpt = tmp_path / "flow.safetensors"
    assert main(["train", "--recipe", "flow", "--epochs", "0.02", "--batch-size", "64", "--out", str(ckpt)]) == 0
    assert load_checkpoint(ckpt)[1].recipe == "flow"
    out = tmp_path / "s.npy"
    assert main(["sample", "--checkpoint", str(ckpt), "--n", "6", "--steps", "3", "--out", str(out)]) == 0
    import numpy as np

    images = np.load(out)
    assert images.shape == (6, 1, 28, 28) and images.min() >= 0 and images.max() <= 1
    assert "TimeUNet (flow recipe)" in capsys.readouterr().err


def test_the_ema_warm_up_reaches_back_less_far_as_gamma_grows(mixed_digits):
    """decay = 1 − (γ + 1)/(γ + 2 + step), capped at the recipe's ema_decay: at step 6,249 (the last of a 400k-image
    run at batch 64) the newest weights count 9/6,259 at γ = 8 (today's) and 33/6,283 at γ = 32; much later the cap."""
    import dataclasses

    for gamma, step, share in ((8.0, 6249, 9 / 6259), (32.0, 6249, 33 / 6283), (8.0, 100_000, 1 - 0.999)):
        recipe = dataclasses.replace(get_recipe("flow"), ema_gamma=gamma)
        trainer = Trainer(recipe.make_model(), mixed_digits, TrainConfig(epochs=1, batch_size=32, lr=recipe.lr, seed=0),
                          recipe=recipe)
        with torch.no_grad():
            for averaged, live in zip(trainer.ema_model.parameters(), trainer.model.parameters()):
                averaged.zero_()
                live.fill_(1.0)
        trainer._update_ema(step)
        assert all(torch.allclose(p, torch.full_like(p, share)) for p in trainer.ema_model.parameters()), gamma
