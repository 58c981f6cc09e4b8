"""The perfect denoiser of a set of digits as a model (core.models.perfect): it speaks as each recipe's network,
walks every sample onto a training digit through the usual sampling path, and is computed in blocks that give
the unchunked answer; the nearest-training-digit search that measures it."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from diffviz.core.data import DigitData
from diffviz.core.errors import ConfigError
from diffviz.core.models.perfect import PerfectDenoiser, nearest_training, perfect_denoiser
from diffviz.core.processes import COURSE_BLEND, DDPM_LINEAR, FLOW_BLEND, BlendProcess
from diffviz.core.recipes import RECIPES
from diffviz.core.sampling import sample
from diffviz.core.toy import ideal
from diffviz.core.trajectory import Trajectory

KEPT = 200  # training digits: enough to be many different digits, few enough for a fast test


@pytest.fixture(scope="module")
def digits(request):
    """200 training digits of every class (the bundled ones are sorted by class: every 50th), then 64 others."""
    data = request.getfixturevalue("bundled_data")
    picked = torch.cat([torch.arange(0, len(data), 50), torch.arange(25, len(data), 50)[::3][:64]])
    return DigitData(data.images[picked].clone(), data.labels[picked].clone(), "test digits")


def _first(data: DigitData, count: int) -> DigitData:
    return DigitData(data.images[:count], data.labels[:count], data.name)


@pytest.fixture(scope="module")
def training(digits):
    return digits.images[:KEPT]


def test_it_has_no_parameters_and_describes_itself_as_the_other_models_do(digits):
    model = perfect_denoiser("flow", _first(digits, KEPT))
    assert isinstance(model, PerfectDenoiser) and model.size == KEPT
    assert model.takes_amount and model.image_shape == (1, 28, 28)
    assert not list(model.parameters()) and model.state_dict() == {}  # the digits are a buffer, never saved
    assert "perfect denoiser" in model.facts().layout_html and f"{KEPT:,}" in model.facts().layout_html


def test_its_samples_through_the_usual_sampling_path_are_copies_of_training_digits_unlike_new_real_ones(digits,
                                                                                                      training):
    model = perfect_denoiser("flow", _first(digits, KEPT))
    run = sample(model, n=8, steps=20, recipe=RECIPES["flow"])
    assert isinstance(run, Trajectory) and run.xs.shape == (21, 8, 1, 28, 28)
    _, copies = nearest_training(run.xs[-1], training)
    _, new = nearest_training(digits.images[KEPT:], training)
    assert copies.max() < 1e-3  # each sample is one of the training digits
    assert new.min() > 0.05      # no real digit outside the set is one


def test_a_ddpm_recipe_samples_copies_too(digits, training):
    model = perfect_denoiser("ddpm", _first(digits, KEPT))
    run = sample(model, n=4, steps=10, recipe=RECIPES["ddpm"], sampler="ddim")
    assert nearest_training(run.xs[-1], training)[1].max() < 0.01


def test_a_class_recipes_samples_are_copies_of_training_digits_of_the_class_asked_for(digits, training):
    model = perfect_denoiser("flow-class", _first(digits, KEPT))
    assert model.classes == 10
    run = sample(model, n=10, steps=10, recipe=RECIPES["flow-class"])
    found, distance = nearest_training(run.xs[-1], training)
    assert distance.max() < 1e-3
    assert digits.labels[found].tolist() == list(range(10))


@pytest.mark.parametrize("process", [FLOW_BLEND, BlendProcess(key="v", title="v", noise_kind="gaussian",
                                                              predicts="velocity"),
                                     BlendProcess(key="eps", title="eps", noise_kind="gaussian", predicts="noise"),
                                     COURSE_BLEND, DDPM_LINEAR], ids=lambda process: process.key)
def test_told_a_training_digit_with_tiny_noise_its_clean_estimate_is_that_digit(training, process):
    model = PerfectDenoiser(training, process)
    picked = training[[3, 17]]
    noise = process.draw_noise(tuple(picked.shape), torch.Generator().manual_seed(0))
    if isinstance(process, BlendProcess):
        condition = torch.full((2,), 0.01)
        x = process.noisy_at(picked, condition, noise)[0]
    else:
        x, condition = process.noisy_at(picked, torch.full((2,), 0.005), noise)
    clean = process.to_screen(process.clean_estimate(x, model(x, condition), condition))
    torch.testing.assert_close(clean, picked, atol=2e-4, rtol=0)


def _brute_force_mean(points: torch.Tensor, x: torch.Tensor, signal: torch.Tensor, variance: torch.Tensor):
    """The posterior mean from an (N, M, D) tensor of differences: fine for a handful, the reference."""
    flat_points, flat_x = points.reshape(len(points), -1).double(), x.reshape(len(x), -1).double()
    differences = flat_x[:, None] - signal.double()[:, None, None] * flat_points[None]
    logits = -(differences ** 2).sum(-1) / (2 * variance.double()[:, None])
    return (torch.softmax(logits, 1) @ flat_points).reshape(x.shape).float()


@pytest.mark.parametrize("amount", [0.3, 0.8, 0.98])
def test_blocks_of_data_give_the_unchunked_answer_and_the_direct_formula(training, amount):
    noise = torch.randn(6, 1, 28, 28, generator=torch.Generator().manual_seed(1))
    t = torch.full((6,), amount)
    x = FLOW_BLEND.noisy_at(training[:6], t, noise)[0]
    whole = ideal.blend_mean(training, x, t, gaussian=True, chunk=KEPT)
    torch.testing.assert_close(ideal.blend_mean(training, x, t, gaussian=True, chunk=7), whole, atol=1e-5, rtol=0)
    torch.testing.assert_close(whole, _brute_force_mean(training, x, 1 - t, t ** 2), atol=1e-4, rtol=0)


def test_blocks_give_the_unchunked_answer_for_ddpm_the_course_noise_and_labels(digits, training):
    generator = torch.Generator().manual_seed(2)
    labels = torch.tensor([0, 3, -1, 7])
    for process, condition in ((DDPM_LINEAR, torch.tensor([300, 600, 900, 999])),
                               (COURSE_BLEND, torch.tensor([0.2, 0.5, 0.9, 0.99])),
                               (FLOW_BLEND, torch.tensor([0.2, 0.5, 0.9, 0.99]))):
        noise = process.draw_noise((4, 1, 28, 28), generator)
        x = process.noisy_at(digits.images[KEPT:KEPT + 4], condition.float() / (999 if condition.dtype ==
                                                                                torch.long else 1), noise)[0]
        chunked = PerfectDenoiser(training, process, digits.labels[:KEPT], classes=10, chunk=13)
        whole = PerfectDenoiser(training, process, digits.labels[:KEPT], classes=10, chunk=KEPT)
        torch.testing.assert_close(chunked(x, condition, labels), whole(x, condition, labels), atol=1e-4, rtol=0)


def test_the_nearest_search_finds_copies_exactly_and_agrees_with_a_direct_search(digits, training):
    queries = torch.cat([training[[5, 120, 199]], digits.images[KEPT:KEPT + 5]])
    found, distance = nearest_training(queries, training, chunk=9)
    assert found[:3].tolist() == [5, 120, 199] and distance[:3].tolist() == [0.0, 0.0, 0.0]
    direct = ((queries[:, None] - training[None]) ** 2).flatten(2).mean(-1).sqrt()
    assert torch.equal(found, direct.argmin(1))
    torch.testing.assert_close(distance, direct.min(1).values)
    numpy_found, _ = nearest_training(queries.numpy(), training.numpy())  # a Trajectory's frames are numpy
    assert torch.equal(numpy_found, found)


def test_what_it_cannot_do_is_refused_in_one_line(digits, training):
    with pytest.raises(ConfigError, match="not told the noise level"):
        perfect_denoiser("course", _first(digits, KEPT))
    model = PerfectDenoiser(training, FLOW_BLEND)
    with pytest.raises(ConfigError, match="needs the noise level"):
        model(training[:2])
    with pytest.raises(ConfigError, match="knows 1x28x28 images"):
        model(torch.zeros(2, 3, 28, 28), torch.full((2,), 0.5))
    with pytest.raises(ConfigError, match="cannot be compared"):
        nearest_training(np.zeros((2, 1, 14, 14), np.float32), training)
