"""The bodies of ``diffviz train`` and ``diffviz sample``: argument checks, engine calls, progress.

Kept apart from ``cli.py`` so the parser stays importable without torch.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from pathlib import Path

import numpy as np

from diffviz.core.errors import ConfigError, ExportError
from diffviz.core.names import NO_DIGIT, READ_DIGIT

OUTPUT_KINDS = (".png", ".npy", ".gif", ".webp")


def _check_writable(path: Path) -> None:
    """Fail before minutes of work, not after: the folder must exist and be writable."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise ExportError(f"cannot write {path}: the folder {folder} is not writable")
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a folder")


def _set_threads(threads: int | None) -> None:
    if threads:
        import torch
        torch.set_num_threads(threads)


def train_command(args: argparse.Namespace) -> int:
    import torch
    from tqdm import tqdm

    from diffviz.core.checkpoints import save_checkpoint, training_metadata
    from diffviz.core.data import load_source
    from diffviz.core.device import resolve_device
    from diffviz.core.recipes import get_recipe
    from diffviz.core.training import TrainConfig, Trainer, choose_training_precision
    from diffviz.core.training_state import resume_training, save_training_state, state_path

    out: Path = args.out
    if out.suffix.lower() != ".safetensors":
        raise ConfigError(f"--out must end in .safetensors (got {out.name})")
    _check_writable(out)
    _set_threads(args.threads)
    device = resolve_device(args.device)
    recipe = get_recipe(args.recipe)
    config = TrainConfig(epochs=args.epochs if args.seconds is None else None, seconds=args.seconds,
                         batch_size=args.batch_size or recipe.batch_size, lr=args.lr or recipe.lr, seed=args.seed)
    if config.epochs is None and config.seconds is None:
        config.epochs = 3.0
    data = load_source(args.data, channels=args.channels, size=args.size)
    for note in data.notes:  # skipped files, classes from sub-folders: what the learner should know
        print(f"{data.name}: {note}", file=sys.stderr)
    torch.manual_seed(args.seed)
    model = recipe.make_model(tuple(data.images.shape[1:]))
    chosen = choose_training_precision(args.precision, model, recipe, config.batch_size, device)
    trainer = Trainer(model, data, config, device=device, recipe=recipe, precision=chosen.precision)
    state = state_path(out)
    if args.resume and state.exists():
        position = resume_training(state, trainer, data.name)
        print(f"resuming from {state} at step {position.step:,} ({position.images:,} images, "
              f"{position.elapsed / 60:.1f} min trained)", file=sys.stderr)
    elif args.resume:
        print(f"no saved run at {state}: starting afresh", file=sys.stderr)
    print(f"training {recipe.architecture} ({recipe.name} recipe) on {data.name}: batch {config.batch_size}, lr {config.lr}, "
          f"{'%g epochs' % config.epochs if config.epochs else '%g s' % config.seconds}, seed {config.seed}, "
          f"{device}, {torch.get_num_threads()} threads, {chosen.line()}", file=sys.stderr)
    total = 1000
    bar = tqdm(total=total, unit="‰", desc="train", file=sys.stderr, dynamic_ncols=True,
               disable=None, bar_format="{l_bar}{bar}| {elapsed}<{remaining} {postfix}")
    hyper = {"epochs": config.epochs, "seconds": config.seconds, "batch_size": config.batch_size,
             "lr": config.lr, "seed": config.seed, "precision": chosen.precision.name}

    def save_weights() -> None:
        training = training_metadata(trainer.total_steps, trainer.images_seen, trainer.elapsed,
                                     trainer.epoch_losses, data.name, data.digits)
        save_checkpoint(out, trainer.sampling_model, recipe=recipe.name, hyperparameters=hyper, training=training)

    bar.update(int(min(1.0, trainer.total_steps / (trainer.budget_steps or math.inf)) * total))
    last_report = None
    interrupted = False
    saved_at = time.monotonic()
    try:
        for report in trainer.steps():
            last_report = report
            bar.update(int(report.progress * total) - bar.n)
            if report.step % 10 == 0:
                bar.set_postfix_str(f"loss {report.loss:.4f} · {report.images_per_sec:.0f} img/s")
            if report.epoch_end:
                tqdm.write(f"epoch {len(trainer.epoch_losses)}: mean loss {report.epoch_loss:.4f}", file=sys.stdout)
                if args.save_every and time.monotonic() - saved_at >= args.save_every * 60 and report.progress < 1:
                    save_weights()
                    save_training_state(state, trainer, data.name)
                    saved_at = time.monotonic()
                    tqdm.write(f"saved {out} and the run's state at step {report.step:,}", file=sys.stderr)
    except KeyboardInterrupt:
        interrupted = True
        tqdm.write("interrupted: saving what has been trained so far", file=sys.stderr)
    finally:
        bar.close()
    if last_report is None and not trainer.total_steps:
        raise ConfigError("training stopped before the first step; nothing was saved")
    save_weights()
    if not interrupted and state.exists():
        state.unlink()  # the budget is spent: nothing is left to resume
    elif interrupted and args.save_every and state.exists():
        print(f"{state} keeps the run as of its last save: the same command with --resume goes on from there",
              file=sys.stderr)
    last_loss = f", last loss {last_report.loss:.4f}" if last_report else ""
    print(f"saved {out} after {trainer.total_steps} steps ({trainer.images_seen:,} images, "
          f"{trainer.elapsed:.0f} s{last_loss})")
    return 130 if interrupted else 0


