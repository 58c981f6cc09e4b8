"""The 2-D lab's engine (core.toy): point data sets, one's own CSV of points, the energy distance, and the perfect
denoiser of a finite set walked by the same samplers as the image models."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from diffviz.core.errors import ConfigError, DataError
from diffviz.core.processes import COURSE_BLEND, FLOW_BLEND, DDPMProcess
from diffviz.core.samplers import Denoiser, get_sampler
from diffviz.core.toy import datasets, ideal, metrics


@pytest.mark.parametrize("name", list(datasets.DATASETS))
def test_each_data_set_draws_standardised_repeatable_points_of_its_own_shape(name):
    points = datasets.make(name, 1000, seed=3)
    assert points.shape == (1000, 2) and points.dtype == np.float32 and np.isfinite(points).all()
    assert np.allclose(points.mean(0), 0, atol=1e-5) and np.isclose(np.sqrt((points ** 2).mean()), 1, atol=1e-4)
    assert np.array_equal(points, datasets.make(name, 1000, seed=3))
    others = [datasets.make(other, 1000, seed=3) for other in datasets.DATASETS if other != name]
    fresh = datasets.make(name, 1000, seed=4)
    assert all(metrics.energy_distance(fresh, points) < metrics.energy_distance(other, points) for other in others)


def test_bad_requests_for_data_are_refused():
    with pytest.raises(ConfigError, match="unknown 2-D data set 'spiral'"):
        datasets.make("spiral", 100)
    with pytest.raises(ConfigError, match="between 2 and"):
        datasets.make("moons", 0)


def test_a_csv_of_points_reads_with_or_without_a_header_and_with_classes(tmp_path):
    plain = tmp_path / "p.csv"
    plain.write_text("1,2\n3,4.5\n-1,0\n")
    points, classes = datasets.read_points_csv(plain)
    assert points.shape == (3, 2) and classes is None and np.allclose(points.mean(0), 0, atol=1e-6)
    labelled = tmp_path / "l.csv"
    labelled.write_text("x,y,kind\n0,0,cat\n1,1,dog\n2,0,cat\n")
    points, classes = datasets.read_points_csv(labelled)
    assert points.shape == (3, 2) and classes.tolist() == [0, 1, 0]


@pytest.mark.parametrize("content, words", [
    ("", "holds no points"),
    ("x,y\n", "holds no points"),
    ("1,2\n3,nan\n", "NaN or infinite"),
    ("1,2\n3,inf\n", "NaN or infinite"),
    ("1,2\nthree,4\n", "row 2 holds"),
    ("1\n2\n", "1 column"),
    ("1,2\n3,4,5\n", "row 2 has 3 columns"),
    ("1,2\n1,2\n", "two different points"),
    (b"\xff\xfe\x00garbage", "not text"),
    ("".join(f"{i},{i},{i}\n" for i in range(11)), "11 classes"),
])
def test_a_bad_csv_is_refused_in_one_line_naming_the_file(tmp_path, content, words):
    path = tmp_path / "mine.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(DataError, match=words) as refused:
        datasets.read_points_csv(path)
    assert str(path) in str(refused.value) and "\n" not in str(refused.value)


def test_a_csv_over_the_row_or_byte_limits_is_refused_without_reading_it_all(tmp_path, monkeypatch):
    monkeypatch.setattr(datasets, "MAX_POINTS", 10)
    path = tmp_path / "many.csv"
    path.write_text("".join(f"{i},{i * 2}\n" for i in range(11)))
    with pytest.raises(DataError, match="holds 11 points; diffviz reads at most 10"):
        datasets.read_points_csv(path)
    monkeypatch.setattr(datasets, "MAX_CSV_BYTES", 20)
    with pytest.raises(DataError, match="is over 20 bytes"):
        datasets.read_points_csv(path)


def test_any_first_points_of_a_data_set_are_a_fair_sample_of_all_of_it():
    points = datasets.make("moons", 4000, seed=0)
    assert metrics.energy_distance(points[:500], points[2000:]) < 0.02  # not one moon first and the other after


def test_the_energy_distance_is_near_zero_for_the_same_data_and_grows_with_a_shift():
    a, b = datasets.make("8gaussians", 1500, seed=1), datasets.make("8gaussians", 1500, seed=2)
    assert abs(metrics.energy_distance(a, b)) < 0.01
    assert metrics.energy_distance(a + 0.5, b) > 0.1
    assert metrics.share_of_gaussian(metrics.gaussian_like(b, 1500, seed=9), b, a) == pytest.approx(1.0, abs=0.15)


def _walk(points, process, sampler: str, steps: int, n: int = 400) -> np.ndarray:
    denoiser = Denoiser(ideal.predictor(points, process), process)
    x = process.draw_noise((n, 2), torch.Generator().manual_seed(0))
    for step in get_sampler(sampler).run(denoiser, x, steps, generator=torch.Generator().manual_seed(1),
                                         inspect_result=False):
        pass
    return step.x.numpy()


def _nearest(samples: np.ndarray, points: np.ndarray) -> np.ndarray:
    return np.sqrt(((samples[:, None] - points[None]) ** 2).sum(-1)).min(1)


def test_the_perfect_denoiser_walks_every_sample_onto_a_training_point():
    """It memorises: 200 course (Euler) steps of the flow blend end within 1 % of the data's spread (1, the data is
    standardised) of a training point for nearly every sample."""
    points = datasets.make("moons", 300, seed=1)
    samples = _walk(points, FLOW_BLEND, "course", 200)
    assert (_nearest(samples, points) < 0.01).mean() >= 0.95
    assert len(np.unique(samples.round(2), axis=0)) <= len(points)  # nothing new: copies of the training points


CENTRED_DDPM = DDPMProcess(key="test-ddpm", title="DDPM on points", centred=True)  # points own their range


@pytest.mark.parametrize("process, sampler", [(COURSE_BLEND, "course"), (CENTRED_DDPM, "ddim"), (CENTRED_DDPM, "ddpm")])
def test_with_every_process_its_samples_sit_closer_to_the_training_points_than_new_data_does(process, sampler):
    points = datasets.make("moons", 300, seed=1)
    samples = _walk(points, process, sampler, 100)
    new_data = datasets.make("moons", 400, seed=7)
    assert np.median(_nearest(samples, points)) < 0.5 * np.median(_nearest(new_data, points))


def test_the_perfect_denoiser_of_a_single_point_predicts_it_exactly():
    point = torch.tensor([[0.3, -0.7]])
    x = torch.randn(5, 2)
    for process in (FLOW_BLEND, COURSE_BLEND):
        predict = ideal.predictor(point, process)
        torch.testing.assert_close(predict(x.clamp(0, 1) if process is COURSE_BLEND else x, torch.full((5,), 0.5)),
                                   point.expand(5, 2))
    eps = ideal.predictor(point, CENTRED_DDPM)(x, torch.full((5,), 500))
    a = CENTRED_DDPM.alpha_bars()[500]
    torch.testing.assert_close(x - (1 - a).sqrt() * eps, a.sqrt() * point.expand(5, 2), atol=1e-5, rtol=1e-5)


def test_the_2d_recipes_live_apart_from_the_image_recipes():
    from diffviz.core.names import RECIPE_NAMES
    from diffviz.core.recipes import RECIPES
    from diffviz.core.toy.recipes import TOY_RECIPES, get_toy_recipe

    assert not set(TOY_RECIPES) & set(RECIPES) and not set(TOY_RECIPES) & set(RECIPE_NAMES)
    assert all(recipe.architecture == "ToyMLP" for recipe in TOY_RECIPES.values())
    assert not any(recipe.architecture == "ToyMLP" for recipe in RECIPES.values())
    with pytest.raises(ConfigError, match="unknown 2-D recipe 'flow'"):
        get_toy_recipe("flow")


@pytest.mark.parametrize("predicts", ["velocity", "x", "noise"])
def test_every_blend_target_is_read_back_as_the_clean_point(predicts):
    from diffviz.core.processes import BlendProcess

    process = BlendProcess(key="t", title="t", noise_kind="gaussian", predicts=predicts)
    x = torch.randn(6, 2)
    batch = process.training_batch(x, torch.Generator().manual_seed(0))
    torch.testing.assert_close(process.clean_estimate(batch.noisy, batch.target, batch.condition), x,
                               atol=1e-4, rtol=1e-4)


def test_a_short_run_on_moons_learns_a_field_whose_samples_beat_a_fitted_gaussian():
    """300 steps of the lab's default recipe (velocity prediction), then 100 course steps from noise: the samples'
    energy distance to fresh moons is well under a fitted Gaussian's (the 20-s figure is in the notes)."""
    from diffviz.core.toy.recipes import TOY_RECIPES, sample_points, train_points

    data = datasets.make("moons", 4000, seed=0)
    model, losses = train_points(data, TOY_RECIPES["flow-v"], steps=300, seed=0)
    assert len(losses) == 300 and np.mean(losses[-30:]) < np.mean(losses[:30])
    samples = sample_points(model, TOY_RECIPES["flow-v"], 800, 100, seed=1)
    assert samples.shape == (800, 2) and np.isfinite(samples).all()
    assert metrics.share_of_gaussian(samples, data, datasets.make("moons", 800, seed=9)) < 0.5


