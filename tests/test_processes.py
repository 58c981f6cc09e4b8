"""Noising processes as objects: every process answers the same questions, each in its own way."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from diffviz.core import ddpm
from diffviz.core.errors import ConfigError
from diffviz.core.processes import BLEND_TARGETS, PREDICTION_TYPES, PROCESSES, BlendProcess, DDPMProcess, get_process
from diffviz.core.recipes import RECIPES, RETIRED_RECIPES

IMAGES = torch.rand(4, 1, 28, 28, generator=torch.Generator().manual_seed(0))


@pytest.mark.parametrize("key", list(PROCESSES))
def test_every_process_makes_training_batches_noises_and_recovers(key):
    process = PROCESSES[key]
    batch = process.training_batch(IMAGES, torch.Generator().manual_seed(1))
    assert batch.noisy.shape == IMAGES.shape and batch.target.shape == IMAGES.shape
    assert batch.condition.shape == (4,) and ((0 <= batch.amount) & (batch.amount <= 1)).all()
    noise = process.draw_noise(tuple(IMAGES.shape), torch.Generator().manual_seed(2))
    noisy, condition = process.noisy_at(IMAGES, torch.full((4,), 0.5), noise)
    assert not torch.allclose(process.to_screen(noisy), IMAGES, atol=0.05)
    # a model that outputs its target exactly (the clean image, the noise, or v, checked in test_ddpm) recovers the
    # images on screen
    if isinstance(process, BlendProcess):
        perfect = IMAGES if process.predicts == "x" else process.output_for(noisy, IMAGES, condition)
    else:
        perfect = noise if process.prediction_type == "epsilon" else process.output_for(
            noisy, process.from_screen(IMAGES), condition)
    assert torch.allclose(process.to_screen(process.clean_estimate(noisy, perfect, condition)), IMAGES, atol=1e-3)
    schedule = process.schedule()
    assert schedule.signal.shape == schedule.noise.shape == (1000,)
    assert schedule.signal[0] == pytest.approx(1, abs=1e-3) and schedule.signal[-1] < 0.01
    at_zero = schedule.noised(IMAGES.numpy(), np.zeros(4, int), np.random.default_rng(0))
    assert np.abs(at_zero - IMAGES.numpy()).mean() < 0.01  # t = 0: the digits (DDPM keeps √(1-ᾱ_0) = 1 % noise)
    assert "t = 500" in schedule.describe(500)


def test_ddpm_processes_use_diffusers_schedule_and_the_blends_a_straight_line():
    for process in PROCESSES.values():
        schedule = process.schedule()
        if isinstance(process, DDPMProcess):
            assert np.allclose(schedule.alpha_bar, ddpm.alpha_bars(process.beta_schedule).double().numpy())
            assert np.allclose(schedule.signal ** 2 + schedule.noise ** 2, 1) and "ᾱ" in schedule.describe(10)
            assert process.schedule_is_slow and process.target_name == PREDICTION_TYPES[process.prediction_type]
        else:
            assert schedule.alpha_bar is None and np.allclose(schedule.signal + schedule.noise, 1)
            assert not process.schedule_is_slow and process.target_name == BLEND_TARGETS[process.predicts]


def test_recipes_hold_process_objects_from_the_registry():
    every = (*RECIPES.values(), *RETIRED_RECIPES.values())
    assert {recipe.process.key for recipe in every} == set(PROCESSES)
    assert all(PROCESSES[recipe.process.key] is recipe.process for recipe in every)
    assert RECIPES["ddpm-cosine"].process.beta_schedule == "squaredcos_cap_v2"


def test_unknown_processes_and_settings_are_refused():
    with pytest.raises(ConfigError, match="unknown noising process"):
        get_process("magic")
    with pytest.raises(ConfigError, match="blend takes"):
        BlendProcess(key="x", title="x", noise_kind="pink")
    with pytest.raises(ConfigError, match="beta schedule"):
        DDPMProcess(key="x", title="x", beta_schedule="quadratic")
