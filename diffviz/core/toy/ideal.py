"""The perfect denoiser of a finite set of points: the best possible prediction of the clean point, in closed form.

Why offer it: given a noisy point, the prediction that minimises the training loss over a *finite* data set is
the posterior mean of the data points, each weighted by how likely it is to have become the noisy point. Used as
a model, it walks every sample back onto a training point: it memorises, where a trained network, which cannot
represent that function exactly, draws new points between them. Seeing both side by side is what
"generalising" means.

For the blends (``processes.BlendProcess``), x_t = (1 − t)·x₀ + t·noise: with Gaussian noise the weights are a
softmax of −‖x_t − (1 − t)·x_i‖² / (2t²); with the course's uniform noise in [0, 1) a data point is possible only
if the noise it implies lies in the box, and the possible ones weigh the same. For DDPM, x_t = √ᾱ·x₀ + √(1 − ᾱ)·ε,
the weights are a softmax of −‖x_t − √ᾱ·x_i‖² / (2(1 − ᾱ)), and the model's output is the noise that the mean
implies. The result is what a sampler's ``Denoiser`` calls: ``predict(x, condition, batched)``.
"""

from __future__ import annotations

from typing import Callable

import torch

from diffviz.core.processes import BlendProcess, DDPMProcess, NoisingProcess
from diffviz.core.shapes import per_sample

TINY = 1e-6  # the smallest noise level the weights are computed at (t = 0 is the data point itself)


def _weighted_mean(points: torch.Tensor, logits: torch.Tensor) -> torch.Tensor:
    return torch.softmax(logits, dim=1) @ points


def blend_mean(points: torch.Tensor, x: torch.Tensor, t: torch.Tensor, gaussian: bool) -> torch.Tensor:
    """E[x₀ | x_t] over ``points`` (M, 2) for noisy ``x`` (N, 2) at blend amounts ``t`` (N,)."""
    t = per_sample(t.clamp(TINY, 1.0), x)
    scaled = (1 - t)[:, :, None] * points[None]                         # (N, M, 2): where each point would be
    if gaussian:
        logits = -((x[:, None, :] - scaled) ** 2).sum(-1) / (2 * t ** 2)
    else:  # the implied noise (x_t - (1 - t) x_i) / t must lie in [0, 1) in every coordinate
        implied = (x[:, None, :] - scaled) / t[:, :, None]
        possible = ((implied >= 0) & (implied < 1)).all(-1)
        # none possible (a point the data cannot explain): fall back to the nearest, as the Gaussian would
        nearest = -((implied - 0.5) ** 2).sum(-1)
        logits = torch.where(possible, torch.zeros_like(nearest), torch.full_like(nearest, -torch.inf))
        logits = torch.where(possible.any(1, keepdim=True), logits, nearest)
    return _weighted_mean(points, logits)


def ddpm_noise(points: torch.Tensor, x: torch.Tensor, t: torch.Tensor, alpha_bars: torch.Tensor) -> torch.Tensor:
    """The ε a perfect DDPM model predicts for ``x`` (N, 2) at integer timesteps ``t`` (N,)."""
    a = per_sample(alpha_bars.to(x)[t.long()], x)
    logits = -((x[:, None, :] - a.sqrt()[:, :, None] * points[None]) ** 2).sum(-1) / (2 * (1 - a).clamp_min(TINY))
    mean = _weighted_mean(points, logits)
    return (x - a.sqrt() * mean) / (1 - a).sqrt().clamp_min(TINY)


def predictor(points: torch.Tensor, process: NoisingProcess) -> Callable[..., torch.Tensor]:
    """``predict(x, condition, batched)`` for ``process``: what its model would output if it were perfect for
    ``points``: the posterior mean said the way the process's network speaks (the clean point, the velocity or
    the noise of a blend, ``output_for``; the noise for DDPM)."""
    points = torch.as_tensor(points, dtype=torch.float32)
    if isinstance(process, BlendProcess):
        def predict(x: torch.Tensor, condition: torch.Tensor, batched: bool = True) -> torch.Tensor:
            mean = blend_mean(points.to(x), x, condition.to(x), process.gaussian)
            return process.output_for(x, mean, condition)
        return predict
    if isinstance(process, DDPMProcess):
        alpha_bars = process.alpha_bars()
        model_points = process.from_screen(points)
        return lambda x, condition, batched=True: ddpm_noise(model_points.to(x), x, condition, alpha_bars)
    raise TypeError(f"no perfect denoiser is written for a {type(process).__name__}")