def test_the_word_data_set_is_the_word_upright_made_without_a_download():
    """Points on the letters of ``datasets.WORD`` drawn in Pillow's bundled font: wider than tall as a word is, and
    upright (the ink's rows run down the image, y runs up): the tops of D, I, F, F are one straight line of ink,
    so more points sit just under the top edge than just above the bottom one (the F's have no foot)."""
    points = datasets.make("word", 4000, seed=0)
    width, height = np.ptp(points, axis=0)
    assert width > 2.5 * height
    top, bottom = points[:, 1].max(), points[:, 1].min()
    band = 0.1 * height
    assert (points[:, 1] > top - band).sum() > 1.5 * (points[:, 1] < bottom + band).sum()


def test_points_from_strokes_fall_along_the_lines_drawn_and_around_each_click():
    line = np.array([[-2.0, -2.0], [2.0, 2.0], [2.0, -2.0]])  # two segments, 4·√2 + 4 long
    click = np.array([[-1.5, 1.5]])
    points = datasets.points_from_strokes([line, click], 3000, spread=0.05, seed=1)
    assert points.shape == (3000, 2) and points.dtype == np.float32
    assert np.array_equal(points, datasets.points_from_strokes([line, click], 3000, spread=0.05, seed=1))
    near_click = np.sqrt(((points - click) ** 2).sum(1)) < 0.25
    on_line = np.minimum(np.abs(points[:, 0] - points[:, 1]) / np.sqrt(2), np.abs(points[:, 0] - 2)) < 0.25
    assert (near_click | on_line).all() and near_click.sum() > 10          # every point drawn, the blob too
    assert 0.3 < (points[:, 0] > 1.9).mean() / 0.41 < 1.7                  # evenly by length: 4 of 9.66 on the right
    flat = datasets.points_from_strokes([np.array([[1.0, 1.0], [2.0, 1.0]])], 50, spread=0.0)
    assert (flat[:, 1] == 1).all() and (flat[:, 0] >= 1).all() and (flat[:, 0] <= 2).all()  # not standardised


