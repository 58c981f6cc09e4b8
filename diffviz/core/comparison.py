"""Side-by-side runs: several samplers, step counts or checkpoints from the same starting noise.

Why: "what does DDIM buy over DDPM?", "is 5 steps enough?" and "what did another hour of
training change?" are answered by looking, and only a fair comparison is worth looking
at: every run starts from the same noise (same seed; runs of one noise kind get the
identical tensor) and the runs are lined up by *progress* 0 → 1, each at its own step
count, so a 5-step run and a 40-step run reach the result together.

Qt-free: the app's comparison view and its GIF export both use ``frame_at`` and
``comparison_panels`` (what each column shows and the lines above it); the GIF's canvas,
captions are ``core.export``'s (``compose``) and its encoding ``core.animation``'s (``encode_gif``), the
same as the timeline's export.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PIL import Image
from torch import nn

from diffviz.core import i18n
from diffviz.core.animation import Progress, StopCheck, encode_gif
from diffviz.core.atomic import atomic_write_bytes
from diffviz.core.errors import ConfigError
from diffviz.core.export import Panel, check_gif_limits, check_suffix, compose, image_grid, image_scale, to_uint8
from diffviz.core.recipes import Recipe
from diffviz.core.sampling import sample
from diffviz.core.trajectory import Trajectory

MAX_RUNS = 4


@dataclass(frozen=True)
class RunSpec:
    """One column: a model (with its recipe and a name to show), a sampler, a step count and, for a model told
    the class, a guidance scale (None: the recipe's)."""

    label: str
    model: nn.Module
    recipe: Recipe
    sampler: str
    steps: int
    guidance: float | None = None


def run_comparison(runs: list[RunSpec], n: int = 8, seed: int = 0,
                   on_run: Callable[[int, int], None] | None = None,
                   should_stop: Callable[[], bool] | None = None) -> list[Trajectory] | None:
    """Sample every run from the same seed; None when stopped between runs."""
    if not 2 <= len(runs) <= MAX_RUNS:
        raise ConfigError(i18n.tr("a comparison needs 2 to {most} runs (got {count})")
                          .format(most=MAX_RUNS, count=len(runs)))
    trajectories = []
    for i, run in enumerate(runs):
        if should_stop is not None and should_stop():
            return None
        trajectory = sample(run.model, n, run.steps, seed, recipe=run.recipe, sampler=run.sampler,
                            guidance=run.guidance if run.recipe.classes else None)
        trajectories.append(trajectory)
        if on_run is not None:
            on_run(i + 1, len(runs))
    return trajectories


def frame_at(trajectory: Trajectory, progress: float) -> int:
    """The frame of ``trajectory`` at ``progress`` in [0, 1] (0: the noise, 1: the result)."""
    return int(round(min(max(progress, 0.0), 1.0) * trajectory.n_steps))


def column_caption(trajectory: Trajectory, progress: float) -> str:
    """Where a column is at ``progress``: "noise" before its first step, else "step i/n"."""
    frame = frame_at(trajectory, progress)
    if frame == 0:
        return i18n.tr("noise")
    return i18n.tr("step {step}/{steps}").format(step=frame, steps=trajectory.n_steps)


def comparison_panels(trajectories: list[Trajectory], labels: list[str], progress: float,
                      nrow: int = 4) -> list[Panel]:
    """Each run's x at ``progress`` as a grey grid ``nrow`` images wide, under its label and step caption.

    numpy only (no PIL), so the view can call it on every slider move; the GIF draws the same panels.
    """
    return [Panel(image_grid(to_uint8(t.xs[frame_at(t, progress)]), nrow), (label, column_caption(t, progress)))
            for t, label in zip(trajectories, labels)]


def comparison_frame(trajectories: list[Trajectory], labels: list[str], progress: float,
                     scale: int = 2, nrow: int = 4) -> Image.Image:
    """All runs at one progress value, side by side, each under its label and step caption; ``scale`` is
    meant for 28 px digits, larger images are enlarged less (``image_scale``)."""
    height, width = trajectories[0].xs.shape[-2:]
    return compose(comparison_panels(trajectories, labels, progress, nrow), image_scale(scale, height, width))


def save_comparison_gif(trajectories: list[Trajectory], labels: list[str], path: str | os.PathLike,
                        frames: int = 41, fps: float = 10.0, scale: int = 2, hold_last: float = 1.5,
                        on_frame: Progress | None = None, should_stop: StopCheck | None = None) -> Path | None:
    """The comparison as one looping GIF of ``frames`` progress values 0 → 1, written atomically;
    None (and nothing written) when ``should_stop`` said so between two frames."""
    check_suffix(path, ".gif")
    if not 2 <= frames <= 1000:
        raise ConfigError(i18n.tr("frames must be between 2 and 1000 (got {frames})").format(frames=frames))
    check_gif_limits(fps, scale, hold_last)
    if not trajectories or len(labels) != len(trajectories):
        raise ConfigError(i18n.tr("a comparison GIF needs one label per run (got {labels} for {runs})")
                          .format(labels=len(labels), runs=len(trajectories)))
    data = encode_gif(lambda k: comparison_frame(trajectories, labels, k / (frames - 1), scale), frames, fps,
                      hold_last, on_frame, should_stop)
    return None if data is None else atomic_write_bytes(path, data)
