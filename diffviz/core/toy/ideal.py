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

Any state works, points (N, 2) or images (N, C, H, W): a state is flattened to (N, D) and the mean shaped back.
The same function serves the 2-D lab's points and the 10,000 bundled digits (``core.models.perfect``), so both
are computed in blocks of ``chunk`` data points (by default as many as keep a block within ``BLOCK`` logits:
the whole set for a batch of 64 digits) with a running softmax (the largest logit so far, the sum of weights
and the weighted sum, rescaled as a larger logit arrives): memory holds (N, chunk) logits, never an (N, M, D)
tensor of differences. The Gaussian squared distances come from one matmul, ‖a − b‖² = ‖a‖² − 2a·b + ‖b‖²
(``squared_distances``). The uniform noise's test is per coordinate, so it alone needs the differences
themselves, in blocks of at most ``UNIFORM_BLOCK`` numbers.
"""

from __future__ import annotations

from typing import Callable

import torch

from diffviz.core.processes import BlendProcess, DDPMProcess, NoisingProcess
from diffviz.core.shapes import per_sample

TINY = 1e-6  # the smallest noise level the weights are computed at (t = 0 is the data point itself)
BLOCK = 1 << 22  # logits (samples x data points) in one block of the running softmax: 16 MB of float32
UNIFORM_BLOCK = 1 << 24  # numbers (samples x data points x coordinates) in one block of the uniform noise's test


def squared_distances(a: torch.Tensor, b: torch.Tensor, scale: torch.Tensor | None = None) -> torch.Tensor:
    """‖a_n − s_n·b_m‖² (N, M) for flat ``a`` (N, D) and ``b`` (M, D) from one matmul, with ``scale`` s (N,)
    (None: 1). Clamped at 0: the expansion can round a true 0 to a tiny negative."""
    a_norms = (a * a).sum(1, keepdim=True)
    b_norms = (b * b).sum(1)[None]
    if scale is None:
        return (a_norms - 2 * (a @ b.T) + b_norms).clamp_min_(0)
    s = scale.reshape(-1, 1).to(a)
    return (a_norms - 2 * s * (a @ b.T) + s * s * b_norms).clamp_min_(0)


class _RunningMean:
    """softmax(logits) @ points, fed one block of columns at a time (the online softmax)."""

    def __init__(self, n: int, d: int, like: torch.Tensor) -> None:
        self.top = torch.full((n,), -torch.inf, dtype=like.dtype, device=like.device)
        self.total = torch.zeros(n, dtype=like.dtype, device=like.device)
        self.sum = torch.zeros((n, d), dtype=like.dtype, device=like.device)

    def add(self, logits: torch.Tensor, points: torch.Tensor) -> None:
        top = torch.maximum(self.top, logits.max(1).values)
        shift = torch.where(torch.isfinite(top), top, torch.zeros_like(top))  # rows with nothing possible yet
        rescale = torch.exp(self.top - shift)
        weights = torch.exp(logits - shift[:, None])
        self.total = self.total * rescale + weights.sum(1)
        self.sum = self.sum * rescale[:, None] + weights @ points
        self.top = top

    @property
    def any(self) -> torch.Tensor:
        return self.total > 0

    def mean(self) -> torch.Tensor:
        return self.sum / self.total.clamp_min(torch.finfo(self.total.dtype).tiny)[:, None]


def _masked(logits: torch.Tensor, labels: torch.Tensor | None, point_labels: torch.Tensor | None) -> torch.Tensor:
    """Logits of the points whose label is not the sample's set to −inf (a label < 0: any point)."""
    if labels is None or point_labels is None:
        return logits
    other = (labels[:, None] >= 0) & (labels[:, None] != point_labels[None])
    return logits.masked_fill(other, -torch.inf)


