"""Running a generator in a QThread, the way superqt's GeneratorWorker does it.

The worker is a QObject moved to a QThread: ``thread.started -> worker.run``,
``worker.finished -> thread.quit``, and both are deleted later. The work is a generator;
between two yields the worker checks the stop flag and the pause flag, so stopping
never kills a thread mid-step. Exceptions become an ``errored(message, traceback, kind)``
signal and are logged; the app stays usable.

``WorkerHandle`` keeps the Python references to both objects (dropping them is what
causes "QThread: Destroyed while thread is still running") and offers ``stop()``
with a timed ``wait``; nothing ever calls ``terminate()``.
"""

from __future__ import annotations

import logging
import threading
import traceback
import types
from typing import Any, Callable, Iterator

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from diffviz.core.errors import DiffvizError

log = logging.getLogger(__name__)


class GeneratorWorker(QObject):
    """Runs ``job(worker)``: a generator is driven to exhaustion (each yielded value is emitted as
    ``yielded``, its return value as ``returned``); a plain function's result is ``returned``.

    A plain-function job reports progress by emitting ``worker.yielded`` itself (signals may
    be emitted from any thread) and checks ``worker.stop_event`` for cancellation.
    """

    yielded = Signal(object)
    returned = Signal(object)
    errored = Signal(str, str, str)  # message for a person, traceback for the log, the error's class name
    finished = Signal()

    def __init__(self, make_generator: Callable[["GeneratorWorker"], Iterator[Any]],
                 threads: int | None = None, finish_on_stop: bool = False) -> None:
        """``finish_on_stop``: on stop, let the generator run on to its own return (it watches
        ``stop_event`` itself and returns a partial result, e.g. the weights trained so far)
        instead of closing it at the next yield."""
        super().__init__()
        self._finish_on_stop = finish_on_stop
        self._make_generator = make_generator
        self._threads = threads
        self.stop_event = threading.Event()
        self._resume = threading.Event()
        self._resume.set()

    # Called from the GUI thread; they only flip flags, so they are safe across threads.
    def stop(self) -> None:
        self.stop_event.set()
        self._resume.set()

    def pause(self) -> None:
        self._resume.clear()

    def resume(self) -> None:
        self._resume.set()

    @property
    def paused(self) -> bool:
        return not self._resume.is_set()

    def should_stop(self) -> bool:
        return self.stop_event.is_set()

    def wait_if_paused(self) -> None:
        while not self._resume.wait(0.1):
            if self.stop_event.is_set():
                return

    @Slot()
    def run(self) -> None:
        value = None
        try:
            if self._threads:
                import torch  # per thread: torch's intra-op thread count does not carry across threads

                torch.set_num_threads(self._threads)
            generator = self._make_generator(self)
            if not isinstance(generator, types.GeneratorType):
                self.returned.emit(None if self.stop_event.is_set() else generator)
                return
            while True:
                self.wait_if_paused()
                if self.stop_event.is_set() and not self._finish_on_stop:
                    generator.close()
                    break
                try:
                    item = next(generator)
                except StopIteration as done:
                    value = done.value
                    break
                if item is not None:
                    self.yielded.emit(item)
            self.returned.emit(value)
        except DiffvizError as exc:
            log.warning("worker stopped: %s", exc)
            self.errored.emit(str(exc), traceback.format_exc(), type(exc).__name__)
        except Exception as exc:  # a bug: show it, log it, keep the app alive
            log.exception("worker failed")
            self.errored.emit(f"{type(exc).__name__}: {exc}", traceback.format_exc(), type(exc).__name__)
        finally:
            self.finished.emit()


class WorkerHandle:
    """Owns a worker and its thread; start it, pause it, stop it and join it."""

    def __init__(self, worker: GeneratorWorker, name: str = "worker") -> None:
        self.worker = worker
        self.thread = QThread()
        self.thread.setObjectName(name)
        worker.moveToThread(self.thread)
        self.thread.started.connect(worker.run)
        # quit() is thread-safe; calling it directly from the worker ends the thread's event loop
        # without waiting for the GUI thread to get round to a queued call.
        worker.finished.connect(self.thread.quit, Qt.DirectConnection)

    def start(self) -> "WorkerHandle":
        self.thread.start()
        return self

    def is_running(self) -> bool:
        return self.thread.isRunning()

    def stop(self, timeout_ms: int = 3000) -> bool:
        """Ask the worker to stop and wait for its thread; True when it has ended."""
        self.worker.stop()
        if not self.thread.isRunning():
            return True
        return self.thread.wait(timeout_ms)
