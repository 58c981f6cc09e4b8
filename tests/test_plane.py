"""Digits in the plane (core.toy.plane): the training digits' first two principal directions, standardised like
the 2-D lab's data sets, repeatable by seed, and able to project a whole sampling run's frames."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from diffviz.core.errors import ConfigError, DataError
from diffviz.core.toy.plane import fit_plane

KEPT = 500


@pytest.fixture(scope="module")
def training(request):
    return request.getfixturevalue("bundled_data").images[:KEPT]


def test_the_projected_training_digits_are_standardised(training):
    points = fit_plane(training, subsample=300).project(training)
    assert points.shape == (KEPT, 2) and points.dtype == np.float32
    assert np.allclose(points.mean(0), 0, atol=1e-5)
    assert np.isclose(np.sqrt((points.astype(np.float64) ** 2).mean()), 1, atol=1e-5)


def test_the_plane_is_repeatable_by_seed_and_its_first_direction_spreads_the_digits_most(training):
    plane = fit_plane(training, seed=3, subsample=300)
    again = fit_plane(torch.as_tensor(training.numpy().copy()), seed=3, subsample=300)
    assert np.array_equal(plane.project(training), again.project(training))
    assert plane.explained[0] >= plane.explained[1] > 0
    points = plane.project(training)
    assert points[:, 0].var() > points[:, 1].var()
    other = fit_plane(training, seed=4, subsample=300).project(training)  # another subsample: nearly the same plane
    assert np.corrcoef(points[:, 0], other[:, 0])[0, 1] > 0.95


def test_a_runs_frames_project_to_particles_and_its_copies_land_on_training_digits(training):
    from diffviz.core.models.perfect import PerfectDenoiser
    from diffviz.core.recipes import RECIPES
    from diffviz.core.sampling import sample

    plane = fit_plane(training, subsample=300)
    run = sample(PerfectDenoiser(training, RECIPES["flow"].process), n=6, steps=8, recipe=RECIPES["flow"])
    particles = plane.project(run.xs)
    assert run.xs.shape == (9, 6, 1, 28, 28) and particles.shape == (9, 6, 2)
    data = plane.project(training)
    nearest = np.sqrt(((particles[-1][:, None] - data[None]) ** 2).sum(-1)).min(1)
    assert nearest.max() < 1e-3
    assert plane.project(torch.from_numpy(run.xs[0])).shape == (6, 2)


def test_what_cannot_be_projected_is_refused(training):
    plane = fit_plane(training, subsample=300)
    with pytest.raises(ConfigError, match="fitted on images of"):
        plane.project(np.zeros((4, 1, 14, 14)))
    with pytest.raises(DataError, match="at least 3"):
        fit_plane(training[:2])
    with pytest.raises(DataError, match="fewer than two directions"):
        fit_plane(torch.zeros(10, 1, 28, 28))
