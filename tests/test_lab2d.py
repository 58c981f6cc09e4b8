"""What the 2-D view shows (core.toy.lab): two samplers from the same noise, the field on a grid, the forward
process, and the processes working on points that own their range."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from diffviz.core.errors import ConfigError
from diffviz.core.models.toy_mlp import ToyMLP
from diffviz.core.toy import ideal
from diffviz.core.toy.datasets import make
from diffviz.core.toy.lab import ARROWS, chunked, check_lab_request, grid_points, lab_run
from diffviz.core.toy.recipes import TOY_RECIPES, train_points


def _nearest(points: np.ndarray, data: np.ndarray) -> np.ndarray:
    return np.sqrt(((points[:, None] - data[None]) ** 2).sum(-1)).min(1)


def _perfect_run(recipe: str, samplers: tuple[str, str], n: int = 300, steps: int = 30, data_n: int = 400):
    data = make("moons", data_n, seed=2)
    process = TOY_RECIPES[recipe].process
    predict = chunked(ideal.predictor(torch.from_numpy(data), process), len(data))
    return data, lab_run(data, None, predict, process, samplers, n, steps, seed=4, grid=12, recipe=recipe,
                         model="perfect")


@pytest.fixture(scope="module")
def trained_moons():
    """A flow-v MLP trained for 300 steps on moons (about two seconds)."""
    data = make("moons", 2000, seed=0)
    model, losses = train_points(data, TOY_RECIPES["flow-v"], steps=300, seed=0)
    return data, model, losses


def test_both_samplers_start_from_the_same_noise_and_every_array_has_its_frames():
    data, run = _perfect_run("ddpm-eps", ("ddpm", "ddim"))
    left, right = run.walks
    assert (left.sampler, right.sampler) == ("ddpm", "ddim")
    assert np.array_equal(left.xs[0], right.xs[0])          # the same starting noise
    assert not np.allclose(left.xs[-1], right.xs[-1])       # walked differently
    assert left.xs.shape == (31, 300, 2) and run.forward.shape == (31, len(data), 2)
    assert all(field.clean.shape == (31, 144, 2) == field.noise.shape for field in run.fields)
    assert run.n_frames == 31 and run.model == "perfect"


@pytest.mark.parametrize("recipe, pair", [("ddpm-eps", ("ddpm", "ddim")), ("flow-v", ("ancestral", "course"))])
def test_stochastic_paths_wiggle_where_deterministic_ones_are_smooth_yet_both_land_on_the_data(recipe, pair):
    """DDPM's step (and its ancestral twin on the flow's line) adds fresh noise every step: its paths turn more
    from step to step than DDIM's (or the Euler step's) from the same noise."""
    from diffviz.core.samplers import get_sampler

    assert [get_sampler(name).stochastic for name in pair] == [True, False]
    data, run = _perfect_run(recipe, pair, steps=40)
    turning = [np.abs(np.diff(walk.xs[5:-1], n=2, axis=0)).mean() for walk in run.walks]
    assert turning[0] > 2 * turning[1]
    for walk in run.walks:
        assert np.median(_nearest(walk.xs[-1], data)) < 0.05


def test_the_forward_process_runs_from_the_noise_to_the_data():
    data, run = _perfect_run("flow-v", ("course", "heun"))
    assert np.allclose(run.forward[-1], data, atol=1e-6)  # level 0: the data itself
    start = run.forward[0]                                 # level 1: pure Gaussian noise, unrelated to the data
    assert abs(float(start.std()) - 1.0) < 0.15 and abs(np.corrcoef(start[:, 0], data[:, 0])[0, 1]) < 0.15


def test_the_arrows_point_toward_the_data(trained_moons):
    """Moving a grid point near the data along its "clean" arrow brings it closer to the data: for the perfect
    denoiser down to the last step; for a briefly trained MLP at half noise (at the last steps it has only ever
    seen points right on the data, so its arrows far from the data mean little: the view's caption says so)."""
    data, model, _ = trained_moons
    recipe = TOY_RECIPES["flow-v"]
    perfect = lab_run(data, None, chunked(ideal.predictor(torch.from_numpy(data), recipe.process), len(data)),
                      recipe.process, ("course", "heun"), 200, 20, grid=16)
    trained = lab_run(data, None, recipe.predictor(model), recipe.process, ("course", "heun"), 200, 20, grid=16)
    for run, frame, share in ((perfect, 18, 0.95), (trained, 10, 0.75)):
        field = run.fields[0]
        near = _nearest(field.grid, data) < 1.5
        before = _nearest(field.grid[near], data)
        after = _nearest((field.grid + field.arrows("clean", frame))[near], data)
        assert (after < before).mean() > share
        assert np.median(after) < 0.5 * np.median(before)


def test_every_arrow_reading_is_drawn_from_the_clean_estimate_and_the_noise():
    _, run = _perfect_run("flow-x", ("course", "heun"), n=50, steps=10)
    field = run.fields[0]
    frame = 4
    clean, noise = field.clean[frame], field.noise[frame]
    assert np.allclose(field.arrows("clean", frame), clean - field.grid)
    assert np.allclose(field.arrows("velocity", frame), clean - noise)
    assert np.allclose(field.arrows("noise", frame), noise)
    # the noise a clean estimate implies reproduces the noisy point: x = (1 - t) x0 + t eps
    t = run.walks[0].conditions[frame]
    assert np.allclose((1 - t) * clean + t * noise, field.grid, atol=1e-4)
    assert set(ARROWS) == {"clean", "velocity", "noise"}


def test_a_trained_mlp_draws_new_points_where_the_perfect_denoiser_copies_its_own(trained_moons):
    data, model, losses = trained_moons
    assert np.mean(losses[-30:]) < np.mean(losses[:30])
    recipe = TOY_RECIPES["flow-v"]
    subset = data[:200]
    perfect = lab_run(subset, None, ideal.predictor(torch.from_numpy(subset), recipe.process), recipe.process,
                      ("course", "heun"), 300, 100, grid=4, model="perfect")
    trained = lab_run(data, None, recipe.predictor(model), recipe.process, ("course", "heun"), 300, 100, grid=4)
    copies = (_nearest(perfect.walks[0].xs[-1], subset) < 0.01).mean()
    assert copies > 0.9                                                  # memorised
    assert (_nearest(trained.walks[0].xs[-1], subset) < 0.01).mean() < 0.3  # new points near the data
    assert np.median(_nearest(trained.walks[0].xs[-1], data)) < 0.2


def test_a_request_the_lab_cannot_draw_is_refused_in_one_line():
    process = TOY_RECIPES["flow-v"].process
    with pytest.raises(ConfigError, match="particles must number 1 to"):
        check_lab_request(0, 10, ("course",), process)
    with pytest.raises(ConfigError, match="steps must be 1 to"):
        check_lab_request(10, 0, ("course",), process)
    with pytest.raises(ConfigError, match="ddim sampler cannot walk"):
        check_lab_request(10, 10, ("ddim",), process)


def test_the_perfect_denoiser_in_pieces_says_what_it_says_whole():
    data = make("8gaussians", 300, seed=1)
    process = TOY_RECIPES["flow-eps"].process
    whole = ideal.predictor(torch.from_numpy(data), process)
    x, t = torch.randn(50, 2), torch.rand(50)
    assert torch.allclose(chunked(whole, len(data), budget=3000)(x, t), whole(x, t), atol=1e-5)


def test_points_keep_their_own_range_under_ddpm():
    """DDPM maps images from [0, 1] to [-1, 1] and clips its estimates there; standardised points are taken as
    they are and clipped only far outside the data."""
    process = TOY_RECIPES["ddpm-eps"].process
    points = torch.from_numpy(make("moons", 10, seed=0))
    assert torch.equal(process.from_screen(points), points) and torch.equal(process.to_screen(points), points)
    assert process.scheduler_config()["clip_sample_range"] >= 3
    noisy, told = process.noisy_at(points, torch.zeros(10), torch.randn(10, 2))
    assert torch.allclose(noisy, points, atol=0.05) and told.dtype == torch.long


def test_the_mlp_reads_ddpm_timesteps_on_the_blends_scale():
    model = ToyMLP()
    x = torch.randn(4, 2)
    assert torch.allclose(model(x, torch.full((4,), 500)), model(x, torch.full((4,), 0.5)))


def test_the_grid_covers_the_window_row_by_row():
    grid = grid_points(5)
    assert grid.shape == (25, 2) and grid.min() == -3 and grid.max() == 3
    assert np.array_equal(grid[:5, 1], np.full(5, -3.0, np.float32)) and np.all(np.diff(grid[:5, 0]) > 0)
