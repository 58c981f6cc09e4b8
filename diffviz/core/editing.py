"""The Edit lab's algorithms: hand the model an image (or two noises) and record what it does with it.

Each mode is a short function over a model, its recipe (whose process says how images are
noised) and a sampler, and each returns an ordinary ``Trajectory`` with an ``EditRecord``
(``core.edit_modes``), so the timeline, inspector, Compare view and exports show an edit as
they show any run:

- ``sdedit``: noise the image to a strength with the process's own noising, denoise from
  there (the samplers' ``Anchor.start``);
- ``inpaint``: RePaint, the kept pixels replaced after every step by the image noised to
  the step's level, with optional resampling jumps (``Anchor.mask``, ``Anchor.jumps``);
- ``interpolate``: noises along a spherical or straight path between two seeds' noises,
  all sampled the same way;
- ``invert``: DDIM run backwards (diffusers' ``DDIMInverseScheduler``) from the image to
  noise, then DDIM forwards again.

Inputs are screen-scale images of the model's own shape, (N, C, H, W) float32 in [0, 1]
(``image_shape_of(model)``: MNIST's (1, 28, 28) for the course's models, colour or larger for a
pipeline folder's or a model trained on your own images), and masks of one plane for every
channel, (1 or N, 1, H, W), with 1 = regenerate (diffusers' convention). Unless a digit is chosen, a class model
is told no label: the repair follows the image, not 0 to 9 in turn.
"""

from __future__ import annotations

import math
import threading
from typing import Callable, Generator, Iterator

import numpy as np
import torch
from torch import nn

from diffviz.core import i18n
from diffviz.core.edit_modes import (EDIT_MODES, INPAINT, INTERPOLATE, INTERPOLATIONS, INVERT, SDEDIT, EditRecord,
                                    EditRequest)
from diffviz.core.errors import ConfigError
from diffviz.core.features import FeatureCapture
from diffviz.core.guidance import Guidance
from diffviz.core.precision import FP32, Precision
from diffviz.core.recipes import Recipe
from diffviz.core.samplers import Denoiser, SamplerStep, get_sampler
from diffviz.core.samplers.base import Anchor, full, measured_mix
from diffviz.core.sampling import (IMAGE_SHAPE, MAX_SAMPLES, image_shape_of, images_text, initial_noise,
                                   iter_sampler, record_walk, sample, validate_sampling)
from diffviz.core.trajectory import Trajectory

MAX_JUMPS = 20  # RePaint uses up to 10; beyond 20 a run only gets slower
INVERSE_SAMPLER = "ddim"  # the sampler an inversion walks back with (its inverse is diffusers' DDIMInverseScheduler)

__all__ = ["EDIT_MODES", "MAX_JUMPS", "EditRequest", "check_images", "check_mask", "inpaint", "interpolate",
           "check_request", "interpolation_path", "invert", "read_digits", "run_edit", "sdedit", "slerp"]


