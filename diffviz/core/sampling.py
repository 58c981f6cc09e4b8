"""Sampling: run a recipe's model with any of its samplers and record every step into a ``Trajectory``.

The samplers themselves live in ``core.samplers`` (one module per family, one interface);
this module is the one loop that drives any of them: it checks the request, starts from
the recipe's noise (repeatable by seed), hands the sampler a ``Denoiser`` (the model with
its labels and guidance), and writes each yielded frame, mapped to the screen's [0, 1],
into preallocated arrays. One ``Trajectory`` is then the single source for the timeline,
the inspector, the Compare view and every export.

A model told the digit's class (the ``flow-class`` recipe) is asked for one digit per
sample, 0 to 9 in turn unless a single digit is chosen, and its two predictions, with
and without the label, are combined by classifier-free guidance (``Recipe.guided_predict``).
"""

from __future__ import annotations

import threading
from typing import Callable, Iterator

import numpy as np
import torch
from torch import nn

from diffviz.core import i18n
from diffviz.core.errors import ConfigError
from diffviz.core.features import FeatureCapture, feature_values_per_sample, model_facts
from diffviz.core.guidance import MAX_GUIDANCE, Guidance
from diffviz.core.precision import FP32, Precision, PrecisionChoice, choose_precision, model_key
from diffviz.core.recipes import RECIPES, Recipe
from diffviz.core.samplers import Denoiser, SamplerStep, get_sampler
from diffviz.core.samplers.base import Anchor
from diffviz.core.trajectory import Trajectory

MAX_SAMPLES = 10_000
MAX_STEPS = 1_000
MAX_TRAJECTORY_BYTES = 2 * 1024**3  # a recorded run must fit comfortably in a laptop's memory
IMAGE_SHAPE = (1, 28, 28)

__all__ = ["MAX_GUIDANCE", "MAX_SAMPLES", "MAX_STEPS", "Trajectory", "check_trajectory_fits", "feature_samples_that_fit", "initial_noise",
           "iter_sampler", "record_walk", "resolve_guidance", "sample", "sample_final", "sampling_labels", "trajectory_bytes",
           "validate_sampling"]


def image_shape_of(model: nn.Module) -> tuple[int, int, int]:
    """(channels, height, width) of the images ``model`` makes: MNIST's unless it says otherwise (a pipeline
    folder's UNet2DModel, ``models.unet2d.PipelineUNet``)."""
    return tuple(getattr(model, "image_shape", IMAGE_SHAPE))


def validate_sampling(n: int, steps: int, digit: int | None = None, guidance: float | None = None) -> None:
    if not 1 <= n <= MAX_SAMPLES:
        raise ConfigError(i18n.tr("the number of samples must be between 1 and {most} (got {n})")
                          .format(most=MAX_SAMPLES, n=n))
    if not 1 <= steps <= MAX_STEPS:
        raise ConfigError(i18n.tr("the number of steps must be between 1 and {most} (got {steps})")
                          .format(most=MAX_STEPS, steps=steps))
    if digit is not None and not 0 <= digit <= 9:
        raise ConfigError(i18n.tr("the digit to draw must be 0 to 9 (got {digit})").format(digit=digit))
    if guidance is not None:
        Guidance(float(guidance))  # refuses a scale outside 0..MAX_GUIDANCE, with the one message


def resolve_guidance(recipe: Recipe, guidance: float | None = None,
                     interval: tuple[float, float] | None = None) -> Guidance:
    """The guidance a run uses: the recipe's default scale and interval unless given (scale 1 for recipes
    whose model is not told the class: there is nothing to guide toward)."""
    if not recipe.classes:
        return Guidance()
    default = recipe.default_guidance
    return Guidance(default.scale if guidance is None else float(guidance),
                    default.interval if interval is None else tuple(interval))


def sample_labels(n: int, digit: int | None = None, classes: int = 10) -> torch.Tensor:
    """The class each of ``n`` samples is asked for: ``digit`` for all, or 0, 1, ... in turn."""
    if digit is not None:
        return torch.full((n,), int(digit), dtype=torch.long)
    return torch.arange(n) % classes


def sampling_labels(recipe: Recipe, n: int, digit: int | None) -> torch.Tensor | None:
    """Labels for a class recipe, None for one whose model is not told the class."""
    return sample_labels(n, digit, recipe.classes) if recipe.classes else None


