"""The front door: ``diffviz`` opens the app; ``diffviz train|sample|edit|interpolate|bench`` run the engine
headless.

Errors a user can fix (a bad argument, a missing file, a foreign checkpoint) print one
line on stderr and exit with code 2; nothing else is changed. Heavy imports (torch, Qt)
happen inside the commands, so ``--help`` and ``--version`` are instant and need no display.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Sequence

from diffviz import __version__
from diffviz.core.edit_modes import EDIT_MODES  # torch-free
from diffviz.core.recipe_facts import RECIPE_FACTS  # torch-free
from diffviz.core.names import (DEFAULT_RECIPE, DEFAULT_TOY_RECIPE,  # torch-free: --help stays instant
                                NO_DIGIT, PRECISION_CHOICES, READ_DIGIT, RECIPE_NAMES, SAMPLER_NAMES,
                                TOY_DATASET_NAMES, TOY_RECIPE_NAMES)

EXIT_USAGE = 2
IMAGE_EDITS = tuple(key for key, mode in EDIT_MODES.items() if mode.uses_image)  # interpolate has its own command
PRECISION_HELP = ("auto = time fp32, fp32 channels_last and bf16 autocast on this machine and keep the fastest "
                  "(remembered per machine and model); fp32; bf16 = bf16 autocast, channels_last. Weights and "
                  "checkpoints stay fp32 (default auto)")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (exit 2), not the usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


def _int_from(minimum: int):
    """An argparse type: a whole number of at least ``minimum``, with a message that says so."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(
                f"must be greater than 0, got {value}" if minimum == 1 else f"must be {minimum} or more, got {value}")
        return value

    return parse


_positive_int = _int_from(1)
_non_negative_int = _int_from(0)


