"""What workers send to views: plain dataclasses of numbers and numpy copies.

Why plain data: a signal crosses threads by queued connection; handing a view a tensor
the worker is still updating would race. Copies are small (a few KB per update).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from diffviz.core.trajectory import Trajectory


@dataclass
class TrainingStarted:
    """Sent once the data is loaded: what the views need to lay out a new run."""

    steps_per_epoch: int
    total_steps: int | None    # None for a time budget
    data_name: str
    quality_note: str = ""     # why the quality meter does not score this data (empty: it does)
    data_notes: tuple[str, ...] = ()  # what a person should hear about how the data was read (skipped files...)


@dataclass
class TrainingUpdate:
    """Every step since the last update (batched so the GUI gets at most ~30 updates/s)."""

    steps: np.ndarray          # (k,) step numbers, 1-based
    epochs: np.ndarray         # (k,) fractional epochs
    losses: np.ndarray         # (k,) batch losses
    amounts: np.ndarray        # (m,) per-image corruption amounts of those steps
    image_losses: np.ndarray   # (m,) per-image losses, aligned with amounts
    images_per_sec: float
    elapsed: float
    progress: float            # 0..1 of the budget
    eta: float | None
    epoch_losses: list[float] = field(default_factory=list)


@dataclass
class PredictionStrip:
    """The course's figure, live: a fixed batch corrupted at amounts 0 -> 1 and the model's predictions."""

    step: int
    amounts: np.ndarray        # (B,)
    clean: np.ndarray          # (B, 1, 28, 28)
    noisy: np.ndarray          # (B, 1, 28, 28)
    pred: np.ndarray           # (B, 1, 28, 28)


@dataclass
class PreviewSamples:
    """A few samples drawn from the model as it is at ``step`` (same noise every time)."""

    step: int
    elapsed: float
    images: np.ndarray         # (N, 1, 28, 28) in [0, 1]


@dataclass
class QualityPoint:
    """The quality meter's verdict on one batch of preview samples, for the curve over training time."""

    step: int
    elapsed: float
    recognised: float
    coverage: float
    frechet: float
    samples: int = 0  # how many preview samples were judged


@dataclass
class ModelSnapshot:
    """The trained weights (numpy copies) and what the checkpoint metadata needs."""

    recipe: str
    state: dict[str, np.ndarray]
    steps: int
    images: int
    seconds: float
    epoch_losses: list[float]
    hyperparameters: dict[str, Any]
    data_name: str
    data_digits: bool = True   # the data was handwritten digits (core.quality.meter_applies)
    model_config: dict[str, Any] | None = None  # what build_model needs (a colour or larger model's shape)


@dataclass
class Progress:
    """Generic progress for sampling and export: ``done`` of ``total`` and a few words (translated)."""

    done: int
    total: int
    text: str = ""


@dataclass
class PrecisionChosen:
    """How the job's network runs (``core.precision``) and why, in a line for the status bar."""

    job: str                   # "train" | "sample"
    line: str



@dataclass
class SamplingStarted:
    """The run being recorded, sent once its frame 0 is made, so views can show it while the rest are computed.

    Not a copy (the exception to this module's rule, for a reason): the worker goes on writing later frames
    into these arrays, so a reader reads ``trajectory.frames_made`` first and then only frames below it;
    those are never written again (``core.trajectory`` gives the rule). The job's result is this same
    object when the run finishes, or frames cut from it (``Trajectory.stopped_at``) when it is stopped.
    """

    trajectory: Trajectory


@dataclass
class FramesMade:
    """How many frames of the ``SamplingStarted`` run are made: at most ~30 a second, and always the last."""

    count: int
    total: int


@dataclass
class SamplingFailed:
    """Sent just before a sampling job fails after frame 0: the frames made before the error as a stopped run,
    so the views stop waiting for frames that will not come (the error itself arrives as ``errored``)."""

    trajectory: Trajectory
