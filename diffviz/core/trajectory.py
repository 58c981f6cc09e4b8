"""A ``Trajectory``: every frame of one run from noise to images, as numpy arrays.

One Trajectory is the single source for the timeline, the inspector, the Compare view and
every export, whatever made it (sampling today; editing and the 2-D lab later). Frames run
0..n for an n-step run: frame i < n is x *before* step i, frame n is the result. Every frame
holds the model's clean-image prediction from that x (the result frame too, from one extra
forward pass, so it can be inspected like the others), how noisy x is, what the model was
told, and optionally every layer's feature maps. Each step records how far it moved x toward
the prediction. Nothing here is a live tensor, and nothing needs torch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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

    def __post_init__(self) -> None:
        straight = 1.0 - np.arange(self.n_frames) / max(self.n_steps, 1)
        if self.levels is None:
            self.levels = straight
        if self.conditions is None:
            self.conditions = np.asarray(self.levels, dtype=np.float64).copy()

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
    def final(self) -> np.ndarray:
        """The finished images (N, C, H, W) in [0, 1]."""
        return np.clip(self.xs[-1], 0.0, 1.0)

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

    def request_text(self) -> str:
        """What a model told the class was asked for, e.g. ``digit 7 · guidance 2``; empty for other models."""
        if self.labels is None:
            return ""
        digits = sorted(set(self.labels.tolist()))
        asked = f"digit {digits[0]}" if len(digits) == 1 else "digits 0 to 9 in turn"
        from diffviz.core.guidance import Guidance  # torch-free

        return f"{asked} · {Guidance(self.guidance, tuple(self.guidance_interval)).text()}"

    def change_per_step(self) -> np.ndarray:
        """Mean absolute change of x made by each step, (n,): the "how much moved" plot."""
        return np.abs(np.diff(self.xs, axis=0)).mean(axis=(1, 2, 3, 4))

    def step_label(self, frame: int) -> str:
        """A short caption for a frame in the sampler's own words, e.g. ``step 3/40 · mix 1/38 = 0.026``."""
        from diffviz.core.samplers import get_sampler  # the samplers need torch; a Trajectory does not

        return get_sampler(self.sampler).caption(self, frame)
