"""Does the trained network copy its training digits? The perfect denoiser's samples against the bundled model's.

Prints, for 64 samples of the ``flow`` recipe (Gaussian noise, 40 steps of its default sampler, the same seed and
so the same starting noise for both), how far each sample is from its nearest training digit (root mean square
over the pixels, ``core.models.perfect.nearest_training``): the mean, the median, the smallest, and the share
closer than ``COPY`` (a copy). The perfect denoiser of the training digits (``core.models.perfect``) is what the
network would be if it learned its loss exactly; its samples are copies by construction, so it is the scale's
far end. Real digits that are not in its set are the other end: how far a *new* digit is from the nearest
training one.

The bundled digits have no held-out split, so one is made: every tenth digit (index 9, 19, ...) is held out and
the perfect denoiser is built on the other 9,000; 64 of the 1,000 held out are the real new digits. Not the
first 9,000 and the last 1,000: the bundled digits are stored sorted by class, so the last 1,000 are nearly all
nines. The bundled network was trained on all 10,000: its samples are measured against both sets (the 9,000 of
the denoiser, and its own 10,000).
"""

from __future__ import annotations

import time

import numpy as np
import torch

SAMPLES = 64
STEPS = 40
SEED = 0
RECIPE = "flow"     # Gaussian blend, unlabelled, told the amount: its bundled checkpoint ships
HOLD_OUT_EVERY = 10  # every tenth bundled digit is held out; the perfect denoiser learns the rest
COPY = 0.02         # RMS pixel distance under which a sample counts as a copy of a training digit


def _row(name: str, distances: torch.Tensor) -> str:
    values = distances.double()
    return (f"{name:<34}{values.mean():>8.4f}{values.median():>9.4f}{values.min():>9.4f}"
            f"{(values < COPY).double().mean():>9.2f}")


def print_memorise_bench() -> None:
    from diffviz.core.checkpoints import load_checkpoint
    from diffviz.core.data import DigitData, load_bundled
    from diffviz.core.models.perfect import nearest_training, perfect_denoiser
    from diffviz.core.paths import bundled_checkpoint_path
    from diffviz.core.recipes import RECIPES
    from diffviz.core.sampling import sample_final

    recipe = RECIPES[RECIPE]
    data = load_bundled()
    out = torch.arange(len(data)) % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1
    kept, held_out = data.images[~out], data.images[out]
    picked = torch.from_numpy(np.random.default_rng(SEED).choice(len(held_out), SAMPLES, replace=False))
    real = held_out[picked]
    perfect = perfect_denoiser(recipe, DigitData(kept, data.labels[~out], "bundled, every tenth held out"))
    trained, _ = load_checkpoint(bundled_checkpoint_path(RECIPE))

    print(f"memorising: {SAMPLES} samples of the {RECIPE} recipe, {STEPS} steps of its {recipe.sampler} sampler, "
          f"seed {SEED} (the same noise for both models)")
    print(f"perfect denoiser: {len(kept):,} bundled digits; new real digits: {SAMPLES} of the other "
          f"{len(held_out):,} (every tenth, not in its set); the bundled {RECIPE} model was trained on all "
          f"{len(data):,}")
    pairs = torch.randperm(len(kept), generator=torch.Generator().manual_seed(SEED))
    apart = float((kept - kept[pairs]).pow(2).flatten(1).mean(1).sqrt().median())
    print(f"RMS pixel distance to the nearest training digit (copy: < {COPY:g}; two random training digits: "
          f"{apart:.2f}, median)")
    header = f"{'':<34}{'mean':>8}{'median':>9}{'min':>9}{'copies':>9}"
    samples: dict[str, np.ndarray] = {}
    for name, model in ((f"perfect denoiser ({len(kept):,})", perfect), (f"bundled {RECIPE} model", trained)):
        started = time.perf_counter()
        samples[name] = sample_final(model, SAMPLES, STEPS, seed=SEED, recipe=recipe)
        print(f"  {name}: sampled in {time.perf_counter() - started:.2f} s", flush=True)
    print(f"\nnearest of the {len(kept):,} digits of the perfect denoiser's set")
    print(header)
    for name, images in samples.items():
        print(_row(name, nearest_training(images, kept)[1]))
    print(_row(f"new real digits ({SAMPLES} held out)", nearest_training(real, kept)[1]))
    trained_name = f"bundled {RECIPE} model"
    print(f"\nnearest of all {len(data):,} bundled digits (the {RECIPE} model's own training set)")
    print(header)
    print(_row(trained_name, nearest_training(samples[trained_name], data.images)[1]), flush=True)