def _load_model(checkpoint: Path | None, recipe: str | None = None):
    from diffviz.core.opening import open_model
    from diffviz.core.errors import CheckpointError
    from diffviz.core.paths import bundled_checkpoint_path

    path = checkpoint or (bundled_checkpoint_path(recipe) if recipe else bundled_checkpoint_path())
    if checkpoint is None and not path.is_file():
        raise CheckpointError(f"no bundled model for the {recipe or 'default'} recipe ({path.name}); train one with "
                              f"`diffviz train --recipe {recipe or 'flow-class'} --out FILE` and pass --checkpoint FILE")
    return open_model(path)


def sample_command(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from diffviz.core.device import resolve_device
    from diffviz.core.export import ANIMATION_SUFFIXES
    from diffviz.core.guidance import parse_interval
    from diffviz.core.recipes import get_recipe
    from diffviz.core.sampling import (check_trajectory_fits, choose_sampling_precision, image_shape_of,
                                       resolve_guidance, sample, sample_final, validate_sampling)

    out: Path = args.out
    kind = _output_kind(out)
    validate_sampling(args.n, args.steps)
    _check_writable(out)
    _set_threads(args.threads)
    device = resolve_device(args.device)
    panels = tuple(p.strip() for p in args.panels.split(",") if p.strip())
    model, info = _load_model(args.checkpoint, args.recipe)
    recipe = get_recipe(info.recipe)
    sampler = args.sampler or recipe.sampler
    if sampler not in recipe.samplers:
        raise ConfigError(f"a {recipe.name} model samples with {' or '.join(recipe.samplers)}, not {sampler}")
    if not 0 <= args.eta <= 1:
        raise ConfigError(f"--eta must be between 0 and 1 (got {args.eta})")
    if (args.digit is not None or args.guidance is not None or args.guidance_interval is not None) \
            and not recipe.classes:
        raise ConfigError(f"--digit, --guidance and --guidance-interval need a model told the class (flow-class); "
                          f"this is a {recipe.name} model")
    validate_sampling(args.n, args.steps, args.digit, args.guidance)
    interval = None if args.guidance_interval is None else parse_interval(args.guidance_interval)
    wants_features = any(p.startswith("feature:") for p in panels)
    if kind in ANIMATION_SUFFIXES:  # refuse a recording that cannot fit before timing or printing anything
        check_trajectory_fits(model, args.n, args.steps, 8 if wants_features else False, image_shape_of(model))
    chosen = choose_sampling_precision(args.precision, model, recipe, min(args.n, 1000), device)
    # unless told, the scale its recipe gives a model trained on as many images as this one (core.guidance)
    guidance = recipe.sampling_scale(info.images, args.guidance)
    choice = {"digit": args.digit, "guidance": guidance, "guidance_interval": interval,
              "precision": chosen.precision}
    guided = f", {resolve_guidance(recipe, guidance, interval).text()}" if recipe.classes else ""
    print(f"sampling {args.n} images in {args.steps} {sampler} steps with {info.summary()}{guided}, "
          f"{chosen.line()}", file=sys.stderr)
    if kind in ANIMATION_SUFFIXES:
        with _frame_bar(args.steps + 1) as progress:
            trajectory = sample(model, args.n, args.steps, args.seed, features=8 if wants_features else False,
                                device=device, on_frame=progress, recipe=recipe, sampler=sampler, eta=args.eta,
                                **choice)
        images = _save_run(trajectory, out, args, panels)
    else:
        with tqdm(total=args.n, desc="sample", file=sys.stderr, disable=None, unit="img") as bar:
            images = sample_final(model, args.n, args.steps, args.seed, device=device,
                                  on_batch=lambda done, _total: bar.update(done - bar.n),
                                  recipe=recipe, sampler=sampler, eta=args.eta, **choice)
        _save_images(images, out, args.scale)
    print(f"wrote {out}")
    if args.metrics:
        from diffviz.core.quality import meter_applies, shipped_meter
        from diffviz.core.sampling import image_shape_of

        why_not = meter_applies(info.training, image_shape_of(model))
        if why_not:
            print(f"quality: not measured: {why_not}")
        else:
            print(f"quality of {len(images)} samples: {shipped_meter().measure(images).line()}")
    return 0


def _output_kind(out: Path) -> str:
    kind = out.suffix.lower()
    if kind not in OUTPUT_KINDS:
        raise ConfigError(f"--out must end in .png, .npy or .gif, or .webp for an animated WebP (got {out.name})")
    return kind


def _frame_bar(frames: int):
    """A tqdm bar over a run's frames, as a context whose value is ``on_frame(done, total)``."""
    from contextlib import contextmanager

    from tqdm import tqdm

    @contextmanager
    def bar():
        with tqdm(total=frames, desc="run", file=sys.stderr, disable=None, unit="step") as progress:
            yield lambda done, _total: progress.update(done - progress.n)

    return bar()


def _save_images(images: np.ndarray, out: Path, scale: int) -> None:
    from diffviz.core.atomic import atomic_write
    from diffviz.core.export import save_png_grid

    if out.suffix.lower() == ".npy":
        atomic_write(out, lambda handle: np.save(handle, images.astype(np.float32), allow_pickle=False))
    else:
        save_png_grid(images, out, scale=scale)


def _save_run(trajectory, out: Path, args: argparse.Namespace, panels: tuple[str, ...] = ("x",)) -> np.ndarray:
    """A recorded run to ``out``: the animation for .gif/.webp, the results for .png/.npy; returns the results."""
    from diffviz.core.export import ANIMATION_SUFFIXES, GifOptions, save_animation

    if out.suffix.lower() in ANIMATION_SUFFIXES:
        save_animation(trajectory, out, GifOptions(panels=panels, fps=args.fps, scale=args.scale,
                                                   labels=not args.no_labels))
    else:
        _save_images(trajectory.final, out, args.scale)
    return trajectory.final


def _reads(args: argparse.Namespace) -> bool:
    """``--digit read``: the model reads the digit in the input's kept pixels and steers toward it."""
    return args.digit == READ_DIGIT


def _told_digit(args: argparse.Namespace) -> int | None:
    """The digit 0-9 ``--digit`` names, or None (read, none, or not given)."""
    return args.digit if isinstance(args.digit, int) else None


def _run_setup(args: argparse.Namespace):
    """What an edit or interpolation run shares with ``sample``: the output checked, the model, its recipe,
    the device; the digit, guidance and sampler checked against the recipe."""
    from diffviz.core.device import resolve_device
    from diffviz.core.recipes import get_recipe
    from diffviz.core.sampling import validate_sampling

    out: Path = args.out
    _output_kind(out)
    _check_writable(out)
    _set_threads(args.threads)
    device = resolve_device(args.device)
    validate_sampling(1, args.steps, _told_digit(args), args.guidance)
    model, info = _load_model(args.checkpoint, args.recipe)
    recipe = get_recipe(info.recipe)
    if (args.digit not in (None, NO_DIGIT) or args.guidance is not None) and not recipe.classes:
        raise ConfigError(f"--digit and --guidance need a model told the class (flow-class); this is a {recipe.name} "
                          "model")
    if args.guidance is not None and args.digit in (None, NO_DIGIT):
        raise ConfigError("--guidance steers toward a digit: give --digit too (an edit is told no digit otherwise)")
    if args.sampler and args.sampler not in recipe.samplers:
        raise ConfigError(f"a {recipe.name} model samples with {' or '.join(recipe.samplers)}, not {args.sampler}")
    return out, model, info, recipe, device


def edit_command(args: argparse.Namespace) -> int:
    from diffviz.core import editing
    from diffviz.core.edit_files import read_edit_input
    from diffviz.core.edit_modes import EDIT_MODES, EditRequest
    from diffviz.core.editing import run_edit
    from diffviz.core.sampling import image_shape_of

    mode = EDIT_MODES[args.mode]
    if args.mask is not None and not mode.uses_mask:
        raise ConfigError(f"--mask is for inpaint; {mode.title} does not use one")
    if args.mask is None and mode.uses_mask:
        raise ConfigError("inpaint needs --mask: an image or .npy where 1 (white) marks the part to regenerate")
    if args.strength is not None and not mode.uses_strength:
        raise ConfigError(f"--strength is for sdedit and inpaint; {mode.title} walks all the way to noise")
    if args.jumps and not mode.uses_jumps:
        raise ConfigError(f"--jumps is for inpaint; {mode.title} has no resampling")
    if args.strength is not None:
        editing.check_strength(args.strength)
    out, model, info, recipe, device = _run_setup(args)
    shape = image_shape_of(model)  # a pipeline folder's colour 32 px, a model of your own images: read at its shape
    images = read_edit_input(args.input, "the input", shape=shape)
    mask = (read_edit_input(args.mask, "the mask", light_on_dark=False, shape=shape, mask=True, images=len(images))
            if args.mask is not None else None)
    if _reads(args) and not mode.uses_image:
        raise ConfigError(f"--digit read reads the digit in --input; {mode.title} has none")
    by_default = args.digit is None and bool(recipe.classes) and bool(mode.reads_by_default)
    request = EditRequest(mode=mode.key, images=images, mask=mask, strength=args.strength, jumps=args.jumps,
                          steps=args.steps, digit=_told_digit(args), read_digit=_reads(args) or by_default,
                          guidance=args.guidance, sampler=args.sampler, seed=args.seed)
    editing.check_request(request, recipe, shape)  # bad settings: one line, before anything else is said
    if by_default:
        print(f"reading the digit first, the default for {args.mode} ({mode.reads_by_default}); --digit none "
              "tells it none", file=sys.stderr)
    print(f"{mode.title}: {len(images)} image{'s' if len(images) != 1 else ''} in {args.steps} steps with "
          f"{info.summary()}", file=sys.stderr)
    with _frame_bar(request.frames) as progress:
        trajectory = run_edit(request, model, recipe, device=device, on_frame=progress)
    _save_run(trajectory, out, args)
    if trajectory.edit.read is not None:
        print(f"read as: {' '.join(str(int(digit)) for digit in trajectory.edit.read)}")
    if mode.needs_inversion:
        print(f"round trip: mean |error| {trajectory.edit.round_trip_error(trajectory)[0]:.4f} (pixels in 0..1)")
    print(f"wrote {out}")
    return 0


def interpolate_command(args: argparse.Namespace) -> int:
    from diffviz.core.edit_modes import INTERPOLATE, EditRequest
    from diffviz.core.editing import check_request, run_edit

    parts = [part.strip() for part in args.seeds.split(",")]
    if len(parts) != 2 or not all(part.isdigit() for part in parts):
        raise ConfigError(f"--seeds takes two whole numbers separated by a comma, e.g. 3,7 (got {args.seeds!r})")
    if _reads(args):
        raise ConfigError("--digit read reads the digit in an edit's --input; interpolate starts from noise: give a "
                          "digit 0-9, or none")
    out, model, info, recipe, device = _run_setup(args)
    request = EditRequest(mode=INTERPOLATE.key, seeds=(int(parts[0]), int(parts[1])), n=args.n, method=args.method,
                          steps=args.steps, digit=_told_digit(args), guidance=args.guidance, sampler=args.sampler,
                          seed=args.seed)
    check_request(request, recipe)
    print(f"{args.method} between the noises of seeds {parts[0]} and {parts[1]}: {args.n} images in {args.steps} "
          f"steps with {info.summary()}", file=sys.stderr)
    with _frame_bar(request.frames) as progress:
        trajectory = run_edit(request, model, recipe, device=device, on_frame=progress)
    _save_run(trajectory, out, args)
    print(f"wrote {out}")
    return 0


def export_pipeline_command(args: argparse.Namespace) -> int:
    from diffviz.core.pipelines import export_pipeline
    from diffviz.core.recipes import get_recipe

    model, info = _load_model(args.checkpoint, args.recipe)
    out = export_pipeline(model, get_recipe(info.recipe), args.out)
    print(f"wrote {out}: load it with DDPMPipeline.from_pretrained({str(out)!r})")
    return 0


# ----- the 2-D lab: diffviz toy data | train | sample ----------------------------------------------------------

TOY_OUTPUTS = (".npy", ".png")
TOY_ANIMATIONS = (".gif", ".webp")
TOY_BACKDROP_POINTS = 5_000  # data points drawn under samples (all of a CSV): enough to show any set's shape


def _toy_points(spec: str, n: int, seed: int):
    """(points, classes) of a data set name or ``csv:FILE`` (a CSV's own points, all of them)."""
    from diffviz.core.toy.datasets import make, read_points_csv

    if spec.startswith("csv:"):
        return read_points_csv(Path(spec[4:]).expanduser())
    return make(spec, n, seed), None


def _toy_out(out: Path, animations: bool = False) -> Path:
    kinds = TOY_OUTPUTS + (TOY_ANIMATIONS if animations else ())
    if out.suffix.lower() not in kinds:
        moving = ", .gif or .webp (the points moving)" if animations else ""
        raise ConfigError(f"--out must end in .npy ((N, 2) float32) or .png (a scatter plot){moving} "
                          f"(got {out.name})")
    _check_writable(out)
    return out


def _save_points(points: np.ndarray, out: Path, classes=None, data: np.ndarray | None = None) -> None:
    from diffviz.core.atomic import atomic_write
    from diffviz.core.toy.plot import scatter_png

    if out.suffix.lower() == ".npy":
        atomic_write(out, lambda handle: np.save(handle, points.astype(np.float32), allow_pickle=False))
    else:
        scatter_png(points, out, classes=classes, data=data)


def toy_command(args: argparse.Namespace) -> int:
    """``diffviz toy data|train|sample``: the 2-D lab's engine headless (``core.toy``)."""
    if args.toy_command == "data":
        out = _toy_out(args.out)
        points, classes = _toy_points(args.data, args.n, args.seed)
        _save_points(points, out, classes)
        print(f"wrote {out}: {len(points):,} points of {args.data}")
        return 0
    if args.toy_command == "train":
        from diffviz.core.toy.recipes import get_toy_recipe, save_toy_checkpoint, train_points

        out: Path = args.out
        if out.suffix.lower() != ".safetensors":
            raise ConfigError(f"--out must end in .safetensors (got {out.name})")
        _check_writable(out)
        recipe = get_toy_recipe(args.recipe)
        points, _classes = _toy_points(args.data, args.n, args.seed)
        budget = f"{args.steps} steps" if args.steps else f"{args.seconds or 20:g} s"
        print(f"training ToyMLP ({recipe.name} recipe: {recipe.summary}) on {len(points):,} points of {args.data} "
              f"for {budget}, seed {args.seed}", file=sys.stderr)
        model, losses = train_points(points, recipe, seconds=None if args.steps else (args.seconds or 20.0),
                                     steps=args.steps, seed=args.seed)
        save_toy_checkpoint(out, model, recipe, {"steps": len(losses), "data": args.data, "digits": False})
        print(f"saved {out} after {len(losses)} steps (loss {np.mean(losses[:10]):.4f} → {np.mean(losses[-10:]):.4f})")
        return 0
    return _toy_sample(args)


def _toy_sample(args: argparse.Namespace) -> int:
    """``diffviz toy sample``: points drawn from noise to .npy or .png, or the walk itself as a GIF or WebP."""
    from diffviz.core.sampling import MAX_SAMPLES, MAX_STEPS
    from diffviz.core.toy.recipes import load_toy_checkpoint, sample_points
    from diffviz.core.toy.render import check_animation_settings

    out = _toy_out(args.out, animations=True)
    moving = out.suffix.lower() in TOY_ANIMATIONS
    if not 1 <= args.n <= MAX_SAMPLES or not 1 <= args.steps <= MAX_STEPS:
        raise ConfigError(f"--n must be 1 to {MAX_SAMPLES} and --steps 1 to {MAX_STEPS}")
    if args.data and out.suffix.lower() == ".npy":
        raise ConfigError("--data draws the data under the points of a .png, .gif or .webp; a .npy holds the drawn "
                          "points alone")
    if moving:
        check_animation_settings(size=args.size, trail=args.trail, fps=args.fps)
    data = _toy_points(args.data, TOY_BACKDROP_POINTS, args.seed)[0] if args.data else None
    model, recipe = load_toy_checkpoint(args.checkpoint)
    sampler = args.sampler or recipe.sampler
    if not moving:
        points = sample_points(model, recipe, args.n, args.steps, sampler, args.seed)
        _save_points(points, out, data=data)
        print(f"wrote {out}: {args.n:,} points in {args.steps} {sampler} steps")
        return 0
    import torch

    from diffviz.core.toy.lab import check_lab_request, walk_points
    from diffviz.core.toy.render import save_points_animation

    if sampler not in recipe.samplers:  # in the words sample_points uses for a .png or .npy
        raise ConfigError(f"the {recipe.name} recipe samples with {', '.join(recipe.samplers)}, not {sampler!r}")
    check_lab_request(args.n, args.steps, (sampler,), recipe.process)
    noise = recipe.process.draw_noise((args.n, 2), torch.Generator().manual_seed(args.seed))
    # seed + 1 for a stochastic sampler's fresh noise, as sample_points and the lab draw it: the same points
    walk = walk_points(recipe.predictor(model), recipe.process, sampler, noise, args.steps, seed=args.seed + 1,
                       recipe=recipe.name)
    save_points_animation([walk], out, data=data, fps=args.fps, size=args.size, trail=args.trail)
    print(f"wrote {out}: {args.n:,} points moving in {args.steps} {sampler} steps ({walk.n_frames} frames)")
    return 0
