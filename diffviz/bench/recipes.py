"""Recipes side by side: loss after the same training budget, and the time to sample 64 images.

One run, every recipe in turn, each with its own defaults (batch, learning rate, sampler)
on the bundled digits. The losses are not one currency: blend recipes measure the error
of the predicted clean image, DDPM recipes the error of the predicted noise (which starts
near 1), so the table says which target each loss is against.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import torch

from diffviz.core.data import load_bundled
from diffviz.core.recipes import get_recipe
from diffviz.core.sampling import sample_final
from diffviz.core.training import TrainConfig, Trainer

SAMPLE_N = 64
SAMPLE_STEPS = 40


@dataclass
class RecipeFigures:
    recipe: str
    steps: int
    loss: float             # mean of the last 20 step losses
    target: str             # "clean image" | "noise"
    sample_seconds: float   # 64 images at 40 steps with the recipe's default sampler
    sampler: str


def measure_recipe(name: str, seconds: float, seed: int = 0) -> RecipeFigures:
    """Train ``name`` for ``seconds`` from scratch, then time sampling 64 images."""
    recipe = get_recipe(name)
    torch.manual_seed(seed)
    trainer = Trainer(recipe.make_model(), load_bundled(),
                      TrainConfig(epochs=None, seconds=seconds, batch_size=recipe.batch_size, lr=recipe.lr,
                                  seed=seed), recipe=recipe)
    losses = [report.loss for report in trainer.steps()]
    model = trainer.sampling_model
    sample_final(model, 2, 2, recipe=recipe)  # warm-up: first calls allocate and pick kernels
    start = time.perf_counter()
    sample_final(model, SAMPLE_N, SAMPLE_STEPS, seed, recipe=recipe)
    elapsed = time.perf_counter() - start
    tail = losses[-20:]
    return RecipeFigures(name, trainer.total_steps, sum(tail) / len(tail),
                         recipe.process.target_name, elapsed, recipe.sampler)


def print_recipes_bench(recipes: list[str], seconds: float) -> None:
    print(f"recipes side by side: {seconds:.0f} s of training each (bundled digits, seed 0), "
          f"then {SAMPLE_N} images in {SAMPLE_STEPS} steps")
    print(f"  {'recipe':14s} {'steps':>6s} {'loss':>8s} {'against':12s} {'sampler':13s} {'sample s':>8s}")
    for name in recipes:
        f = measure_recipe(name, seconds)
        print(f"  {f.recipe:14s} {f.steps:6d} {f.loss:8.4f} {f.target:12s} {f.sampler:13s} "
              f"{f.sample_seconds:8.2f}", flush=True)
