"""What the 2-D view shows, computed at once without Qt: walks of particles, the forward process and the field.

Why everything up front: the view is driven by one slider over a run's frames and must redraw at tens of frames a
second, so nothing it draws may run a network. One ``LabRun`` holds, for every frame, where each particle is
(for each of two samplers started from the *same* noise), where the data would be noised to that frame's level
(the forward process), and what the model predicts on a grid of points at that frame's noise level (the field).
The view then only indexes arrays.

A walk is recorded into the same ``Trajectory`` as an image run, with points as an (N, 2) state: the frames are
in model space (a 2-D data set owns its scale: it is standardised, ``datasets.standardise``, and no process maps
it to [0, 1]), so nothing is clipped or shifted on its way to the screen.

The field is read three ways, each from the clean estimate x̂₀ and the noise ε̂ it implies (``NoisingProcess.implied_noise``):
toward the predicted clean point (x̂₀ − x), the direction of travel as the noise falls (x̂₀ − ε̂, the flow's
velocity reversed), and the predicted noise (ε̂). ``ARROWS`` holds them, each with the sentence a learner reads.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch

from diffviz.core import i18n
from diffviz.core.errors import ConfigError
from diffviz.core.processes import NoisingProcess
from diffviz.core.samplers import Denoiser, get_sampler
from diffviz.core.samplers.base import Prediction, full
from diffviz.core.trajectory import Trajectory

GRID_EXTENT = 3.0          # the field's grid spans ±3 standard deviations, as the view's window does
MAX_PARTICLES = 20_000
MAX_LAB_STEPS = 1_000
FIELD_CHUNK = 4_096        # grid points per forward pass (the perfect denoiser holds chunk x data points x 2)


@dataclass(frozen=True)
class Arrow:
    """One reading of the field: what its arrows show (``title`` and ``explanation`` marked with ``i18n.QT_TR_NOOP``,
    shown through ``i18n.tr``), and how to make them from x, x̂₀ and ε̂."""

    key: str
    title: str
    explanation: str
    vector: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]  # (x, clean, noise) -> arrows


ARROWS = {arrow.key: arrow for arrow in (
    Arrow("clean", i18n.QT_TR_NOOP("toward the predicted clean point"),
          i18n.QT_TR_NOOP(
              "Each arrow starts at a point of the plane and ends where the model thinks the clean point is, at this "
              "noise level. Early on (much noise) every arrow points at the middle of the data: the best guess when "
              "little is known is the mean. As the noise falls, the arrows split toward the nearest part of the "
              "data. Far from the data at low noise, a trained model's arrows mean little: no noisy point it trained "
              "on was there."),
          lambda x, clean, noise: clean - x),
    Arrow("velocity", i18n.QT_TR_NOOP("the way a particle travels"),
          i18n.QT_TR_NOOP(
              "Each arrow is the direction a particle moves as the noise falls: toward the clean estimate and away "
              "from the noise the model sees in it (x̂₀ − ε̂). A deterministic sampler follows these arrows exactly, "
              "so its paths never cross."),
          lambda x, clean, noise: clean - noise),
    Arrow("noise", i18n.QT_TR_NOOP("the predicted noise"),
          i18n.QT_TR_NOOP(
              "Each arrow is the noise the model believes was added to reach this point (what DDPM's network is "
              "trained to output). Removing it moves the point toward the data: the arrows point away from where the "
              "data is."),
          lambda x, clean, noise: noise),
)}
DEFAULT_ARROW = "clean"


@dataclass
class Field:
    """The model's prediction on a grid at every frame of a walk: ``clean`` and ``noise`` are (frames, G·G, 2)."""

    grid: np.ndarray   # (G·G, 2) the arrows' tails, row by row from the bottom left
    side: int          # G
    clean: np.ndarray
    noise: np.ndarray

    def arrows(self, key: str, frame: int) -> np.ndarray:
        """(G·G, 2) arrows of reading ``key`` (one of ``ARROWS``) at ``frame``."""
        return ARROWS[key].vector(self.grid, self.clean[frame], self.noise[frame])


@dataclass
class LabRun:
    """Everything the 2-D view shows for one run; see the module docstring."""

    data: np.ndarray                   # (M, 2) the training points
    classes: np.ndarray | None         # (M,) their classes, if the data has any
    forward: np.ndarray                # (frames, M, 2) the data noised to each frame's level of the first walk
    walks: tuple[Trajectory, ...]      # one per sampler, from the same noise
    fields: tuple[Field, ...]          # one per walk (their levels may differ)
    model: str                         # what predicted: "trained", "perfect", or "digits" (an image run)
    titles: tuple[str, ...] = ()       # each walk's title; empty: its sampler and the model

    @property
    def n_frames(self) -> int:
        return self.walks[0].n_frames


