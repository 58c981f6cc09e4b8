"""The quality meter: real digits score high, noise and blank pages low, the same numbers every time."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from diffviz.cli import main
from diffviz.core.errors import CheckpointError
from diffviz.core.quality import QualityMeter, frechet_distance


@pytest.fixture(scope="module")
def meter():
    return QualityMeter.load()


@pytest.fixture(scope="module")
def real_digits(bundled_data):
    pick = torch.randperm(len(bundled_data), generator=torch.Generator().manual_seed(5))[:400]
    return bundled_data.images[pick].numpy()


def test_real_digits_score_high(meter, real_digits):
    report = meter.measure(real_digits)
    assert report.n == 400
    assert report.recognised > 0.85
    assert report.coverage > 0.97
    assert report.frechet < 20
    assert sum(report.histogram) == 400 and min(report.histogram) > 10


@pytest.mark.parametrize("kind", ["noise", "blank", "grey"])
def test_noise_and_blank_pages_score_low(meter, real_digits, kind):
    rng = np.random.default_rng(0)
    images = {"noise": rng.random((400, 1, 28, 28), dtype=np.float32),
              "blank": np.zeros((400, 1, 28, 28), np.float32),
              "grey": np.full((400, 1, 28, 28), 0.4, np.float32)}[kind]
    report = meter.measure(images)
    real = meter.measure(real_digits)
    assert report.recognised < 0.1
    assert report.coverage < 0.5
    assert report.frechet > 20 * real.frechet


def test_one_class_only_has_low_coverage(meter, bundled_data):
    ones = bundled_data.images[bundled_data.labels == 1][:300].numpy()
    report = meter.measure(ones)
    assert report.recognised > 0.85
    assert report.coverage < 0.2
    assert report.histogram[1] > 280


def test_numbers_are_deterministic(meter, real_digits):
    assert meter.measure(real_digits) == meter.measure(real_digits.copy())


def test_frechet_distance_matches_its_closed_form_for_diagonal_covariances():
    rng = np.random.default_rng(1)
    mu1, mu2 = rng.normal(size=4), rng.normal(size=4)
    v1, v2 = rng.uniform(0.5, 2, 4), rng.uniform(0.5, 2, 4)
    expected = np.sum((mu1 - mu2) ** 2) + np.sum(v1 + v2 - 2 * np.sqrt(v1 * v2))
    assert frechet_distance(mu1, np.diag(v1), mu2, np.diag(v2)) == pytest.approx(expected, rel=1e-9)
    assert frechet_distance(mu1, np.diag(v1), mu1, np.diag(v1)) == pytest.approx(0, abs=1e-9)


def test_a_damaged_classifier_file_is_refused(tmp_path):
    bad = tmp_path / "meter.safetensors"
    bad.write_bytes(b"\x00" * 100)
    with pytest.raises(CheckpointError):
        QualityMeter.load(bad)


def test_sample_metrics_prints_the_figures(tmp_path, capsys, small_checkpoint):
    out = tmp_path / "s.npy"
    assert main(["sample", "--checkpoint", str(small_checkpoint), "--n", "40", "--steps", "3",
                 "--out", str(out), "--metrics"]) == 0
    line = [l for l in capsys.readouterr().out.splitlines() if l.startswith("quality of 40 samples")]
    assert len(line) == 1
    images = np.load(out)
    assert line[0].endswith(QualityMeter.load().measure(images).line())


@pytest.fixture
def small_checkpoint(tmp_path):
    from diffviz.core.checkpoints import save_checkpoint
    from diffviz.core.models import BasicUNet

    torch.manual_seed(0)
    path = tmp_path / "tiny.safetensors"
    save_checkpoint(path, BasicUNet())
    return path


def test_quality_per_image_scores_each_budget_from_one_run(monkeypatch):
    """Image budgets are passed in images, whatever the machine's speed; a time budget still works beside them."""
    from diffviz.bench import quality as bench

    batches = []

    class Recording(bench.Trainer):
        def __init__(self, model, data, config, **kwargs):
            batches.append(config.batch_size)
            super().__init__(model, data, config, **kwargs)

    monkeypatch.setattr(bench, "Trainer", Recording)
    rows = bench.quality_per_image("flow", bench.parse_budgets("320,1k"), n=20, steps=3)
    assert batches == [64]  # the recipe's own batch, as `diffviz train` uses it
    assert [shot.budget.amount for shot, _ in rows] == [320, 1000]
    assert [shot.images for shot, _ in rows] == [320, 1024]  # the first step of 64 that reaches each budget
    assert 0 < rows[0][0].steps < rows[1][0].steps and rows[0][0].seconds < rows[1][0].seconds
    assert all(report.n == 20 for _, report in rows)


def test_a_recipe_whose_rate_falls_is_trained_once_per_budget(monkeypatch):
    """flow-class's rate falls over the last 30 % of its budget: a copy taken at 320 images of a 1k run would be
    measured before its fall, so each budget gets a run of its own, whose rate has fallen by that budget's end."""
    from diffviz.bench import quality as bench

    runs = []

    class Recording(bench.Trainer):
        def __init__(self, model, data, config, **kwargs):
            runs.append(config.epochs * len(data))
            super().__init__(model, data, config, **kwargs)

    monkeypatch.setattr(bench, "Trainer", Recording)
    rows = bench.quality_per_image("flow-class", bench.parse_budgets("1k,320"), n=20, steps=3)
    assert [round(images) for images in runs] == [320, 1000]
    assert [shot.images for shot, _ in rows] == [320, 992]  # each run's end: 1k images are 0.1 epochs, 31 steps of 32


def test_budgets_read_images_and_seconds_and_refuse_nonsense():
    from diffviz.bench.quality import Budget, parse_budgets
    from diffviz.core.errors import ConfigError

    assert parse_budgets("60k, 150000,300s") == [Budget(60_000), Budget(150_000), Budget(300, seconds=True)]
    for bad in ("", "ten", "-5k", "0", "60m"):
        with pytest.raises(ConfigError, match="budget"):
            parse_budgets(bad)


def test_the_earlier_default_recipe_stays_measurable_by_name():
    from diffviz.bench.quality import VARIANTS, recipe_named

    for name, changes in VARIANTS.items():
        recipe = recipe_named(name)
        assert recipe.name == name and recipe.architecture == recipe_named(changes["base"]).architecture