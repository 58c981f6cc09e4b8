"""Quality per training image: how good each recipe's samples are after a given number of training images.

Why images and not seconds: the machines diffviz runs on differ by more than two in speed (bf16 hardware or
not), so a recipe's quality after 300 s says as much about the processor as about the recipe. Budgets are
training images (``60k``) or, with an ``s``, training seconds (``300s``); every row reports both, and the
steps. One training run per recipe, at the precision ``auto`` keeps on this machine, with the recipe's own batch
size and learning rate; copies of the weights it samples with are taken as the run passes each budget, then
each copy draws the same 500 samples (same seed, 40 steps of the recipe's sampler, its guidance) and the
quality meter scores them. A recipe whose learning rate falls by the end of its budget is trained once per
budget instead, since a copy taken halfway would be measured before its fall. ``VARIANTS`` keeps the
alternatives measured against a recipe by name (``flow-class-x@w48``, the earlier default recipe with a wider
network), so a table puts them beside it.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from typing import NamedTuple

from diffviz.core.data import load_bundled
from diffviz.core.errors import ConfigError
from diffviz.core.quality import QualityMeter
from diffviz.core.recipes import Recipe, get_recipe
from diffviz.core.sampling import sample_final
from diffviz.core.training import TrainConfig, Trainer, choose_training_precision

# Recipes by name that new training does not offer: alternatives measured per training image (#23's table) against
# flow-class-x, the default recipe before #23 (flow told the class, predicting the clean image), and those the DDPM
# recipe was chosen among. ``base`` is the recipe changed, ``process`` the changes to its noising process, the rest
# changes to the recipe itself. Today's flow-class is what these measurements chose: velocity, the late fall, a
# shorter EMA warm-up and batches of 32.
VARIANTS: dict[str, dict] = {
    "flow-class-x@w48": dict(base="flow-class-x", width=48),  # half as wide again: 720,737 parameters
    "flow-class-x@falling": dict(base="flow-class-x", lr_final=0.1),  # the rate falls to a tenth by the budget's end
    "flow-class-x@late-fall": dict(base="flow-class-x", lr_final=0.1, lr_fall_from=0.7),  # flat, then the last 30%
    "flow-class-x@beta2": dict(base="flow-class-x", adam_beta2=0.99),  # Adam forgets old squared gradients sooner
    "flow-class-x@late-fall-beta2": dict(base="flow-class-x", lr_final=0.1, lr_fall_from=0.7, adam_beta2=0.99),
    "flow-class-x@late-fall-ema32": dict(base="flow-class-x", lr_final=0.1, lr_fall_from=0.7, ema_gamma=32.0),
    "flow-class-x@v-late-fall": dict(base="flow-class-x", lr_final=0.1, lr_fall_from=0.7,  # predicts noise − clean
                                     process=dict(predicts="velocity")),
    "flow-class@b64": dict(base="flow-class", batch_size=64),  # today's recipe at the earlier batch
    "ddpm@eps": dict(base="ddpm", process=dict(prediction_type="epsilon")),      # the TimeUNet asked for the noise
    "ddpm@unlabelled": dict(base="ddpm", classes=0, guidance=1.0),               # not told the digit
}


class Budget(NamedTuple):
    """A point to score at: after ``amount`` training images, or seconds when ``seconds`` is true."""

    amount: float
    seconds: bool = False

    def passed(self, images: int, elapsed: float) -> bool:
        return (elapsed if self.seconds else images) >= self.amount

    def __str__(self) -> str:
        return f"{self.amount:g} s" if self.seconds else f"{self.amount / 1000:g}k images"


def parse_budgets(text: str) -> list[Budget]:
    """``60k,150k,400k`` (training images; a bare number is images too) or ``300s`` (seconds), comma separated."""
    budgets = []
    for part in (p.strip().lower() for p in text.split(",") if p.strip()):
        match = re.fullmatch(r"(\d+(?:\.\d+)?)(k|s)?", part)
        if not match or float(match[1]) <= 0:
            raise ConfigError(f"--budgets takes training images (60k, 150000) or seconds (300s), comma separated "
                              f"(got {part!r})")
        value = float(match[1])
        budgets.append(Budget(value, seconds=True) if match[2] == "s" else
                       Budget(value * (1000 if match[2] == "k" else 1)))
    if not budgets:
        raise ConfigError("--budgets needs at least one budget")
    return budgets


def recipe_named(name: str) -> Recipe:
    """A recipe, or a variant of one from ``VARIANTS``."""
    if name not in VARIANTS:
        return get_recipe(name)
    changes = dict(VARIANTS[name])
    base = get_recipe(changes.pop("base"))
    process = base.process
    if "process" in changes:  # a fresh cache: the base's scheduler was made for its own prediction type
        extra = {"_cache": {}} if "_cache" in {f.name for f in dataclasses.fields(process)} else {}
        process = dataclasses.replace(process, key=f"{process.key}@{name}", **changes.pop("process"), **extra)
    return dataclasses.replace(base, name=name, process=process, **changes)


class Snapshot(NamedTuple):
    budget: Budget
    images: int
    seconds: float
    steps: int
    model: object


def _snapshots(recipe: Recipe, budgets: list[Budget], seed: int = 0) -> tuple[list[Snapshot], str]:
    """The sampling weights as one training run passes each budget, and the precision it ran at. The run's budget
    is the largest image budget (or time budget); given both kinds, it ends at whichever comes first, and a
    budget it did not reach is scored at the end."""
    data = load_bundled()
    images = max((b.amount for b in budgets if not b.seconds), default=None)
    seconds = max((b.amount for b in budgets if b.seconds), default=None)
    config = TrainConfig(epochs=images / len(data) if images else None, seconds=seconds,
                         batch_size=recipe.batch_size, lr=recipe.lr, seed=seed)
    import torch

    torch.manual_seed(seed)
    model = recipe.make_model()
    chosen = choose_training_precision("auto", model, recipe, recipe.batch_size)
    trainer = Trainer(model, data, config, recipe=recipe, precision=chosen.precision)
    snapshots: list[Snapshot] = []
    pending = sorted(budgets, key=lambda b: (b.seconds, b.amount))
    for report in trainer.steps():
        for budget in [b for b in pending if b.passed(trainer.images_seen, report.elapsed)]:
            pending.remove(budget)
            snapshots.append(Snapshot(budget, trainer.images_seen, report.elapsed, report.step,
                                      copy.deepcopy(trainer.sampling_model)))
        if not pending:
            trainer.cancel.set()
    for budget in pending:  # the run ended a hair short of its last budget
        snapshots.append(Snapshot(budget, trainer.images_seen, trainer.elapsed, trainer.total_steps,
                                  copy.deepcopy(trainer.sampling_model)))
    return snapshots, chosen.precision.title


def runs_for(recipe: Recipe, budgets: list[Budget], seed: int = 0) -> tuple[list[Snapshot], str]:
    """Every budget's snapshot, and the precision: from one run, or, for a recipe whose learning rate falls by the
    end of its budget (``Recipe.lr_final``), from a run of each budget, so each is measured as a run of that length
    ends, the way ``diffviz train`` would train it."""
    if recipe.lr_final == 1.0:
        return _snapshots(recipe, budgets, seed)
    snapshots: list[Snapshot] = []
    precision = ""
    for budget in sorted(budgets, key=lambda b: (b.seconds, b.amount)):
        shots, precision = _snapshots(recipe, [budget], seed)
        snapshots += shots
    return snapshots, precision


def quality_per_image(recipe_name: str, budgets: list[Budget], n: int = 500, steps: int = 40, seed: int = 0,
                      guidance: float | None = None) -> list[tuple[Snapshot, object]]:
    """[(snapshot, QualityReport)] for each budget of ``recipe_name`` (or a ``VARIANTS`` name), trained as
    ``runs_for`` says."""
    recipe = recipe_named(recipe_name)
    meter = QualityMeter.load()
    snapshots, _ = runs_for(recipe, budgets, seed)
    return [(shot, meter.measure(sample_final(shot.model, n, steps, seed, recipe=recipe,
                                              guidance=recipe.sampling_scale(shot.images, guidance))))
            for shot in snapshots]


def print_quality_bench(recipes: list[str], budgets: list[Budget]) -> None:
    """One training run per recipe (``runs_for``); a class recipe's snapshots are scored at the default guidance
    for their number of training images, and also without guidance (scale 1, the labels alone), so the table
    separates what the labels buy from what guidance adds."""
    print("quality per training image: 500 samples, 40 steps, seed 0, after each budget (bundled digits); "
          "real digits the meter never saw: recognised 0.93, coverage 1.00, Fréchet 9.0")
    print(f"  {'recipe':26s} {'images':>8s} {'seconds':>8s} {'steps':>6s} {'recognised':>10s} {'coverage':>8s} "
          f"{'Fréchet':>8s}")
    meter = QualityMeter.load()
    for name in recipes:
        recipe = recipe_named(name)
        scales = [None, 1.0] if recipe.classes and recipe.guidance != 1.0 else [None]
        snapshots, precision = runs_for(recipe, budgets)
        for shot in snapshots:
            for scale in scales:
                used = recipe.sampling_scale(shot.images, scale)
                report = meter.measure(sample_final(shot.model, 500, 40, 0, recipe=recipe, guidance=used))
                label = name if used is None else f"{name} (guidance {used:g})"
                print(f"  {label:26s} {shot.images:8,d} {shot.seconds:8.0f} {shot.steps:6d} {report.recognised:10.2f} "
                      f"{report.coverage:8.2f} {report.frechet:8.1f}", flush=True)
        print(f"  ({name}: trained at {precision})", flush=True)


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
