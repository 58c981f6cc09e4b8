"""The jobs the app runs off the GUI thread: training, sampling, the Edit lab's edits, export.

Each is a function of the worker (for its stop/pause flags); training is a generator
that yields throttled messages, sampling and export report progress by emitting the
worker's ``yielded`` signal from their engine callbacks.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Iterator

import numpy as np
import torch
from torch import nn

from diffviz.core import i18n
from diffviz.core.data import IMAGE_SIZE, DigitData, fixed_batch, load_source
from diffviz.core.processes import Schedule, get_process
from diffviz.core.recipes import RECIPES, Recipe
from diffviz.core.errors import DiffvizError, TrainingDiverged
from diffviz.core.quality import meter_applies, shipped_meter
from diffviz.core.export import GifOptions, save_animation, save_png_frames
from diffviz.core.sampling import choose_sampling_precision, sample, sample_final
from diffviz.core.training import TrainConfig, Trainer, choose_training_precision
from diffviz.core.trajectory import Trajectory
from diffviz.workers.base import GeneratorWorker
from diffviz.workers.cadence import Cadence, preview_cadence, strip_cadence
from diffviz.workers.messages import (FramesMade, ModelSnapshot, PrecisionChosen, PredictionStrip, PreviewSamples,
                                      Progress, QualityPoint, SamplingFailed, SamplingStarted, TrainingStarted,
                                      TrainingUpdate)

UPDATE_INTERVAL = 1 / 10      # seconds between TrainingUpdates: the plots redraw at 10 Hz (training_view.REDRAW_MS)
FRAMES_INTERVAL = 1 / 30      # seconds between FramesMade: a view redraws no faster
PREVIEW_N, PREVIEW_STEPS, PREVIEW_SEED = 16, 20, 1234


def snapshot(model: nn.Module, trainer: Trainer, elapsed: float) -> ModelSnapshot:
    cfg = trainer.config
    return ModelSnapshot(
        recipe=trainer.recipe.name,
        state={k: v.detach().cpu().numpy().copy() for k, v in model.state_dict().items()},
        steps=trainer.total_steps, images=trainer.images_seen, seconds=elapsed,
        epoch_losses=list(trainer.epoch_losses),
        hyperparameters={"epochs": cfg.epochs, "seconds": cfg.seconds, "batch_size": cfg.batch_size,
                         "lr": cfg.lr, "seed": cfg.seed},
        data_name=trainer.data.name, data_digits=trainer.data.digits, model_config=model.config())


@torch.no_grad()
def prediction_strip(model: nn.Module, batch: torch.Tensor, step: int,
                     recipe: Recipe = RECIPES["course"]) -> PredictionStrip:
    """The course's figure: batch[i] corrupted by amount i/(B-1), and the model's prediction."""
    was_training = model.training
    model.eval()
    amounts = torch.linspace(0, 1, batch.shape[0])
    noise = recipe.draw_noise(tuple(batch.shape), torch.Generator().manual_seed(7))
    noisy, condition = recipe.noisy_at(batch, amounts, noise)
    pred = recipe.clean_image(model, noisy, condition)
    model.train(was_training)
    return PredictionStrip(step=step, amounts=amounts.numpy(), clean=batch.numpy().copy(),
                           noisy=recipe.to_screen(noisy).numpy(), pred=pred.numpy())


def training_job(data: DigitData | str, config: TrainConfig, recipe: Recipe = RECIPES["course"], *,
                 strips: Cadence | None = None, previews: Cadence | None = None, precision: str = "fp32",
                 channels: int = 1, size: int = IMAGE_SIZE):
    """Build the generator a GeneratorWorker runs: yields updates, strips, previews; returns a snapshot.

    The data (a spec string is loaded here, off the GUI thread, with ``channels`` and ``size`` as
    ``load_source`` reads them) and a fresh model, seeded
    by the config so a run is repeatable, belong to the worker thread alone. ``precision`` is a
    ``core.precision`` choice; ``auto`` is measured here too, off the GUI thread. Strips and previews
    come by the clock within a share of the time (``workers.cadence``; None: the defaults), so the
    first preview and quality point arrive seconds after Train whatever the recipe's speed.

    Raises ``ConfigError`` at once, before any job exists, when the recipe cannot learn images of that
    shape: the recipe's own rule (``make_model``) is asked with a model on torch's meta device, which
    allocates nothing, so a refusal comes before a folder is read rather than after.
    """
    strips = strips or strip_cadence()
    previews = previews or preview_cadence()
    with torch.device("meta"):
        recipe.make_model((channels, size, size) if isinstance(data, str) else tuple(data.images.shape[1:]))

    def job(worker: GeneratorWorker) -> Iterator[object]:
        dataset = load_source(data, channels=channels, size=size) if isinstance(data, str) else data
        torch.manual_seed(config.seed)
        fresh = recipe.make_model(tuple(dataset.images.shape[1:]))
        chosen = choose_training_precision(precision, fresh, recipe, config.batch_size)
        yield PrecisionChosen("train", chosen.line())
        trainer = Trainer(fresh, dataset, config, cancel=worker.stop_event, recipe=recipe, precision=chosen.precision)
        model = trainer.sampling_model  # previews, strips and the snapshot use the weights one samples with
        # with a time limit the run may end long before its epochs do: the views then follow the data
        quality_note = meter_applies({"digits": dataset.digits, "data": dataset.name})
        yield TrainingStarted(steps_per_epoch=trainer.steps_per_epoch,
                              total_steps=trainer.budget_steps if config.seconds is None else None,
                              data_name=dataset.name, quality_note=quality_note, data_notes=tuple(dataset.notes))
        batch = fixed_batch(dataset, 8)
        try:
            meter = None if quality_note else shipped_meter()  # no digit figures for clothes or unknown images
        except DiffvizError:
            meter = None  # the curve is a bonus; training goes on without it

        def preview(step: int, elapsed: float) -> Iterator[object]:
            started = time.perf_counter()
            # the guidance a model of this age draws with by default, as Sample would use it now (core.guidance)
            images = sample_final(model, PREVIEW_N, PREVIEW_STEPS, PREVIEW_SEED, cancel=worker.stop_event,
                                  recipe=recipe, precision=chosen.precision,
                                  guidance=recipe.sampling_scale(trainer.images_seen))
            if images is None:  # stopped: the weights matter now, not the preview
                return
            message = PreviewSamples(step, elapsed, images)
            point = None
            if meter is not None:
                report = meter.measure(images)
                point = QualityPoint(step, elapsed, report.recognised, report.coverage, report.frechet, report.n)
            previews.done(elapsed, time.perf_counter() - started)
            yield message
            if point is not None:
                yield point

        def strip(step: int, elapsed: float) -> PredictionStrip:
            started = time.perf_counter()
            made = prediction_strip(model, batch, step, recipe)
            strips.done(elapsed, time.perf_counter() - started)
            return made

        yield strip(0, 0.0)  # the untrained model's guesses, at once
        pending: list = []
        last_emit = time.perf_counter()
        elapsed = 0.0

        def flush(report) -> TrainingUpdate:
            update = TrainingUpdate(
                steps=np.array([r.step for r in pending]), epochs=np.array([r.epoch for r in pending]),
                losses=np.array([r.loss for r in pending]),
                amounts=np.concatenate([r.amounts for r in pending]),
                image_losses=np.concatenate([r.image_losses for r in pending]),
                images_per_sec=report.images_per_sec, elapsed=report.elapsed, progress=report.progress,
                eta=report.eta, epoch_losses=list(trainer.epoch_losses))
            pending.clear()
            return update

        report = None
        looked_at = stripped_at = -1  # the steps of the last preview and strip
        try:
            for report in trainer.steps():
                elapsed = report.elapsed
                pending.append(report)
                now = time.perf_counter()
                if now - last_emit >= UPDATE_INTERVAL:
                    yield flush(report)
                    last_emit = now
                if strips.due(elapsed):
                    yield strip(report.step, elapsed)
                    stripped_at = report.step
                if previews.due(elapsed):
                    yield from preview(report.step, elapsed)
                    looked_at = report.step
                worker.wait_if_paused()  # pausing holds the trainer between two steps
        except TrainingDiverged:
            if pending and report is not None:
                yield flush(report)
            yield snapshot(model, trainer, elapsed)  # the last finite weights, restored by the trainer
            raise
        if pending and report is not None:
            yield flush(report)
        if report is not None and not worker.should_stop():  # the finished model, unless just shown
            if stripped_at != report.step:
                yield prediction_strip(model, batch, report.step, recipe)
            if looked_at != report.step:
                yield from preview(report.step, report.elapsed)
        return snapshot(model, trainer, elapsed)

    return job


def thinned_features(model: nn.Module, n: int, steps: int, features: bool | int) -> bool | int:
    """The feature maps a run can keep: ``features`` samples' (an int: the app's "first 16"), or as many as fit
    in memory when a large model's maps would not (``core.sampling.feature_samples_that_fit``; False when none
    fit). Sized here, on the worker, because sizing may run the model once; the Trajectory's
    ``feature_samples`` says what was kept. ``True`` (every sample's maps) is left for the run to refuse."""
    if isinstance(features, bool) or not features:
        return features
    from diffviz.core.sampling import feature_samples_that_fit, image_shape_of

    return feature_samples_that_fit(model, n, steps, int(features), image_shape_of(model)) or False


def sampling_job(model: nn.Module, n: int, steps: int, seed: int, features: bool | int = True,
                 recipe: Recipe = RECIPES["course"], sampler: str | None = None, digit: int | None = None,
                 guidance: float | None = None, precision: str = "fp32",
                 guidance_interval: tuple[float, float] | None = None, judge: bool = True):
    """Sample with a full trajectory, streamed (``streamed_run``): ``SamplingStarted(trajectory)`` once frame 0
    is made, then ``FramesMade`` at most every ``FRAMES_INTERVAL`` and once more with the last count (and
    ``Progress`` per frame). Returns the Trajectory; when stopped, the frames made so far as a stopped run
    (``Trajectory.stopped_at``; None if stopped before frame 0). The quality meter judges finished runs only.

    ``digit``, ``guidance`` and ``guidance_interval`` reach class recipes only (see ``core.sampling.sample``);
    ``precision`` is a ``core.precision`` choice; ``judge``: the quality meter reports on the results (False for
    a model whose images it does not score, ``core.quality.meter_applies``).
    """

    def run(chosen, **recording) -> Trajectory | None:
        kept = thinned_features(model, n, steps, features)
        return sample(model, n, steps, seed, features=kept, recipe=recipe, sampler=sampler, digit=digit,
                      guidance=guidance, guidance_interval=guidance_interval, precision=chosen.precision,
                      **recording)

    return streamed_run(run, model, recipe, n, steps + 1, precision, i18n.tr("Sampling…"), judge=judge)


def edit_job(model: nn.Module, request, recipe: Recipe, features: bool | int = True, precision: str = "fp32"):
    """Run an Edit lab request (``core.editing.run_edit``), streamed as ``sampling_job`` streams: the timeline
    opens on the edit's first frames while the rest are computed; Stop keeps the frames made."""
    from diffviz.core.editing import run_edit

    def run(chosen, **recording) -> Trajectory | None:
        kept = thinned_features(model, request.samples, request.frames - 1, features)
        return run_edit(request, model, recipe, features=kept, precision=chosen.precision, **recording)

    doing = i18n.tr("{edit}: computing {frames} frames…").format(edit=i18n.tr(request.edit_mode.title),
                                                                 frames=request.frames)
    return streamed_run(run, model, recipe, request.samples, request.frames, precision, doing)


def streamed_run(run, model: nn.Module, recipe: Recipe, n: int, frames: int, precision: str, doing: str,
                 judge: bool = False):
    """A recorded run as a job whose frames reach the views while it computes.

    ``run(chosen_precision, cancel=, on_frame=, on_start=, keep_stopped=)`` records the run (``sample``, an
    edit). The job is a generator (it yields the precision, then runs within the one step after) because
    GeneratorWorker drops a plain job's result when stopped: this way a stop reaches the run through
    ``stop_event`` and the stopped run is returned, with or without ``finish_on_stop``. ``judge``: the
    quality meter's report on a finished run's results. ``doing``: what the run does, in words for people
    (translated), sent with each ``Progress``.
    """

    def job(worker: GeneratorWorker) -> Iterator[object]:
        chosen = choose_sampling_precision(precision, model, recipe, n)
        yield PrecisionChosen("sample", chosen.line())
        recording: list[Trajectory] = []
        sent = {"count": 0, "at": float("-inf")}  # the first count goes at once

        def frames_made(count: int, total: int) -> None:
            sent["count"], sent["at"] = count, time.perf_counter()
            worker.yielded.emit(FramesMade(count, total))

        def started(trajectory: Trajectory) -> None:
            recording.append(trajectory)
            worker.yielded.emit(SamplingStarted(trajectory))

        def progress(done: int, total: int) -> None:
            worker.yielded.emit(Progress(done, total, doing))
            if time.perf_counter() - sent["at"] >= FRAMES_INTERVAL:
                frames_made(done, total)

        try:
            trajectory = run(chosen, cancel=worker.stop_event, on_frame=progress, on_start=started,
                             keep_stopped=True)
        except Exception:
            if recording and recording[0].frames_made:
                worker.yielded.emit(SamplingFailed(recording[0].stopped_at()))
            raise
        if trajectory is None:
            return None
        if sent["count"] != trajectory.frames_made:
            frames_made(trajectory.frames_made, frames)
        if judge and not trajectory.stopped:
            try:
                worker.yielded.emit(shipped_meter().measure(trajectory.final))
            except DiffvizError as exc:  # the meter is a bonus: sampling still succeeded
                worker.yielded.emit(Progress(1, 1, i18n.tr("The quality meter is unavailable: {error}")
                                             .format(error=exc)))
        return trajectory

    return job


def export_job(trajectory: Trajectory, path: str, options: GifOptions, as_frames: bool = False):
    """Write a GIF or animated WebP (by ``path``'s suffix), or a folder of PNG frames; returns the path
    (None when stopped)."""

    def job(worker: GeneratorWorker):
        doing = i18n.tr("Exporting…")

        def progress(done: int, total: int) -> None:
            worker.yielded.emit(Progress(done, total, doing))

        if as_frames:
            written = save_png_frames(trajectory, path, options, on_frame=progress)
            return path if written else None
        return save_animation(trajectory, path, options, on_frame=progress, should_stop=worker.should_stop)

    return job


def schedule_job(key: str):
    """The schedule of the noising process ``key`` (diffusers is imported here, off the GUI thread)."""

    def job(worker: GeneratorWorker) -> tuple[str, Schedule]:
        return key, get_process(key).schedule()

    return job


def comparison_job(runs: list[tuple[str, str, int, float | None, str]], current: tuple[nn.Module, Recipe], n: int,
                   seed: int):
    """Sample each (model key, sampler, steps, guidance, label) from the same seed; returns (trajectories, labels).

    ``current`` is the worker's own copy of the window's model; bundled models are loaded here.
    """

    def job(worker: GeneratorWorker):
        from diffviz.core.checkpoints import load_checkpoint
        from diffviz.core.comparison import RunSpec, run_comparison
        from diffviz.core.paths import bundled_checkpoint_path
        from diffviz.core.recipes import get_recipe

        specs = []
        for key, sampler, steps, guidance, label in runs:
            if key == "current":
                model, recipe = current
            elif key.startswith("file:"):
                model, info = load_checkpoint(key[5:])
                recipe = get_recipe(info.recipe)
            else:
                model, info = load_checkpoint(bundled_checkpoint_path(key.split(":", 1)[1]))
                recipe = get_recipe(info.recipe)
            specs.append(RunSpec(label, model, recipe, sampler, steps, guidance))

        doing = i18n.tr("Comparing…")

        def progress(done: int, total: int) -> None:
            worker.yielded.emit(Progress(done, total, doing))

        trajectories = run_comparison(specs, n, seed, on_run=progress, should_stop=worker.should_stop)
        return None if trajectories is None else (trajectories, [spec.label for spec in specs])

    return job


def comparison_export_job(trajectories: list[Trajectory], labels: list[str], path: str):
    """Write the comparison GIF, with progress and a stop as the timeline's export has; returns the path
    (None when stopped)."""

    def job(worker: GeneratorWorker):
        from diffviz.core.comparison import save_comparison_gif

        doing = i18n.tr("Exporting…")

        def progress(done: int, total: int) -> None:
            worker.yielded.emit(Progress(done, total, doing))

        written = save_comparison_gif(trajectories, labels, path, on_frame=progress, should_stop=worker.should_stop)
        return None if written is None else str(written)

    return job


def pipeline_export_job(out: str | Path, current: tuple[nn.Module, Recipe] | None = None,
                        checkpoint: str | Path | None = None):
    """Write a diffusers DDPMPipeline folder at ``out`` (``core.pipelines.export_pipeline``) of ``current``, the
    worker's own copy of a model and its recipe, or of the diffviz checkpoint at ``checkpoint``, loaded here;
    returns the folder (None when stopped before it was written). diffusers is imported here, off the GUI thread.
    A model that cannot export, an ``out`` that exists or a parent that cannot be written end the job with the
    ``CheckpointError`` saying so, and nothing is written."""
    if (current is None) == (checkpoint is None):
        raise ValueError("pipeline_export_job takes a model (current) or a checkpoint, one of the two")

    def job(worker: GeneratorWorker) -> Iterator[object]:
        from diffviz.core.pipelines import export_pipeline

        yield Progress(0, 1, i18n.tr("Exporting…"))
        if current is not None:
            model, recipe = current
        else:
            from diffviz.core.checkpoints import load_checkpoint
            from diffviz.core.recipes import get_recipe

            model, info = load_checkpoint(checkpoint)
            recipe = get_recipe(info.recipe)
        if worker.should_stop():  # the folder is written whole or not at all: a stop counts only before
            return None
        return export_pipeline(model, recipe, out)

    return job


def nearest_job(images: np.ndarray, training: torch.Tensor):
    """The training digit nearest to each image and its RMS distance (``core.models.perfect.nearest_training``)."""

    def job(worker: GeneratorWorker) -> tuple[np.ndarray, np.ndarray]:
        from diffviz.core.models.perfect import nearest_training

        indices, distances = nearest_training(np.ascontiguousarray(images), training)
        return indices.numpy(), distances.numpy()

    return job
