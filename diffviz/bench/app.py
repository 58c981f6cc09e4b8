"""App benchmarks: event-loop gaps and training speed inside the app, and timeline scrub time.

``diffviz bench app`` drives the real MainWindow (offscreen unless a display is set):
it trains the window's recipe for a fixed time while a 10 ms QTimer records how late the
event loop serves it, with the live previews and quality curve on and off, side by side
with a bare loop of the same recipe, batch and precision for the same time, once per
candidate torch thread count; then it samples 64 x 40 steps and times slider moves.
The ratio with previews on is what a learner gets; on against off is what the previews
cost (``workers.cadence`` keeps it near its budget).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from contextlib import contextmanager
from typing import Iterator

import numpy as np


def _percentiles(intervals_ms: list[float]) -> tuple[float, float, float]:
    arr = np.asarray(intervals_ms)
    return float(np.percentile(arr, 50)), float(np.percentile(arr, 99)), float(arr.max())


@contextmanager
def previews_off() -> Iterator[None]:
    """Training jobs started meanwhile take no preview samples (and so no quality points)."""
    import diffviz.workers.jobs as jobs
    from diffviz.workers.cadence import Cadence

    kept = jobs.preview_cadence
    jobs.preview_cadence = lambda: Cadence(first=float("inf"), every=1.0, budget=0.5)
    try:
        yield
    finally:
        jobs.preview_cadence = kept


def measure_training_in_app(window, seconds: float, threads: int) -> dict[str, float]:
    """Train in the window for ``seconds``; return img/s (wall clock) and 10 ms timer intervals."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    import diffviz.ui.window.training as training
    from diffviz.workers.messages import ModelSnapshot, TrainingStarted

    training.TRAIN_THREADS = threads
    app = QApplication.instance()
    window.controls.epochs.setValue(1000)
    window.controls.minutes.setValue(seconds / 60)
    intervals: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]
    started = [None]
    result: dict = {}

    def tick() -> None:
        now = clock.nsecsElapsed()
        if started[0] is not None:
            intervals.append((now - last[0]) / 1e6)
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    window.start_training()
    worker = window.handles["train"].worker
    worker.yielded.connect(lambda m: started.__setitem__(0, time.perf_counter())
                           if isinstance(m, TrainingStarted) else None)
    worker.returned.connect(lambda s: result.update(snapshot=s, end=time.perf_counter()))
    while window.busy("train"):
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()
    timer.stop()
    snapshot = result.get("snapshot")
    if not isinstance(snapshot, ModelSnapshot) or started[0] is None:
        raise RuntimeError("training in the app did not finish")
    p50, p99, worst = _percentiles(intervals)
    return {"img_s": snapshot.images / (result["end"] - started[0]), "p50": p50, "p99": p99, "max": worst}


def measure_scrub(window, n: int = 64, steps: int = 40, moves: int = 60) -> float:
    """Median ms for one slider move to redraw the timeline and the inspector."""
    from PySide6.QtWidgets import QApplication

    from diffviz.core.sampling import sample

    app = QApplication.instance()
    trajectory = sample(window.model, n, steps, features=16, recipe=window.recipe)
    window.show_trajectory(trajectory)
    names = trajectory.layer_names
    window.inspector.select_layer(names[1] if len(names) > 1 else names[0])  # a 64-channel layer
    app.processEvents()
    rng = np.random.default_rng(0)
    times = []
    for frame in rng.integers(0, steps + 1, moves):
        start = time.perf_counter()
        window.timeline.set_frame(int(frame))
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run(which: str, args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from diffviz.bench.engine import bare_recipe_loop
    from diffviz.core.data import load_bundled
    from diffviz.core.precision import FP32
    from diffviz.core.recipes import get_recipe
    from diffviz.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    settings = QSettings(os.path.join(os.path.realpath(os.environ.get("TMPDIR", "/tmp")), "diffviz-bench.ini"),
                         QSettings.IniFormat)
    window = MainWindow(settings=settings)
    window.show()
    app.processEvents()
    data = load_bundled()
    seconds = args.seconds
    recipe = get_recipe(window.controls.recipe_name())
    window.controls.batch.setValue(recipe.batch_size)
    window.controls.precision.setCurrentIndex(window.controls.precision.findData("fp32"))
    print(f"training {recipe.name} (batch {recipe.batch_size}, fp32) inside the app, with previews and "
          f"without, vs a bare loop of the same, {seconds:g} s each, alternating; GUI timer 10 ms "
          f"({app.platformName()} platform)")
    print(f"  {'worker threads':>14} {'bare img/s':>10} {'app, previews':>13} {'ratio':>6} {'app, none':>9} "
          f"{'ratio':>6} {'on/off':>6} {'gap p50':>8} {'p99':>6} {'max':>6}  (ms)")
    for threads in (1, 2):
        import torch

        torch.set_num_threads(threads)
        bare = bare_recipe_loop(recipe, data, seconds, FP32, recipe.batch_size)
        inside = measure_training_in_app(window, seconds, threads)
        with previews_off():
            without = measure_training_in_app(window, seconds, threads)
        print(f"  {threads:>14} {bare:>10.1f} {inside['img_s']:>13.1f} {inside['img_s'] / bare:>6.3f} "
              f"{without['img_s']:>9.1f} {without['img_s'] / bare:>6.3f} {inside['img_s'] / without['img_s']:>6.3f} "
              f"{inside['p50']:>8.1f} {inside['p99']:>6.1f} {inside['max']:>6.1f}")
    scrub = measure_scrub(window)
    print(f"timeline + inspector redraw per slider move (64 samples x 40 steps, features of 16): "
          f"median {scrub:.1f} ms")
    window.close()
    return 0