def _each_recipes(fact: str) -> str:
    """``flow-class 32, flow 64, ...``: a default of every recipe, from the recipes' own facts (for --help)."""
    return ", ".join(f"{name} {getattr(facts, fact):g}" for name, facts in RECIPE_FACTS.items())


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"must be a finite number greater than 0, got {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="diffviz", description="Watch a diffusion model learn and create. "
                     "With no command, opens the app.")
    parser.add_argument("--version", action="version", version=f"diffviz {__version__}")
    parser.add_argument("--forget-precision", action="store_true",
                        help="forget the precision auto measured and remembered on this machine, so it measures "
                             "again (alone: only that; before a command: then the command)")
    parser.add_argument("--lang", metavar="CODE", help="the app's language: en or zh_CN (default: the one chosen "
                        "in View > Language, else the system's); remembered choices are not changed")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    gui = sub.add_parser("gui", help="open the app (the default)")
    gui.add_argument("--checkpoint", type=Path, help="open this checkpoint instead of the bundled model")
    gui.add_argument("--lang", metavar="CODE", default=argparse.SUPPRESS, help="as diffviz --lang")

    train = sub.add_parser("train", help="train a model headless and save a checkpoint")
    budget = train.add_mutually_exclusive_group()
    budget.add_argument("--epochs", type=_positive_float, help="passes over the data (default 3)")
    budget.add_argument("--seconds", type=_positive_float, help="train for this many seconds instead")
    train.add_argument("--batch-size", type=_positive_int,
                       help="images per step (default: the recipe's, " + _each_recipes("batch_size") + ")")
    train.add_argument("--recipe", default=DEFAULT_RECIPE, choices=RECIPE_NAMES,
                       help="flow-class = flow told each digit's class, drawn with guidance: recognisable "
                            "digits within minutes on a CPU (default); flow = told the amount, Gaussian noise, "
                            "EMA weights, no labels; course = the course's recipe exactly; course-unet2d = the "
                            "course's UNet2DModel; ddpm, ddpm-cosine = DDPM with diffusers' schedulers, told "
                            "the digit, a lean network that learns on a CPU; ddpm-unet2d = the course's diffusers "
                            "DDPM (UNet2DModel, slow on a CPU)")
    train.add_argument("--lr", type=_positive_float,
                       help="Adam learning rate (default: the recipe's, " + _each_recipes("lr") + ")")
    train.add_argument("--seed", type=_non_negative_int, default=0, help="makes a run repeatable (default 0)")
    train.add_argument("--data", default="bundled",
                       help="bundled | mnist[:DIR] | fashion-mnist[:DIR] | folder:DIR (default bundled)")
    train.add_argument("--channels", type=int, choices=(1, 3), default=1,
                       help="folder:DIR data: 3 keeps your images' colours (default 1: grey, like MNIST)")
    train.add_argument("--size", type=_positive_int, default=28,
                       help="folder:DIR data: the square size images are fitted into, 8-128, a multiple of 4 "
                            "(default 28); recipes flow, flow-class, ddpm, ddpm-cosine and ddpm-unet2d train at any shape")
    train.add_argument("--device", default="cpu", help="cpu | cuda | mps | auto (default cpu)")
    train.add_argument("--threads", type=_positive_int, help="torch CPU threads (default: torch's choice)")
    train.add_argument("--precision", default="auto", choices=PRECISION_CHOICES, help=PRECISION_HELP)
    train.add_argument("--out", type=Path, required=True, help="checkpoint to write (.safetensors)")
    train.add_argument("--save-every", type=_positive_float, metavar="MINUTES",
                       help="every MINUTES (at the next epoch's end) write --out and the run's state beside it "
                            "(NAME.resume.safetensors), so a long run survives a restart; the state is removed "
                            "once the budget is spent")
    train.add_argument("--resume", action="store_true",
                       help="go on from the state --save-every left beside --out (the same command otherwise); "
                            "with no state there, start afresh")

    samp = sub.add_parser("sample", help="generate digits with a checkpoint (or the bundled model)")
    source = samp.add_mutually_exclusive_group()
    source.add_argument("--checkpoint", type=Path, help="a .safetensors checkpoint (default: the bundled model)")
    source.add_argument("--recipe", choices=RECIPE_NAMES, help="the bundled model of this recipe")
    samp.add_argument("--sampler", choices=SAMPLER_NAMES,
                      help="course or heun for course/flow models (heun: a second-order step, two model calls "
                           "per step); ddpm, ddim, dpm-solver++ or euler for DDPM models "
                           "(default: the recipe's: course, or ddim)")
    samp.add_argument("--eta", type=float, default=0.0, help="DDIM's eta: 0 = deterministic (default 0)")
    samp.add_argument("--digit", type=_non_negative_int,
                      help="flow-class models: draw only this digit, 0-9 (default: 0 to 9 in turn)")
    samp.add_argument("--guidance", type=float,
                      help="flow-class models: classifier-free guidance scale, 0-20; 1 = none, higher = more "
                           "clearly the asked-for digit, less varied (default: the recipe's, 2)")
    samp.add_argument("--guidance-interval", metavar="LOW,HIGH",
                      help="flow-class models: the noise levels (0 clean .. 1 noise) where guidance applies; "
                           "elsewhere a step uses the labelled prediction alone (default: the recipe's)")
    samp.add_argument("--n", type=_positive_int, default=64, help="how many images (default 64)")
    samp.add_argument("--steps", type=_positive_int, default=40, help="sampler steps (default 40)")
    samp.add_argument("--seed", type=_non_negative_int, default=0, help="makes the noise repeatable (default 0)")
    samp.add_argument("--device", default="cpu", help="cpu | cuda | mps | auto (default cpu)")
    samp.add_argument("--threads", type=_positive_int, help="torch CPU threads (default: torch's choice)")
    samp.add_argument("--precision", default="auto", choices=PRECISION_CHOICES, help=PRECISION_HELP)
    samp.add_argument("--out", type=Path, required=True,
                      help="FILE.png (grid of results), FILE.npy (float32 (N,1,28,28) in [0,1]), "
                           "FILE.gif (the animation, 64 greys) or FILE.webp (the animation as lossless "
                           "animated WebP, every grey exact)")
    samp.add_argument("--panels", default="x",
                      help="GIF panels, comma separated: x, pred, feature:<layer> (default x)")
    samp.add_argument("--fps", type=_positive_float, default=10.0, help="GIF frame rate (default 10)")
    samp.add_argument("--scale", type=_positive_int, default=3, help="GIF/PNG pixel scale for 28 px digits; larger images are enlarged less, to about the same size (default 3)")
    samp.add_argument("--no-labels", action="store_true", help="GIF without step captions")
    samp.add_argument("--metrics", action="store_true",
                      help="also print the quality meter's figures for the results "
                           "(recognised share, class coverage, Fréchet distance to real digits)")

    edit = sub.add_parser("edit", help="hand the model an image: noise and denoise it, inpaint a hole, or "
                                       "invert it to noise and back")
    edit.add_argument("--mode", required=True, choices=IMAGE_EDITS,
                      help="sdedit = noise the input to --strength and denoise it; inpaint = regenerate where "
                           "--mask is 1 and keep the rest (RePaint); invert = DDIM from the image to noise and "
                           "back (ddpm models)")
    edit.add_argument("--input", type=Path, required=True,
                      help="an image file (made grey and 28x28, light strokes on dark) or FILE.npy of float32 "
                           "(N,1,28,28) in [0,1]")
    edit.add_argument("--mask", type=Path,
                      help="inpaint: an image file or .npy like --input; 1 (white) = regenerate, 0 = keep; one "
                           "mask for every image or one each")
    edit.add_argument("--strength", type=float, default=None,
                      help="the noise level to start from, 0-1: 0 keeps the input, 1 is ordinary sampling "
                           "(default: sdedit 0.5, inpaint 1)")
    edit.add_argument("--jumps", type=_non_negative_int, default=0,
                      help="inpaint: RePaint's resampling jumps per step (default 0; 3 repairs better, 4x slower)")
    _add_run_arguments(edit)

    interp = sub.add_parser("interpolate", help="images along a path between the noises of two seeds")
    interp.add_argument("--seeds", required=True, metavar="A,B", help="the two seeds whose noises are the ends")
    interp.add_argument("--n", type=_positive_int, default=8, help="images along the path, ends included (default 8)")
    interp.add_argument("--method", choices=("slerp", "lerp"), default="slerp",
                        help="slerp = along the sphere, keeping the noise's norm (default); lerp = a straight line")
    _add_run_arguments(interp)

    export = sub.add_parser("export-pipeline", help="write a ddpm-unet2d model as a diffusers DDPMPipeline folder")
    export_source = export.add_mutually_exclusive_group(required=True)
    export_source.add_argument("--checkpoint", type=Path, help="a ddpm-unet2d checkpoint, or a pipeline folder")
    export_source.add_argument("--recipe", choices=RECIPE_NAMES, help="the bundled model of this recipe")
    export.add_argument("--out", type=Path, required=True,
                        help="a new folder: DDPMPipeline.from_pretrained(folder) loads it")

    toy = sub.add_parser("toy", help="the 2-D lab headless: point data, training and sampling on points")
    toy_sub = toy.add_subparsers(dest="toy_command", parser_class=_Parser, required=True)
    toy_data = toy_sub.add_parser("data", help="write points of a 2-D data set")
    toy_train = toy_sub.add_parser("train", help="train the 2-D lab's MLP on points and save a checkpoint")
    toy_sample = toy_sub.add_parser("sample", help="draw points with a 2-D checkpoint, or watch them move (.gif)")
    data_help = f"{' | '.join(TOY_DATASET_NAMES)} | csv:FILE (x,y[,class] rows)"
    for command in (toy_data, toy_train):
        command.add_argument("--data", default="moons", help=f"{data_help} (default moons)")
        command.add_argument("--n", type=_positive_int, default=20_000, help="points to draw (default 20,000)")
    toy_train.add_argument("--recipe", default=DEFAULT_TOY_RECIPE, choices=TOY_RECIPE_NAMES,
                           help="flow-v, flow-x, flow-eps = the flow blend toward Gaussian noise, the MLP predicting "
                                "the velocity (default), the clean point or the noise; course-x = the course's blend "
                                "toward uniform noise, predicting the clean point; ddpm-eps = DDPM's noising (cosine "
                                "schedule), predicting the noise")
    toy_budget = toy_train.add_mutually_exclusive_group()
    toy_budget.add_argument("--seconds", type=_positive_float, help="train for this many seconds (default 20)")
    toy_budget.add_argument("--steps", type=_positive_int, help="train for this many steps instead")
    toy_sample.add_argument("--checkpoint", type=Path, required=True, help="a 2-D checkpoint (diffviz toy train)")
    toy_sample.add_argument("--n", type=_positive_int, default=2_000, help="points to draw (default 2,000)")
    toy_sample.add_argument("--steps", type=_positive_int, default=100, help="sampler steps (default 100)")
    toy_sample.add_argument("--sampler", choices=SAMPLER_NAMES,
                            help="course or heun for the flow and course recipes; ddpm, ddim, dpm-solver++ or euler "
                                 "for ddpm-eps (default: the recipe's, course or ddim)")
    toy_sample.add_argument("--data", help=f"{data_help}: the data drawn in faint grey under the points "
                                           "(.png, .gif, .webp)")
    toy_sample.add_argument("--fps", type=_positive_float, default=10.0, help="animation frame rate (default 10)")
    toy_sample.add_argument("--trail", type=_non_negative_int, default=6,
                            help="animation: each point trails its path over this many frames, 0 = none (default 6)")
    toy_sample.add_argument("--size", type=_positive_int, default=384,
                            help="animation: the square's side in pixels, 64-2048 (default 384)")
    for command in (toy_data, toy_train, toy_sample):
        command.add_argument("--seed", type=_non_negative_int, default=0, help="makes it repeatable (default 0)")
    toy_data.add_argument("--out", type=Path, required=True, help="FILE.npy ((N, 2) float32) or FILE.png")
    toy_sample.add_argument("--out", type=Path, required=True,
                            help="FILE.npy ((N, 2) float32), FILE.png (a scatter plot), FILE.gif or FILE.webp (the "
                                 "points moving from noise to data, a frame per step)")
    toy_train.add_argument("--out", type=Path, required=True, help="checkpoint to write (.safetensors)")

    bench = sub.add_parser("bench", help="benchmarks, printing figures side by side")
    bench.add_argument("which", nargs="?", default="engine",
                       choices=["engine", "train", "sample", "sampling", "precision", "app", "startup", "quality",
                                "guidance", "networks", "soak", "recipes", "edit", "fuzz", "toy", "lab2d", "memorise"],
                       help="engine = train + sample + precision (default); precision = each precision and "
                            "layout's img/s for the trainer and a bare loop; sampling = the timeline's 64 x 40-step run per "
                            "sampler and precision, guidance as one or two passes, with and without feature maps; app = GUI gaps, in-app speed, scrub; "
                            "startup = seconds from launch to the main window, the first frame playing and the engine "
                            "ready (median of 5 launches; needs a display or Xvfb); "
                            "quality = each recipe's quality after so many training images; guidance = each guidance scale x noise "
                            "interval on a class model (--checkpoint; default the bundled flow-class, 500 samples); edit = the Edit lab's modes on 500 real "
                            "digits (class kept by inpainting and SDEdit, inversion's round trip); networks = what each part of the "
                            "ddpm-unet2d UNet2DModel costs to train (--seconds each); recipes = every recipe's loss after --seconds "
                            "of training and its time to sample 64 images; soak = start/stop training and sample "
                            "many times in one window: memory growth and threads left; fuzz = every file door (IDX, images, "
                            "checkpoints, pipeline folders, .npy inputs and masks, 2-D point CSVs) tried with mutated files for "
                            "--seconds in all: what opened, was refused in one line, or escaped, the slowest try "
                            "and the most memory one took; toy = the 2-D lab's recipes on moons, 8 Gaussians, swiss roll "
                            "and checkerboard after --seconds of training each (energy distance as a share of a "
                            "fitted Gaussian's); memorise = 64 samples of the perfect denoiser of 9,000 bundled digits "
                            "and of the bundled flow model (40 steps, same noise): distance to the nearest training "
                            "digit and the share that are copies, against 64 held-out real digits; lab2d = frames/s "
                            "of the 2-D view playing 2,000 particles x 100 steps with trails and a 24x24 arrow field")
    bench.add_argument("--seconds", type=_positive_float, default=20.0,
                       help="seconds per training measurement (default 20)")
    bench.add_argument("--repeats", type=_positive_int, default=3, help="alternating repeats (default 3)")
    bench.add_argument("--door", help="fuzz: only the doors whose name holds this (e.g. pipeline, IDX, npy)")
    bench.add_argument("--seed", type=_non_negative_int, default=0, help="fuzz: the mutations' seed (default 0)")
    bench.add_argument("--budgets", default="60k,150k,400k",
                       help="quality: training images to score at (60k, 150000), or seconds with an s (300s), comma "
                            "separated (default 60k,150k,400k)")
    bench.add_argument("--recipes",
                       help="quality: recipes to compare, or variants of one (default flow-class-x,flow-class: the "
                            "default recipe beside the one it replaced); recipes: default all")
    bench.add_argument("--checkpoint", type=Path, help="guidance: the class model to tune (default: the bundled "
                                                        "flow-class model)")
    bench.add_argument("--train-cycles", type=_non_negative_int, default=50,
                       help="soak: training runs started and stopped (default 50)")
    bench.add_argument("--sample-runs", type=_non_negative_int, default=50,
                       help="soak: sampling runs (default 50)")
    return parser


