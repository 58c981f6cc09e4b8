"""Soak: start and stop training many times, and sample many times, in one window.

Why: each run starts a QThread, a worker, a model, data and plots; a reference kept
too long, a thread never joined or a torch thread pool that outlives its thread only
shows after dozens of runs. ``soak`` drives a real MainWindow (offscreen unless a
display is set) and returns the figures; ``diffviz bench soak`` prints them, and the
test suite calls the same function (tests/ui/test_reliability.py).

Memory is the resident set size (``/proc/self/statm`` on Linux; elsewhere the peak from
``resource``, which can only grow). The start figures are taken after one warm-up run
of each kind, so what is built once and kept on purpose (torch's thread pools, the
quality meter, font caches) is not counted as growth; the figure before the warm-up is
reported as well.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

MB = 1024 * 1024
GROWTH_LIMIT_MB = 100.0


def rss_bytes() -> int:
    """The process's resident memory now (Linux), or its peak where only that is known."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024  # macOS says bytes, Linux kB


def native_thread_count() -> int | None:
    """Every OS thread of the process (torch's pools included), where /proc tells; else None."""
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("Threads:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


def python_thread_count() -> int:
    """Live threads started by Python (QThreads running Python code appear as daemon 'dummy' threads)."""
    return sum(1 for t in threading.enumerate() if t.is_alive() and not t.daemon)


@dataclass
class SoakResult:
    """The figures of one soak run (memory in MB)."""

    train_cycles: int
    sample_runs: int
    seconds: float
    rss_before_warmup_mb: float
    rss_start_mb: float
    rss_end_mb: float
    python_threads_start: int
    python_threads_end: int
    native_threads_start: int | None
    native_threads_end: int | None
    qthreads_running_end: int
    errors: list[str] = field(default_factory=list)

    @property
    def growth_mb(self) -> float:
        """RSS growth over the measured runs (after the warm-up)."""
        return self.rss_end_mb - self.rss_start_mb

    @property
    def leaked_threads(self) -> bool:
        native = (self.native_threads_start is not None and self.native_threads_end is not None
                  and self.native_threads_end > self.native_threads_start)
        return self.qthreads_running_end > 0 or self.python_threads_end > self.python_threads_start or native

    @property
    def passed(self) -> bool:
        return not self.errors and not self.leaked_threads and self.growth_mb < GROWTH_LIMIT_MB

    def lines(self) -> list[str]:
        native = (f"{self.native_threads_start} -> {self.native_threads_end}"
                  if self.native_threads_start is not None else "n/a (no /proc)")
        return [
            (f"soak: {self.train_cycles} x start/stop training, {self.sample_runs} x sample, "
             f"in one window, {self.seconds:.1f} s"),
            (f"  RSS           {self.rss_start_mb:.1f} MB -> {self.rss_end_mb:.1f} MB, growth {self.growth_mb:+.1f} MB "
             f"(limit {GROWTH_LIMIT_MB:.0f} MB; {self.rss_before_warmup_mb:.1f} MB before the warm-up)"),
            (f"  threads       python {self.python_threads_start} -> {self.python_threads_end}, "
             f"native {native}, QThreads still running {self.qthreads_running_end}"),
            f"  errors shown  {len(self.errors)}" + (f": {self.errors[0]}" if self.errors else ""),
            f"  verdict       {'PASS' if self.passed else 'FAIL'}",
        ]


def _wait(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Serve the event loop until ``condition()`` holds; raise if it does not within ``timeout`` seconds."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"soak: {what} did not happen within {timeout:g} s")
        app.processEvents()
        time.sleep(0.002)
    app.processEvents()


def _train_cycle(window, timeout: float, first_step: bool = True) -> None:
    """Start training, stop it (after its first step, or at once while it loads its data and
    draws its first preview), and wait until it has ended."""
    window.start_training()
    if first_step:
        _wait(lambda: window.training_view.loss_point_count() > 0 or not window.busy("train"), timeout,
              "the first training step")
    window.stop_jobs()
    _wait(lambda: not window.busy(), timeout, "training to stop")


def _sample_run(window, timeout: float) -> None:
    before = window.trajectory
    window.start_sampling()
    _wait(lambda: not window.busy("sample"), timeout, "sampling to end")
    if window.trajectory is before:
        raise RuntimeError(f"soak: sampling ended without a result ({window.last_error})")


def _settle() -> None:
    """Let deferred deletions run and collect garbage, so the figures show what is really kept."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    for _ in range(3):
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
        gc.collect()
    time.sleep(0.2)  # threads that have just returned need a moment to be gone from /proc
    app.processEvents()


def soak(window, train_cycles: int = 50, sample_runs: int = 50, n: int = 4, steps: int = 5,
         timeout: float = 60.0, progress: Callable[[str], None] | None = None) -> SoakResult:
    """Start/stop training ``train_cycles`` times, then sample ``sample_runs`` times (``n`` images in
    ``steps`` steps) in ``window``; return the figures. Raises RuntimeError if a run hangs.

    Every other training run is stopped at once (while its worker loads data and draws the first
    preview), the others after their first optimiser step: both are moments a user stops at.

    The window's controls are set for short runs (a small batch; epochs high enough that a run
    never ends by itself before it is stopped). Messages shown to the user are collected as errors.
    """
    c = window.controls
    c.source.setCurrentIndex(c.source.findData("bundled"))
    c.epochs.setValue(100)
    c.minutes.setValue(0)
    c.batch.setValue(32)
    c.n.setValue(n)
    c.steps.setValue(steps)
    errors: list[str] = []
    window.last_error = None

    def note_error() -> None:
        if window.last_error is not None:
            errors.append(window.last_error)
            window.last_error = None

    _settle()
    rss_before = rss_bytes()
    _train_cycle(window, timeout)  # warm-up, one run of each kind: what is built once and kept on purpose
    _train_cycle(window, timeout, first_step=False)
    _sample_run(window, timeout)
    note_error()
    _settle()
    rss_start, py_start, native_start = rss_bytes(), python_thread_count(), native_thread_count()
    start = time.perf_counter()
    for i in range(train_cycles):
        _train_cycle(window, timeout, first_step=i % 2 == 0)  # stop at both moments, alternately
        note_error()
        if progress is not None and (i + 1) % 10 == 0:
            progress(f"  {i + 1}/{train_cycles} training runs, RSS {rss_bytes() / MB:.0f} MB")
    for i in range(sample_runs):
        _sample_run(window, timeout)
        note_error()
        if progress is not None and (i + 1) % 10 == 0:
            progress(f"  {i + 1}/{sample_runs} sampling runs, RSS {rss_bytes() / MB:.0f} MB")
    seconds = time.perf_counter() - start
    _settle()
    return SoakResult(
        train_cycles=train_cycles, sample_runs=sample_runs, seconds=seconds,
        rss_before_warmup_mb=rss_before / MB, rss_start_mb=rss_start / MB, rss_end_mb=rss_bytes() / MB,
        python_threads_start=py_start, python_threads_end=python_thread_count(),
        native_threads_start=native_start, native_threads_end=native_thread_count(),
        qthreads_running_end=sum(h.thread.isRunning() for h in window.handles.values()),
        errors=errors)


def run(args: argparse.Namespace) -> int:
    """``diffviz bench soak``: print the figures; exit 1 when a limit is broken."""
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
    from PySide6.QtCore import QSettings, QStandardPaths
    from PySide6.QtWidgets import QApplication

    # The soak's many tiny runs are autosaved like any training: keep them away from the user's autosave.
    QStandardPaths.setTestModeEnabled(True)
    app = QApplication.instance() or QApplication([])
    from diffviz.ui.window.main_window import MainWindow

    with tempfile.TemporaryDirectory(prefix="diffviz-soak-") as folder:
        window = MainWindow(settings=QSettings(os.path.join(folder, "settings.ini"), QSettings.IniFormat))
        window.show()
        app.processEvents()
        try:
            result = soak(window, train_cycles=args.train_cycles, sample_runs=args.sample_runs,
                          progress=lambda line: print(line, flush=True))
        finally:
            window.close()
    for line in result.lines():
        print(line)
    return 0 if result.passed else 1
