"""The course's sampler: at step i of n, move a fraction ``mix = 1 / (n - i)`` toward the prediction.

Start from the process's noise; at step i of n, ask the model for its prediction of the clean
image and move part of the way toward it:

    pred = net(x)
    x    = x * (1 - mix) + pred * mix

The last step has mix = 1, so the result *is* the model's last prediction. Seen another way,
this is an Euler step along a straight line from noise (t = 1) to data (t = 0) with
x-prediction: at t = 1 - i/n, moving dt / t = (1/n) / (1 - i/n) toward the prediction is
exactly 1 / (n - i). A model that is told the amount is asked at that t (the course's own
model simply ignores it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

import torch

from diffviz.core import i18n
from diffviz.core.processes import BlendProcess
from diffviz.core.samplers.base import Anchor, Denoiser, Sampler, SamplerStep, walk_blend_line

if TYPE_CHECKING:
    from diffviz.core.processes import NoisingProcess
    from diffviz.core.trajectory import Trajectory


class CourseSampler(Sampler):
    name = "course"
    summary = i18n.QT_TR_NOOP("the course's sampler: move 1/(n - i) of the way to the prediction (an Euler step)")

    def works_with(self, process: "NoisingProcess") -> bool:
        return isinstance(process, BlendProcess)

    def run(self, denoiser: Denoiser, x: torch.Tensor, steps: int, *, eta: float = 0.0,
            generator: torch.Generator | None = None, inspect_result: bool = True,
            anchor: Anchor | None = None) -> Iterator[SamplerStep]:
        # From a start level s < 1 (an edit) the line is walked from t = s: the Euler step's fraction
        # dt / t = (s/n) / (s (1 - i/n)) is still 1 / (n - i), only the t the model is told changes.
        def step(x: torch.Tensor, pred: torch.Tensor, i: int, t: float, t_next: float):
            mix = 1.0 / (steps - i)
            return x * (1 - mix) + pred * mix, mix

        return walk_blend_line(denoiser, x, steps, step, anchor=anchor, generator=generator,
                               inspect_result=inspect_result)

    def caption(self, trajectory: "Trajectory", frame: int) -> str:
        if frame >= trajectory.n_steps:
            return super().caption(trajectory, frame)
        mix = float(trajectory.mix[frame])
        return i18n.tr("step {step}/{steps} · mix 1/{left} = {mix:.3f}").format(
            step=frame + 1, steps=trajectory.n_steps, left=trajectory.n_steps - frame, mix=mix)


SAMPLER = CourseSampler()
