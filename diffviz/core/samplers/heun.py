"""Heun's method on the course's straight line: a second look before each step, for the same path.

The course sampler is an Euler step along the straight line from noise (t = 1) to data
(t = 0): at t the model's prediction gives the direction ``v = (x - pred) / t``, and x moves
``dt · v``. Heun takes that Euler step as a trial, asks the model again at its end, and moves
by the *average* of the two directions (the trapezoid rule), which is second-order accurate:

    v1     = (x - pred(x, t)) / t
    trial  = x + dt · v1
    v2     = (trial - pred(trial, t + dt)) / (t + dt)
    x      = x + dt · (v1 + v2) / 2

(dt < 0: t falls). The last step ends at t = 0, where v2 is undefined, so it is an Euler step
and lands on the prediction, like the course's. n Heun steps cost 2n - 1 model calls, so
Heun with 10 steps and Euler with 20 make a fair comparison.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

import torch

from diffviz.core import i18n
from diffviz.core.processes import BlendProcess
from diffviz.core.samplers.base import Anchor, Denoiser, Sampler, SamplerStep, full, walk_blend_line

if TYPE_CHECKING:
    from diffviz.core.processes import NoisingProcess


class HeunSampler(Sampler):
    name = "heun"
    summary = i18n.QT_TR_NOOP("Heun's second-order step on the same straight line (two model calls per step, the "
                              "last Euler)")

    def works_with(self, process: "NoisingProcess") -> bool:
        return isinstance(process, BlendProcess)

    def model_calls(self, steps: int) -> int:
        return 2 * steps - 1

    def run(self, denoiser: Denoiser, x: torch.Tensor, steps: int, *, eta: float = 0.0,
            generator: torch.Generator | None = None, inspect_result: bool = True,
            anchor: Anchor | None = None) -> Iterator[SamplerStep]:
        def step(x: torch.Tensor, pred: torch.Tensor, i: int, t: float, t_next: float):
            v1 = (x - pred) / t
            trial = x + (t_next - t) * v1
            if i == steps - 1:
                return trial, None  # t_next = 0: an Euler step, straight onto the prediction
            _, pred_trial = denoiser.clean(trial, full(x, t_next))
            denoiser.take_features()  # the frame shows the model's look at x, not at the trial
            v2 = (trial - pred_trial) / t_next
            return x + (t_next - t) * (v1 + v2) / 2, None

        return walk_blend_line(denoiser, x, steps, step, anchor=anchor, generator=generator,
                               inspect_result=inspect_result)

SAMPLER = HeunSampler()
