"""The course's training loop as a Trainer: it learns, repeats by seed, cancels, reports, refuses nonsense."""

from __future__ import annotations

import math
import threading

import numpy as np
import pytest
import torch

from diffviz.core.data import DigitData
from diffviz.core.errors import ConfigError, TrainingDiverged
from diffviz.core.models import BasicUNet
from diffviz.core.training import StepReport, TrainConfig, Trainer
from diffviz.core.recipes import get_recipe

SMALL = 256
BATCH = 32
STEPS_PER_EPOCH = SMALL // BATCH  # 8
EPOCHS = 5                          # 40 steps: enough for the loss to fall clearly, a few seconds of CPU


def _small(bundled, n: int = SMALL) -> DigitData:
    """``n`` digits of every class (the bundled file is sorted by label, so take a stride)."""
    idx = torch.arange(0, len(bundled), len(bundled) // n)[:n]
    return DigitData(bundled.images[idx].clone(), bundled.labels[idx].clone(), "small")


def _model(seed: int) -> BasicUNet:
    torch.manual_seed(seed)  # the CLI seeds torch before building the model, so initial weights repeat
    return BasicUNet()


def _state(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def _same_state(a: dict[str, torch.Tensor], b: dict[str, torch.Tensor]) -> bool:
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


@pytest.fixture(scope="module")
def short_run(bundled_data):
    """One short training run shared by the tests that only read its reports."""
    trainer = Trainer(_model(0), _small(bundled_data), TrainConfig(epochs=EPOCHS, batch_size=BATCH, seed=0))
    reports = list(trainer.steps())
    return trainer, reports


def test_short_run_lowers_the_loss(short_run):
    _trainer, reports = short_run
    losses = [r.loss for r in reports]
    assert len(losses) == EPOCHS * STEPS_PER_EPOCH
    assert all(math.isfinite(x) for x in losses)
    first, last = np.mean(losses[:10]), np.mean(losses[-10:])
    assert last < 0.7 * first, (first, last)


def test_progress_and_epoch_losses(short_run):
    trainer, reports = short_run
    assert [r.step for r in reports] == list(range(1, len(reports) + 1))
    progress = [r.progress for r in reports]
    assert progress == sorted(progress)
    assert progress[-1] == 1.0
    assert 0 < progress[0] < 1
    assert reports[-1].eta == pytest.approx(0.0, abs=1e-9)
    assert len(trainer.epoch_losses) == EPOCHS
    ends = [r for r in reports if r.epoch_end]
    assert len(ends) == EPOCHS
    # each epoch's loss is the mean of that epoch's batch losses (as in the course)
    for e in range(EPOCHS):
        batch_losses = [r.loss for r in reports[e * STEPS_PER_EPOCH:(e + 1) * STEPS_PER_EPOCH]]
        assert trainer.epoch_losses[e] == pytest.approx(np.mean(batch_losses), rel=1e-9)
        assert ends[e].epoch_loss == trainer.epoch_losses[e]
        assert ends[e].epoch == pytest.approx(e + 1)
    assert trainer.total_steps == len(reports)
    assert trainer.images_seen == len(reports) * BATCH
    assert all(r.images_per_sec > 0 and r.elapsed > 0 for r in reports)


def test_step_report_per_image_values(short_run):
    _trainer, reports = short_run
    for report in reports[:5] + reports[-2:]:
        assert isinstance(report, StepReport)
        assert isinstance(report.amounts, np.ndarray) and isinstance(report.image_losses, np.ndarray)
        assert report.amounts.shape == (BATCH,)
        assert report.image_losses.shape == (BATCH,)
        assert ((report.amounts >= 0) & (report.amounts < 1)).all()
        assert (report.image_losses >= 0).all()
        assert float(report.image_losses.mean()) == pytest.approx(report.loss, rel=1e-5)
    # amounts differ from step to step (drawn afresh per batch)
    assert not np.array_equal(reports[0].amounts, reports[1].amounts)


def test_ragged_last_batch_reports_its_own_length(bundled_data):
    data = _small(bundled_data, 100)
    trainer = Trainer(_model(0), data, TrainConfig(epochs=1, batch_size=64, seed=0))
    reports = list(trainer.steps())
    assert [len(r.amounts) for r in reports] == [64, 36]
    assert [len(r.image_losses) for r in reports] == [64, 36]
    assert reports[-1].epoch_end and reports[-1].progress == 1.0
    assert trainer.images_seen == 100


def _first_losses(bundled, seed: int, steps: int = 3) -> list[float]:
    trainer = Trainer(_model(seed), _small(bundled, 256), TrainConfig(epochs=None, seconds=3600, batch_size=32,
                                                                    seed=seed))
    losses = []
    for report in trainer.steps():
        losses.append(report.loss)
        if len(losses) == steps:
            break
    return losses


def test_same_seed_same_losses_different_seed_different(bundled_data):
    a = _first_losses(bundled_data, 0)
    b = _first_losses(bundled_data, 0)
    c = _first_losses(bundled_data, 1)
    assert a == b
    assert a != c


def test_cancel_stops_iteration(bundled_data):
    cancel = threading.Event()
    trainer = Trainer(_model(0), _small(bundled_data, 256), TrainConfig(epochs=100, batch_size=32), cancel=cancel)
    seen = []

    def on_step(report: StepReport) -> None:
        seen.append(report.step)
        if report.step == 3:
            trainer.cancel.set()

    result = trainer.run(on_step)
    assert seen == [1, 2, 3]
    assert result.steps == 3 and result.images == 96
    assert result.stopped_early


def test_cancel_set_before_start_trains_nothing(bundled_data):
    trainer = Trainer(_model(0), _small(bundled_data, 256), TrainConfig(epochs=1, batch_size=32))
    before = _state(trainer.model)
    trainer.cancel.set()
    assert list(trainer.steps()) == []
    assert _same_state(before, _state(trainer.model))


@pytest.mark.parametrize("changes", [
    {"batch_size": 0},
    {"batch_size": SMALL + 1},
    {"lr": 0.0},
    {"lr": -1e-3},
    {"lr": float("nan")},
    {"lr": float("inf")},
    {"epochs": -1.0},
    {"epochs": 0.0},
    {"epochs": float("nan")},
    {"epochs": None, "seconds": None},
    {"seconds": -5.0, "epochs": None},
    {"seed": -1},
])
def test_config_validate_refuses(changes):
    config = TrainConfig(**{**dict(epochs=1.0, batch_size=BATCH, lr=1e-3, seed=0), **changes})
    with pytest.raises(ConfigError):
        config.validate(SMALL)


def test_config_validate_accepts_the_course_recipe_and_edges():
    TrainConfig().validate(10_000)
    TrainConfig(batch_size=SMALL).validate(SMALL)
    TrainConfig(batch_size=1, lr=1.0, epochs=0.01).validate(SMALL)
    TrainConfig(epochs=None, seconds=1.0).validate(SMALL)


def test_trainer_refuses_a_bad_config(bundled_data):
    with pytest.raises(ConfigError):
        Trainer(BasicUNet(), _small(bundled_data, 64), TrainConfig(batch_size=65))


def test_divergence_raises_and_keeps_the_weights_before_the_bad_step(bundled_data):
    data = _small(bundled_data, 256)
    trainer = Trainer(_model(0), data, TrainConfig(epochs=1, batch_size=32, seed=0))
    initial = _state(trainer.model)
    good_steps, last_good = 0, initial
    with pytest.raises(TrainingDiverged, match="learning rate"):
        for _report in trainer.steps():
            good_steps += 1
            last_good = _state(trainer.model)
            if good_steps == 4:  # a few good steps first, so "the weights before" are not the initial ones
                data.images[:, :, 14, 14] = float("nan")
    assert good_steps == 4
    assert not _same_state(initial, last_good)
    after = _state(trainer.model)
    assert all(torch.isfinite(v).all() for v in after.values())
    assert _same_state(after, last_good)


def test_blown_up_weights_fall_back_to_the_last_finite_snapshot(bundled_data):
    """When the weights themselves went non-finite, the model is restored to finite weights."""
    trainer = Trainer(_model(0), _small(bundled_data, 256), TrainConfig(epochs=1, batch_size=32, seed=0))
    steps = 0
    with pytest.raises(TrainingDiverged):
        for _report in trainer.steps():
            steps += 1
            if steps == 3:
                with torch.no_grad():
                    trainer.model.down_layers[0].weight.fill_(float("inf"))
    assert steps == 3
    assert all(torch.isfinite(v).all() for v in trainer.model.state_dict().values())


def test_a_falling_learning_rate_reaches_its_final_share_by_the_budgets_end(small_data):
    """Recipe.lr_final: a cosine from the full rate (after the warm-up) to lr_final of it at the last step."""
    import dataclasses

    recipe = dataclasses.replace(get_recipe("flow"), lr_final=0.1, warmup_steps=2)
    torch.manual_seed(0)
    trainer = Trainer(recipe.make_model(), small_data, TrainConfig(epochs=1, batch_size=32, lr=1e-3), recipe=recipe)
    rates = []
    for _ in trainer.steps():
        rates.append(trainer.optimizer.param_groups[0]["lr"])
    assert rates[0] == pytest.approx(0.5e-3, rel=0.02)  # the warm-up's first step
    assert max(rates) == pytest.approx(1e-3, rel=0.05) and rates[-1] == pytest.approx(1e-4, rel=0.05)
    assert all(a >= b for a, b in zip(rates[2:], rates[3:]))  # falling after the warm-up


def test_a_recipe_that_clips_gradients_clips_them(small_data, monkeypatch):
    import dataclasses

    norms = []
    original = torch.nn.utils.clip_grad_norm_

    def recording(parameters, max_norm, *args, **kwargs):
        total = original(parameters, max_norm, *args, **kwargs)
        norms.append((float(total), max_norm))
        return total

    monkeypatch.setattr(torch.nn.utils, "clip_grad_norm_", recording)
    recipe = dataclasses.replace(get_recipe("flow"), max_grad_norm=1e-3)
    trainer = Trainer(recipe.make_model(), small_data, TrainConfig(epochs=None, seconds=60, batch_size=32),
                      recipe=recipe)
    for report in trainer.steps():
        if report.step == 3:
            break
    assert len(norms) == 3 and all(max_norm == 1e-3 < total for total, max_norm in norms)  # long ones, cut to 1e-3
    grads = torch.cat([p.grad.flatten() for p in trainer.model.parameters() if p.grad is not None])
    assert float(grads.norm()) == pytest.approx(1e-3, rel=1e-3)
    norms.clear()
    plain = Trainer(get_recipe("flow").make_model(), small_data, TrainConfig(epochs=None, seconds=60, batch_size=32),
                    recipe=get_recipe("flow"))
    for report in plain.steps():
        break
    assert not norms  # the flow recipe never clips
