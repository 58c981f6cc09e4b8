"""``diffviz bench sampling``: the timeline's run (64 digits × 40 steps) per sampler and precision.

Why these rows: a learner presses Sample and waits for exactly this run, guided for the
default model, with feature maps captured for the first 16 digits so the inspector can open
on them. The figures answer three questions side by side: what guidance costs as two
forward passes against one batched forward of twice the batch (``Denoiser.batched_guidance``,
the default when it is faster), what each precision and memory layout buys (a candidate
whose first steps are already far slower than fp32, as bf16 is on a CPU without bf16
hardware, is skipped with its measured ratio rather than run in full), and what feature
capture costs.
"""

from __future__ import annotations

import statistics
import time
from contextlib import contextmanager
from typing import Iterator

import torch
from torch import nn

from diffviz.core.checkpoints import load_checkpoint
from diffviz.core.paths import bundled_checkpoint_path
from diffviz.core.precision import CANDIDATES, FP32, Precision
from diffviz.core.recipes import Recipe, get_recipe
from diffviz.core.samplers import Denoiser
from diffviz.core.sampling import sample

N, STEPS, FEATURES = 64, 40, 16
HOPELESS = 3.0  # a candidate this many times slower than fp32 on a short probe is not run in full


@contextmanager
def guidance_passes(batched: bool) -> Iterator[None]:
    """Run guidance as one batched forward or as two passes for the time of a measurement."""
    kept = Denoiser.batched_guidance
    Denoiser.batched_guidance = batched
    try:
        yield
    finally:
        Denoiser.batched_guidance = kept


def timed(model: nn.Module, recipe: Recipe, sampler: str, steps: int, precision: Precision, features: int,
          n: int = N, repeats: int = 1, guidance_interval: tuple[float, float] | None = None) -> float:
    """Median seconds of ``repeats`` sampling runs, as the app records them (``core.sampling.sample``)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        sample(model, n, steps, seed=0, features=features or False, recipe=recipe, sampler=sampler,
               precision=precision, guidance_interval=guidance_interval)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _bundled(recipe: str) -> tuple[nn.Module, Recipe]:
    model, info = load_checkpoint(bundled_checkpoint_path(recipe))
    return model.eval(), get_recipe(info.recipe)


def print_sampling_bench(repeats: int = 3) -> dict[str, float]:
    """Print every row side by side and return them (seconds)."""
    figures: dict = {}
    print(f"sampling {N} images, {torch.get_num_threads()} torch threads, feature maps for {FEATURES} unless "
          f"'no maps', median of {repeats}")

    model, recipe = _bundled("flow-class")
    print(f"  {recipe.name}, guidance {recipe.guidance:g} at every step, course {STEPS} steps:")
    for _ in range(repeats):  # alternated: the two differ by less than this machine's noise can
        for batched in (False, True):
            with guidance_passes(batched):
                name = f"fp32, guidance as {'one batched forward' if batched else 'two passes'}"
                figures.setdefault(name, []).append(timed(model, recipe, "course", STEPS, FP32, FEATURES,
                                                          guidance_interval=(0.0, 1.0)))
    figures = {name: statistics.median(times) for name, times in figures.items()}
    two, one = figures["fp32, guidance as two passes"], figures["fp32, guidance as one batched forward"]
    print(f"    guidance as two passes          {two:6.2f} s")
    print(f"    guidance as one batched forward {one:6.2f} s   ratio to two passes {one / two:.3f}")

    print(f"  {recipe.name}, its default {recipe.default_guidance.text()}, course {STEPS} steps "
          f"(the Sample button's run):")
    base = timed(model, recipe, "course", STEPS, FP32, FEATURES, repeats=repeats)
    figures["fp32"] = base
    print(f"    fp32                            {base:6.2f} s")
    for precision in CANDIDATES:
        if precision is FP32:
            continue
        probe = timed(model, recipe, "course", 2, precision, FEATURES)
        probe_fp32 = timed(model, recipe, "course", 2, FP32, FEATURES)
        if probe > HOPELESS * probe_fp32:
            print(f"    {precision.title:31s} skipped: {probe / probe_fp32:.1f}× the fp32 time on a 2-step probe")
            continue
        seconds = timed(model, recipe, "course", STEPS, precision, FEATURES, repeats=repeats)
        figures[precision.title] = seconds
        print(f"    {precision.title:31s} {seconds:6.2f} s   ratio to fp32 {seconds / base:.3f}")
    no_maps = timed(model, recipe, "course", STEPS, FP32, 0, repeats=repeats)
    figures["fp32, no maps"] = no_maps
    print(f"    fp32, no maps                   {no_maps:6.2f} s   ratio to with maps {no_maps / base:.3f}")
    heun = timed(model, recipe, "heun", STEPS // 2, FP32, FEATURES, repeats=repeats)
    figures["heun"] = heun
    print(f"    heun {STEPS // 2} steps ({2 * (STEPS // 2) - 1} model calls)  {heun:6.2f} s   "
          f"ratio to course {heun / base:.3f}")

    model, recipe = _bundled("ddpm")
    print(f"  {recipe.name}, {STEPS} steps:")
    for sampler in recipe.samplers:
        with_maps = timed(model, recipe, sampler, STEPS, FP32, FEATURES, repeats=repeats)
        without = timed(model, recipe, sampler, STEPS, FP32, 0, repeats=repeats)
        figures[f"ddpm {sampler}"] = with_maps
        print(f"    {sampler:14s} fp32 {with_maps:6.2f} s   no maps {without:6.2f} s")
    return figures
