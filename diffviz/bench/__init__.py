"""Benchmarks: figures printed side by side from one run, never timed unit tests.

``diffviz bench engine|train|sample|precision`` (engine runs all three), ``sampling`` (the timeline's run
per sampler, precision and guidance pass), ``quality`` (quality per training image), ``guidance``
(scale x interval), ``networks`` (the ddpm UNet's parts),
``recipes`` (every recipe's loss after the same budget and its sampling time), ``fuzz`` (every file door
tried with mutated files, ``bench.fuzz``), ``toy`` (the 2-D recipes on each data set), ``memorise``
(the perfect denoiser's samples and the bundled model's: how near each is to a training digit). The app's benchmarks
(GUI event-loop gaps, scrub time) live in ``diffviz.bench.app``; ``startup`` (seconds to the main window,
the first frame playing and the engine, median of 5 launches) in ``diffviz.bench.startup``.
"""

from __future__ import annotations

import argparse

from diffviz.core.errors import ConfigError


def run_bench(args: argparse.Namespace) -> int:
    which = args.which
    if which == "startup":
        from diffviz.bench.startup import run as run_startup

        return run_startup()
    if which in ("engine", "train", "sample"):
        from diffviz.bench import engine

        if which in ("engine", "train"):
            engine.print_train_bench(seconds=args.seconds, repeats=args.repeats)
        if which in ("engine", "sample"):
            engine.print_sample_bench(repeats=args.repeats)
        if which == "engine":
            engine.print_precision_bench(seconds=min(args.seconds, 10.0), repeats=args.repeats)
        return 0
    if which == "lab2d":
        from diffviz.bench.lab2d import print_lab2d_bench

        print_lab2d_bench(repeats=args.repeats)
        return 0
    if which == "sampling":
        from diffviz.bench.sampling import print_sampling_bench

        print_sampling_bench(repeats=args.repeats)
        return 0
    if which == "guidance":
        from diffviz.bench.quality import print_guidance_bench

        print_guidance_bench(str(args.checkpoint) if args.checkpoint else None)
        return 0
    if which == "edit":
        from diffviz.bench.editing import print_edit_bench

        print_edit_bench()
        return 0
    if which == "networks":
        from diffviz.bench.networks import print_network_bench

        print_network_bench(seconds=args.seconds, repeats=args.repeats)
        return 0
    if which == "precision":
        from diffviz.bench import engine

        engine.print_precision_bench(seconds=args.seconds, repeats=args.repeats)
        return 0
    if which == "quality":
        from diffviz.bench.quality import VARIANTS, parse_budgets, print_quality_bench
        from diffviz.core.names import RECIPE_NAMES
        from diffviz.core.recipes import RETIRED_RECIPES

        names = [r.strip() for r in (args.recipes or "flow-class-x,flow-class").split(",") if r.strip()]
        known = (*RECIPE_NAMES, *RETIRED_RECIPES, *VARIANTS)
        unknown = [name for name in names if name not in known]
        if unknown:
            raise ConfigError(f"bench quality: unknown recipe {unknown[0]!r}; choose from {', '.join(known)}")
        print_quality_bench(names, parse_budgets(args.budgets))
        return 0
    if which == "toy":
        from diffviz.bench.toy import print_toy_bench

        print_toy_bench(args.seconds, [r.strip() for r in args.recipes.split(",")] if args.recipes else None)
        return 0
    if which == "memorise":
        from diffviz.bench.memorise import print_memorise_bench

        print_memorise_bench()
        return 0
    if which == "fuzz":
        from diffviz.bench.fuzz import print_fuzz_bench

        return print_fuzz_bench(args.seconds, args.seed, args.door)
    if which == "recipes":
        from diffviz.bench.recipes import print_recipes_bench
        from diffviz.core.names import RECIPE_NAMES

        names = [r.strip() for r in (args.recipes or ",".join(RECIPE_NAMES)).split(",") if r.strip()]
        print_recipes_bench(names, args.seconds)
        return 0
    from diffviz.bench import app

    return app.run(which, args)
