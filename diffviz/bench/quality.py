"""Time-to-quality: how good each recipe's samples are after a given number of training seconds.

One training run per recipe, with the recipe's own batch size and learning rate; copies of the weights it samples with are taken as the
run passes each budget (training seconds, pauses for copying excluded), then each copy
draws the same 500 samples (same seed, 40 steps) and the quality meter scores them.
"""

from __future__ import annotations

import copy

from diffviz.core.data import load_bundled
from diffviz.core.quality import QualityMeter
from diffviz.core.recipes import get_recipe
from diffviz.core.sampling import sample_final
from diffviz.core.training import TrainConfig, Trainer


def _snapshots(recipe_name: str, budgets: list[float], seed: int = 0) -> list[tuple[float, int, object]]:
    """[(seconds, steps trained, copy of the sampling weights)] as one training run passes each budget."""
    recipe = get_recipe(recipe_name)
    data = load_bundled()
    budgets = sorted(budgets)
    config = TrainConfig(epochs=None, seconds=budgets[-1], batch_size=recipe.batch_size, lr=recipe.lr, seed=seed)
    trainer = Trainer(recipe.make_model(), data, config, recipe=recipe)
    snapshots, pending = [], list(budgets)
    for report in trainer.steps():
        while pending and report.elapsed >= pending[0]:
            snapshots.append((pending.pop(0), report.step, copy.deepcopy(trainer.sampling_model)))
    for budget in pending:  # the run ended a hair short of its last budget
        snapshots.append((budget, trainer.total_steps, copy.deepcopy(trainer.sampling_model)))
    return snapshots


def time_to_quality(recipe_name: str, budgets: list[float], n: int = 500, steps: int = 40,
                    seed: int = 0, guidance: float | None = None) -> list[tuple[float, int, object]]:
    """[(seconds, steps trained, QualityReport)] for each budget, from one run of ``recipe_name``."""
    recipe = get_recipe(recipe_name)
    meter = QualityMeter.load()
    return [(budget, done, meter.measure(sample_final(model, n, steps, seed, recipe=recipe, guidance=guidance)))
            for budget, done, model in _snapshots(recipe_name, budgets, seed)]


def print_quality_bench(recipes: list[str], budgets: list[float]) -> None:
    """One training run per recipe; a class recipe's snapshots are also scored without guidance (scale 1, the
    labels alone), so the table separates what the labels buy from what guidance adds."""
    print("time to quality: 500 samples, 40 steps, seed 0, after each training budget (bundled digits)")
    print(f"  {'recipe':22s} {'seconds':>8s} {'steps':>6s} {'recognised':>10s} {'coverage':>8s} {'Fréchet':>8s}")
    meter = QualityMeter.load()
    for name in recipes:
        recipe = get_recipe(name)
        scales = [None, 1.0] if recipe.classes and recipe.guidance != 1.0 else [None]
        for budget, done, model in _snapshots(name, budgets):
            for scale in scales:
                images = sample_final(model, 500, 40, 0, recipe=recipe, guidance=scale)
                report = meter.measure(images)
                label = name if scale is None else f"{name} (guidance {scale:g})"
                print(f"  {label:22s} {budget:8.0f} {done:6d} {report.recognised:10.2f} {report.coverage:8.2f} "
                      f"{report.frechet:8.1f}", flush=True)


GUIDANCE_SCALES = (1.0, 1.5, 2.0, 2.5, 3.0)
GUIDANCE_INTERVALS = ((0.0, 1.0), (0.2, 0.8), (0.1, 0.7), (0.3, 0.9), (0.2, 0.6))


def print_guidance_bench(checkpoint: str | None = None, scales: tuple[float, ...] = GUIDANCE_SCALES,
                         intervals: tuple[tuple[float, float], ...] = GUIDANCE_INTERVALS, n: int = 500,
                         steps: int = 40, sampler: str | None = None) -> list[tuple[float, tuple, object]]:
    """Every guidance scale × interval on one class model (default: the bundled one), 500 samples each from
    the same noise: which pair keeps the digits recognisable with the data's variety (Fréchet)."""
    from diffviz.core.checkpoints import load_checkpoint
    from diffviz.core.paths import bundled_checkpoint_path

    model, info = load_checkpoint(checkpoint or bundled_checkpoint_path("flow-class"))
    recipe = get_recipe(info.recipe)
    if not recipe.classes:
        raise SystemExit(f"bench guidance needs a model told the class; {info.recipe} is not")
    meter = QualityMeter.load()
    print(f"guidance scale x interval: {n} samples, {steps} {sampler or recipe.sampler} steps, seed 0, "
          f"{info.summary()}")
    print(f"  {'scale':>5s} {'interval':>9s} {'recognised':>10s} {'coverage':>8s} {'Fréchet':>8s}")
    rows = []
    for scale in scales:
        for interval in (intervals if scale != 1.0 else intervals[:1]):  # scale 1 is the same everywhere
            images = sample_final(model, n, steps, 0, recipe=recipe, sampler=sampler, guidance=scale,
                                  guidance_interval=interval)
            report = meter.measure(images)
            rows.append((scale, interval, report))
            print(f"  {scale:5.1f} {interval[0]:4.1f}-{interval[1]:<4.1f} {report.recognised:10.2f} "
                  f"{report.coverage:8.2f} {report.frechet:8.1f}", flush=True)
    return rows
