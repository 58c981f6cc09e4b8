"""The ancestral sampler of the Gaussian blend: DDPM's step on the flow's straight line, with fresh noise every step.

Why: a flow model is usually walked deterministically (the course's Euler step, Heun), so its paths from one noise
never cross and never wiggle. DDPM's sampler instead draws x at the next, lower noise level from the posterior
q(x_s | x_t, x̂₀): where the data would be, given the model's clean estimate, plus fresh noise of the right size.
The same rule works on any line x_t = α_t·x₀ + σ_t·ε; on the blend's, α_t = 1 − t and σ_t = t:

    α_ts = α_t / α_s,   σ_ts² = σ_t² − α_ts²·σ_s²
    x_s  = (α_ts·σ_s² / σ_t²)·x_t + (α_s·σ_ts² / σ_t²)·x̂₀ + (σ_ts·σ_s / σ_t)·z,   z ~ N(0, I)

From pure noise (t = 1) that is x_s = (1 − s)·x̂₀ + s·z; the last step (s = 0) lands on x̂₀ with no noise. In the
2-D lab its paths wiggle beside the Euler step's smooth ones from the same noise, and land on the data all the
same: each step's estimate pulls them back.
"""

from __future__ import annotations

from typing import Iterator

import torch

from diffviz.core import i18n
from diffviz.core.processes import BlendProcess
from diffviz.core.samplers.base import Anchor, Denoiser, Sampler, SamplerStep, walk_blend_line


class AncestralSampler(Sampler):
    name = "ancestral"
    summary = i18n.QT_TR_NOOP("DDPM's step on the flow's straight line: toward the estimate, plus fresh noise every "
                              "step")
    stochastic = True

    def works_with(self, process) -> bool:
        return isinstance(process, BlendProcess) and process.gaussian

    def run(self, denoiser: Denoiser, x: torch.Tensor, steps: int, *, eta: float = 0.0,
            generator: torch.Generator | None = None, inspect_result: bool = True,
            anchor: Anchor | None = None) -> Iterator[SamplerStep]:
        def step(x: torch.Tensor, pred: torch.Tensor, i: int, t: float, s: float):
            return self.step(x, pred, t, s, generator), None

        return walk_blend_line(denoiser, x, steps, step, anchor=anchor, generator=generator,
                               inspect_result=inspect_result)

    @staticmethod
    def step(x: torch.Tensor, pred: torch.Tensor, t: float, s: float,
             generator: torch.Generator | None) -> torch.Tensor:
        """One draw from q(x_s | x_t, x̂₀ = pred) on the blend's line (the module docstring)."""
        alpha_t, alpha_s = 1.0 - t, 1.0 - s
        ratio = alpha_t / alpha_s
        spread = max(t * t - ratio * ratio * s * s, 0.0)   # σ_ts²
        keep = ratio * s * s / (t * t)
        toward = alpha_s * spread / (t * t)
        noise = (spread ** 0.5) * s / t
        z = torch.randn(x.shape, generator=generator).to(x)
        return keep * x + toward * pred + noise * z


SAMPLER = AncestralSampler()