def chunked(predict: Prediction, data_points: int, budget: int = 4_000_000) -> Prediction:
    """``predict`` called on pieces of x small enough that a piece times ``data_points`` stays under ``budget``:
    the perfect denoiser compares every noisy point with every data point, (pieces x data x 2) numbers at once."""
    size = max(1, budget // max(int(data_points), 1))

    def in_pieces(x: torch.Tensor, condition: torch.Tensor, batched: bool = True) -> torch.Tensor:
        if len(x) <= size:
            return predict(x, condition, batched)
        return torch.cat([predict(x[i:i + size], condition[i:i + size], batched) for i in range(0, len(x), size)])

    return in_pieces


def grid_points(side: int, extent: float = GRID_EXTENT) -> np.ndarray:
    """(side², 2) points on a square grid over ±``extent``, x fastest."""
    ticks = np.linspace(-extent, extent, side, dtype=np.float32)
    xx, yy = np.meshgrid(ticks, ticks)
    return np.stack([xx.ravel(), yy.ravel()], 1)


def check_lab_request(n: int, steps: int, samplers: tuple[str, ...], process: NoisingProcess,
                      grid: int = 24) -> None:
    """Refuse a request the lab cannot draw, in one line: no particles, absurd counts, a sampler that cannot walk
    the recipe's process back."""
    if not 1 <= n <= MAX_PARTICLES:
        raise ConfigError(i18n.tr("the particles must number 1 to {most:,} (got {n:,})")
                          .format(most=MAX_PARTICLES, n=n))
    if not 1 <= steps <= MAX_LAB_STEPS:
        raise ConfigError(i18n.tr("the steps must be 1 to {most:,} (got {steps:,})")
                          .format(most=MAX_LAB_STEPS, steps=steps))
    if not 2 <= grid <= 64:
        raise ConfigError(i18n.tr("the arrow grid must be 2 to 64 points a side (got {grid})").format(grid=grid))
    for name in samplers:
        if not get_sampler(name).works_with(process):
            raise ConfigError(i18n.tr("the {sampler} sampler cannot walk this recipe's process back")
                              .format(sampler=name))


@torch.no_grad()
def walk_points(predict: Prediction, process: NoisingProcess, sampler: str, noise: torch.Tensor, steps: int, *,
                seed: int = 0, recipe: str = "", cancel: threading.Event | None = None) -> Trajectory | None:
    """The particles ``noise`` (N, 2) walked to the data by ``sampler`` in ``steps`` steps: a Trajectory of points
    in model space (every frame's x and clean estimate). ``seed`` seeds the fresh noise of a stochastic sampler.
    None when ``cancel`` is set."""
    chosen = get_sampler(sampler)
    frames = steps + 1
    xs = np.empty((frames, *noise.shape), np.float32)
    preds = np.empty_like(xs)
    mixes, levels, conditions = np.zeros(steps), np.empty(frames), np.empty(frames)
    denoiser = Denoiser(predict, process)
    for record in chosen.run(denoiser, noise.clone(), steps, generator=torch.Generator().manual_seed(seed),
                             inspect_result=True):
        if cancel is not None and cancel.is_set():
            return None
        xs[record.frame], preds[record.frame] = record.x.numpy(), record.pred.numpy()
        levels[record.frame], conditions[record.frame] = record.level, record.condition
        if record.frame < steps:
            mixes[record.frame] = record.mix
    return Trajectory(xs=xs, preds=preds, mix=mixes, seed=seed, sampler=sampler, recipe=recipe, levels=levels,
                      conditions=conditions)


@torch.no_grad()
def field_of(predict: Prediction, process: NoisingProcess, walk: Trajectory, side: int = 24) -> Field:
    """The model's clean estimate and implied noise on a ``side`` x ``side`` grid, told each frame's condition."""
    grid = grid_points(side)
    points = torch.from_numpy(grid)
    clean = np.empty((walk.n_frames, len(grid), 2), np.float32)
    noise = np.empty_like(clean)
    for frame, condition in enumerate(walk.conditions):
        for start in range(0, len(grid), FIELD_CHUNK):
            x = points[start:start + FIELD_CHUNK]
            told = process.told(x, float(condition))
            output = predict(x, told, True)
            estimate = process.clean_estimate(x, output, told)
            clean[frame, start:start + len(x)] = estimate.numpy()
            noise[frame, start:start + len(x)] = process.implied_noise(x, estimate, told).numpy()
    return Field(grid=grid, side=side, clean=clean, noise=noise)


@torch.no_grad()
def forward_of(data: np.ndarray, process: NoisingProcess, walk: Trajectory, seed: int = 0) -> np.ndarray:
    """(frames, M, 2): the data noised to each frame's noise level, with one draw of noise for all frames, so a
    learner sees each point drift smoothly into the noise as the slider moves (the forward process)."""
    x = torch.from_numpy(np.asarray(data, np.float32))
    noise = process.draw_noise(tuple(x.shape), torch.Generator().manual_seed(seed))
    out = np.empty((walk.n_frames, *x.shape), np.float32)
    for frame, level in enumerate(walk.levels):
        out[frame] = process.noisy_at(x, full(x, float(level)), noise)[0].numpy()
    return out


def lab_run(data: np.ndarray, classes: np.ndarray | None, predict: Prediction, process: NoisingProcess,
            samplers: tuple[str, ...], n: int, steps: int, *, seed: int = 0, grid: int = 24, recipe: str = "",
            model: str = "trained", cancel: threading.Event | None = None,
            on_progress: Callable[[int, int], None] | None = None) -> LabRun | None:
    """Walk ``n`` particles from one draw of the process's noise with each of ``samplers`` (the same noise for
    all), and read the field and the forward process at every frame. None when ``cancel`` is set."""
    check_lab_request(n, steps, samplers, process, grid)
    noise = process.draw_noise((n, 2), torch.Generator().manual_seed(seed))
    walks, fields = [], []
    total = 2 * len(samplers) + 1
    for index, name in enumerate(samplers):
        walk = walk_points(predict, process, name, noise, steps, seed=seed + 1, recipe=recipe, cancel=cancel)
        if walk is None:
            return None
        walks.append(walk)
        if on_progress is not None:
            on_progress(2 * index + 1, total)
        fields.append(field_of(predict, process, walk, grid))
        if on_progress is not None:
            on_progress(2 * index + 2, total)
    forward = forward_of(data, process, walks[0], seed)
    if on_progress is not None:
        on_progress(total, total)
    return LabRun(data=np.asarray(data, np.float32), classes=classes, forward=forward, walks=tuple(walks),
                  fields=tuple(fields), model=model)
