"""The sampler registry and its objects: who works with which process, Heun's step, and recordings' sizes."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from diffviz.core.captions import step_label
from diffviz.core.errors import ConfigError
from diffviz.core.models import ARCHITECTURES, build_model
from diffviz.core.processes import PROCESSES, BlendProcess
from diffviz.core.recipes import RECIPES, get_recipe
from diffviz.core.samplers import all_samplers, get_sampler, samplers_for
from diffviz.core.sampling import sample, trajectory_bytes

BLEND_RECIPES = [name for name, recipe in RECIPES.items() if isinstance(recipe.process, BlendProcess)]


class Shrinking(nn.Module):
    """A stand-in model told the amount whose clean-image guess is ``a · x``: the straight-line ODE
    dx/dt = (x - a x) / t then has the exact solution x(t) = x(1) · t^(1 - a)."""

    takes_amount = True

    def __init__(self, a: float = 0.5) -> None:
        super().__init__()
        self.a = a
        self.calls = 0
        self.anchor = nn.Parameter(torch.zeros(1))  # so .to() and .eval() have something to move

    def forward(self, x: torch.Tensor, amount: torch.Tensor) -> torch.Tensor:
        self.calls += 1
        return self.a * x


def test_every_process_has_samplers_and_every_sampler_a_process():
    for process in PROCESSES.values():
        assert samplers_for(process)
    for sampler in all_samplers():
        assert any(sampler.works_with(process) for process in PROCESSES.values()), sampler.name
    assert samplers_for(get_recipe("course").process) == ("course", "heun")
    assert samplers_for(get_recipe("ddpm").process) == ("ddpm", "ddim", "dpm-solver++", "euler")


def test_an_unknown_sampler_and_a_sampler_of_another_process_are_refused():
    with pytest.raises(ConfigError, match="unknown sampler"):
        get_sampler("magic")
    with pytest.raises(ConfigError, match="samples with"):
        sample(build_model("DDPMUNet"), 1, 2, recipe=get_recipe("ddpm"), sampler="heun")


@pytest.mark.parametrize("name", BLEND_RECIPES)
def test_heun_samples_every_blend_recipe(name):
    recipe = get_recipe(name)
    torch.manual_seed(0)
    trajectory = sample(recipe.make_model(), 3, 4, seed=1, features=2, recipe=recipe, sampler="heun")
    assert trajectory.sampler == "heun" and trajectory.n_steps == 4 and trajectory.mix.shape == (4,)
    assert np.isfinite(trajectory.xs).all() and trajectory.features
    assert np.allclose(trajectory.xs[-1], trajectory.preds[-2], atol=1e-5)  # the last step is Euler's: onto pred
    assert list(trajectory.levels) == [1.0, 0.75, 0.5, 0.25, 0.0]
    assert "heun" in step_label(trajectory, 1) and "result" in step_label(trajectory, 4)


def test_heun_calls_the_model_twice_per_step_but_once_on_the_last():
    model = Shrinking()
    sample(model, 2, 10, recipe=get_recipe("flow"), sampler="heun")
    assert model.calls == get_sampler("heun").model_calls(10) + 1 == 2 * 10 - 1 + 1  # + the result's look
    model.calls = 0
    sample(model, 2, 10, recipe=get_recipe("flow"), sampler="course")
    assert model.calls == get_sampler("course").model_calls(10) + 1 == 11


def test_heun_follows_the_straight_line_closer_than_euler_with_as_many_model_calls():
    """Against the exact solution x(t) = x(1) · √t at t = 0.5: 10 Heun steps (19 calls) beat 20 Euler steps."""
    model, recipe = Shrinking(0.5), get_recipe("flow")
    heun = sample(model, 4, 10, seed=3, recipe=recipe, sampler="heun")
    euler = sample(model, 4, 20, seed=3, recipe=recipe, sampler="course")
    exact = heun.xs[0] * np.sqrt(0.5)
    heun_error = np.abs(heun.xs[5] - exact).max()   # frame 5 of 10: t = 0.5
    euler_error = np.abs(euler.xs[10] - exact).max()  # frame 10 of 20: t = 0.5
    assert heun_error < euler_error / 5


def test_the_course_sampler_reports_its_mix_and_heun_a_measured_one():
    model, recipe = Shrinking(0.5), get_recipe("flow")
    course = sample(model, 2, 5, recipe=recipe)
    assert np.allclose(course.mix, 1 / (5 - np.arange(5)), rtol=1e-12)
    heun = sample(model, 2, 5, recipe=recipe, sampler="heun")
    for i in range(5):  # the measured mix is the fraction of (pred - x) that the step moved x
        step, toward = heun.xs[i + 1] - heun.xs[i], heun.preds[i] - heun.xs[i]
        assert heun.mix[i] == pytest.approx(float((step * toward).sum() / (toward * toward).sum()), rel=1e-4)


@pytest.mark.parametrize("architecture", sorted(a for a in ARCHITECTURES if any(r.architecture == a
                                                                                 for r in RECIPES.values())))
def test_the_memory_estimate_of_a_recording_matches_a_real_one(architecture):
    recipe = next(r for r in RECIPES.values() if r.architecture == architecture)
    torch.manual_seed(0)
    model = recipe.make_model()
    trajectory = sample(model, 3, 2, features=2, recipe=recipe)
    estimate = trajectory_bytes(model, 3, 2, features=2)
    assert abs(estimate - trajectory.nbytes) <= 0.1 * trajectory.nbytes


def test_steps_within_a_budget_of_model_calls():
    assert get_sampler("course").steps_within(20) == 20 and get_sampler("ddim").steps_within(20) == 20
    assert get_sampler("heun").steps_within(20) == 10 and get_sampler("heun").model_calls(10) == 19
    assert get_sampler("heun").steps_within(1) == 1