def _digit_or_read(text: str) -> int | str:
    """A digit 0-9 for --digit, ``read`` or ``none``."""
    if text.strip().lower() in (READ_DIGIT, NO_DIGIT):
        return text.strip().lower()
    return _non_negative_int(text)


def _add_run_arguments(command: argparse.ArgumentParser) -> None:
    """What an edit or an interpolation shares with ``sample``: the model, the sampler, the digit, the output."""
    source = command.add_mutually_exclusive_group()
    source.add_argument("--checkpoint", type=Path, help="a .safetensors checkpoint (default: the bundled model)")
    source.add_argument("--recipe", choices=RECIPE_NAMES, help="the bundled model of this recipe")
    command.add_argument("--sampler", choices=SAMPLER_NAMES, help="as for sample (default: the recipe's)")
    command.add_argument("--steps", type=_positive_int, default=40, help="sampler steps (default 40)")
    command.add_argument("--digit", type=_digit_or_read,
                         help="flow-class models: the digit to steer toward, 0-9; 'read': the digit the model "
                              "reads in the kept pixels first (edit only); 'none': told none, the edit follows the "
                              "image (default: read for sdedit and inpaint, where it keeps the digit better; none "
                              "otherwise)")
    command.add_argument("--guidance", type=float, help="flow-class models with --digit: guidance scale, 0-20")
    command.add_argument("--seed", type=_non_negative_int, default=0, help="makes the noise repeatable (default 0)")
    command.add_argument("--device", default="cpu", help="cpu | cuda | mps | auto (default cpu)")
    command.add_argument("--threads", type=_positive_int, help="torch CPU threads (default: torch's choice)")
    command.add_argument("--out", type=Path, required=True,
                         help="FILE.png (grid of results), FILE.npy (float32 (N,1,28,28) in [0,1]), FILE.gif or "
                              "FILE.webp (the animation)")
    command.add_argument("--fps", type=_positive_float, default=10.0, help="animation frame rate (default 10)")
    command.add_argument("--scale", type=_positive_int, default=3, help="GIF/PNG pixel scale for 28 px digits; larger images are enlarged less, to about the same size (default 3)")
    command.add_argument("--no-labels", action="store_true", help="animation without step captions")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from diffviz.core.errors import DiffvizError

    try:
        if args.forget_precision:
            from diffviz.core.precision import forget_verdicts

            count = forget_verdicts()
            print(f"forgot {count} remembered precision verdict{'s' if count != 1 else ''}: auto measures again",
                  file=sys.stderr)
            if args.command is None:
                return 0
        if args.command in (None, "gui"):
            return _run_gui(args)
        if args.command == "train":
            from diffviz.commands import train_command
            return train_command(args)
        if args.command == "sample":
            from diffviz.commands import sample_command
            return sample_command(args)
        if args.command == "edit":
            from diffviz.commands import edit_command
            return edit_command(args)
        if args.command == "export-pipeline":
            from diffviz.commands import export_pipeline_command
            return export_pipeline_command(args)
        if args.command == "toy":
            from diffviz.commands import toy_command
            return toy_command(args)
        if args.command == "interpolate":
            from diffviz.commands import interpolate_command
            return interpolate_command(args)
        if args.command == "bench" and args.which == "soak":
            from diffviz.bench.soak import run as run_soak
            return run_soak(args)
        if args.command == "bench":
            from diffviz.bench import run_bench
            return run_bench(args)
    except DiffvizError as exc:
        print(f"diffviz: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("diffviz: interrupted", file=sys.stderr)
        return 130
    parser.print_help()
    return EXIT_USAGE


def _run_gui(args: argparse.Namespace) -> int:
    try:
        from diffviz.ui.app import run_app
    except ImportError as exc:
        print(f"diffviz: the desktop app cannot start ({exc}). Commands: train, sample, bench (see --help).",
              file=sys.stderr)
        return 1
    if args.lang:
        from diffviz.ui.language import language_named

        try:
            language_named(args.lang)
        except ValueError as exc:
            print(f"diffviz: error: --lang: {exc}", file=sys.stderr)
            return EXIT_USAGE
    return run_app(checkpoint=getattr(args, "checkpoint", None), language=args.lang)
