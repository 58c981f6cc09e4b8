"""The app's running jobs: one named worker thread each (train, sample, export), started,
stopped and joined in one place.

Why a separate object: thread lifetime has rules that are easy to break from a window —
keep Python references until the thread ends, connect worker signals to methods of a
QObject that lives on the GUI thread (a lambda would run in the worker thread), and never
let a running QThread be destroyed. ``JobRunner`` lives on the GUI thread and re-emits a
worker's end and errors as its own signals.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from diffviz.workers.base import GeneratorWorker, WorkerHandle

log = logging.getLogger(__name__)

STOP_TIMEOUT_MS = 2500


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
