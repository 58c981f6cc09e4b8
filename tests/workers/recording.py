"""What a worker sends, as a window gets it: the shared recorder of the worker tests."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from diffviz.workers.base import GeneratorWorker

WAIT_MS = 3000  # how long a test waits for an end that takes milliseconds when things work


class Recorder(QObject):
    """A worker's signals as a window gets them: queued to the GUI thread, in the order they arrive.

    ``events`` holds ``(signal name, arguments)`` for every signal, so a test can check the order
    (every ``yielded`` before ``returned``, ``finished`` last)."""

    def __init__(self, worker: GeneratorWorker) -> None:
        super().__init__()
        self.events: list[tuple[str, tuple]] = []
        worker.yielded.connect(self._on_yielded)
        worker.returned.connect(self._on_returned)
        worker.errored.connect(self._on_errored)
        worker.finished.connect(self._on_finished)

    @Slot(object)
    def _on_yielded(self, value) -> None:
        self.events.append(("yielded", (value,)))

    @Slot(object)
    def _on_returned(self, value) -> None:
        self.events.append(("returned", (value,)))

    @Slot(str, str, str)
    def _on_errored(self, message: str, trace: str, kind: str) -> None:
        self.events.append(("errored", (message, trace, kind)))

    @Slot()
    def _on_finished(self) -> None:
        self.events.append(("finished", ()))

    def signals(self) -> list[str]:
        return [name for name, _ in self.events]

    def values(self, name: str) -> list:
        """The arguments of every ``name`` signal (the single argument itself for one-argument signals)."""
        return [args[0] if len(args) == 1 else args for n, args in self.events if n == name]

    @property
    def yielded(self) -> list:
        return self.values("yielded")

    def of_type(self, kind: type) -> list:
        """The yielded messages of one type, in order."""
        return [value for value in self.yielded if isinstance(value, kind)]

    @property
    def returned(self) -> list:
        return self.values("returned")

    @property
    def errors(self) -> list[tuple[str, str, str]]:
        return self.values("errored")

    @property
    def finished(self) -> int:
        return self.signals().count("finished")
