"""``diffviz bench edit``: what the Edit lab's modes do to real digits, measured with the quality meter.

Why these figures: an edit is only worth watching if it does what it says. Inpainting should
give back the digit that was there (the meter reads the original class in the repaired
image), SDEdit should keep the digit at moderate strengths and change it at high ones, and
a class model told a digit should turn any digit into it. The real digits are the bundled
ones the meter's classifier never saw (``core.quality.holdout_indices``), so the meter is
not reading digits it learnt.
"""

from __future__ import annotations

import time

import numpy as np

HOLES = {  # mask name -> (rows, cols) regenerated
    "central 10x10 hole": (slice(9, 19), slice(9, 19)),
    "bottom half": (slice(14, 28), slice(0, 28)),
}


def _model(recipe_name: str):
    from diffviz.core.checkpoints import load_checkpoint
    from diffviz.core.paths import bundled_checkpoint_path
    from diffviz.core.recipes import get_recipe

    model, info = load_checkpoint(bundled_checkpoint_path(recipe_name))
    return model, get_recipe(info.recipe)


def print_edit_bench(n: int = 500, steps: int = 40, recipe_name: str = "flow-class") -> None:
    from diffviz.core import editing
    from diffviz.core.data import load_bundled
    from diffviz.core.quality import holdout_indices, shipped_meter

    data = load_bundled()
    picks = holdout_indices()[:n]
    images, labels = data.images[picks].numpy(), data.labels[picks].numpy()
    meter = shipped_meter()
    model, recipe = _model(recipe_name)

    def kept(results: np.ndarray) -> float:
        return float((meter.digits(results) == labels).mean())

    print(f"Edit lab on {n} real digits the meter never saw (bundled, held out), {recipe.name} model, {steps} "
          f"steps, {recipe.sampler} sampler, no label told; the meter reads the original digit in "
          f"{kept(images):.2f} of the untouched digits")
    print(f"{'inpaint (RePaint)':<22}{'setting':<22}{'class kept':>11}{'unmasked same':>15}{'seconds':>9}")
    for hole, (rows, cols) in HOLES.items():
        mask = np.zeros((1, 1, 28, 28), np.float32)
        mask[..., rows, cols] = 1.0
        black = images * (1 - mask)
        print(f"{hole:<22}{'left black':<22}{kept(black):>11.2f}{'':>15}{'':>9}")
        if recipe.classes:
            read = editing.read_digits(model, recipe, images, mask)
            print(f"{hole:<22}{'model reads the digit':<22}{float((read == labels).mean()):>11.2f}")
        for jumps, read_digit in ((0, False), (3, False), (0, True), (3, True)):
            if read_digit and not recipe.classes:
                continue
            start = time.perf_counter()
            result = editing.inpaint(model, recipe, images, mask, steps, jumps=jumps, read_digit=read_digit).final
            seconds = time.perf_counter() - start
            same = bool((result[:, :, mask[0, 0] == 0] == images[:, :, mask[0, 0] == 0]).all())
            setting = f"{jumps} jumps{', reads digit' if read_digit else ''}"
            print(f"{hole:<22}{setting:<22}{kept(result):>11.2f}{str(same):>15}{seconds:>9.1f}")

    print(f"\n{'SDEdit strength':<22}{'class kept':>11}{'mean |change|':>15}{'seconds':>9}")
    for strength in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        start = time.perf_counter()
        result = editing.sdedit(model, recipe, images, strength, steps).final
        seconds = time.perf_counter() - start
        print(f"{strength:<22g}{kept(result):>11.2f}{np.abs(result - images).mean():>15.3f}{seconds:>9.1f}")

    if recipe.classes:
        for strength in (0.5, 0.7):
            result = editing.sdedit(model, recipe, images, strength, steps, read_digit=True).final
            print(f"{f'{strength:g}, reads digit':<22}{kept(result):>11.2f}{np.abs(result - images).mean():>15.3f}")
        asked = (labels + 1 + np.arange(n) % 9) % 10  # a digit other than the one drawn, every pair in turn
        turned = np.empty(n, dtype=bool)
        start = time.perf_counter()
        for digit in range(10):
            which = asked == digit
            if which.any():
                result = editing.sdedit(model, recipe, images[which], 0.9, steps, digit=digit).final
                turned[which] = meter.digits(result) == digit
        print(f"\nSDEdit 0.9 told another digit ({recipe.default_guidance.text()}): turned into the digit asked "
              f"for {turned.mean():.2f} ({time.perf_counter() - start:.0f} s)")

    ddpm, ddpm_recipe = _model("ddpm")
    few = min(n, 100)
    start = time.perf_counter()
    run = editing.invert(ddpm, ddpm_recipe, images[:few], steps)
    error = run.edit.round_trip_error(run)
    print(f"\nDDIM inversion, {few} digits, {steps} steps each way, bundled ddpm model: round-trip mean |error| "
          f"{error[0]:.3f} (pixels in 0..1), class kept {float((meter.digits(run.final) == labels[:few]).mean()):.2f}"
          f" ({time.perf_counter() - start:.0f} s)")
