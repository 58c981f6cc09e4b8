"""The 2-D lab's jobs: training its MLP with the loss streamed to the view, and computing a run to show.

Why apart from ``jobs``: the 2-D lab shares no model, data or message with the image views; its jobs take
plain arrays and the keys of registries (a data set's points, a recipe's name) and hand back plain results
(a trained model the worker made itself, a ``core.toy.lab.LabRun`` of numpy arrays).
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass

import numpy as np
from torch import nn

from diffviz.core import i18n
from diffviz.workers.base import GeneratorWorker
from diffviz.workers.messages import Progress

LOSS_INTERVAL_S = 0.25  # how often the loss plot hears of new steps


@dataclass
class LabLosses:
    """Every loss of the run so far (a few thousand floats at most), and the seconds trained."""

    losses: np.ndarray
    seconds: float


@dataclass
class LabTrained:
    """A trained 2-D model (the worker's own, handed over once training ends) and what made it."""

    model: nn.Module
    recipe: str
    steps: int
    seconds: float


def lab_training_job(points: np.ndarray, recipe: str, seconds: float, seed: int = 0):
    """Train a fresh ToyMLP of ``recipe`` on ``points`` for ``seconds``, yielding ``LabLosses``; a stop ends
    training early and still returns what was learnt (start it with ``finish_on_stop``)."""

    def job(worker: GeneratorWorker):
        from diffviz.core.toy.recipes import get_toy_recipe, point_trainer

        trainer = point_trainer(points, get_toy_recipe(recipe), seconds=seconds, seed=seed)
        losses: list[float] = []
        started = last = time.monotonic()
        for report in trainer.steps():
            losses.append(report.loss)
            if worker.should_stop():
                trainer.cancel.set()
            if time.monotonic() - last >= LOSS_INTERVAL_S:
                last = time.monotonic()
                yield LabLosses(np.asarray(losses, np.float32), last - started)
        elapsed = time.monotonic() - started
        yield LabLosses(np.asarray(losses, np.float32), elapsed)
        return LabTrained(copy.deepcopy(trainer.sampling_model).eval(), recipe, len(losses), elapsed)

    return job


def lab_run_job(data: np.ndarray, classes: np.ndarray | None, recipe: str, model: nn.Module | None,
                samplers: tuple[str, ...], n: int, steps: int, seed: int):
    """A ``LabRun``: ``model`` (the worker's own copy) predicts, or with None the perfect denoiser of ``data``."""

    def job(worker: GeneratorWorker):
        import torch

        from diffviz.core.toy import ideal
        from diffviz.core.toy.lab import chunked, lab_run
        from diffviz.core.toy.recipes import get_toy_recipe

        chosen = get_toy_recipe(recipe)
        if model is None:
            predict = chunked(ideal.predictor(torch.from_numpy(np.asarray(data, np.float32)), chosen.process),
                              len(data))
        else:
            predict = chosen.predictor(model)

        doing = i18n.tr("Computing the run…")

        def progress(done: int, total: int) -> None:
            worker.yielded.emit(Progress(done, total, doing))

        return lab_run(data, classes, predict, chosen.process, samplers, n, steps, seed=seed, recipe=recipe,
                       model="perfect" if model is None else "trained", cancel=worker.stop_event,
                       on_progress=progress)

    return job


def lab_export_job(walks, data: np.ndarray, path: str, fps: float = 20.0):
    """The run's walks side by side as a GIF or WebP (``core.toy.render``), with progress."""

    def job(worker: GeneratorWorker):
        from diffviz.core.toy.render import save_points_animation

        doing = i18n.tr("Exporting…")

        def on_frame(done: int, count: int) -> None:
            worker.yielded.emit(Progress(done, count, doing))

        return save_points_animation(walks, path, data=data, fps=fps, on_frame=on_frame,
                                     should_stop=worker.should_stop)

    return job


def lab_digits_job(trajectory, images: np.ndarray, process):
    """An image run drawn in the plane of the training digits (``core.toy.plane.digits_run``)."""

    def job(worker: GeneratorWorker):
        from diffviz.core.toy.plane import digits_run

        return digits_run(trajectory, images, process)

    return job
