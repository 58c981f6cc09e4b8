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
from typing import TYPE_CHECKING, Iterator

import numpy as np
import torch
from torch import nn

if TYPE_CHECKING:
    from diffviz.core.features import FeatureCapture
    from diffviz.core.guidance import Guidance
    from diffviz.core.precision import Precision
    from diffviz.core.processes import NoisingProcess
    from diffviz.core.recipes import Recipe
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


class Denoiser:
    """The model of a recipe, as samplers call it: ``clean(x, condition)`` gives (model output, clean estimate).

    Labels and the guidance (a ``core.guidance.Guidance``, or a bare scale) are fixed per run (class recipes
    only); feature maps of the last call are taken with ``take_features`` (the labelled pass's, when guidance
    runs two). ``batched_guidance`` runs guidance's two passes as one forward of twice the batch. Measured
    with ``diffviz bench sampling`` on this project's 2-core CPU, 64 digits x 40 guided steps, medians of
    three alternated runs: 6.13 s batched against 6.36 s as two passes without feature maps, 6.06 against
    6.17 s with maps for 16 (the capture copies one pass's maps instead of two): within this machine's
    noise, never slower; on an accelerator one launch of 2N images costs about what N does. False runs two
    passes (the benchmark flips it to compare).
    """

    batched_guidance = True

    def __init__(self, model: nn.Module, recipe: "Recipe", labels: torch.Tensor | None = None,
                 guidance: "Guidance | float" = 1.0, capture: "FeatureCapture | None" = None,
                 precision: "Precision | None" = None) -> None:
        from diffviz.core.guidance import Guidance

        self.model, self.recipe, self.labels, self.capture = model, recipe, labels, capture
        self.guidance = guidance if isinstance(guidance, Guidance) else Guidance(float(guidance))
        self.precision = precision

    @property
    def process(self) -> "NoisingProcess":
        return self.recipe.process

    def _guided(self, x: torch.Tensor, condition: torch.Tensor) -> torch.Tensor:
        batched = self.batched_guidance
        if self.capture is None or not batched:
            return self.recipe.guided_predict(self.model, x, condition, self.labels, self.guidance,
                                              batched=batched)
        kept = self.capture.limit
        self.capture.limit = x.shape[0] if kept is None else min(kept, x.shape[0])  # the labelled half only
        try:
            return self.recipe.guided_predict(self.model, x, condition, self.labels, self.guidance, batched=True)
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
    """A way from noise to images. Subclasses set ``name`` (its key in ``core.names.SAMPLERS``) and ``summary``."""

    name: str
    summary: str
    takes_eta: bool = False  # DDIM's eta: how much fresh noise each step adds

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
            generator: torch.Generator | None = None, inspect_result: bool = True) -> Iterator[SamplerStep]:
        """Yield frames 0..steps from the noise ``x`` (model space). With ``inspect_result`` the model also looks
        at the result, so the last frame has a prediction and feature maps like every other (one extra forward
        pass); without it the result frame's prediction is the result itself."""

    def caption(self, trajectory: "Trajectory", frame: int) -> str:
        """A frame's caption for the timeline and exports, e.g. ``step 3/40 · heun · t = 0.950``."""
        if frame >= trajectory.n_steps:
            return f"result ({trajectory.n_steps} steps)"
        return f"step {frame + 1}/{trajectory.n_steps} · {self.name} · t = {trajectory.conditions[frame]:.3f}"