def _columns(chunk: int | None, n: int, budget: int) -> int:
    """Data points per block: ``chunk``, or as many as keep ``n`` samples' block within ``budget`` numbers."""
    return max(1, int(chunk) if chunk is not None else budget // max(n, 1))


def gaussian_mean(points: torch.Tensor, x: torch.Tensor, signal: torch.Tensor, variance: torch.Tensor,
                  chunk: int | None = None, labels: torch.Tensor | None = None,
                  point_labels: torch.Tensor | None = None) -> torch.Tensor:
    """E[x₀ | x] over ``points`` (M, ...) when x = signal·x₀ + √variance·ε with Gaussian ε, for noisy ``x``
    (N, ...) with one ``signal`` and ``variance`` per sample (N,), ``chunk`` data points at a time (None: as many
    as fit in ``BLOCK`` logits). With ``labels`` (N,) and ``point_labels`` (M,), each sample's mean is over the
    points of its own label (label < 0: over all of them; every sample must have at least one point to average)."""
    flat_x, flat_points = x.reshape(len(x), -1), points.reshape(len(points), -1).to(x)
    signal, variance = signal.to(x).reshape(-1, 1), variance.to(x).clamp_min(TINY ** 2).reshape(-1, 1)
    step = _columns(chunk, len(flat_x), BLOCK)
    running = _RunningMean(len(x), flat_points.shape[1], flat_x)
    for start in range(0, len(flat_points), step):
        block = flat_points[start:start + step]
        logits = -squared_distances(flat_x, block, signal) / (2 * variance)
        running.add(_masked(logits, labels, None if point_labels is None else point_labels[start:start + step]),
                    block)
    return running.mean().reshape(x.shape)


def _uniform_pass(flat_points: torch.Tensor, flat_x: torch.Tensor, t: torch.Tensor, step: int, nearest: bool,
                  labels: torch.Tensor | None, point_labels: torch.Tensor | None) -> _RunningMean:
    """One walk over the points for the uniform noise: the equal weights of the possible ones, or (``nearest``) a
    softmax of how far the implied noise lies from the box's centre."""
    running = _RunningMean(*flat_x.shape, flat_x)
    for start in range(0, len(flat_points), step):
        block = flat_points[start:start + step]
        implied = (flat_x[:, None, :] - (1 - t)[:, :, None] * block[None]) / t[:, :, None]  # (N, step, D)
        if nearest:
            logits = -((implied - 0.5) ** 2).sum(-1)
        else:
            inside = ((implied >= 0) & (implied < 1)).all(-1)
            logits = torch.zeros(inside.shape, dtype=flat_x.dtype, device=flat_x.device).masked_fill(~inside, -torch.inf)
        running.add(_masked(logits, labels, None if point_labels is None else point_labels[start:start + step]), block)
    return running


def _uniform_mean(points: torch.Tensor, x: torch.Tensor, t: torch.Tensor, chunk: int | None,
                  labels: torch.Tensor | None, point_labels: torch.Tensor | None) -> torch.Tensor:
    """The course's uniform noise: the mean of the points whose implied noise lies in [0, 1) everywhere; where
    none does (a point the data cannot explain), a softmax of how far the implied noise is from the box's
    centre, as the Gaussian would fall back to the nearest (a second walk, for those samples only)."""
    flat_x, flat_points = x.reshape(len(x), -1), points.reshape(len(points), -1).to(x)
    n, d = flat_x.shape
    t = t.reshape(-1, 1)
    step = min(_columns(chunk, n, BLOCK), _columns(None, n * d, UNIFORM_BLOCK))
    possible = _uniform_pass(flat_points, flat_x, t, step, False, labels, point_labels)
    mean = possible.mean()
    lost = ~possible.any
    if lost.any():
        rows = lost.nonzero().squeeze(1)
        fallback = _uniform_pass(flat_points, flat_x[rows], t[rows], step, True,
                                 None if labels is None else labels[rows], point_labels)
        mean[rows] = fallback.mean()
    return mean.reshape(x.shape)


def blend_mean(points: torch.Tensor, x: torch.Tensor, t: torch.Tensor, gaussian: bool, chunk: int | None = None,
               labels: torch.Tensor | None = None, point_labels: torch.Tensor | None = None) -> torch.Tensor:
    """E[x₀ | x_t] over ``points`` (M, ...) for noisy ``x`` (N, ...) at blend amounts ``t`` (N,); ``labels`` and
    ``point_labels`` as for ``gaussian_mean``."""
    t = t.to(x).clamp(TINY, 1.0)
    if gaussian:
        return gaussian_mean(points, x, 1 - t, t ** 2, chunk, labels, point_labels)
    return _uniform_mean(points, x, t, chunk, labels, point_labels)


def ddpm_mean(points: torch.Tensor, x: torch.Tensor, t: torch.Tensor, alpha_bars: torch.Tensor, chunk: int | None = None,
              labels: torch.Tensor | None = None, point_labels: torch.Tensor | None = None) -> torch.Tensor:
    """E[x₀ | x_t] over ``points`` (M, ..., in DDPM's model space) for ``x`` (N, ...) at integer timesteps ``t``."""
    a = alpha_bars.to(x.device)[t.long()].to(x)
    return gaussian_mean(points, x, a.sqrt(), 1 - a, chunk, labels, point_labels)


def ddpm_noise(points: torch.Tensor, x: torch.Tensor, t: torch.Tensor, alpha_bars: torch.Tensor,
               chunk: int | None = None, labels: torch.Tensor | None = None,
               point_labels: torch.Tensor | None = None) -> torch.Tensor:
    """The ε a perfect DDPM model predicts for ``x`` (N, ...) at integer timesteps ``t`` (N,)."""
    a = per_sample(alpha_bars.to(x.device)[t.long()].to(x), x)
    mean = ddpm_mean(points, x, t, alpha_bars, chunk, labels, point_labels)
    return (x - a.sqrt() * mean) / (1 - a).sqrt().clamp_min(TINY)


def predictor(points: torch.Tensor, process: NoisingProcess, chunk: int | None = None) -> Callable[..., torch.Tensor]:
    """``predict(x, condition, batched)`` for ``process``: what its model would output if it were perfect for
    ``points`` (M, ...): the posterior mean said the way the process's network speaks (the clean point, the
    velocity or the noise of a blend, ``output_for``; the noise for DDPM)."""
    points = torch.as_tensor(points, dtype=torch.float32)
    if isinstance(process, BlendProcess):
        def predict(x: torch.Tensor, condition: torch.Tensor, batched: bool = True) -> torch.Tensor:
            mean = blend_mean(points.to(x), x, condition.to(x), process.gaussian, chunk)
            return process.output_for(x, mean, condition)
        return predict
    if isinstance(process, DDPMProcess):
        alpha_bars = process.alpha_bars()
        model_points = process.from_screen(points)
        return lambda x, condition, batched=True: ddpm_noise(model_points.to(x), x, condition, alpha_bars, chunk)
    raise TypeError(f"no perfect denoiser is written for a {type(process).__name__}")
