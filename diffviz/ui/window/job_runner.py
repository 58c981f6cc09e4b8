"""The app's running jobs: one named worker thread each (train, sample, export), started,
stopped and joined in one place.

Why a separate object: thread lifetime has rules that are easy to break from a window —
keep Python references until the thread ends, connect worker signals to methods of a
QObject that lives on the GUI thread (a lambda would run in the worker thread), and never
let a running QThread be destroyed. ``JobRunner`` lives on the GUI thread and re-emits a
worker's end and errors as its own signals.
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, QTimer, Signal

from diffviz.workers.base import GeneratorWorker, WorkerHandle

log = logging.getLogger(__name__)

STOP_TIMEOUT_MS = 2500


class GuiThreadCollector(QObject):
    """While worker threads run, Python's cyclic garbage collector runs only here, on the GUI thread.

    Why: a collection runs in whichever thread happens to allocate when a threshold is crossed. In a worker that
    can destroy a dead window's widgets, whose destructors then wait for a Qt lock the GUI thread holds while it
    waits for the GIL the worker holds: the app (and a test) hangs for good. Seen in this project's own suite,
    a 2-D lab training thread destroying a closed window's QAction. pyqtgraph's ``GarbageCollector`` moves
    collection to the GUI thread for good; this does the same (same thresholds, on a 1 s timer) only while jobs
    run, and gives collection back to Python when none does.
    """

    INTERVAL_MS = 1000

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, interval=self.INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._disabled_here = False

    def hold(self, workers_running: bool) -> None:
        if workers_running and not self._disabled_here and gc.isenabled():
            gc.disable()
            self._disabled_here = True
            self._timer.start()
        elif not workers_running and self._disabled_here:
            self._timer.stop()
            self._disabled_here = False
            gc.enable()

    def collect(self) -> None:
        """Collect each generation whose count has passed Python's own threshold, as automatic collection would."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in range(3):
            if counts[generation] <= thresholds[generation]:
                break
            gc.collect(generation)


class JobRunner(QObject):
    """Starts jobs by name and tells, on the GUI thread, when one ends or fails."""

    finished = Signal(str)       # the job's name
    failed = Signal(str, str, str)  # message for a person, traceback for the log, the error's class name

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.handles: dict[str, WorkerHandle] = {}
        # A job counts as running until its end has been handled here, on the GUI thread: by then
        # every signal it sent earlier (its result included) has been delivered too.
        self._active: set[str] = set()
        self.collector = GuiThreadCollector(self)

    def start(self, name: str, job, threads: int | None = None, finish_on_stop: bool = False) -> GeneratorWorker:
        """Run ``job`` in a new thread under ``name``; refused while a job of that name still runs, since
        replacing its handle would drop the last reference to a running QThread (Qt aborts the process)."""
        previous = self.handles.get(name)
        if name in self._active or (previous is not None and previous.is_running()):
            raise RuntimeError(f"a {name} job is still running: stop it or wait for it before starting another")
        worker = GeneratorWorker(job, threads=threads, finish_on_stop=finish_on_stop)
        handle = WorkerHandle(worker, name)
        self.handles[name] = handle
        self._active.add(name)
        self.collector.hold(True)
        worker.errored.connect(self.failed)  # signal to signal: queued to this object's (GUI) thread
        worker.finished.connect(self._worker_finished)
        handle.start()
        return worker

    def _worker_finished(self) -> None:
        worker = self.sender()
        name = next((n for n, h in self.handles.items() if h.worker is worker), "")
        if name:
            self.handles[name].thread.wait(1000)  # the thread ends right after the worker's last signal
            self._active.discard(name)
        self.collector.hold(bool(self._active))
        self.finished.emit(name)

    def busy(self, name: str | None = None) -> bool:
        return name in self._active if name else bool(self._active)

    def stop_all(self) -> None:
        """Ask every running job to stop; they end between two steps and keep their results."""
        for handle in self.handles.values():
            if handle.is_running():
                handle.worker.stop()

    def shutdown(self, timeout_ms: int = STOP_TIMEOUT_MS) -> None:
        """Stop and join every worker thread, all asked at once so their waits overlap."""
        self.stop_all()
        for name, handle in list(self.handles.items()):
            if not handle.stop(timeout_ms):
                # Never destroy a running QThread (that aborts the process): give it longer, and say so.
                log.warning("%s thread did not stop within %d ms; waiting longer", name, timeout_ms)
                handle.thread.wait(15_000)
        self.collector.hold(any(handle.is_running() for handle in self.handles.values()))