def trajectory_bytes(model: nn.Module, n: int, steps: int, features: bool | int,
                     image_shape: tuple[int, int, int] = IMAGE_SHAPE) -> int:
    """How much memory recording a run will take: x and predictions (float32) plus feature maps (float16),
    the maps sized from the model's own layers (``describe_layers``). Without ``features`` nothing is run."""
    frames = steps + 1
    pixels = int(np.prod(image_shape))
    total = 2 * frames * n * pixels * 4
    if features:
        kept = n if features is True else min(n, int(features))
        total += frames * kept * feature_values_per_sample(model, image_shape) * 2
    return total


def feature_samples_that_fit(model: nn.Module, n: int, steps: int, wanted: int,
                             image_shape: tuple[int, int, int] = IMAGE_SHAPE) -> int:
    """How many of the first ``wanted`` samples can keep their feature maps in a recording of ``n`` x ``steps``
    within the memory limit (0 when none can, or when the images alone do not fit: ``check_trajectory_fits``
    then says why). The app thins the maps of a large model's run with this instead of refusing the run."""
    frames = steps + 1
    room = MAX_TRAJECTORY_BYTES // frames - 2 * n * int(np.prod(image_shape)) * 4
    wanted = min(int(wanted), n)
    if wanted <= 0 or room <= 0:
        return 0
    maps = feature_values_per_sample(model, image_shape) * 2
    if maps == 0:  # a model without layers to look into (the perfect denoiser): nothing to thin
        return wanted
    return int(min(wanted, room // maps))


def check_trajectory_fits(model: nn.Module, n: int, steps: int, features: bool | int,
                          image_shape: tuple[int, int, int] = IMAGE_SHAPE) -> None:
    """Refuse, before any work, a recording that would not fit in memory; say what would, in one line.

    The images are counted first: when x and the predictions alone are over the limit, the run is refused
    without sizing the feature maps (sizing them may run the model on one dummy image). The line names the
    most steps that fit for these samples and the most samples that fit for these steps (with the feature
    maps asked for), and, when the maps are what does not fit, for how many samples they could be kept.
    """
    limit = MAX_TRAJECTORY_BYTES
    frames = steps + 1
    image = 2 * int(np.prod(image_shape)) * 4  # one sample's x and prediction in one frame, float32
    keep = 0 if not features else n if features is True else min(n, int(features))
    asked = dict(n=n, steps=steps, images=images_text(image_shape), limit=_gb(limit, 0))

    def fits(maps: int) -> str:
        """What fits, with ``maps`` bytes of feature maps per kept sample and frame: two facts, each whole."""
        most_steps = limit // (n * image + keep * maps) - 1
        room = limit // frames  # bytes a frame may take with these steps
        if features is True or room // (image + maps) < keep:
            most_samples = room // (image + maps)  # every sample keeps its maps
        else:
            most_samples = (room - keep * maps) // image  # only the first ``keep`` do
        first = i18n.tr("{n} samples fit up to %n step(s)", None, most_steps).format(n=n) if most_steps >= 1 \
            else i18n.tr("not even 1 step of {n} samples fits").format(n=n)
        second = i18n.tr("{steps} steps fit up to %n sample(s)", None, most_samples).format(steps=steps) \
            if most_samples >= 1 else i18n.tr("{steps} steps do not fit for even 1 sample").format(steps=steps)
        return i18n.tr("{first}; {second}").format(first=first, second=second)

    images = frames * n * image
    if images > limit:
        if keep:
            raise ConfigError(i18n.tr(
                "recording {n} samples x {steps} steps of {images} needs about {size} for the images alone, more "
                "with feature maps, above the {limit} limit: use fewer samples or steps ({fits}, fewer with feature "
                "maps), or export a .npy/.png of the results only (nothing is recorded then)").format(
                    size=_gb(images), fits=fits(0), **asked))
        raise ConfigError(i18n.tr(
            "recording {n} samples x {steps} steps of {images} needs about {size} for the images alone, above the "
            "{limit} limit: use fewer samples or steps ({fits}), or export a .npy/.png of the results only (nothing "
            "is recorded then)").format(size=_gb(images), fits=fits(0), **asked))
    if not keep:
        return
    maps = feature_values_per_sample(model, image_shape) * 2  # float16, per kept sample and frame
    need = images + frames * keep * maps
    if need <= limit:
        return
    most_maps = feature_samples_that_fit(model, n, steps, n, image_shape)
    if most_maps:
        raise ConfigError(i18n.tr(
            "recording {n} samples x {steps} steps of {images} with feature maps needs about {size}, above the "
            "{limit} limit: use fewer samples or steps ({fits}), capture feature maps for at most %n sample(s), "
            "record without feature maps, or export a .npy/.png of the results only (nothing is recorded then)",
            None, most_maps).format(size=_gb(need), fits=fits(maps), **asked))
    raise ConfigError(i18n.tr(
        "recording {n} samples x {steps} steps of {images} with feature maps needs about {size}, above the "
        "{limit} limit: use fewer samples or steps ({fits}), record without feature maps, or export a .npy/.png "
        "of the results only (nothing is recorded then)").format(size=_gb(need), fits=fits(maps), **asked))


def _gb(size: int, digits: int = 1) -> str:
    """A memory size in GB, for the messages: ``2.5 GB``."""
    return f"{size / 2**30:.{digits}f} GB"


def images_text(image_shape: tuple[int, ...]) -> str:
    """``(3, 32, 32)`` -> ``32x32 colour images``: how the messages name a model's images."""
    channels, height, width = image_shape
    if channels == 1:
        return i18n.tr("{height}x{width} grey images").format(height=height, width=width)
    if channels == 3:
        return i18n.tr("{height}x{width} colour images").format(height=height, width=width)
    return i18n.tr("{height}x{width} {channels}-channel images").format(height=height, width=width,
                                                                        channels=channels)


def initial_noise(n: int, seed: int, shape: tuple[int, int, int] = IMAGE_SHAPE,
                  recipe: Recipe = RECIPES["course"]) -> torch.Tensor:
    """The starting point, repeatable by seed: the recipe's noise (the course's ``torch.rand``)."""
    generator = torch.Generator().manual_seed(seed)
    return recipe.draw_noise((n, *shape), generator)


@torch.no_grad()
def iter_sampler(model: nn.Module, x: torch.Tensor, steps: int, recipe: Recipe, sampler: str | None = None,
                 capture: FeatureCapture | None = None, inspect_result: bool = True, eta: float = 0.0,
                 seed: int = 0, labels: torch.Tensor | None = None,
                 guidance: Guidance | float | None = None, precision: Precision = FP32,
                 anchor: Anchor | None = None) -> Iterator[SamplerStep]:
    """Frames 0..steps of the recipe's sampler (or ``sampler``), x and prediction on the [0, 1] screen scale.

    ``labels`` and ``guidance`` (a ``Guidance`` or a scale; None: the recipe's default) matter only to class
    recipes; ``seed`` seeds the
    fresh noise of stochastic samplers. ``precision`` is how the network runs (``core.precision``); the frames
    are fp32 whatever it is. An ``anchor`` makes the walk an edit (``core.editing``).
    """
    chosen = get_sampler(sampler or recipe.sampler)
    if not chosen.works_with(recipe.process):
        raise ConfigError(i18n.tr("the {recipe} recipe samples with {samplers}, not {sampler}").format(
            recipe=recipe.name, samplers=", ".join(recipe.samplers), sampler=repr(chosen.name)))
    predict = recipe.predictor(model, None if labels is None else labels.to(x.device),
                               guidance if isinstance(guidance, Guidance) else resolve_guidance(recipe, guidance))
    denoiser = Denoiser(predict, recipe.process, capture, None if precision is FP32 else precision)
    precision.prepare(model)
    generator = torch.Generator(device=x.device).manual_seed(seed + 1)
    to_screen = recipe.process.to_screen
    for step in chosen.run(denoiser, x, steps, eta=eta, generator=generator, inspect_result=inspect_result,
                           anchor=anchor):
        step.x, step.pred = to_screen(step.x), to_screen(step.pred)
        if anchor is not None and step.frame == steps:
            step.x = anchor.kept_exactly(step.x)
        yield step


def sample(model: nn.Module, n: int = 8, steps: int = 5, seed: int = 0,
           features: bool | int = False, device: torch.device | str = "cpu",
           cancel: threading.Event | None = None,
           on_frame: Callable[[int, int], None] | None = None,
           recipe: Recipe = RECIPES["course"], sampler: str | None = None, eta: float = 0.0,
           digit: int | None = None, guidance: float | None = None,
           precision: Precision = FP32, guidance_interval: tuple[float, float] | None = None,
           on_start: Callable[[Trajectory], None] | None = None, keep_stopped: bool = False, *,
           noise: torch.Tensor | None = None, anchor: Anchor | None = None, labelled: bool = True,
           digits: torch.Tensor | None = None, edit: object | None = None) -> Trajectory | None:
    """Sample ``n`` images in ``steps`` steps and record the whole trajectory.

    ``features``: False for none, True for every image, or an int to capture the first
    that many images' feature maps. ``on_frame(done, total)`` reports progress, once ``done`` frames are
    made; setting ``cancel`` stops between steps and returns None, or with ``keep_stopped`` the frames made
    so far as a stopped run (``Trajectory.stopped_at``; None still when not even frame 0 was made). Class
    recipes draw ``digit`` (None: 0 to 9 in turn) with ``guidance`` applied over the noise levels
    ``guidance_interval`` (None: the recipe's defaults; ``core.guidance``).

    ``on_start(trajectory)`` is called once, as soon as frame 0 is written, with the Trajectory being
    recorded: the same object is filled in place and returned at the end, and a reader on another thread
    may look at frames below its ``frames_made`` while the rest are computed (the rule is in
    ``core.trajectory``).

    Edits (``core.editing``) start from their own ``noise`` (model space, (n, *image_shape_of(model)); None: the
    seed's),
    tie the walk to an ``anchor``, are not told 0 to 9 in turn (``labelled=False``: a class model is told
    no label unless a ``digit`` is chosen, or one ``digits`` each) and leave their ``edit`` record on the
    trajectory.
    """
    validate_sampling(n, steps, digit, guidance)
    guided = resolve_guidance(recipe, guidance, guidance_interval)
    labels = sampling_labels(recipe, n, digit) if labelled or digit is not None else None
    if digits is not None and recipe.classes:
        labels = torch.as_tensor(digits, dtype=torch.long).reshape(n)
    device = torch.device(device)
    x0 = (initial_noise(n, seed, image_shape_of(model), recipe) if noise is None else noise).to(device)
    sampler = sampler or recipe.sampler

    def walk(capture: FeatureCapture | None) -> Iterator[SamplerStep]:
        return iter_sampler(model, x0, steps, recipe, sampler, capture, eta=eta, seed=seed, labels=labels,
                            guidance=guided, precision=precision, anchor=anchor)

    described = dict(seed=seed, sampler=sampler, recipe=recipe.name,
                     labels=None if labels is None else labels.numpy(),
                     guidance=guided.scale if labels is not None else 1.0, guidance_interval=guided.interval,
                     edit=edit)
    return record_walk(model, walk, tuple(x0.shape), steps, described, features=features, device=device,
                       cancel=cancel, on_frame=on_frame, on_start=on_start, keep_stopped=keep_stopped)


def record_walk(model: nn.Module, walk: Callable[[FeatureCapture | None], Iterator[SamplerStep]],
                shape: tuple[int, ...], steps: int, described: dict, *, features: bool | int = False,
                device: torch.device | str = "cpu", cancel: threading.Event | None = None,
                on_frame: Callable[[int, int], None] | None = None,
                on_start: Callable[[Trajectory], None] | None = None,
                keep_stopped: bool = False) -> Trajectory | None:
    """Record every frame a walk yields into preallocated arrays: the loop behind ``sample`` and the edits.

    ``walk(capture)`` yields frames 0..``steps`` on the screen scale for images of ``shape``;
    ``described`` holds the Trajectory's other fields (seed, sampler, recipe, labels, ...). ``features``,
    ``cancel``, ``on_frame``, ``on_start`` and ``keep_stopped`` as for ``sample``.
    """
    device = torch.device(device)
    was_training = model.training
    model.to(device).eval()
    n = shape[0]
    check_trajectory_fits(model, n, steps, features, tuple(shape[1:]))
    limit = None if features is True else int(features)
    capture = FeatureCapture(model, limit) if features else None
    frames = steps + 1
    xs = np.empty((frames, *shape), dtype=np.float32)
    preds = np.empty_like(xs)
    mixes = np.empty(steps, dtype=np.float64)
    levels = np.empty(frames, dtype=np.float64)
    conditions = np.empty(frames, dtype=np.float64)
    layer_maps: dict[str, np.ndarray] = {}  # filled in place: stacking afterwards would copy it all again
    recording: Trajectory | None = None  # made once frame 0 is written, when every layer's array exists

    def start_recording() -> Trajectory:
        facts = model_facts(model)
        return Trajectory(xs=xs, preds=preds, mix=mixes, features=layer_maps, levels=levels, conditions=conditions,
                          frames_made=0, **described,
                          layer_notes={name: facts.notes.get(name, "") for name in layer_maps} if facts else {},
                          attention_layers=tuple(name for name in capture.attention_names if name in layer_maps)
                          if capture is not None else ())

    try:
        if capture is not None:
            capture.__enter__()
        for record in walk(capture):
            if cancel is not None and cancel.is_set():
                return recording.stopped_at() if keep_stopped and recording is not None else None
            xs[record.frame] = record.x.cpu().numpy()
            preds[record.frame] = record.pred.cpu().numpy()
            levels[record.frame], conditions[record.frame] = record.level, record.condition
            if record.frame < steps:
                mixes[record.frame] = record.mix
            for name, array in record.features.items():
                if name not in layer_maps:
                    layer_maps[name] = np.empty((frames, *array.shape), dtype=array.dtype)
                layer_maps[name][record.frame] = array
            if recording is None:
                recording = start_recording()
            recording.frames_made = record.frame + 1  # only now: every array of this frame is written
            if record.frame == 0 and on_start is not None:
                on_start(recording)
            if on_frame is not None:
                on_frame(record.frame + 1, frames)
    finally:
        if capture is not None:
            capture.__exit__(None, None, None)
        model.train(was_training)
    return recording


@torch.no_grad()
def sample_final(model: nn.Module, n: int, steps: int, seed: int = 0, device: torch.device | str = "cpu",
                 batch_size: int = 1000, on_batch: Callable[[int, int], None] | None = None,
                 cancel: threading.Event | None = None, recipe: Recipe = RECIPES["course"],
                 sampler: str | None = None, eta: float = 0.0, digit: int | None = None,
                 guidance: float | None = None, precision: Precision = FP32,
                 guidance_interval: tuple[float, float] | None = None) -> np.ndarray | None:
    """Only the finished images (N, C, H, W) float32 in [0, 1], in batches: for large n and the CLI.

    Setting ``cancel`` stops between two steps and returns None. ``digit``, ``guidance`` and
    ``guidance_interval`` as for ``sample``.
    """
    validate_sampling(n, steps, digit, guidance)
    guided = resolve_guidance(recipe, guidance, guidance_interval)
    labels = sampling_labels(recipe, n, digit)
    was_training = model.training
    model.to(device).eval()
    x_all = initial_noise(n, seed, image_shape_of(model), recipe)
    out = np.empty(tuple(x_all.shape), dtype=np.float32)
    try:
        for start in range(0, n, batch_size):
            x = x_all[start:start + batch_size].to(device)
            for record in iter_sampler(model, x, steps, recipe, sampler, inspect_result=False, eta=eta,
                                       seed=seed + start, guidance=guided, precision=precision,
                                       labels=None if labels is None else labels[start:start + len(x)]):
                if cancel is not None and cancel.is_set():
                    return None
                if record.frame == steps:
                    out[start:start + len(x)] = record.x.cpu().numpy()
            if on_batch is not None:
                on_batch(min(start + batch_size, n), n)
    finally:
        model.train(was_training)
    return np.clip(out, 0.0, 1.0)


def choose_sampling_precision(choice: str, model: nn.Module, recipe: Recipe, n: int,
                              device: torch.device | str = "cpu", timer=None) -> PrecisionChoice:
    """The precision to sample ``n`` images with: ``fp32``, ``bf16``, or ``auto`` (a few forward passes of each
    candidate on a copy of the model, unless remembered for this machine). ``timer`` replaces the measurement."""
    from diffviz.core.precision import step_timer

    device = torch.device(device)
    noise = initial_noise(n, 0, image_shape_of(model), recipe).to(device)
    x, condition = recipe.noisy_at(noise, torch.full((n,), 0.5, device=device), noise)  # a mid-way input
    labels = sampling_labels(recipe, n, None)

    @torch.no_grad()
    def step(probe: nn.Module, precision: Precision) -> None:
        probe.eval()
        with precision.autocast(device):
            recipe.guided_predict(probe, precision.images(x), condition, labels, recipe.default_guidance)

    return choose_precision(choice, device, timer=timer or step_timer(model, step, device),
                            key=model_key(model, n, "sample"))

