"""Side-by-side runs: several samplers, step counts or checkpoints from the same starting noise.

Why: "what does DDIM buy over DDPM?", "is 5 steps enough?" and "what did another hour of
training change?" are answered by looking, and only a fair comparison is worth looking
at: every run starts from the same noise (same seed; runs of one noise kind get the
identical tensor) and the runs are lined up by *progress* 0 → 1, each at its own step
count, so a 5-step run and a 40-step run reach the result together.

Qt-free: the app's comparison view and its GIF export both use ``frame_at`` and
``comparison_frame``.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
from PIL import Image, ImageDraw
from torch import nn

from diffviz.core.atomic import atomic_write_bytes
from diffviz.core.errors import ConfigError, ExportError
from diffviz.core.export import caption_font, image_grid, to_uint8
from diffviz.core.recipes import Recipe
from diffviz.core.sampling import Trajectory, sample

MAX_RUNS = 4
GAP = 8
CAPTION = 18


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
        raise ConfigError(f"a comparison needs 2 to {MAX_RUNS} runs (got {len(runs)})")
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


def comparison_frame(trajectories: list[Trajectory], labels: list[str], progress: float,
                     scale: int = 2, nrow: int = 4) -> Image.Image:
    """All runs at one progress value, side by side, each under its label and step caption."""
    grids = [image_grid(to_uint8(t.xs[frame_at(t, progress)]), nrow) for t in trajectories]
    height = max(g.shape[0] for g in grids) * scale
    width = sum(g.shape[1] * scale for g in grids) + GAP * (len(grids) - 1)
    canvas = Image.new("L", (width, height + 2 * CAPTION), 0)
    draw = ImageDraw.Draw(canvas)
    font = caption_font(12)
    x = 0
    for trajectory, label, grid in zip(trajectories, labels, grids):
        tile = Image.fromarray(grid, "L").resize((grid.shape[1] * scale, grid.shape[0] * scale), Image.NEAREST)
        canvas.paste(tile, (x, 2 * CAPTION))
        draw.text((x + 2, 2), label, fill=255, font=font)
        frame = frame_at(trajectory, progress)
        caption = "noise" if frame == 0 else f"step {frame}/{trajectory.n_steps}"
        draw.text((x + 2, CAPTION + 2), caption, fill=190, font=font)
        x += tile.width + GAP
    return canvas


def save_comparison_gif(trajectories: list[Trajectory], labels: list[str], path: str | os.PathLike,
                        frames: int = 41, fps: float = 10.0, scale: int = 2, hold_last: float = 1.5) -> Path:
    """The comparison as one looping GIF of ``frames`` progress values 0 → 1, written atomically."""
    path = Path(path)
    if path.suffix.lower() != ".gif":
        raise ExportError(f"a comparison GIF needs a .gif name (got {path.name})")
    if not 2 <= frames <= 1000:
        raise ConfigError(f"frames must be between 2 and 1000 (got {frames})")
    images = [comparison_frame(trajectories, labels, k / (frames - 1), scale) for k in range(frames)]
    durations = [int(round(1000 / fps))] * frames
    durations[-1] += int(round(hold_last * 1000))
    buffer = io.BytesIO()
    images[0].save(buffer, format="GIF", save_all=True, append_images=images[1:], duration=durations, loop=0,
                   optimize=False, disposal=1)
    return atomic_write_bytes(path, buffer.getvalue())
