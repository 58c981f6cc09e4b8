"""The training job's looks at the model (strips, previews, quality points) come by the clock."""

from __future__ import annotations

import numpy as np

from diffviz.core.data import load_bundled
from diffviz.core.recipes import get_recipe
from diffviz.core.training import TrainConfig
from diffviz.workers.cadence import Cadence
from diffviz.workers.jobs import training_job
from diffviz.workers.messages import ModelSnapshot, PredictionStrip, PreviewSamples, QualityPoint

from .recording import WAIT_MS


def test_previews_come_early_then_by_the_clock_and_once_at_the_end(start_worker, qtbot):
    previews = Cadence(first=0.4, every=0.6, budget=0.5)
    job = training_job(load_bundled(), TrainConfig(epochs=None, seconds=2.5, batch_size=32), get_recipe("course"),
                       previews=previews, strips=Cadence(first=0.2, every=0.3, budget=0.5))
    _, recorder = start_worker(job, threads=2)
    qtbot.waitUntil(lambda: recorder.finished >= 1, timeout=60_000 + WAIT_MS)
    assert not recorder.errors
    shown = [m for m in recorder.yielded if isinstance(m, PreviewSamples)]
    points = [m for m in recorder.yielded if isinstance(m, QualityPoint)]
    strips = [m for m in recorder.yielded if isinstance(m, PredictionStrip)]
    times = [p.elapsed for p in shown]
    assert 0.4 <= times[0] < 1.4, times  # the first look after about 0.4 s of training, not after N steps
    during = times[:-1]  # the last is the finished model's, whenever training ends
    assert len(during) >= 3 and np.all(np.diff(during) >= 0.6 - 1e-9), times  # then no closer than `every`
    assert [p.elapsed for p in points] == times  # one quality point per preview, at the same time
    assert strips[0].step == 0 and len(strips) >= 4  # the untrained model's guesses first, then by the clock
    assert shown[-1].elapsed >= 2.4  # the finished model's preview
    assert isinstance(recorder.returned[-1], ModelSnapshot)


def test_a_time_limited_run_does_not_promise_its_epochs_steps(start_worker, qtbot):
    """With a time limit the run may end long before its epochs do, so the loss plot must not be laid out
    for the epochs' steps (a 15-s run once drew its 84 steps in the first 0.05 % of a 157,000-step axis)."""
    from diffviz.workers.messages import TrainingStarted

    for seconds, total in ((0.5, None), (None, 3)):
        epochs = 1000.0 if seconds else 3 * 16 / 10_000
        job = training_job(load_bundled(), TrainConfig(epochs=epochs, seconds=seconds, batch_size=16),
                           get_recipe("course"))
        _, recorder = start_worker(job, threads=2)
        qtbot.waitUntil(lambda: recorder.finished >= 1, timeout=60_000 + WAIT_MS)
        started = [m for m in recorder.yielded if isinstance(m, TrainingStarted)]
        assert len(started) == 1 and started[0].total_steps == total


def test_the_quality_meter_says_it_does_not_apply_to_clothes_and_judges_none(start_worker, qtbot):
    """A Fashion-MNIST (or own-folder) run gets no digit figures: "recognised 0.11" would only mislead."""
    from diffviz.core.data import DigitData
    from diffviz.workers.messages import TrainingStarted

    digits = load_bundled()
    clothes = DigitData(digits.images[:256], digits.labels[:256], "FashionMNIST (256 images)", digits=False,
                        notes=["skipped 2 unreadable files (a.png, b.png)"])
    previews = Cadence(first=0.2, every=0.3, budget=0.5)
    job = training_job(clothes, TrainConfig(epochs=None, seconds=1.0, batch_size=16), get_recipe("course"),
                       previews=previews)
    _, recorder = start_worker(job, threads=2)
    qtbot.waitUntil(lambda: recorder.finished >= 1, timeout=60_000 + WAIT_MS)
    started = next(m for m in recorder.yielded if isinstance(m, TrainingStarted))
    assert "scores digits" in started.quality_note and "FashionMNIST" in started.quality_note
    assert started.data_notes == ("skipped 2 unreadable files (a.png, b.png)",)
    assert any(isinstance(m, PreviewSamples) for m in recorder.yielded)  # the previews still come
    assert not any(isinstance(m, QualityPoint) for m in recorder.yielded)
    assert recorder.returned[-1].data_digits is False  # and the checkpoint will say so
