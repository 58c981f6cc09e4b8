"""The 2-D lab's recipes side by side: each data set, each parametrisation, the same training seconds.

Prints, for moons, 8 Gaussians, swiss roll and checkerboard, the steps each recipe took in ``seconds`` and the
energy distance of 2,000 samples (100 course steps) to fresh data as a share of a fitted Gaussian's (unbiased
estimates; 0 is the data itself, 1 a Gaussian). Quality per training step, not per second, is the fair
comparison across machines: the steps column says how many each figure cost.
"""

from __future__ import annotations

DATA = ("moons", "8gaussians", "swissroll", "checkerboard")


def print_toy_bench(seconds: float = 20.0, recipes: list[str] | None = None) -> None:
    from diffviz.core.toy import datasets, metrics
    from diffviz.core.toy.recipes import TOY_RECIPES, get_toy_recipe, sample_points, train_points

    names = recipes or list(TOY_RECIPES)
    chosen = [get_toy_recipe(name) for name in names]
    print(f"2-D recipes: {seconds:g} s of training each on 20,000 points, 2,000 samples in 100 steps of each "
          "recipe's sampler; "
          "energy distance to fresh data as a share of a fitted Gaussian's (steps trained)")
    print(f"{'data':<14}" + "".join(f"{recipe.name:>20}" for recipe in chosen))
    for data_name in DATA:
        data = datasets.make(data_name, 20_000, seed=0)
        fresh = datasets.make(data_name, 2_000, seed=9)
        cells = []
        for recipe in chosen:
            model, losses = train_points(data, recipe, seconds=seconds)
            share = metrics.share_of_gaussian(sample_points(model, recipe, 2_000, 100, seed=1), data, fresh)
            cells.append(f"{share:.3f} ({len(losses)})")
        print(f"{data_name:<14}" + "".join(f"{cell:>20}" for cell in cells), flush=True)
