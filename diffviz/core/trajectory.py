"""A ``Trajectory``: every frame of one run from noise to images, as numpy arrays.

One Trajectory is the single source for the timeline, the inspector, the Compare view and
every export, whatever made it (sampling, the Edit lab's edits; the 2-D lab's points next). Frames run
0..n for an n-step run: frame i < n is x *before* step i, frame n is the result. Every frame
holds the model's clean-image prediction from that x (the result frame too, from one extra
forward pass, so it can be inspected like the others), how noisy x is, what the model was
told, and optionally every layer's feature maps. Each step records how far it moved x toward
the prediction. Nothing here is a live tensor, and nothing needs torch.

Reading a run while it is recorded (the timeline opens on the first frames of a run still being
sampled): the recording loop (``core.sampling.sample``, on a worker thread) allocates every array
for the whole run up front, hands the Trajectory out after frame 0 (``on_start``), and writes each
later frame in place. ``frames_made`` counts the frames written so far; the loop moves it only after
*every* array of a frame (x, prediction, level, condition, mix, each layer's maps) has been written.
So the rule for a reader on another thread is: read ``frames_made`` once, then touch only frames
below it (and steps below it minus one); anything at or past it may be half written or garbage.
Python's GIL makes the int's update visible after the writes before it. A finished run has
``frames_made == n_frames``, the default for a Trajectory built whole.

A stopped run is handed on cut to the frames it made (``stopped_at``): its arrays are views of the
recording's, it has ``n_steps`` = the steps done, and ``planned_steps`` says how many were asked for,
so its captions (``core.captions``, where every frame's words are made) keep the run's own numbering
("step 3/40") and its last frame reads "stopped after step 12/40" instead of "result". Everything that walks frames 0..n (exports, the change plot) then
sees only made frames. ``final`` is always the x of the last made frame: for a stopped run that is
the images where the sampler left them (still partly noisy), not the model's guess of where they
were going, so nothing claims a result the run did not reach.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np


@dataclass
class Trajectory:
    """Every step of one run; see the module docstring. Only ``xs``, ``preds`` and ``mix`` are required:
    ``levels`` and ``conditions`` default to the course sampler's straight line t = 1 - i/n."""

    xs: np.ndarray                     # (n+1, N, C, H, W) float32: x before step i; xs[n] is the result
    preds: np.ndarray                  # (n+1, N, C, H, W) float32: the model's clean-image prediction from xs[i]
    mix: np.ndarray                    # (n,) how far step i moved x toward preds[i] (the course's 1/(n - i))
    features: dict[str, np.ndarray] = field(default_factory=dict)  # layer -> (n+1, K, C', H', W') float16
    seed: int = 0
    sampler: str = "course"            # its name in core.names.SAMPLERS, whose object captions the frames
    recipe: str = "course"
    levels: np.ndarray | None = None      # (n+1,) how noisy frame i's x is, 0..1 (1: pure noise, 0: clean)
    conditions: np.ndarray | None = None  # (n+1,) what the model was told: the blend amount, or DDPM's timestep
    labels: np.ndarray | None = None   # (N,) the digit each sample was asked for; None for unlabelled models
    guidance: float = 1.0              # the classifier-free guidance scale used (1: none)
    guidance_interval: tuple[float, float] = (0.0, 1.0)  # the noise levels it applied at (core.guidance)
    layer_notes: dict[str, str] = field(default_factory=dict)  # layer -> the note of the model that made the maps
    attention_layers: tuple[str, ...] = ()  # the layers of ``features`` that are attention weights (core.attention)
    frames_made: int | None = None     # frames 0..frames_made-1 are written (module docstring); None: all of them
    planned_steps: int | None = None   # a stopped run: the steps it was asked for; None: it ran them all
    edit: Any = None                   # an edit's record (core.edit_modes.EditRecord); None: sampled from noise
    captions: tuple[str, ...] | None = None  # a recorded run's captions as drawn; None: made by core.captions

    def __post_init__(self) -> None:
        straight = 1.0 - np.arange(self.n_frames) / max(self.planned_steps or self.n_steps, 1)
        if self.levels is None:
            self.levels = straight
        if self.conditions is None:
            self.conditions = np.asarray(self.levels, dtype=np.float64).copy()
        if self.frames_made is None:
            self.frames_made = self.n_frames

    @property
    def n_steps(self) -> int:
        return int(self.mix.shape[0])

    @property
    def n_frames(self) -> int:
        return self.n_steps + 1

    @property
    def n_samples(self) -> int:
        return int(self.xs.shape[1])

    @property
    def growing(self) -> bool:
        """True while frames are still being recorded into it (``frames_made < n_frames``)."""
        return self.frames_made < self.n_frames

    @property
    def stopped(self) -> bool:
        """True for a run stopped before its last step (cut by ``stopped_at``)."""
        return self.planned_steps is not None and self.planned_steps > self.n_steps

    @property
    def final(self) -> np.ndarray:
        """The images (N, C, H, W) in [0, 1] of the last made frame: the result of a finished run, where a
        stopped or still growing run has got to."""
        return np.clip(self.xs[self.frames_made - 1], 0.0, 1.0)

    @property
    def feature_samples(self) -> int:
        """How many samples have feature maps (the first ones of the batch); 0 without capture."""
        return int(next(iter(self.features.values())).shape[1]) if self.features else 0

    @property
    def layer_names(self) -> list[str]:
        return list(self.features)

    @property
    def nbytes(self) -> int:
        """The memory the recording holds (what ``core.sampling.trajectory_bytes`` estimates beforehand)."""
        return int(self.xs.nbytes + self.preds.nbytes + sum(m.nbytes for m in self.features.values()))

    def change_per_step(self, start: int = 0, stop: int | None = None) -> np.ndarray:
        """Mean absolute change of x made by each step between frames ``start`` and ``stop`` (default: the
        frames made), (stop - 1 - start,): the "how much moved" plot, (n,) for a finished run. A view adding
        the steps of newly made frames passes the count it read as ``stop``."""
        stop = self.frames_made if stop is None else min(int(stop), self.frames_made)
        moved = np.abs(np.diff(self.xs[start:stop], axis=0))
        return moved.mean(axis=tuple(range(1, moved.ndim)))  # over samples and whatever a sample is; () if none

    def stopped_at(self, frames: int | None = None) -> Trajectory:
        """Frames 0..``frames``-1 (default: those made) as a stopped run of ``frames - 1`` steps out of the
        ones planned. The arrays are views of this one's, so nothing is copied; call it once nothing writes
        those frames any more. All frames of an unstopped run: the run itself."""
        frames = self.frames_made if frames is None else int(frames)
        if not 1 <= frames <= self.frames_made:
            raise ValueError(f"a stopped run keeps 1 to {self.frames_made} made frames (got {frames})")
        if frames == self.n_frames:
            return self
        return replace(self, xs=self.xs[:frames], preds=self.preds[:frames], mix=self.mix[:frames - 1],
                       features={name: maps[:frames] for name, maps in self.features.items()},
                       levels=self.levels[:frames], conditions=self.conditions[:frames], frames_made=None,
                       planned_steps=self.planned_steps or self.n_steps)

    def continues(self, other: Trajectory | None) -> bool:
        """True when this run's frames are ``other``'s frames: the same object, or a stopped run cut from it
        (its arrays lie in the same memory). A view showing ``other`` may keep its frame and its drawings."""
        return other is self or (other is not None and np.may_share_memory(self.xs, other.xs))