# ----- input checks ------------------------------------------------------------------------------------
def _shape_text(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(str(side) for side in shape) + ")"


def _numbers(array: np.ndarray, what: str) -> np.ndarray:
    """Refuse what holds no numbers at all (strings, booleans) before its shape is looked at. ``what`` names the
    input in the messages (``i18n.tr`` of it: a marked default such as "the input", or a caller's own words)."""
    array = np.asarray(array)
    if array.dtype.kind not in "fiu" or array.dtype == bool:
        raise ConfigError(i18n.tr("{what} must be numbers (got {dtype})").format(what=i18n.tr(what),
                                                                                  dtype=array.dtype))
    return array


def _pixels(array: np.ndarray, what: str) -> np.ndarray:
    """``array`` as float32 pixels in [0, 1], or a line saying what is wrong with its numbers."""
    array = _numbers(array, what).astype(np.float32)
    if not np.isfinite(array).all():
        raise ConfigError(i18n.tr("{what} holds NaN or infinite values; pixels must be in [0, 1]")
                          .format(what=i18n.tr(what)))
    if array.min() < 0.0 or array.max() > 1.0:
        found = dict(what=i18n.tr(what), low=array.min(), high=array.max())
        if array.max() > 1.0 and array.max() <= 255.0:
            raise ConfigError(i18n.tr("{what} must be in [0, 1] (got values from {low:g} to {high:g}) (divide 0-255 "
                                      "pixels by 255)").format(**found))
        raise ConfigError(i18n.tr("{what} must be in [0, 1] (got values from {low:g} to {high:g})").format(**found))
    return array


def check_images(images: np.ndarray, what: str = i18n.QT_TR_NOOP("the input"),
                 shape: tuple[int, int, int] = IMAGE_SHAPE) -> np.ndarray:
    """Images for a model that makes ``shape`` (channels, height, width) images, as (N, C, H, W) float32 in
    [0, 1]; one (C, H, W) image, and for a grey model one (H, W) image, are accepted too. Anything else is
    refused with one line naming the shape expected and the shape given, so a learner whose file was read at
    the wrong size sees both at once."""
    array = _numbers(images, what)
    shape = tuple(int(side) for side in shape)
    given = tuple(array.shape)
    if given == shape or (shape[0] == 1 and given == shape[1:]):
        array = array.reshape((1, *shape))
    if array.ndim != 4 or tuple(array.shape[1:]) != shape or array.shape[0] == 0:
        one = _shape_text(shape[1:] if shape[0] == 1 else shape)
        raise ConfigError(i18n.tr("{what} must be (N, {sides}) images, or one {one} image, for this model's {images} "
                                  "(got shape {given})").format(
            what=i18n.tr(what), sides=", ".join(map(str, shape)), one=one, images=images_text(shape),
            given=_shape_text(given)))
    if array.shape[0] > MAX_SAMPLES:
        raise ConfigError(i18n.tr("{what} holds {count} images; at most {most} are edited at once")
                          .format(what=i18n.tr(what), count=array.shape[0], most=MAX_SAMPLES))
    return _pixels(array, what)


def check_mask(mask: np.ndarray, images: int, shape: tuple[int, int, int] = IMAGE_SHAPE,
               what: str = i18n.QT_TR_NOOP("the mask")) -> np.ndarray:
    """A mask for ``images`` images of ``shape``: one plane for every channel, 1 = regenerate, as
    (1 or N, 1, H, W) float32; (H, W) and (1, H, W) are one mask for all. It must regenerate something.
    Why one plane: RePaint keeps or repaints a *pixel*; a mask per colour channel would keep the red of a
    pixel and invent its green, which no learner means."""
    array = _numbers(mask, what)
    height, width = int(shape[1]), int(shape[2])
    given = tuple(array.shape)
    if given in ((height, width), (1, height, width)):
        array = array.reshape(1, 1, height, width)
    if array.ndim != 4 or tuple(array.shape[1:]) != (1, height, width) or array.shape[0] == 0:
        raise ConfigError(i18n.tr("{what} must be one {height}x{width} plane for all channels, (N, 1, {height}, "
                                  "{width}) or ({height}, {width}), for this model's {images} (got shape {given})")
                          .format(what=i18n.tr(what), height=height, width=width, images=images_text(shape),
                                  given=_shape_text(given)))
    if array.shape[0] not in (1, images):
        raise ConfigError(i18n.tr("{what} holds {masks} masks for %n image(s): give one mask for all, or one per "
                                  "image", None, images).format(what=i18n.tr(what), masks=array.shape[0]))
    array = _pixels(array, what)
    if not (array > 0).any(axis=(1, 2, 3)).all():
        raise ConfigError(i18n.tr("{what} has nothing to regenerate: paint the part to repaint (mask value 1)")
                          .format(what=i18n.tr(what)))
    return array


def check_strength(strength: float) -> float:
    strength = float(strength)
    if not 0.0 <= strength <= 1.0 or math.isnan(strength):
        raise ConfigError(i18n.tr("the strength must be between 0 and 1 (got {strength:g})").format(strength=strength))
    return strength


def _check_walk(recipe: Recipe, sampler: str | None, steps: int, start: float, jumps: int = 0) -> str:
    """The sampler an edit walks with, refused with a reason when it cannot walk this edit."""
    chosen = get_sampler(sampler or recipe.sampler)
    if not chosen.works_with(recipe.process):
        raise ConfigError(i18n.tr("the {recipe} recipe samples with {samplers}, not {sampler}").format(
            recipe=recipe.name, samplers=", ".join(recipe.samplers), sampler=repr(chosen.name)))
    if jumps and not chosen.resamples:
        able = [name for name in recipe.samplers if get_sampler(name).resamples]
        if len(able) == 2:
            raise ConfigError(i18n.tr("resampling jumps redo a step, which {sampler} cannot (it keeps state between "
                                      "steps): use {first} or {second}, or 0 jumps").format(
                sampler=chosen.name, first=able[0], second=able[1]))
        raise ConfigError(i18n.tr("resampling jumps redo a step, which {sampler} cannot (it keeps state between "
                                  "steps): use {samplers}, or 0 jumps").format(
            sampler=chosen.name, samplers=", ".join(able)))
    if not 0 <= jumps <= MAX_JUMPS:
        raise ConfigError(i18n.tr("the resampling jumps must be between 0 and {most} (got {jumps})")
                          .format(most=MAX_JUMPS, jumps=jumps))
    most = recipe.process.steps_below(start)
    if most is not None and steps > most:
        raise ConfigError(i18n.tr("from strength {strength:g} a {recipe} model has only %n timestep(s) to walk: ask "
                                  "for at most %n step(s), or a higher strength", None, most)
                          .format(strength=start, recipe=recipe.name))
    return chosen.name


def _read(model: nn.Module, recipe: Recipe, images: np.ndarray, mask: np.ndarray | None, record: EditRecord,
          options: dict) -> torch.Tensor | None:
    """``read_digit=True`` in ``options``: the digits the model reads in the kept pixels, noted on the record."""
    if not options.pop("read_digit", False):
        return None
    if options.get("digit") is not None:
        raise ConfigError(i18n.tr("choose a digit or let the model read one, not both"))
    record.read = read_digits(model, recipe, images, mask, seed=options.get("seed", 0),
                              precision=options.get("precision", FP32))
    return torch.from_numpy(record.read)


def _unedited(images: np.ndarray, steps: int, record: EditRecord, recipe: Recipe, sampler: str) -> Trajectory:
    """Strength 0: nothing is noised, so nothing is repaired; every frame is the input, honestly recorded."""
    frames = np.repeat(images[None], steps + 1, axis=0)
    return Trajectory(xs=frames, preds=frames.copy(), mix=np.zeros(steps), sampler=sampler, recipe=recipe.name,
                      levels=np.zeros(steps + 1), conditions=np.zeros(steps + 1), edit=record)


# ----- the model as a reader of digits ---------------------------------------------------------------
READ_LEVELS = (0.3, 0.5, 0.7)  # noise levels the reading looks at: where a digit's identity is decided
READ_DRAWS = 2                 # noise draws per level


@torch.no_grad()
def read_digits(model: nn.Module, recipe: Recipe, images: np.ndarray, mask: np.ndarray | None = None,
                seed: int = 0, precision: Precision = FP32) -> np.ndarray:
    """The digit a class model reads in each image, from the pixels ``mask`` keeps (0 = known; None: all).

    A class model is a classifier in disguise (Li et al. 2023, "Your diffusion model is secretly a zero-shot
    classifier"): noise the image, ask the model for the clean image once per label, and the label whose
    prediction explains the *known* pixels best is the digit it sees. Averaged over a few noise levels and
    draws. Measured with ``diffviz bench edit`` on the bundled model: see the README's Edit lab figures.
    """
    if not recipe.classes:
        raise ConfigError(i18n.tr("a {recipe} model is not told digits, so it cannot read one")
                          .format(recipe=recipe.name))
    shape = image_shape_of(model)
    images_t = torch.from_numpy(check_images(images, shape=shape))
    known = (torch.ones_like(images_t[:1, :1]) if mask is None
             else 1 - torch.from_numpy(check_mask(mask, len(images_t), shape)))
    process = recipe.process
    generator = torch.Generator().manual_seed(seed)
    was_training = model.training
    model.eval()
    precision.prepare(model)
    errors = torch.zeros(len(images_t), recipe.classes, dtype=torch.float64)
    try:
        for level in READ_LEVELS:
            for _ in range(READ_DRAWS):
                noise = process.draw_noise(tuple(images_t.shape), generator)
                amounts = torch.full((len(images_t),), level)
                # the unknown pixels start as pure noise: the reading sees only what is kept
                x, condition = process.noisy_at(images_t, amounts, noise)
                x = known * x + (1 - known) * noise
                for digit in range(recipe.classes):
                    labels = torch.full((len(images_t),), digit, dtype=torch.long)
                    with precision.autocast(x.device):
                        out = recipe.predict(model, precision.images(x), condition, labels).float()
                    clean = process.to_screen(process.clean_estimate(x, out, condition))
                    errors[:, digit] += (((clean - images_t) * known) ** 2).flatten(1).sum(1).double()
    finally:
        model.train(was_training)
    return errors.argmin(1).numpy()


# ----- the modes ---------------------------------------------------------------------------------------
def sdedit(model: nn.Module, recipe: Recipe, images: np.ndarray, strength: float, steps: int = 40,
           **options) -> Trajectory | None:
    """Noise ``images`` to ``strength`` and denoise them in ``steps`` steps. ``options`` as for
    ``core.sampling.sample`` (sampler, seed, digit, guidance, features, cancel, on_frame, ...). ``images`` are of
    the model's own shape (``check_images``)."""
    images = check_images(images, shape=image_shape_of(model))
    strength = check_strength(strength)
    validate_sampling(len(images), steps, options.get("digit"), options.get("guidance"))
    sampler = _check_walk(recipe, options.pop("sampler", None), steps, max(strength, 1e-9))
    record = EditRecord(mode=SDEDIT.key, source=images, strength=strength)
    if strength == 0.0:
        return _unedited(images, steps, record, recipe, sampler)
    anchor = Anchor(torch.from_numpy(images), start=strength)
    digits = _read(model, recipe, images, None, record, options)
    return sample(model, len(images), steps, recipe=recipe, sampler=sampler, anchor=anchor, labelled=False,
                  digits=digits, edit=record, **options)


def inpaint(model: nn.Module, recipe: Recipe, images: np.ndarray, mask: np.ndarray, steps: int = 40,
            jumps: int = 0, strength: float = 1.0, **options) -> Trajectory | None:
    """Regenerate the pixels where ``mask`` is 1 and keep the rest (RePaint), walking from ``strength``
    (1: the hole starts as pure noise) with ``jumps`` resampling jumps per step. ``mask`` is one plane for all
    channels (``check_mask``)."""
    shape = image_shape_of(model)
    images = check_images(images, shape=shape)
    mask = check_mask(mask, len(images), shape)
    strength = check_strength(strength)
    validate_sampling(len(images), steps, options.get("digit"), options.get("guidance"))
    sampler = _check_walk(recipe, options.pop("sampler", None), steps, max(strength, 1e-9), int(jumps))
    record = EditRecord(mode=INPAINT.key, source=images, mask=mask, strength=strength, jumps=int(jumps))
    if strength == 0.0:
        return _unedited(images, steps, record, recipe, sampler)
    anchor = Anchor(torch.from_numpy(images), start=strength, mask=torch.from_numpy(mask), jumps=int(jumps))
    digits = _read(model, recipe, images, mask, record, options)
    return sample(model, len(images), steps, recipe=recipe, sampler=sampler, anchor=anchor, labelled=False,
                  digits=digits, edit=record, **options)


def slerp(a: torch.Tensor, b: torch.Tensor, weight: float) -> torch.Tensor:
    """Spherical interpolation between two noises: along the great circle through them, so the norm stays
    near theirs (a straight line between two independent Gaussian noises sags to about 0.71 of it)."""
    flat_a, flat_b = a.flatten().double(), b.flatten().double()
    cos = float(flat_a @ flat_b / (flat_a.norm() * flat_b.norm()).clamp_min(1e-12))
    theta = math.acos(max(-1.0, min(1.0, cos)))
    if theta < 1e-6:  # (nearly) the same direction: the circle is the line
        return (1 - weight) * a + weight * b
    return (math.sin((1 - weight) * theta) * a + math.sin(weight * theta) * b) / math.sin(theta)


def interpolation_path(a: torch.Tensor, b: torch.Tensor, n: int, method: str = "slerp") -> torch.Tensor:
    """``n`` noises from ``a`` to ``b`` (both ends included), by ``slerp`` or ``lerp``."""
    if method not in INTERPOLATIONS:
        raise ConfigError(i18n.tr("interpolation is {first} or {second} (got {method})").format(
            first=INTERPOLATIONS[0], second=INTERPOLATIONS[1], method=repr(method)))
    if n < 2:
        raise ConfigError(i18n.tr("an interpolation needs at least 2 images, its two ends (got {n})").format(n=n))
    weights = np.linspace(0.0, 1.0, n)
    if method == "lerp":
        return torch.stack([(1 - w) * a + w * b for w in weights])
    return torch.stack([slerp(a, b, float(w)) for w in weights])


def interpolate(model: nn.Module, recipe: Recipe, seeds: tuple[int, int], n: int = 8, steps: int = 40,
                method: str = "slerp", **options) -> Trajectory | None:
    """Sample ``n`` images from noises along a path between the noises of two seeds."""
    if len(seeds) != 2 or any(int(seed) < 0 for seed in seeds):
        raise ConfigError(i18n.tr("an interpolation takes two seeds, whole numbers of 0 or more (got {seeds})")
                          .format(seeds=seeds))
    validate_sampling(n, steps, options.get("digit"), options.get("guidance"))
    ends = [initial_noise(1, int(seed), image_shape_of(model), recipe)[0] for seed in seeds]
    path = interpolation_path(ends[0], ends[1], n, method)
    record = EditRecord(mode=INTERPOLATE.key, seeds=(int(seeds[0]), int(seeds[1])), method=method,
                        weights=np.linspace(0.0, 1.0, n),
                        norms={way: interpolation_path(ends[0], ends[1], n, way).flatten(1).norm(dim=1).numpy()
                               for way in INTERPOLATIONS})
    options.setdefault("seed", int(seeds[0]))
    return sample(model, n, steps, recipe=recipe, noise=path, labelled=False, edit=record, **options)


def invert(model: nn.Module, recipe: Recipe, images: np.ndarray, steps: int = 40, *,
           features: bool | int = False, device: torch.device | str = "cpu",
           cancel: threading.Event | None = None, on_frame: Callable[[int, int], None] | None = None,
           on_start: Callable[[Trajectory], None] | None = None, keep_stopped: bool = False,
           precision: Precision = FP32, seed: int = 0) -> Trajectory | None:
    """Walk ``images`` to noise in ``steps`` DDIM inversion steps, then back in ``steps`` DDIM steps: one run of
    2 x ``steps`` steps whose first half rises to noise and second half comes back."""
    why = INVERT.unavailable_for(recipe.process.invertible)
    if why:
        raise ConfigError(why)
    images = check_images(images, shape=image_shape_of(model))
    validate_sampling(len(images), steps)
    if 2 * steps > 1000:
        raise ConfigError(i18n.tr("an inversion takes at most 500 steps each way (got {steps})").format(steps=steps))
    device = torch.device(device)
    process = recipe.process
    start = process.from_screen(torch.from_numpy(images)).to(device)

    def walk(capture: FeatureCapture | None) -> Iterator[SamplerStep]:
        noise = yield from invert_walk(model, recipe, start, steps, capture, precision)
        for step in iter_sampler(model, noise, steps, recipe, INVERSE_SAMPLER, capture, seed=seed,
                                 guidance=Guidance(), precision=precision):
            step.frame += steps
            yield step

    record = EditRecord(mode=INVERT.key, source=images, inversion_steps=steps)
    described = dict(seed=seed, sampler=INVERSE_SAMPLER, recipe=recipe.name, labels=None, guidance=1.0,
                     edit=record)
    return record_walk(model, walk, tuple(start.shape), 2 * steps, described, features=features, device=device,
                       cancel=cancel, on_frame=on_frame, on_start=on_start, keep_stopped=keep_stopped)


@torch.no_grad()
def invert_walk(model: nn.Module, recipe: Recipe, x: torch.Tensor, steps: int,
                capture: FeatureCapture | None = None,
                precision: Precision = FP32) -> Generator[SamplerStep, None, torch.Tensor]:
    """Frames 0..steps-1 of DDIM inversion from model-space images ``x`` toward pure noise (on the screen
    scale); returns the noise found (model space), where the way back begins.

    diffusers' ``DDIMInverseScheduler`` makes each step, with the model asked about the timestep the step
    rises to (its pipelines' convention; asked about x's own level instead, the round trip's error was 0.089
    against 0.069): frame k holds x at the level it has reached and the model's clean estimate from it.
    """
    from diffusers import DDIMInverseScheduler

    process = recipe.process
    # Unclipped: clamping each step's clean estimate to [-1, 1] loses what the way back needs (measured on the
    # bundled ddpm model, 6 digits, 40 steps: round-trip error 0.104 clipped, 0.069 unclipped).
    inverse = DDIMInverseScheduler.from_config(process.scheduler_config(), timestep_spacing="trailing",
                                               clip_sample=False)
    inverse.set_timesteps(steps)
    denoiser = Denoiser(recipe.predictor(model), process, capture, None if precision is FP32 else precision)
    precision.prepare(model)
    last = process.train_timesteps - 1
    level = 0
    for frame, t in enumerate(inverse.timesteps):
        eps, x0 = denoiser.clean(x, full(x, int(t), torch.long))
        features = denoiser.take_features()
        x_next = inverse.step(eps, t, x).prev_sample
        yield SamplerStep(frame, process.to_screen(x), process.to_screen(x0), condition=int(t), level=level / last,
                          mix=measured_mix(x, x_next, x0), features=features)
        x, level = x_next, int(t)
    return x


# ----- one door for the view and the CLI -------------------------------------------------------------
def _run_sdedit(request: EditRequest, model: nn.Module, recipe: Recipe, options: dict) -> Trajectory | None:
    return sdedit(model, recipe, request.images, _strength(request), request.steps, **options)


def _run_inpaint(request: EditRequest, model: nn.Module, recipe: Recipe, options: dict) -> Trajectory | None:
    return inpaint(model, recipe, request.images, request.mask, request.steps, jumps=request.jumps,
                   strength=_strength(request), **options)


def _run_interpolate(request: EditRequest, model: nn.Module, recipe: Recipe, options: dict) -> Trajectory | None:
    return interpolate(model, recipe, request.seeds, request.n, request.steps, method=request.method, **options)


def _run_invert(request: EditRequest, model: nn.Module, recipe: Recipe, options: dict) -> Trajectory | None:
    for told in ("digit", "guidance", "sampler", "read_digit"):  # an inversion walks DDIM both ways, told nothing
        options.pop(told, None)
    return invert(model, recipe, request.images, request.steps, **options)


def _strength(request: EditRequest) -> float:
    return request.edit_mode.default_strength if request.strength is None else request.strength


RUNS = {SDEDIT.key: _run_sdedit, INPAINT.key: _run_inpaint, INTERPOLATE.key: _run_interpolate,
        INVERT.key: _run_invert}  # mode -> how it runs; every key of EDIT_MODES (a test checks)


def check_request(request: EditRequest, recipe: Recipe, shape: tuple[int, int, int] = IMAGE_SHAPE) -> None:
    """Everything ``run_edit`` would refuse, refused before any work (and before a CLI prints its first line).
    ``shape``: the (channels, height, width) of the model's images (``image_shape_of(model)``), which the
    request's images and mask must have."""
    mode = request.edit_mode
    why = mode.unavailable_for(recipe.process.invertible)
    if why:
        raise ConfigError(why)
    if (request.digit is not None or request.read_digit) and not recipe.classes:
        raise ConfigError(i18n.tr("a {recipe} model is not told digits: choose no digit, or a flow-class model")
                          .format(recipe=recipe.name))
    validate_sampling(request.samples, request.steps, request.digit, request.guidance)
    if mode.uses_image:
        images = check_images(request.images, shape=shape)
        if mode.uses_mask:
            check_mask(request.mask, len(images), shape)
    strength = check_strength(_strength(request)) if mode.uses_strength else 1.0
    if not mode.needs_inversion:
        _check_walk(recipe, request.sampler, request.steps, max(strength, 1e-9),
                    request.jumps if mode.uses_jumps else 0)


def run_edit(request: EditRequest, model: nn.Module, recipe: Recipe, **options) -> Trajectory | None:
    """Run what ``request`` asks with ``model``; ``options`` as for ``core.sampling.sample`` (features, device,
    cancel, on_frame, on_start, keep_stopped, precision). A mode the recipe cannot do is refused by name."""
    mode = request.edit_mode
    check_request(request, recipe, image_shape_of(model))
    options.update(seed=request.seed, digit=request.digit, guidance=request.guidance)
    if request.read_digit and mode.uses_image:
        options["read_digit"] = True
    if request.sampler:
        options["sampler"] = request.sampler
    return RUNS[mode.key](request, model, recipe, options)