@pytest.mark.parametrize("strokes, words", [
    ([], "the drawing has no points"),
    ([np.zeros((0, 2)), []], "the drawing has no points"),
    ([np.zeros((3, 3))], "stroke 1 of the drawing has shape"),
    ([np.array([[0.0, 0.0]]), np.array([[0.0, np.nan]])], "stroke 2 of the drawing holds NaN"),
    ([[["a", "b"]]], "stroke 1 of the drawing is not"),
])
def test_an_empty_or_broken_drawing_is_refused_in_one_line(strokes, words):
    with pytest.raises(DataError, match=words) as refused:
        datasets.points_from_strokes(strokes, 100)
    assert "\n" not in str(refused.value)
    with pytest.raises(DataError, match="single point and the spread is 0"):
        datasets.points_from_strokes([np.array([[1.0, 1.0]]), np.array([[1.0, 1.0]])], 100, spread=0.0)
    with pytest.raises(ConfigError, match="spread"):
        datasets.points_from_strokes([np.zeros((2, 2))], 100, spread=-1.0)


def test_the_cli_lists_the_2d_recipes_and_data_sets_without_importing_them():
    from diffviz.core import names
    from diffviz.core.toy.recipes import DEFAULT_TOY_RECIPE, TOY_RECIPES

    assert names.TOY_RECIPE_NAMES == tuple(TOY_RECIPES) and names.DEFAULT_TOY_RECIPE == DEFAULT_TOY_RECIPE
    assert names.TOY_DATASET_NAMES == tuple(datasets.DATASETS)
