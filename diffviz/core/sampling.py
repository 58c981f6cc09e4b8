"""The course's sampler, recorded step by step into a ``Trajectory``.

Start from uniform noise; at step i of n, ask the model for its prediction of the clean
image and move a fraction ``mix = 1 / (n - i)`` of the way toward it:

    pred = net(x)
    x    = x * (1 - mix) + pred * mix

The last step has mix = 1, so the result *is* the model's last prediction. Seen another
way, this is an Euler step along a straight line from noise (t = 1) to data (t = 0)
with x-prediction: at t = 1 - i/n, moving dt / t = (1/n) / (1 - i/n) toward the
prediction is exactly 1 / (n - i).

One ``Trajectory`` is the single source for the timeline, the inspector and the GIF
export: frames 0..n, where frame i < n is the state *before* step i and frame n is the
result. Every frame also holds the model's prediction from that x (for frame n one
extra forward pass, so the result can be inspected like every other step) and,
optionally, every layer's feature maps.

A model told the digit's class (the ``flow-class`` recipe) is asked for one digit per
sample, 0 to 9 in turn unless a single digit is chosen, and its two predictions, with
and without the label, are combined by classifier-free guidance (``Recipe.guided_predict``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Callable, Iterator

import numpy as np
import torch
from torch import nn

from diffviz.core.errors import ConfigError
from diffviz.core.features import FeatureCapture
from diffviz.core.recipes import RECIPES, Recipe

MAX_SAMPLES = 10_000
MAX_STEPS = 1_000
MAX_GUIDANCE = 20.0  # far past where images break up; beyond it is a typo
MAX_TRAJECTORY_BYTES = 2 * 1024**3  # a recorded run must fit comfortably in a laptop's memory
# Feature values kept per sample per frame, by architecture (BasicUNet: its six layers' outputs).
_BASIC_UNET_FEATURES = 32 * 28 * 28 + 64 * 14 * 14 + 64 * 7 * 7 * 2 + 32 * 14 * 14 + 28 * 28
# CourseUNet2D: three down blocks, the mid block and three up blocks (see describe_layers).
_COURSE_UNET2D_FEATURES = 32 * 14 * 14 + 64 * 7 * 7 * 3 + 64 * 14 * 14 + 64 * 28 * 28 + 32 * 28 * 28
FEATURE_VALUES_PER_SAMPLE = {"BasicUNet": _BASIC_UNET_FEATURES, "TimeUNet": _BASIC_UNET_FEATURES,
                             "CourseUNet2D": _COURSE_UNET2D_FEATURES}


@dataclass
class Trajectory:
    """Every step of one sampling run, as numpy arrays (no live tensors)."""

    xs: np.ndarray                     # (n+1, N, C, H, W) float32: x before step i; xs[n] is the result
    preds: np.ndarray                  # (n+1, N, C, H, W) float32: the model's clean-image prediction from xs[i]
    mix: np.ndarray                    # (n,) float: how far step i moved toward the prediction
    features: dict[str, np.ndarray] = field(default_factory=dict)  # layer -> (n+1, K, C', H', W') float16
    seed: int = 0
    sampler: str = "course"
    recipe: str = "course"
    timesteps: np.ndarray | None = None  # (n+1,) DDPM samplers' timestep per frame; None for the course sampler
    labels: np.ndarray | None = None     # (N,) the digit each sample was asked for; None for unlabelled models
    guidance: float = 1.0                # the classifier-free guidance scale used (1: none)

    @property
    def n_steps(self) -> int:
        return int(self.mix.shape[0])

    @property
    def n_frames(self) -> int:
        return self.n_steps + 1

    @property
    def n_samples(self) -> int:
        return int(self.xs.shape[1])

    @property
    def final(self) -> np.ndarray:
        """The finished images (N, C, H, W) in [0, 1]."""
        return np.clip(self.xs[-1], 0.0, 1.0)

    @property
    def feature_samples(self) -> int:
        """How many samples have feature maps (the first ones of the batch); 0 without capture."""
        return int(next(iter(self.features.values())).shape[1]) if self.features else 0

    @property
    def layer_names(self) -> list[str]:
        return list(self.features)

    def request_text(self) -> str:
        """What a model told the class was asked for, e.g. ``digit 7 · guidance 2``; empty for other models."""
        if self.labels is None:
            return ""
        digits = sorted(set(self.labels.tolist()))
        asked = f"digit {digits[0]}" if len(digits) == 1 else "digits 0 to 9 in turn"
        return f"{asked} · guidance {self.guidance:g}"

    def change_per_step(self) -> np.ndarray:
        """Mean absolute change of x made by each step, (n,): the "how much moved" plot."""
        return np.abs(np.diff(self.xs, axis=0)).mean(axis=(1, 2, 3, 4))

    def step_label(self, frame: int) -> str:
        """A short caption for a frame, e.g. ``step 3/40 · mix 1/37 = 0.027``."""
        if frame >= self.n_steps:
            return f"result ({self.n_steps} steps)"
        if self.timesteps is not None:
            return f"step {frame + 1}/{self.n_steps} · {self.sampler} · t = {int(self.timesteps[frame])}"
        mix = float(self.mix[frame])
        if self.sampler == "course":
            return f"step {frame + 1}/{self.n_steps} · mix 1/{self.n_steps - frame} = {mix:.3f}"
        return f"step {frame + 1}/{self.n_steps} · {mix:.3f}"


@dataclass
class SamplerStep:
    """One recorded frame while sampling runs (for progress and cancellation)."""

    frame: int
    x: torch.Tensor
    pred: torch.Tensor
    mix: float | None
    features: dict[str, np.ndarray] = field(default_factory=dict)
    timestep: int | None = None  # DDPM samplers: the timestep this frame was taken at


def validate_sampling(n: int, steps: int, digit: int | None = None, guidance: float | None = None) -> None:
    if not 1 <= n <= MAX_SAMPLES:
        raise ConfigError(f"the number of samples must be between 1 and {MAX_SAMPLES} (got {n})")
    if not 1 <= steps <= MAX_STEPS:
        raise ConfigError(f"the number of steps must be between 1 and {MAX_STEPS} (got {steps})")
    if digit is not None and not 0 <= digit <= 9:
        raise ConfigError(f"the digit to draw must be 0 to 9 (got {digit})")
    if guidance is not None and not 0.0 <= guidance <= MAX_GUIDANCE:
        raise ConfigError(f"the guidance scale must be between 0 and {MAX_GUIDANCE:g} (got {guidance})")


def sample_labels(n: int, digit: int | None = None, classes: int = 10) -> torch.Tensor:
    """The class each of ``n`` samples is asked for: ``digit`` for all, or 0, 1, ... in turn."""
    if digit is not None:
        return torch.full((n,), int(digit), dtype=torch.long)
    return torch.arange(n) % classes


def sampling_labels(recipe: Recipe, n: int, digit: int | None) -> torch.Tensor | None:
    """Labels for a class recipe, None for one whose model is not told the class."""
    return sample_labels(n, digit, recipe.classes) if recipe.classes else None


def trajectory_bytes(model: nn.Module, n: int, steps: int, features: bool | int,
                     image_shape: tuple[int, int, int] = (1, 28, 28)) -> int:
    """How much memory recording a run will take: x and predictions (float32) plus feature maps (float16)."""
    frames = steps + 1
    pixels = int(np.prod(image_shape))
    total = 2 * frames * n * pixels * 4
    if features:
        kept = n if features is True else min(n, int(features))
        per_sample = FEATURE_VALUES_PER_SAMPLE.get(type(model).__name__, 64 * pixels)
        total += frames * kept * per_sample * 2
    return total


def check_trajectory_fits(model: nn.Module, n: int, steps: int, features: bool | int) -> None:
    """Refuse, before any work, a recording that would not fit in memory; say what would."""
    need = trajectory_bytes(model, n, steps, features)
    if need > MAX_TRAJECTORY_BYTES:
        raise ConfigError(
            f"recording {n} samples x {steps} steps{' with feature maps' if features else ''} needs about "
            f"{need / 2**30:.1f} GB, above the {MAX_TRAJECTORY_BYTES / 2**30:.0f} GB limit: use fewer samples or "
            "steps, capture features for fewer samples, or export a .npy/.png of the results only")


def initial_noise(n: int, seed: int, shape: tuple[int, int, int] = (1, 28, 28),
                  recipe: Recipe = RECIPES["course"]) -> torch.Tensor:
    """The starting point, repeatable by seed: the recipe's noise (the course's ``torch.rand``)."""
    generator = torch.Generator().manual_seed(seed)
    return recipe.draw_noise((n, *shape), generator)


@torch.no_grad()
def iter_course_sampler(model: nn.Module, x: torch.Tensor, steps: int,
                        capture: FeatureCapture | None = None,
                        inspect_result: bool = True, recipe: Recipe = RECIPES["course"],
                        labels: torch.Tensor | None = None, guidance: float = 1.0) -> Iterator[SamplerStep]:
    """Run the course sampler from ``x``, yielding frames 0..steps (see the module docstring).

    With ``inspect_result`` the model also looks at the result (one extra forward pass),
    so the last frame has a prediction and feature maps like every other. A model that is
    told the amount is asked at ``t = 1 - i/n``, where the straight line from noise is.
    """
    def amount(i: int) -> torch.Tensor:
        return torch.full((x.shape[0],), 1.0 - i / steps, device=x.device)

    if labels is not None:
        labels = labels.to(x.device)
    for i in range(steps):
        pred = recipe.guided_predict(model, x, amount(i), labels, guidance)
        mix = 1.0 / (steps - i)
        yield SamplerStep(i, x, pred, mix, capture.take() if capture is not None else {})
        x = x * (1 - mix) + pred * mix
    pred = recipe.guided_predict(model, x, amount(steps), labels, guidance) if inspect_result else None
    yield SamplerStep(steps, x, pred, None, capture.take() if capture is not None else {})


@torch.no_grad()
def iter_sampler(model: nn.Module, x: torch.Tensor, steps: int, recipe: Recipe, sampler: str | None = None,
                 capture: FeatureCapture | None = None, inspect_result: bool = True, eta: float = 0.0,
                 seed: int = 0, labels: torch.Tensor | None = None,
                 guidance: float | None = None) -> Iterator[SamplerStep]:
    """Frames 0..steps of the recipe's sampler (or ``sampler``), all on the [0, 1] screen scale.

    Blend recipes use the course sampler; DDPM recipes one of diffusers' (see ``core.ddpm``),
    whose frames carry the timestep in place of a mix. ``labels`` and ``guidance`` (None: the
    recipe's default) matter only to class recipes.
    """
    sampler = sampler or recipe.sampler
    if sampler not in recipe.samplers:
        raise ConfigError(f"the {recipe.name} recipe samples with {', '.join(recipe.samplers)}, not {sampler!r}")
    if recipe.process != "ddpm":
        yield from iter_course_sampler(model, x, steps, capture, inspect_result, recipe, labels,
                                       recipe.guidance if guidance is None else guidance)
        return
    from diffviz.core.ddpm import iter_scheduler_sampler

    generator = torch.Generator(device=x.device).manual_seed(seed + 1)  # the stochastic samplers' noise
    for frame, x_t, x0, t, maps in iter_scheduler_sampler(model, x, steps, sampler, recipe.beta_schedule, eta,
                                                          capture, generator, inspect_result):
        yield SamplerStep(frame, x_t, x0, None if frame == steps else float("nan"), maps, t)


def sample(model: nn.Module, n: int = 8, steps: int = 5, seed: int = 0,
           features: bool | int = False, device: torch.device | str = "cpu",
           cancel: threading.Event | None = None,
           on_frame: Callable[[int, int], None] | None = None,
           recipe: Recipe = RECIPES["course"], sampler: str | None = None, eta: float = 0.0,
           digit: int | None = None, guidance: float | None = None) -> Trajectory | None:
    """Sample ``n`` images in ``steps`` steps and record the whole trajectory.

    ``features``: False for none, True for every image, or an int to capture the first
    that many images' feature maps. ``on_frame(done, total)`` reports progress;
    setting ``cancel`` stops between steps and returns None. Class recipes draw ``digit``
    (None: 0 to 9 in turn) with ``guidance`` (None: the recipe's default).
    """
    validate_sampling(n, steps, digit, guidance)
    guidance = recipe.guidance if guidance is None else guidance
    labels = sampling_labels(recipe, n, digit)
    check_trajectory_fits(model, n, steps, features)
    device = torch.device(device)
    was_training = model.training
    model.to(device).eval()
    limit = None if features is True else int(features)
    capture = FeatureCapture(model, limit) if features else None
    x0 = initial_noise(n, seed, recipe=recipe).to(device)
    frames = steps + 1
    xs = np.empty((frames, *x0.shape), dtype=np.float32)
    preds = np.empty_like(xs)
    mixes = np.empty(steps, dtype=np.float64)
    timesteps = np.full(frames, -1, dtype=np.int64)
    layer_maps: dict[str, np.ndarray] = {}  # filled in place: stacking afterwards would copy it all again
    sampler = sampler or recipe.sampler
    try:
        if capture is not None:
            capture.__enter__()
        for record in iter_sampler(model, x0, steps, recipe, sampler, capture, eta=eta, seed=seed,
                                   labels=labels, guidance=guidance):
            if cancel is not None and cancel.is_set():
                return None
            xs[record.frame] = record.x.cpu().numpy()
            preds[record.frame] = record.pred.cpu().numpy()
            if record.mix is not None:
                mixes[record.frame] = record.mix
            if record.timestep is not None:
                timesteps[record.frame] = record.timestep
            for name, array in record.features.items():
                if name not in layer_maps:
                    layer_maps[name] = np.empty((frames, *array.shape), dtype=array.dtype)
                layer_maps[name][record.frame] = array
            if on_frame is not None:
                on_frame(record.frame + 1, frames)
    finally:
        if capture is not None:
            capture.__exit__(None, None, None)
        model.train(was_training)
    return Trajectory(xs=xs, preds=preds, mix=mixes, features=layer_maps, seed=seed, sampler=sampler,
                      recipe=recipe.name, timesteps=timesteps if recipe.process == "ddpm" else None,
                      labels=None if labels is None else labels.numpy(),
                      guidance=guidance if labels is not None else 1.0)


@torch.no_grad()
def sample_final(model: nn.Module, n: int, steps: int, seed: int = 0, device: torch.device | str = "cpu",
                 batch_size: int = 1000, on_batch: Callable[[int, int], None] | None = None,
                 cancel: threading.Event | None = None, recipe: Recipe = RECIPES["course"],
                 sampler: str | None = None, eta: float = 0.0, digit: int | None = None,
                 guidance: float | None = None) -> np.ndarray | None:
    """Only the finished images (N, 1, 28, 28) float32 in [0, 1], in batches: for large n and the CLI.

    Setting ``cancel`` stops between two steps and returns None. ``digit`` and ``guidance`` as for ``sample``.
    """
    validate_sampling(n, steps, digit, guidance)
    labels = sampling_labels(recipe, n, digit)
    was_training = model.training
    model.to(device).eval()
    x_all = initial_noise(n, seed, recipe=recipe)
    out = np.empty(tuple(x_all.shape), dtype=np.float32)
    try:
        for start in range(0, n, batch_size):
            x = x_all[start:start + batch_size].to(device)
            for record in iter_sampler(model, x, steps, recipe, sampler, inspect_result=False, eta=eta,
                                       seed=seed + start, guidance=guidance,
                                       labels=None if labels is None else labels[start:start + len(x)]):
                if cancel is not None and cancel.is_set():
                    return None
                if record.mix is None:
                    out[start:start + len(x)] = record.x.cpu().numpy()
            if on_batch is not None:
                on_batch(min(start + batch_size, n), n)
    finally:
        model.train(was_training)
    return np.clip(out, 0.0, 1.0)
