"""One job's callbacks: a handler per message type for what it yields, one for what it returns.

Why: the window used to connect every worker to a few catch-all slots that each walked an
``isinstance`` ladder over every message type (and ignored the ones meant for another slot).
Like Orange's ``ConcurrentMixin`` (``on_partial_result`` / ``on_done`` per task), each job is
started here with its own table, so a message type has exactly one handler and adding one is
one line where the job is started.

Thread rules (see ``job_runner``): the worker's signals are connected to slots of this QObject,
which lives on the GUI thread, so handlers run there, never in the worker's thread. The job is
held at its start until those connections exist (``gate``), so not even its first message can
be emitted to nobody.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Callable, Mapping, Protocol

from PySide6.QtCore import QObject, Slot

from diffviz.workers.base import GeneratorWorker

log = logging.getLogger(__name__)

Handler = Callable[[Any], None]
Job = Callable[[GeneratorWorker], Any]
ATTACH_TIMEOUT_S = 5.0  # a job whose callbacks never attach (a bug) runs on unheard rather than hang


class JobCallbacks(QObject):
    """``on_message[type(item)](item)`` for each yielded item, ``on_done(result)`` for the returned value
    (None when the job was stopped)."""

    def __init__(self, on_message: Mapping[type, Handler], on_done: Handler | None = None) -> None:
        super().__init__()
        self._on_message = dict(on_message)
        self._on_done = on_done
        self._attached = threading.Event()

    def gate(self, job: Job) -> Job:
        """``job``, made to wait in its worker thread until ``attach`` has connected the worker."""

        def gated(worker: GeneratorWorker) -> Any:
            if not self._attached.wait(ATTACH_TIMEOUT_S):
                log.warning("a job started before its callbacks were attached")
            return job(worker)

        return gated

    def attach(self, worker: GeneratorWorker) -> None:
        worker.yielded.connect(self.message)
        worker.returned.connect(self.done)
        self._attached.set()

    @Slot(object)
    def message(self, item: object) -> None:
        handler = self._on_message.get(type(item))
        if handler is None:
            log.debug("no handler for %s", type(item).__name__)
            return
        handler(item)

    @Slot(object)
    def done(self, result: object) -> None:
        if self._on_done is not None:
            self._on_done(result)


class StartJob(Protocol):
    """Start a named job with its callbacks (``MainWindow.start_job``); False when one of that name runs."""

    def __call__(self, name: str, job: Job, on: Mapping[type, Handler] | None = None,
                 on_done: Handler | None = None, *, progress: int | None = None, threads: int | None = None,
                 finish_on_stop: bool = False) -> bool: ...
