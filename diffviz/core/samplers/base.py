"""What every sampler offers, and the model as a sampler sees it.

Why one interface: the timeline, the inspector, the Compare view, the exports and the CLI
should not care *how* x walks from noise to a digit, only that every frame comes with the
model's clean-image estimate, what the model was told, how noisy x is and how far the
step moved it. A sampler is an object (diffusers' ``SchedulerMixin`` is the model: one
``set_timesteps`` / ``step`` for all of them) that says which noising processes it can walk
back, and yields ``SamplerStep`` records in model space; ``core.sampling`` records them into
a ``Trajectory`` on the screen's scale.

A ``Denoiser`` hides what differs between models: whether the network is told the amount or
the class, classifier-free guidance, and turning an ε-prediction into a clean estimate.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterator

import numpy as np
import torch

from diffviz.core import i18n

if TYPE_CHECKING:
    from diffviz.core.features import FeatureCapture
    from diffviz.core.precision import Precision
    from diffviz.core.processes import NoisingProcess
    from diffviz.core.trajectory import Trajectory


@dataclass
class SamplerStep:
    """One frame as a sampler yields it, in model space: x, the clean estimate from x, what the model was
    told (the blend amount, or DDPM's integer timestep), how noisy x is (0..1), how far the step taken from
    this frame moved x toward ``pred`` (0 on the result frame, which takes no step), and the feature maps
    of the model's look at x."""

    frame: int
    x: torch.Tensor
    pred: torch.Tensor
    condition: float
    level: float
    mix: float
    features: dict[str, np.ndarray] = field(default_factory=dict)


@dataclass
class Anchor:
    """What an edit ties a walk to (``core.editing``): the image it starts from, the noise level it starts at,
    and the pixels held to that image.

    ``start`` < 1 is SDEdit: the walk begins at the image noised to that level, not at pure noise, and walks
    the rest of the way down; 1 forgets the image and begins at the noise itself. ``mask`` (1 = regenerate,
    0 = keep: diffusers' convention) is RePaint: after every step the kept pixels are replaced by the image
    noised to the level the step reached, ``x = m ⊙ x_gen + (1 − m) ⊙ noised(image)``, so the model only
    ever fills in the hole, in harmony with the rest. ``jumps`` redoes every step that many more times, each
    time after noising the step's result back up (RePaint's resampling), which gives the hole's content more
    chances to agree with what is kept."""

    image: torch.Tensor               # (N, C, H, W) on the screen's [0, 1] scale
    start: float = 1.0                # the noise level the walk begins at, 0 < start <= 1
    mask: torch.Tensor | None = None  # broadcastable to image: 1 = regenerate, 0 = keep; None: nothing held
    jumps: int = 0

    @property
    def repeats(self) -> int:
        """How many times each step is taken: once, plus the resampling jumps of an inpainting walk."""
        return 1 + (self.jumps if self.mask is not None else 0)

    @property
    def starts_from_image(self) -> bool:
        return self.start < 1.0

    def kept_exactly(self, result: torch.Tensor) -> torch.Tensor:
        """The result (screen scale) with every kept pixel exactly the image's: the last step already holds
        them, but a model space of [-1, 1] can move one in the last bit on its way back to [0, 1]."""
        if self.mask is None:
            return result
        kept = (self.mask.to(result.device) == 0).expand_as(result)
        return torch.where(kept, self.image.to(result), result)

    def held(self, x: torch.Tensor, known: torch.Tensor) -> torch.Tensor:
        """``x`` with the kept pixels replaced by ``known`` (the image at x's noise level, model space)."""
        if self.mask is None:
            return x
        mask = self.mask.to(x)
        return mask * x + (1 - mask) * known


def blend_begin(anchor: "Anchor | None", process: "NoisingProcess", noise: torch.Tensor) -> torch.Tensor:
    """Where a walk on the blend's straight line begins: the noise, or the anchor's image noised to its start."""
    if anchor is None or not anchor.starts_from_image:
        return noise
    image = anchor.image.to(noise)
    return process.noisy_at(image, full(noise, anchor.start), noise)[0]


def blend_hold(anchor: "Anchor | None", process: "NoisingProcess", x: torch.Tensor, level: float,
               generator: torch.Generator | None) -> torch.Tensor:
    """RePaint's replacement for walks on the blend's line: the kept pixels become the image noised to
    ``level`` with fresh noise (the image itself at level 0)."""
    if anchor is None or anchor.mask is None:
        return x
    image = anchor.image.to(x)
    if level <= 0.0:
        return anchor.held(x, process.from_screen(image))
    fresh = process.draw_noise(tuple(x.shape), generator).to(x)
    return anchor.held(x, process.noisy_at(image, full(x, level), fresh)[0])


BlendStep = Callable[[torch.Tensor, torch.Tensor, int, float, float], "tuple[torch.Tensor, float | None]"]


def walk_blend_line(denoiser: "Denoiser", x: torch.Tensor, steps: int, step: BlendStep, *,
                    anchor: "Anchor | None" = None, generator: torch.Generator | None = None,
                    inspect_result: bool = True) -> Iterator["SamplerStep"]:
    """The loop every sampler of the blend's straight line shares, t = start·(1 − i/n) down to 0: begin at the
    noise (or an edit's noised image), ask the model at each t, let ``step(x, pred, i, t, t_next)`` say where x
    goes (and the mix it took, or None to measure it), hold an edit's kept pixels, redo a step after RePaint's
    jumps, and look once more at the result. The samplers differ only in ``step``."""
    process = denoiser.process
    start = anchor.start if anchor is not None else 1.0
    x = blend_begin(anchor, process, x)
    repeats = anchor.repeats if anchor is not None else 1
    for i in range(steps):
        t, t_next = start * (1.0 - i / steps), start * (1.0 - (i + 1) / steps)
        for repeat in range(repeats):
            if repeat:  # a resampling jump: the step's result noised back up to t, and the step redone
                x = process.renoise(x_next, t_next, t, generator)
            _, pred = denoiser.clean(x, full(x, t))
            features = denoiser.take_features()  # the maps of the model's look at x (a step's own looks discard)
            moved, mix = step(x, pred, i, t, t_next)
            x_next = blend_hold(anchor, process, moved, t_next, generator)
        yield SamplerStep(i, x, pred, condition=t, level=t,
                          mix=measured_mix(x, x_next, pred) if mix is None else mix, features=features)
        x = x_next
    pred = denoiser.clean(x, full(x, 0.0))[1] if inspect_result else x
    yield SamplerStep(steps, x, pred, condition=0.0, level=0.0, mix=0.0, features=denoiser.take_features())


Prediction = Callable[[torch.Tensor, torch.Tensor, bool], torch.Tensor]  # (x, condition, batched) -> output


class Denoiser:
    """A model as samplers call it: ``clean(x, condition)`` gives (model output, clean estimate).

    Why it holds a prediction function and the process, not a recipe: a sampler needs only what the network
    says for x at a noise level and how to read that as a clean estimate, so the same samplers walk image
    recipes, a pipeline folder's model and the 2-D lab's points without knowing what made them. The
    prediction ``predict(x, condition, batched)`` has its labels and guidance fixed for the run (a recipe
    makes it: ``Recipe.predictor``); feature maps of the last call are taken with ``take_features`` (the
    labelled pass's, when guidance runs two). ``batched_guidance`` runs guidance's two passes as one forward
    of twice the batch. Measured with ``diffviz bench sampling`` on this project's 2-core CPU, 64 digits x 40
    guided steps, medians of three alternated runs: 6.13 s batched against 6.36 s as two passes without
    feature maps, 6.06 against 6.17 s with maps for 16 (the capture copies one pass's maps instead of two):
    within this machine's noise, never slower; on an accelerator one launch of 2N images costs about what N
    does. False runs two passes (the benchmark flips it to compare).
    """

    batched_guidance = True

    def __init__(self, predict: Prediction, process: "NoisingProcess", capture: "FeatureCapture | None" = None,
                 precision: "Precision | None" = None) -> None:
        self.predict, self.process, self.capture, self.precision = predict, process, capture, precision

    def _guided(self, x: torch.Tensor, condition: torch.Tensor) -> torch.Tensor:
        batched = self.batched_guidance
        if self.capture is None or not batched:
            return self.predict(x, condition, batched)
        kept = self.capture.limit
        self.capture.limit = x.shape[0] if kept is None else min(kept, x.shape[0])  # the labelled half only
        try:
            return self.predict(x, condition, True)
        finally:
            self.capture.limit = kept

    def output(self, x: torch.Tensor, condition: torch.Tensor) -> torch.Tensor:
        """The (guided) network output for model-space ``x`` told ``condition`` (one value per image), in fp32
        whatever precision the network ran in."""
        if self.precision is None:
            return self._guided(x, condition)
        with self.precision.autocast(x.device):
            out = self._guided(self.precision.images(x), condition)
        return out.float().contiguous()

    def clean(self, x: torch.Tensor, condition: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        out = self.output(x, condition)
        return out, self.process.clean_estimate(x, out, condition)

    def take_features(self) -> dict[str, np.ndarray]:
        return self.capture.take() if self.capture is not None else {}


def full(x: torch.Tensor, value: float, dtype: torch.dtype | None = None) -> torch.Tensor:
    """One ``value`` per image of ``x``: what the model is told."""
    return torch.full((x.shape[0],), value, device=x.device, dtype=dtype or torch.float32)


def measured_mix(x: torch.Tensor, x_next: torch.Tensor, pred: torch.Tensor) -> float:
    """How far a step moved x toward ``pred``, as the least-squares fraction of (pred - x) that (x_next - x) is.

    For a blend step ``x_next = x (1 - mix) + pred mix`` this is ``mix`` itself; for other samplers it is the
    same reading of what they did, so every sampler's frames can be compared on one scale.
    """
    toward = (pred - x).double().flatten()
    moved = (x_next - x).double().flatten()
    denominator = float(toward @ toward)
    return float(moved @ toward) / denominator if denominator > 0 else 0.0


class Sampler(ABC):
    """A way from noise to images. Subclasses set ``name`` (its key in ``core.names.SAMPLERS``) and ``summary``
    (marked with ``i18n.QT_TR_NOOP``: shown through ``i18n.tr``)."""

    name: str
    summary: str
    takes_eta: bool = False  # DDIM's eta: how much fresh noise each step adds
    resamples: bool = True   # can redo a step from its own noised-back result (RePaint's jumps, ``Anchor``)
    stochastic: bool = False  # adds fresh noise at every step (DDPM): its paths wiggle (the 2-D lab shows it)

    @abstractmethod
    def works_with(self, process: "NoisingProcess") -> bool:
        """Whether this sampler can walk ``process`` back."""

    def model_calls(self, steps: int) -> int:
        """Network evaluations for ``steps`` steps (without the result's extra look); guidance doubles each."""
        return steps

    def steps_within(self, calls: int) -> int:
        """The most steps that cost at most ``calls`` model calls (at least 1): for comparisons at equal cost."""
        return max([steps for steps in range(1, calls + 1) if self.model_calls(steps) <= calls] or [1])

    @abstractmethod
    def run(self, denoiser: Denoiser, x: torch.Tensor, steps: int, *, eta: float = 0.0,
            generator: torch.Generator | None = None, inspect_result: bool = True,
            anchor: Anchor | None = None) -> Iterator[SamplerStep]:
        """Yield frames 0..steps from the noise ``x`` (model space). With ``inspect_result`` the model also looks
        at the result, so the last frame has a prediction and feature maps like every other (one extra forward
        pass); without it the result frame's prediction is the result itself. An ``anchor`` makes the walk an
        edit: it begins at the anchor's image noised to its start level, and holds the pixels its mask keeps."""

    def caption(self, trajectory: "Trajectory", frame: int) -> str:
        """A frame's caption for the timeline and exports, e.g. ``step 3/40 · heun · t = 0.950``."""
        if frame >= trajectory.n_steps:
            return i18n.tr("result (%n step(s))", None, trajectory.n_steps)
        return i18n.tr("step {step}/{steps} · {sampler_name} · t = {t:.3f}").format(
            step=frame + 1, steps=trajectory.n_steps, sampler_name=self.name, t=trajectory.conditions[frame])
