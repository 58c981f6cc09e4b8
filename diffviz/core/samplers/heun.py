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

from diffviz.core.processes import BlendProcess
from diffviz.core.samplers.base import Anchor, Denoiser, Sampler, SamplerStep, blend_begin, blend_hold, full, measured_mix

if TYPE_CHECKING:
    from diffviz.core.processes import NoisingProcess


class HeunSampler(Sampler):
    name = "heun"
    summary = "Heun's second-order step on the same straight line (two model calls per step, the last Euler)"

    def works_with(self, process: "NoisingProcess") -> bool:
        return isinstance(process, BlendProcess)

    def model_calls(self, steps: int) -> int:
        return 2 * steps - 1

    def run(self, denoiser: Denoiser, x: torch.Tensor, steps: int, *, eta: float = 0.0,
            generator: torch.Generator | None = None, inspect_result: bool = True,
            anchor: Anchor | None = None) -> Iterator[SamplerStep]:
        process = denoiser.process
        start = anchor.start if anchor is not None else 1.0
        x = blend_begin(anchor, process, x)
        repeats = anchor.repeats if anchor is not None else 1
        for i in range(steps):
            t, t_next = start * (1.0 - i / steps), start * (1.0 - (i + 1) / steps)
            for repeat in range(repeats):
                if repeat:  # a resampling jump (core.samplers.base.Anchor)
                    x = process.renoise(x_next, t_next, t, generator)
                _, pred = denoiser.clean(x, full(x, t))
                features = denoiser.take_features()  # the maps of the model's look at x, not at the trial
                v1 = (x - pred) / t
                trial = x + (t_next - t) * v1
                if i < steps - 1:
                    _, pred_trial = denoiser.clean(trial, full(x, t_next))
                    denoiser.take_features()
                    v2 = (trial - pred_trial) / t_next
                    x_next = x + (t_next - t) * (v1 + v2) / 2
                else:
                    x_next = trial  # t_next = 0: an Euler step, straight onto the prediction
                x_next = blend_hold(anchor, process, x_next, t_next, generator)
            yield SamplerStep(i, x, pred, condition=t, level=t, mix=measured_mix(x, x_next, pred), features=features)
            x = x_next
        pred = denoiser.clean(x, full(x, 0.0))[1] if inspect_result else x
        yield SamplerStep(steps, x, pred, condition=0.0, level=0.0, mix=0.0, features=denoiser.take_features())


SAMPLER = HeunSampler()
